package dev.driftless.manifests.compose;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.SourcePosition;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * service {@code image}, {@code build} and {@code pull_policy} (see {@code BuildReader}),
 * {@code command}, {@code environment}, {@code env_file}, {@code ports}, {@code labels},
 * the runtime keys of {@link RuntimeOptionsReader#KEYS} and {@code x-*} (docs/compose-support.md
 * lists them key by key). Anchors, aliases and merge keys work as in Compose. Values (never keys) are
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
   * @param ports where each service's {@code ports} were written, by service name, for checks
   *     across services and apps (two of them publishing one host port)
   * @param hostAccess what the deployed services ask of the host (privileges, host namespaces,
   *     host paths bound), with where, for the repository's policies to allow or refuse
   * @param profiles every profile a service of the files is in, deployed or not, sorted
   */
  public record Result(DesiredApp app, List<ManifestProblem> warnings,
      Map<String, SourcePosition> ports, List<HostAccess> hostAccess, Set<String> profiles) {

    public Result {
      Objects.requireNonNull(app, "app");
      warnings = List.copyOf(warnings);
      ports = Map.copyOf(ports);
      hostAccess = List.copyOf(hostAccess);
      profiles = Collections.unmodifiableSortedSet(new TreeSet<>(profiles));
    }

    public Result(DesiredApp app, List<ManifestProblem> warnings) {
      this(app, warnings, Map.of(), List.of(), Set.of());
    }
  }

  /**
   * One Compose file of an app.
   *
   * @param path the file's repo-relative path, used in problems
   * @param text the file's content
   */
  public record ComposeFile(String path, String text) {

    public ComposeFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
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
    return readWithWarnings(appName, List.of(new ComposeFile(file, yamlText)),
        EnvValues.of(variables), EnvFiles.NONE, BuildContexts.NONE, ProjectFiles.NONE);
  }

  /**
   * Reads {@code yamlText} as the Compose file of app {@code appName}, resolving relative bind
   * sources and secret and config files in {@code files}.
   */
  public Result readWithWarnings(String appName, String file, String yamlText,
      Map<String, String> variables, ProjectFiles files) throws ManifestException {
    return readWithWarnings(appName, List.of(new ComposeFile(file, yamlText)),
        EnvValues.of(variables), EnvFiles.NONE, BuildContexts.NONE, files);
  }

  /** Like the full form below, for one file and with no file of the repository to mount. */
  public Result readWithWarnings(String appName, String file, String yamlText,
      EnvValues variables, EnvFiles envFiles, BuildContexts contexts) throws ManifestException {
    return readWithWarnings(appName, List.of(new ComposeFile(file, yamlText)), variables,
        envFiles, contexts, ProjectFiles.NONE);
  }

  /** Like the full form below, with nothing of the repository around the files. */
  public Result readWithWarnings(String appName, List<ComposeFile> files,
      Map<String, String> variables) throws ManifestException {
    return readWithWarnings(appName, files, EnvValues.of(variables), EnvFiles.NONE,
        BuildContexts.NONE, ProjectFiles.NONE);
  }

  /**
   * Reads the Compose files of app {@code appName}, merged in order as
   * {@code docker compose -f first -f second} merges them (see {@link ComposeMerge}), with what
   * they may refer to in the repository: the services' {@code env_file:} entries through
   * {@code envFiles}, their build contexts (checked and fingerprinted) in {@code contexts}, and
   * relative bind sources and secret and config files in {@code projectFiles}. Every problem
   * names the file it is in.
   *
   * @param appName the app (Compose project) name; must satisfy {@link DesiredApp#isValidName}
   * @param files the files, at least one, in the order they override each other
   * @param variables the variables values are interpolated from, such as the app's {@code .env};
   *     those among its {@link EnvValues#secretKeys()} may only go into environment values, which
   *     are then marked secret
   * @throws ManifestException with every problem found, sorted by file and position
   */
  public Result readWithWarnings(String appName, List<ComposeFile> files, EnvValues variables,
      EnvFiles envFiles, BuildContexts contexts, ProjectFiles projectFiles)
      throws ManifestException {
    return readWithWarnings(appName, files, variables, envFiles, contexts, projectFiles,
        Set.of());
  }

  /**
   * Like the form above, with the Compose profiles {@code activeProfiles} active, as
   * {@code docker compose --profile NAME} activates them: a service in one of them is deployed,
   * as is every service in no profile; a service only in other profiles is left out, with a
   * warning. A profile no service is in is not an error, as in Compose.
   */
  public Result readWithWarnings(String appName, List<ComposeFile> files, EnvValues variables,
      EnvFiles envFiles, BuildContexts contexts, ProjectFiles projectFiles,
      Set<String> activeProfiles) throws ManifestException {
    Objects.requireNonNull(activeProfiles, "activeProfiles");
    if (files.isEmpty()) {
      throw new IllegalArgumentException("an app needs a Compose file");
    }
    Objects.requireNonNull(contexts, "contexts");
    if (!DesiredApp.isValidName(Objects.requireNonNull(appName, "appName"))) {
      throw new IllegalArgumentException("'" + appName + "' is not a valid app name");
    }
    ProblemCollector problems = new ProblemCollector(files.get(0).path());
    List<Node> roots = new ArrayList<>();
    for (ComposeFile file : files) {
      String text = file.text();
      if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
        text = text.substring(1);
      }
      int before = problems.count();
      Optional<Node> root = SafeYaml.compose(file.path(), text, problems);
      root.ifPresent(roots::add);
      if (root.isEmpty() && problems.count() == before) {
        problems.at(SafeYaml.markAt(file.path(), text, 0),
            "the file is empty: a Compose file needs a 'services' mapping");
      }
    }
    List<DesiredService> services = new ArrayList<>();
    Map<String, SourcePosition> ports = new TreeMap<>();
    HostAccesses hostAccess = new HostAccesses(problems);
    Profiles profiles = new Profiles(Set.copyOf(activeProfiles));
    if (problems.count() == 0) {
      Node root = roots.size() == 1 ? roots.get(0) : ComposeMerge.merge(roots, problems);
      FieldReader fields = new FieldReader(problems,
          new Interpolation(variables.variables()), variables.secretKeys());
      services = services(root, fields, envFiles,
          new BuildReader(fields, contexts, appName, files.get(0).path()), projectFiles,
          hostAccess, profiles);
      ports = portPositions(root, problems);
    }
    problems.throwIfAny();
    java.util.Set<String> deployed = new java.util.HashSet<>();
    services.forEach(service -> deployed.add(service.name()));
    return new Result(new DesiredApp(appName, services), problems.warnings(), ports,
        hostAccess.of(deployed), profiles.declared());
  }

  /** Where each service's {@code ports} value starts. */
  private static Map<String, SourcePosition> portPositions(Node root, ProblemCollector problems) {
    Map<String, SourcePosition> positions = new TreeMap<>();
    ProblemCollector ignored = new ProblemCollector(problems.file());
    for (YamlMapping.Entry top : entries(root, ignored)) {
      if (top.key().equals("services")) {
        for (YamlMapping.Entry service : entries(top.value(), ignored)) {
          for (YamlMapping.Entry field : entries(service.value(), ignored)) {
            if (field.key().equals("ports")) {
              positions.put(service.key(), problems.position(field.value()));
            }
          }
        }
      }
    }
    return positions;
  }

  private static List<YamlMapping.Entry> entries(Node node, ProblemCollector problems) {
    return node instanceof MappingNode mapping
        ? YamlMapping.entries(mapping, "", problems)
        : List.of();
  }

  private static List<DesiredService> services(Node root, FieldReader fields,
      EnvFiles envFiles, BuildReader builds, ProjectFiles files, HostAccesses hostAccess,
      Profiles profiles) {
    List<DesiredService> services = new ArrayList<>();
    if (!(root instanceof MappingNode)) {
      fields.problems().at(root, "a Compose file must be a mapping with a 'services' key, found "
          + FieldReader.describe(root));
      return services;
    }
    boolean hasServices = false;
    List<YamlMapping.Entry> topLevel = fields.mapping(root, "the top level").orElse(List.of());
    Declarations declarations = declarations(topLevel, fields, new RepoPaths(fields, files));
    for (YamlMapping.Entry entry : topLevel) {
      switch (entry.key()) {
        case "services" -> {
          hasServices = true;
          fields.mapping(entry.value(), "services").ifPresent(declared -> {
            Dependencies dependencies = new Dependencies(fields.problems(), profiles);
            ServiceReader reader = new ServiceReader(fields, dependencies, envFiles, builds,
                new AttachmentsReader(fields, declarations, new RepoPaths(fields, files),
                    hostAccess), hostAccess, profiles);
            for (YamlMapping.Entry service : declared) {
              reader
                  .read(service.key(), service.keyNode(), service.value())
                  .ifPresent(services::add);
            }
            dependencies.check();
          });
        }
        case "networks", "volumes", "secrets", "configs" -> {
          // read first, into the declarations the services refer to
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

  private static Declarations declarations(
      List<YamlMapping.Entry> topLevel, FieldReader fields, RepoPaths repo) {
    Map<String, Node> byKey = new java.util.HashMap<>();
    topLevel.forEach(entry -> byKey.put(entry.key(), entry.value()));
    DeclarationsReader reader = new DeclarationsReader(fields, repo);
    java.util.Set<String> serviceNames = new java.util.HashSet<>();
    Optional.ofNullable(byKey.get("services")).filter(MappingNode.class::isInstance)
        .ifPresent(node -> ((MappingNode) node).getValue().forEach(tuple -> {
          if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key) {
            serviceNames.add(key.getValue());
          }
        }));
    return new Declarations(
        reader.networks(Optional.ofNullable(byKey.get("networks"))),
        reader.volumes(Optional.ofNullable(byKey.get("volumes"))),
        reader.files(Optional.ofNullable(byKey.get("secrets")), "secrets"),
        reader.files(Optional.ofNullable(byKey.get("configs")), "configs"),
        serviceNames);
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
