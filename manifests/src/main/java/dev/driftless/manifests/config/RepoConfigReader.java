package dev.driftless.manifests.config;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.Suggestions;
import dev.driftless.manifests.compose.ProblemCollector;
import dev.driftless.manifests.compose.SafeYaml;
import dev.driftless.manifests.compose.YamlMapping;
import dev.driftless.manifests.model.DesiredApp;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code driftless.yaml} into a {@link RepoConfig}, or fails with every problem it holds,
 * each at its line and column: unknown keys (with the closest known one), wrong types, names that
 * refer to nothing declared, env and Compose files the repository does not hold, and apps whose
 * rendered names would clash.
 *
 * <p>The text is parsed as safely as a Compose file (see {@link SafeYaml}). Values are taken as
 * written, never interpolated.
 */
public final class RepoConfigReader {

  private static final List<String> TOP = List.of("apps", "environments", "targets", "groups",
      "policies");
  private static final List<String> APP = List.of("path", "compose", "environments", "targets",
      "groups", "prune", "selfHeal", "rollout", "profiles");
  private static final List<String> ROLLOUT = List.of("order", "healthDeadline", "minUptime");
  private static final List<String> ENVIRONMENT = List.of("envFiles", "hostVariables");
  private static final List<String> TARGET = List.of("host", "tls");
  private static final List<String> TLS = List.of("ca", "cert", "key");
  private static final List<String> GROUP = List.of("targets", "environment", "order");
  private static final List<String> POLICIES = List.of("allowedBindMounts", "allowPrivileged",
      "allowHostNetwork", "allowHostPid", "allowHostIpc");

  /** Environment, target and group names end up in project names: the same rules. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  /** Compose's rule for profile names. */
  private static final Pattern PROFILE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final Pattern VARIABLE = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

  private final ConfigFields fields;
  private final RepoFiles files;
  private final Map<String, EnvironmentConfig> environments = new LinkedHashMap<>();
  private final Map<String, TargetConfig> targets = new LinkedHashMap<>();
  private final Map<String, GroupConfig> groups = new LinkedHashMap<>();
  private final Map<String, AppConfig> apps = new LinkedHashMap<>();
  private final Map<String, Node> appNodes = new HashMap<>();
  private Policies policies = Policies.DENY_ALL;

  private RepoConfigReader(RepoFiles files) {
    this.fields = new ConfigFields(new ProblemCollector(RepoConfig.FILE));
    this.files = files;
    targets.put(TargetConfig.LOCAL, TargetConfig.local());
  }

  /**
   * Reads {@code text}, the content of {@link RepoConfig#FILE}.
   *
   * @param files the repository's other files, to check the paths the configuration names
   * @throws ManifestException with every problem found, sorted by position
   */
  public static RepoConfig read(String text, RepoFiles files) throws ManifestException {
    Objects.requireNonNull(text, "text");
    RepoConfigReader reader = new RepoConfigReader(Objects.requireNonNull(files, "files"));
    String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    Optional<Node> root = SafeYaml.compose(RepoConfig.FILE, body, reader.fields.problems());
    boolean discover = true;
    if (root.isPresent()) {
      discover = reader.readRoot(root.get());
    }
    reader.fields.problems().throwIfAny();
    return new RepoConfig(reader.apps, discover, reader.environments, reader.targets,
        reader.groups, reader.policies);
  }

  /** Reads the sections in the order they refer to each other; whether apps are discovered. */
  private boolean readRoot(Node root) {
    Map<String, YamlMapping.Entry> sections = new HashMap<>();
    for (YamlMapping.Entry entry : fields.mapping(root, "the top level of " + RepoConfig.FILE)) {
      if (TOP.contains(entry.key())) {
        sections.put(entry.key(), entry);
      } else {
        fields.unknownKey(entry, "the top level of " + RepoConfig.FILE, TOP);
      }
    }
    section(sections, "environments").ifPresent(this::environments);
    section(sections, "targets").ifPresent(this::targets);
    section(sections, "groups").ifPresent(this::groups);
    section(sections, "policies").ifPresent(this::policies);
    section(sections, "apps").ifPresent(this::apps);
    checkRenderedNames();
    return !sections.containsKey("apps");
  }

  private static Optional<Node> section(Map<String, YamlMapping.Entry> sections, String key) {
    return Optional.ofNullable(sections.get(key)).map(YamlMapping.Entry::value);
  }

