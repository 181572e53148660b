package dev.driftless.manifests.compose;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one Compose file into a {@link DesiredApp}, or fails with every problem it holds, each
 * with its file, line and column.
 *
 * <p>The text comes from a git repository anyone with push access can write to, so it is parsed
 * safely: only SnakeYAML's composer runs, so no object is ever constructed from the text; tags
 * other than plain YAML types are refused; size, nesting and aliases are bounded. Only what Driftless can
 * honour is accepted: a key it does not support is refused, never ignored, because deploying a
 * file that means something else than it says is worse than not deploying it.
 *
 * <p>Supported at this stage: top-level {@code services}, {@code version} (obsolete, ignored),
 * {@code name} (accepted; the app name comes from the folder) and {@code x-*} extensions; per
 * service {@code image}, {@code command}, {@code environment}, {@code ports}, {@code labels} and
 * {@code x-*}. Anchors, aliases and merge keys work as in Compose. Values (never keys) are
 * interpolated as Compose does (see {@link Interpolation}), from the variables given and nothing
 * else: never the process environment, so that a commit renders the same on every host.
 *
 * <p>Pure and thread-safe: no I/O, no shared state.
 */
public final class ComposeReader {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /**
   * An app read, and what is worth telling about it though it read: each variable used while
   * unset, which became an empty string as in Compose.
   *
   * @param app the app
   * @param warnings the warnings, sorted by position
   */
  public record Result(DesiredApp app, List<ManifestProblem> warnings) {

    public Result {
      Objects.requireNonNull(app, "app");
      warnings = List.copyOf(warnings);
    }
  }

  /** Like {@link #read(String, String, String, Map)} with no variable set. */
  public DesiredApp read(String appName, String file, String yamlText) throws ManifestException {
    return read(appName, file, yamlText, Map.of());
  }

  /**
   * Reads {@code yamlText} as the Compose file of app {@code appName}, dropping the warnings.
   *
   * @see #readWithWarnings
   */
  public DesiredApp read(String appName, String file, String yamlText,
      Map<String, String> variables) throws ManifestException {
    return readWithWarnings(appName, file, yamlText, variables).app();
  }

  /**
   * Reads {@code yamlText} as the Compose file of app {@code appName}.
   *
   * @param appName the app (Compose project) name; must satisfy {@link DesiredApp#isValidName}
   * @param file the file's repo-relative path, used in problems
   * @param yamlText the file's content
   * @param variables the variables values are interpolated from, such as the app's {@code .env}
   * @throws ManifestException with every problem found, sorted by position
   */
  public Result readWithWarnings(String appName, String file, String yamlText,
      Map<String, String> variables) throws ManifestException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(yamlText, "yamlText");
    if (!DesiredApp.isValidName(Objects.requireNonNull(appName, "appName"))) {
      throw new IllegalArgumentException("'" + appName + "' is not a valid app name");
    }
    ProblemCollector problems = new ProblemCollector(file);
    String text = !yamlText.isEmpty() && yamlText.charAt(0) == BYTE_ORDER_MARK
        ? yamlText.substring(1)
        : yamlText;
    Optional<Node> root = SafeYaml.compose(text, problems);
    List<DesiredService> services = new ArrayList<>();
    if (root.isPresent()) {
      services = services(root.get(), new FieldReader(problems, new Interpolation(variables)));
    } else if (problems.count() == 0) {
      problems.atStart("the file is empty: a Compose file needs a 'services' mapping");
    }
    problems.throwIfAny();
    return new Result(new DesiredApp(appName, services), problems.warnings());
  }

  private static List<DesiredService> services(Node root, FieldReader fields) {
    List<DesiredService> services = new ArrayList<>();
    if (!(root instanceof MappingNode)) {
      fields.problems().at(root, "a Compose file must be a mapping with a 'services' key, found "
          + FieldReader.describe(root));
      return services;
    }
    boolean hasServices = false;
    for (YamlMapping.Entry entry : fields.mapping(root, "the top level").orElse(List.of())) {
      switch (entry.key()) {
        case "services" -> {
          hasServices = true;
          fields.mapping(entry.value(), "services").ifPresent(declared -> {
            ServiceReader reader = new ServiceReader(fields);
            for (YamlMapping.Entry service : declared) {
              reader
                  .read(service.key(), service.keyNode(), service.value())
                  .ifPresent(services::add);
            }
          });
        }
        case "version", "name" -> {
          // version is obsolete in the Compose specification; the app name comes from the folder.
        }
        default -> unsupported(entry, fields.problems());
      }
    }
    if (!hasServices) {
      fields.problems().at(root, "the file has no 'services' mapping: a Compose file must declare "
          + "its services");
    }
    return services;
  }

  private static void unsupported(YamlMapping.Entry entry, ProblemCollector problems) {
    String key = entry.key();
    if (ComposeKeys.isExtension(key)) {
      return;
    }
    if (ComposeKeys.TOP_LEVEL.contains(key)) {
      problems.at(entry.keyNode(),
          "unsupported top-level key '" + key + "' (Driftless does not support it yet)");
    } else {
      problems.at(entry.keyNode(), ComposeKeys.unknownTopLevelKey(key));
    }
  }
}
