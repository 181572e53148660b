package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The zero-config repository layout: every folder holding a Compose file is one app, named after
 * the folder as {@code docker compose} would name its project, so that what Driftless deploys
 * shows up in {@code docker compose ls} under the name the user expects. A Compose file at the
 * root is one app named after the repository.
 *
 * <p>The rules follow Compose v2: in one folder the first of {@code compose.yaml},
 * {@code compose.yml}, {@code docker-compose.yml}, {@code docker-compose.yaml} is the app's file;
 * names are lower-cased, stripped of anything but {@code [a-z0-9_-]} and of leading {@code _} and
 * {@code -}. Folders and files whose path has a segment starting with {@code .} ({@code .git},
 * {@code .github}) are skipped. The folder's first override file ({@code compose.override.yml},
 * {@code compose.override.yaml}, {@code docker-compose.override.yml},
 * {@code docker-compose.override.yaml}) is merged over the Compose file, as {@code docker compose}
 * does when no {@code -f} is given.
 */
public final class AppLayout {

  /** In Compose v2's order of preference (compose-go's {@code DefaultFileNames}). */
  public static final List<String> COMPOSE_FILE_NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  static final List<String> OVERRIDE_FILE_NAMES =
      List.of(
          "compose.override.yml",
          "compose.override.yaml",
          "docker-compose.override.yml",
          "docker-compose.override.yaml");

  private AppLayout() {}

  /**
   * The apps of {@code tree}.
   *
   * @param repoName the repository's name (without {@code .git}), naming an app at the root
   */
  public static DiscoveredApps discover(RepoTree tree, String repoName) {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(repoName, "repoName");
    Map<String, List<AppLocation>> byName = new TreeMap<>();
    Map<String, List<ManifestProblem>> failures = new TreeMap<>();
    composeFilesByDirectory(tree).forEach((directory, files) -> {
      Optional<String> chosen = COMPOSE_FILE_NAMES.stream().filter(files::contains).findFirst();
      if (chosen.isEmpty()) {
        return; // an override file alone is not an app, for Compose either
      }
      String composeFile = directory.isEmpty() ? chosen.get() : directory + "/" + chosen.get();
      String folder =
          directory.isEmpty() ? repoName : directory.substring(directory.lastIndexOf('/') + 1);
      String name = projectName(folder);
      if (name.isEmpty()) {
        failures.put(composeFile, List.of(ManifestProblem.inFile(composeFile, "no app name can be "
            + "derived from '" + folder + "': an app is named after its folder (the repository for "
            + "the root), lower-cased, keeping only a-z, 0-9, '_' and '-'; rename the folder")));
        return;
      }
      String prefix = directory.isEmpty() ? "" : directory + "/";
      Optional<String> override =
          OVERRIDE_FILE_NAMES.stream().filter(files::contains).findFirst().map(prefix::concat);
      byName.computeIfAbsent(name, key -> new ArrayList<>())
          .add(new AppLocation(name, directory, composeFile, override));
    });
    List<AppLocation> apps = new ArrayList<>();
    byName.forEach((name, candidates) -> {
      if (candidates.size() > 1) {
        failures.put(name, clash(name, candidates));
      } else {
        apps.add(candidates.get(0));
      }
    });
    return new DiscoveredApps(apps, failures);
  }

  /**
   * The Compose project name for a folder called {@code folder}, normalised as Compose does;
   * empty when nothing usable is left.
   */
  public static String projectName(String folder) {
    String kept = folder.toLowerCase(Locale.ROOT).chars()
        .filter(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    int start = 0;
    while (start < kept.length() && (kept.charAt(start) == '_' || kept.charAt(start) == '-')) {
      start++;
    }
    return kept.substring(start);
  }

  /** The Compose file names (main or override) found in each visible directory. */
  private static Map<String, Set<String>> composeFilesByDirectory(RepoTree tree) {
    Map<String, Set<String>> byDirectory = new TreeMap<>();
    for (String path : tree.paths()) {
      if (isHidden(path)) {
        continue;
      }
      int slash = path.lastIndexOf('/');
      String file = path.substring(slash + 1);
      if (COMPOSE_FILE_NAMES.contains(file) || OVERRIDE_FILE_NAMES.contains(file)) {
        String directory = slash < 0 ? "" : path.substring(0, slash);
        byDirectory.computeIfAbsent(directory, key -> new TreeSet<>()).add(file);
      }
    }
    return byDirectory;
  }

  private static boolean isHidden(String path) {
    for (String segment : path.split("/")) {
      if (segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<ManifestProblem> clash(String name, List<AppLocation> candidates) {
    String folders = candidates.stream()
        .map(candidate -> "'" + candidate.directory() + "'")
        .collect(Collectors.joining(", "));
    return candidates.stream()
        .map(candidate -> ManifestProblem.inFile(candidate.composeFile(),
            "app name '" + name + "' is claimed by several folders (" + folders + "); rename all "
                + "but one, since two apps cannot share a Compose project name"))
        .toList();
  }

}