  private void environments(Node node) {
    for (YamlMapping.Entry entry : fields.mapping(node, "environments")) {
      String path = "environments." + entry.key();
      checkName(entry, "environment");
      List<String> envFiles = new ArrayList<>();
      Set<String> hostVariables = new TreeSet<>();
      for (YamlMapping.Entry field : fields.mapping(entry.value(), path)) {
        String at = path + "." + field.key();
        switch (field.key()) {
          case "envFiles" -> fields.strings(field.value(), at).forEach(item ->
              relative(item, at).ifPresent(file -> {
                if (files.exists(file)) {
                  envFiles.add(file);
                } else {
                  fields.problems().at(item.node(), at + ": env file '" + file
                      + "' is not in the repository");
                }
              }));
          case "hostVariables" -> fields.strings(field.value(), at).forEach(item -> {
            if (VARIABLE.matcher(item.text()).matches()) {
              hostVariables.add(item.text());
            } else {
              fields.problems().at(item.node(), at + ": '" + item.text()
                  + "' is not a variable name ([_a-zA-Z][_a-zA-Z0-9]*)");
            }
          });
          default -> fields.unknownKey(field, path, ENVIRONMENT);
        }
      }
      environments.put(entry.key(), new EnvironmentConfig(entry.key(), envFiles, hostVariables));
    }
  }

  private void targets(Node node) {
    for (YamlMapping.Entry entry : fields.mapping(node, "targets")) {
      String path = "targets." + entry.key();
      checkName(entry, "target");
      Optional<URI> host = Optional.empty();
      Node hostNode = entry.keyNode();
      Optional<TargetConfig.TlsFiles> tls = Optional.empty();
      Node tlsNode = null;
      for (YamlMapping.Entry field : fields.mapping(entry.value(), path)) {
        String at = path + "." + field.key();
        switch (field.key()) {
          case "host" -> {
            hostNode = field.value();
            host = fields.string(field.value(), at).flatMap(text -> host(text, field.value(), at));
          }
          case "tls" -> {
            tlsNode = field.value();
            tls = tls(field.value(), at);
          }
          default -> fields.unknownKey(field, path, TARGET);
        }
      }
      if (host.isEmpty()) {
        if (hostNode == entry.keyNode()) {
          fields.problems().at(entry.keyNode(), path + " needs a host (unix:///var/run/"
              + "docker.sock or tcp://host:2376)");
        }
        continue;
      }
      if (tlsNode != null && !"tcp".equals(host.get().getScheme())) {
        fields.problems().at(tlsNode, path + ".tls needs a tcp:// host");
        continue;
      }
      if (tls.isPresent() || tlsNode == null) {
        targets.put(entry.key(), new TargetConfig(entry.key(), host.get(), tls));
      }
    }
  }

  private Optional<URI> host(String text, Node node, String path) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("unix") && uri.getPath() != null && uri.getPath().startsWith("/")
          && uri.getRawAuthority() == null) {
        return Optional.of(uri);
      }
      if (scheme.equals("tcp") && uri.getHost() != null && uri.getPort() > 0
          && (uri.getPath() == null || uri.getPath().isEmpty())) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    fields.problems().at(node, path + " must be unix:///path/to/docker.sock or tcp://host:port, "
        + "found '" + text + "'");
    return Optional.empty();
  }

  private Optional<TargetConfig.TlsFiles> tls(Node node, String path) {
    Map<String, String> paths = new HashMap<>();
    for (YamlMapping.Entry field : fields.mapping(node, path)) {
      if (TLS.contains(field.key())) {
        fields.string(field.value(), path + "." + field.key())
            .ifPresent(file -> paths.put(field.key(), file));
      } else {
        fields.unknownKey(field, path, TLS);
      }
    }
    List<String> missing = TLS.stream().filter(key -> !paths.containsKey(key)).toList();
    if (!missing.isEmpty()) {
      fields.problems().at(node, path + " needs " + String.join(", ", missing)
          + " (the CA, client certificate and key files on the Driftless host)");
      return Optional.empty();
    }
    return Optional.of(new TargetConfig.TlsFiles(paths.get("ca"), paths.get("cert"),
        paths.get("key")));
  }

  private void groups(Node node) {
    for (YamlMapping.Entry entry : fields.mapping(node, "groups")) {
      String path = "groups." + entry.key();
      checkName(entry, "group");
      List<String> members = new ArrayList<>();
      Optional<String> environment = Optional.empty();
      GroupConfig.Order order = GroupConfig.Order.SEQUENTIAL;
      boolean valid = true;
      for (YamlMapping.Entry field : fields.mapping(entry.value(), path)) {
        String at = path + "." + field.key();
        switch (field.key()) {
          case "targets" -> {
            for (ConfigFields.Item item : fields.strings(field.value(), at)) {
              valid &= reference(item, at, "target", targets.keySet());
              members.add(item.text());
            }
          }
          case "environment" -> {
            Optional<String> name = fields.string(field.value(), at);
            valid &= name.isPresent() && reference(new ConfigFields.Item(name.get(),
                field.value()), at, "environment", environments.keySet());
            environment = name;
          }
          case "order" -> {
            Optional<GroupConfig.Order> read = choice(field.value(), at, GroupConfig.Order.class);
            valid &= read.isPresent();
            order = read.orElse(order);
          }
          default -> fields.unknownKey(field, path, GROUP);
        }
      }
      if (members.isEmpty()) {
        fields.problems().at(entry.keyNode(), path + " needs targets");
      } else if (valid) {
        groups.put(entry.key(), new GroupConfig(entry.key(), members, environment, order));
      }
    }
  }

  private void policies(Node node) {
    List<String> bindMounts = new ArrayList<>();
    boolean[] allowed = new boolean[4];
    for (YamlMapping.Entry field : fields.mapping(node, "policies")) {
      String at = "policies." + field.key();
      int flag = POLICIES.indexOf(field.key()) - 1;
      if (field.key().equals("allowedBindMounts")) {
        for (ConfigFields.Item item : fields.strings(field.value(), at)) {
          String text = item.text();
          String trimmed = text.length() > 1 && text.endsWith("/")
              ? text.substring(0, text.length() - 1) : text;
          if (!text.startsWith("/") || text.contains("/../") || text.endsWith("/..")) {
            fields.problems().at(item.node(), at + ": '" + text
                + "' must be an absolute host path such as /srv/data");
          } else if (trimmed.contains("//") || trimmed.contains("/./") || trimmed.endsWith("/.")) {
            // Bind sources are compared once normalised: a prefix that is not would never match.
            fields.problems().at(item.node(), at + ": '" + text + "' must be written without "
                + "'.' segments or doubled '/', as the path it names");
          } else {
            bindMounts.add(text);
          }
        }
      } else if (flag >= 0) {
        fields.bool(field.value(), at).ifPresent(value -> allowed[flag] = value);
      } else {
        fields.unknownKey(field, "policies", POLICIES);
      }
    }
    policies = new Policies(bindMounts, allowed[0], allowed[1], allowed[2], allowed[3]);
  }

  private void apps(Node node) {
    for (YamlMapping.Entry entry : fields.mapping(node, "apps")) {
      String path = "apps." + entry.key();
      if (!DesiredApp.isValidName(entry.key())) {
        fields.problems().at(entry.keyNode(), "app name '" + entry.key() + "' is not a valid "
            + "Compose project name: use lower-case letters, digits, '_' and '-'");
        continue;
      }
      App app = new App(entry.key());
      List<ConfigFields.Item> compose = List.of();
      for (YamlMapping.Entry field : fields.mapping(entry.value(), path)) {
        String at = path + "." + field.key();
        switch (field.key()) {
          case "path" -> fields.string(field.value(), at)
              .flatMap(text -> relative(new ConfigFields.Item(text, field.value()), at))
              .ifPresentOrElse(folder -> app.folder = folder, () -> app.valid = false);
          case "compose" -> compose = fields.strings(field.value(), at);
          case "environments" -> app.environments = references(field.value(), at, "environment",
              environments.keySet(), app);
          case "targets" -> app.targets = references(field.value(), at, "target",
              targets.keySet(), app);
          case "groups" -> app.groups = references(field.value(), at, "group", groups.keySet(),
              app);
          case "prune" -> app.prune = flag(field.value(), at, app.prune, app);
          case "selfHeal" -> app.selfHeal = flag(field.value(), at, app.selfHeal, app);
          case "rollout" -> app.rollout = rollout(field.value(), at, app);
          case "profiles" -> app.profiles = profiles(field.value(), at);
          default -> fields.unknownKey(field, path, APP);
        }
      }
      List<String> composeFiles = composeFiles(app, compose, entry.keyNode(), path);
      if (!app.valid || composeFiles.isEmpty()) {
        continue;
      }
      AppConfig config = new AppConfig(app.name, app.folder, composeFiles, app.environments,
          app.targets, app.groups, new SyncPolicy(app.prune, app.selfHeal, app.rollout),
          app.profiles);
      if (checkEnvironmentsHaveTargets(config, entry.keyNode(), path)) {
        apps.put(app.name, config);
        appNodes.put(app.name, entry.keyNode());
      }
    }
  }

  /** Profile names, as Compose writes them, each once. */
  private List<String> profiles(Node node, String path) {
    Set<String> profiles = new java.util.LinkedHashSet<>();
    for (ConfigFields.Item item : fields.strings(node, path)) {
      if (!PROFILE.matcher(item.text()).matches()) {
        fields.problems().at(item.node(), path + ": '" + item.text() + "' is not a profile "
            + "name: use letters, digits, '_', '.' and '-', starting with a letter or a digit");
      } else if (!profiles.add(item.text())) {
        fields.problems().at(item.node(), path + " names '" + item.text() + "' twice");
      }
    }
    return List.copyOf(profiles);
  }

  /** The app's Compose files, each checked to exist; its folder's default when none is named. */
  private List<String> composeFiles(App app, List<ConfigFields.Item> named, Node at,
      String path) {
    String prefix = app.folder.isEmpty() ? "" : app.folder + "/";
    if (named.isEmpty()) {
      Optional<String> found = files.defaultComposeFile(app.folder);
      if (found.isEmpty()) {
        fields.problems().at(at, path + ": no Compose file (compose.yaml, docker-compose.yml, "
            + "...) in '" + (app.folder.isEmpty() ? "." : app.folder) + "'; name one with compose");
      }
      return found.map(List::of).orElse(List.of());
    }
    List<String> composeFiles = new ArrayList<>();
    for (ConfigFields.Item item : named) {
      Optional<String> file = relative(item, path + ".compose");
      if (file.isEmpty()) {
        continue;
      }
      if (files.exists(prefix + file.get())) {
        composeFiles.add(file.get());
      } else {
        fields.problems().at(item.node(), path + ".compose: '" + prefix + file.get()
            + "' is not in the repository");
        app.valid = false;
      }
    }
    return app.valid ? composeFiles : List.of();
  }

  private boolean checkEnvironmentsHaveTargets(AppConfig app, Node at, String path) {
    if (!app.targets().isEmpty() || app.groups().isEmpty()) {
      return true;
    }
    Set<String> covered = new TreeSet<>();
    app.groups().forEach(group -> groups.get(group).environment().ifPresent(covered::add));
    List<String> uncovered =
        app.environments().stream().filter(environment -> !covered.contains(environment))
            .toList();
    if (uncovered.isEmpty()) {
      return true;
    }
    fields.problems().at(at, path + ": environment '" + uncovered.get(0) + "' has no target: "
        + "list targets, or a group whose environment is '" + uncovered.get(0) + "'");
    return false;
  }

  /** Two deployments, of one app or of two, must not share a Compose project name. */
  private void checkRenderedNames() {
    RepoConfig config = new RepoConfig(apps, false, environments, targets, groups, policies);
    Map<String, String> owners = new HashMap<>();
    for (AppConfig app : apps.values()) {
      for (Deployment deployment : Deployment.of(config, app)) {
        String owner = owners.putIfAbsent(deployment.name(), app.name());
        if (owner != null && !owner.equals(app.name())) {
          fields.problems().at(appNodes.get(app.name()), "apps." + app.name() + " renders an app "
              + "named '" + deployment.name() + "', as apps." + owner + " does: rename one");
        }
      }
    }
  }

  private RolloutPolicy rollout(Node node, String path, App app) {
    RolloutPolicy.Order order = RolloutPolicy.DEFAULT.order();
    Optional<Duration> deadline = RolloutPolicy.DEFAULT.healthDeadline();
    Optional<Duration> uptime = RolloutPolicy.DEFAULT.minUptime();
    Node deadlineNode = node;
    int before = fields.problems().count();
    for (YamlMapping.Entry field : fields.mapping(node, path)) {
      String at = path + "." + field.key();
      switch (field.key()) {
        case "order" -> order = choice(field.value(), at, RolloutPolicy.Order.class).orElse(order);
        case "healthDeadline" -> {
          deadline = fields.duration(field.value(), at)
              .filter(value -> positive(value, field.value(), at));
          deadlineNode = field.value();
        }
        case "minUptime" -> uptime = fields.duration(field.value(), at);
        default -> fields.unknownKey(field, path, ROLLOUT);
      }
    }
    if (deadline.isPresent() && uptime.isPresent() && deadline.get().compareTo(uptime.get()) < 0) {
      fields.problems().at(deadlineNode, path + ".healthDeadline (" + words(deadline.get())
          + ") is shorter than minUptime (" + words(uptime.get()) + "): a container could never "
          + "prove healthy in time");
    }
    app.valid &= fields.problems().count() == before;
    return fields.problems().count() == before ? new RolloutPolicy(order, deadline, uptime)
        : RolloutPolicy.DEFAULT;
  }

  /** A duration as it could be written back: {@code 90s}, {@code 2m}. */
  private static String words(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private boolean positive(Duration value, Node node, String path) {
    if (value.isZero()) {
      fields.problems().at(node, path + " must be longer than 0s");
      return false;
    }
    return true;
  }

  private boolean flag(Node node, String path, boolean otherwise, App app) {
    Optional<Boolean> value = fields.bool(node, path);
    app.valid &= value.isPresent();
    return value.orElse(otherwise);
  }

  /** An enum constant written in lower case with dashes ({@code start-first}). */
  private <E extends Enum<E>> Optional<E> choice(Node node, String path, Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    Optional<String> text = fields.string(node, path);
    if (text.isPresent() && names.contains(text.get())) {
      return Optional.of(type.getEnumConstants()[names.indexOf(text.get())]);
    }
    text.ifPresent(value -> fields.problems().at(node, path + " must be one of "
        + String.join(", ", names) + ", found '" + value + "'"
        + Suggestions.didYouMean(value, names)));
    return Optional.empty();
  }

  private List<String> references(Node node, String path, String kind, Set<String> declared,
      App app) {
    List<String> names = new ArrayList<>();
    for (ConfigFields.Item item : fields.strings(node, path)) {
      if (names.contains(item.text())) {
        fields.problems().at(item.node(), path + " names " + kind + " '" + item.text()
            + "' twice");
        app.valid = false;
      } else if (reference(item, path, kind, declared)) {
        names.add(item.text());
      } else {
        app.valid = false;
      }
    }
    return names;
  }

  private boolean reference(ConfigFields.Item item, String path, String kind,
      Set<String> declared) {
    if (declared.contains(item.text())) {
      return true;
    }
    String suggestion = Suggestions.didYouMean(item.text(), new TreeSet<>(declared));
    fields.problems().at(item.node(), path + ": unknown " + kind + " '" + item.text() + "'"
        + (suggestion.isEmpty()
            ? (declared.isEmpty() ? " (none is declared)"
                : " (declared: " + String.join(", ", new TreeSet<>(declared)) + ")")
            : suggestion));
    return false;
  }

  private void checkName(YamlMapping.Entry entry, String kind) {
    if (!NAME.matcher(entry.key()).matches()) {
      fields.problems().at(entry.keyNode(), kind + " name '" + entry.key() + "' is not valid: "
          + "use lower-case letters, digits, '_' and '-', starting with a letter or a digit");
    }
  }

  /** A repo-relative path: {@code ./} and a trailing {@code /} dropped, never leaving the repo. */
  private Optional<String> relative(ConfigFields.Item item, String path) {
    String text = item.text();
    while (text.startsWith("./")) {
      text = text.substring(2);
    }
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.equals(".")) {
      text = "";
    }
    if (item.text().startsWith("/") || List.of(text.split("/")).contains("..")
        || text.contains("//")) {
      fields.problems().at(item.node(), path + ": '" + item.text() + "' must be a path inside "
          + "the repository, relative to its root, without '..'");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** An app while it is read. */
  private static final class App {
    final String name;
    String folder;
    List<String> environments = List.of();
    List<String> targets = List.of();
    List<String> groups = List.of();
    boolean prune = true;
    boolean selfHeal = true;
    RolloutPolicy rollout = RolloutPolicy.DEFAULT;
    List<String> profiles = List.of();
    boolean valid = true;

    App(String name) {
      this.name = name;
      this.folder = name;
    }
  }
}
