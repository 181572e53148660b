package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.RepoFiles;
import dev.driftless.manifests.model.ServiceNetwork;
import dev.driftless.manifests.model.VolumeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads what one service is attached to: {@code volumes}, {@code tmpfs}, {@code networks},
 * {@code network_mode}, {@code secrets} and {@code configs}, resolved against the top level's
 * {@link Declarations}, with Compose's rules (see {@code docs/compose-support.md}).
 */
final class AttachmentsReader {

  /** The service keys this reader handles. */
  static final Set<String> KEYS =
      Set.of("volumes", "tmpfs", "networks", "network_mode", "secrets", "configs");

  private static final Set<String> ACCESS_MODES = Set.of("ro", "rw");
  private static final Set<String> IGNORED_MODES = Set.of("cached", "delegated", "consistent");

  private final FieldReader fields;
  private final Values values;
  private final Declarations declared;
  private final RepoPaths repo;
  private final HostAccesses hostAccess;

  AttachmentsReader(FieldReader fields, Declarations declared, RepoPaths repo,
      HostAccesses hostAccess) {
    this.fields = fields;
    this.values = new Values(fields);
    this.declared = declared;
    this.repo = repo;
    this.hostAccess = hostAccess;
  }

  /**
   * The attachments of service {@code service} from its entries for {@link #KEYS}; problems go to
   * the collector and the parts in error are left out.
   */
  Attachments read(String service, Map<String, YamlMapping.Entry> entries) {
    String path = "services." + service;
    NetworkMode mode = NetworkMode.NETWORKS;
    YamlMapping.Entry modeEntry = entries.get("network_mode");
    if (modeEntry != null) {
      mode = networkMode(service, modeEntry.value(), path + ".network_mode")
          .orElse(NetworkMode.NETWORKS);
      if (mode.kind() == NetworkMode.Kind.HOST) {
        hostAccess.add(service, HostAccess.Kind.HOST_NETWORK, path + ".network_mode",
            modeEntry.keyNode());
      }
    }
    List<ServiceNetwork> networks = List.of();
    YamlMapping.Entry networksEntry = entries.get("networks");
    if (modeEntry != null && networksEntry != null) {
      fields.problems().at(modeEntry.keyNode(), path + ": 'network_mode' and 'networks' cannot "
          + "be combined (a container either joins networks or uses another network mode)");
    } else if (mode.kind() == NetworkMode.Kind.NETWORKS) {
      networks = networksEntry == null ? List.of(ServiceNetwork.plain(network("default")))
          : networks(networksEntry.value(), path + ".networks");
      if (networks.isEmpty()) {
        networks = List.of(ServiceNetwork.plain(network("default")));
      }
    }
    Map<String, Node> targets = new HashMap<>();
    List<Mount> mounts = new ArrayList<>();
    Mounts added = new Mounts(service, mounts, targets);
    optional(entries, "volumes").ifPresent(node -> volumes(node, path + ".volumes", added));
    optional(entries, "secrets").ifPresent(node ->
        files(node, path + ".secrets", declared.secrets(), "/run/secrets/", added));
    optional(entries, "configs").ifPresent(node ->
        files(node, path + ".configs", declared.configs(), "/", added));
    Map<String, String> tmpfs = optional(entries, "tmpfs")
        .map(node -> tmpfs(node, path + ".tmpfs", targets)).orElse(Map.of());
    return new Attachments(mode, networks, mounts, tmpfs);
  }

  private static Optional<Node> optional(Map<String, YamlMapping.Entry> entries, String key) {
    return Optional.ofNullable(entries.get(key)).map(YamlMapping.Entry::value);
  }

  private NetworkSpec network(String key) {
    return declared.networks().getOrDefault(key, NetworkSpec.DEFAULT);
  }

  private Optional<NetworkMode> networkMode(String service, Node node, String path) {
    return fields.string(node, path).flatMap(text -> {
      switch (text) {
        case "bridge" -> {
          return Optional.of(new NetworkMode(NetworkMode.Kind.BRIDGE, ""));
        }
        case "host" -> {
          return Optional.of(new NetworkMode(NetworkMode.Kind.HOST, ""));
        }
        case "none" -> {
          return Optional.of(new NetworkMode(NetworkMode.Kind.NONE, ""));
        }
        default -> {
          if (text.startsWith("service:") && text.length() > "service:".length()) {
            String other = text.substring("service:".length());
            if (other.equals(service) || !declared.services().contains(other)) {
              fields.problems().at(node, path + ": '" + other + "' is "
                  + (other.equals(service) ? "the service itself" : "not a service of this file"
                  + suggestion(other, declared.services())));
              return Optional.empty();
            }
            return Optional.of(new NetworkMode(NetworkMode.Kind.SERVICE, other));
          }
          if (text.startsWith("container:") && text.length() > "container:".length()) {
            return Optional.of(new NetworkMode(NetworkMode.Kind.CONTAINER,
                text.substring("container:".length())));
          }
          fields.problems().at(node, path + " must be bridge, host, none, service:NAME or "
              + "container:NAME, found '" + text + "' (to join a network, use 'networks')");
          return Optional.empty();
        }
      }
    });
  }

  private List<ServiceNetwork> networks(Node node, String path) {
    List<ServiceNetwork> joined = new ArrayList<>();
    if (FieldReader.isNull(node)) {
      return joined;
    }
    if (!Values.isMapping(node)) {
      List<Node> items = values.list(node, path);
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        String at = path + "[" + i + "]";
        fields.string(item, at)
            .flatMap(key -> declaredNetwork(key, item, at))
            .map(ServiceNetwork::plain)
            .ifPresent(joined::add);
      }
      return joined;
    }
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Optional<NetworkSpec> spec = declaredNetwork(entry.key(), entry.keyNode(), at);
      if (spec.isEmpty()) {
        continue;
      }
      List<String> aliases = new ArrayList<>();
      String ipv4 = "";
      String ipv6 = "";
      int priority = 0;
      if (!FieldReader.isNull(entry.value())) {
        for (YamlMapping.Entry key : fields.mapping(entry.value(), at).orElse(List.of())) {
          String field = at + "." + key.key();
          switch (key.key()) {
            case "aliases" -> {
              List<Node> items = values.list(key.value(), field);
              for (int i = 0; i < items.size(); i++) {
                fields.string(items.get(i), field + "[" + i + "]").ifPresent(aliases::add);
              }
            }
            case "ipv4_address" -> ipv4 = fields.string(key.value(), field).orElse("");
            case "ipv6_address" -> ipv6 = fields.string(key.value(), field).orElse("");
            case "priority" -> priority = fields.literal(key.value(), field, "a number")
                .flatMap(text -> integer(text, key.value(), field)).orElse(0);
            default -> values.unknownKey(key, at,
                "aliases, ipv4_address, ipv6_address and priority");
          }
        }
      }
      joined.add(new ServiceNetwork(spec.get(), aliases, ipv4, ipv6, priority));
    }
    return joined;
  }

  private Optional<Integer> integer(String text, Node node, String path) {
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      fields.problems().at(node, path + " must be a whole number, found '" + text + "'");
      return Optional.empty();
    }
  }

  private Optional<NetworkSpec> declaredNetwork(String key, Node node, String path) {
    NetworkSpec spec = declared.networks().get(key);
    if (spec == null) {
      fields.problems().at(node, path + ": network '" + key + "' is not declared in the "
          + "top-level 'networks'" + suggestion(key, declared.networks().keySet()));
      return Optional.empty();
    }
    return Optional.of(spec);
  }

  private void volumes(Node node, String path, Mounts added) {
    List<Node> items = values.list(node, path);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = path + "[" + i + "]";
      Optional<Mount> mount = Values.isMapping(item) ? longVolume(item, at)
          : fields.literal(item, at, "a volume such as \"data:/var/lib/data\" or a mapping")
              .flatMap(spec -> shortVolume(spec, item, at));
      mount.ifPresent(found -> add(found, item, at, added));
    }
  }

  /** The mounts of one service so far, and the node that mounted each target. */
  private record Mounts(String service, List<Mount> mounts, Map<String, Node> targets) {}

  /** Adds a mount unless its target is taken; a bind of a host path is a host access. */
  private void add(Mount mount, Node node, String path, Mounts added) {
    Node previous = added.targets().putIfAbsent(mount.target(), node);
    if (previous != null) {
      fields.problems().at(node, path + ": " + mount.target() + " is already mounted (line "
          + (previous.getStartMark().getLine() + 1) + ")");
      return;
    }
    added.mounts().add(mount);
    if (mount instanceof Mount.Bind bind && bind.source() instanceof BindSource.HostPath host) {
      hostAccess.bind(added.service(), host.path(), path, node);
    }
  }

  /** {@code [SOURCE:]TARGET[:MODE]}, as docker compose splits it on Linux. */
  private Optional<Mount> shortVolume(String spec, Node node, String path) {
    String[] parts = spec.split(":", -1);
    if (parts.length > 3 || spec.isEmpty()) {
      fields.problems().at(node, path + ": '" + spec + "' is not [SOURCE:]TARGET[:MODE]");
      return Optional.empty();
    }
    String source = parts.length == 1 ? "" : parts[0];
    String target = parts.length == 1 ? parts[0] : parts[1];
    if (!absoluteTarget(target, node, path)) {
      return Optional.empty();
    }
    boolean readOnly = false;
    boolean noCopy = false;
    String propagation = "";
    String selinux = "";
    if (parts.length == 3) {
      for (String option : parts[2].split(",", -1)) {
        if (ACCESS_MODES.contains(option)) {
          readOnly = option.equals("ro");
        } else if (option.equals("z") || option.equals("Z")) {
          selinux = option;
        } else if (option.equals("nocopy")) {
          noCopy = true;
        } else if (Mount.PROPAGATIONS.contains(option)) {
          propagation = option;
        } else if (!IGNORED_MODES.contains(option)) {
          fields.problems().at(node, path + ": unknown mode '" + option + "' (ro, rw, z, Z, "
              + "nocopy, or a propagation such as rslave)");
          return Optional.empty();
        }
      }
    }
    if (source.isEmpty()) {
      if (parts.length > 1) {
        fields.problems().at(node, path + ": '" + spec + "' has an empty source");
        return Optional.empty();
      }
      return Optional.of(new Mount.Volume(null, target, readOnly, noCopy));
    }
    if (isPath(source)) {
      if (noCopy) {
        fields.problems().at(node, path + ": nocopy applies to volumes, not to bind mounts");
        return Optional.empty();
      }
      boolean ro = readOnly;
      String prop = propagation;
      String label = selinux;
      return repo.source(source, node, path, false)
          .map(bound -> new Mount.Bind(bound, target, ro, prop, true, label));
    }
    if (!propagation.isEmpty() || !selinux.isEmpty()) {
      fields.problems().at(node, path + ": propagation and z/Z apply to bind mounts, not to "
          + "volume '" + source + "'");
      return Optional.empty();
    }
    boolean ro = readOnly;
    boolean nc = noCopy;
    return declaredVolume(source, node, path).map(volume -> new Mount.Volume(volume, target, ro,
        nc));
  }

  /** A bind source, as Compose tells it from a volume name. */
  private static boolean isPath(String source) {
    return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
  }

  private Optional<VolumeSpec> declaredVolume(String key, Node node, String path) {
    VolumeSpec spec = declared.volumes().get(key);
    if (spec == null) {
      fields.problems().at(node, path + ": volume '" + key + "' is not declared in the top-level "
          + "'volumes'" + suggestion(key, declared.volumes().keySet())
          + " (a bind mount's source starts with '.' or '/')");
      return Optional.empty();
    }
    return Optional.of(spec);
  }

  private boolean absoluteTarget(String target, Node node, String path) {
    if (!target.startsWith("/")) {
      fields.problems().at(node, path + ": the target '" + target + "' must be an absolute path "
          + "in the container");
      return false;
    }
    return true;
  }

  private Optional<Mount> longVolume(Node node, String path) {
    int before = fields.problems().count();
    Optional<String> type = Optional.empty();
    Optional<String> source = Optional.empty();
    Node sourceNode = node;
    Optional<String> target = Optional.empty();
    boolean readOnly = false;
    String propagation = "";
    boolean createHostPath = false;
    String selinux = "";
    boolean noCopy = false;
    long size = 0;
    int mode = -1;
    Set<String> sections = new java.util.TreeSet<>();
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "type" -> type = fields.string(value, at);
        case "source" -> {
          source = fields.string(value, at);
          sourceNode = value;
        }
        case "target" -> target = fields.string(value, at);
        case "read_only" -> readOnly = values.bool(value, at);
        case "consistency" -> fields.string(value, at);
        case "bind" -> {
          sections.add("bind");
          for (YamlMapping.Entry key : fields.mapping(value, at).orElse(List.of())) {
            String field = at + "." + key.key();
            switch (key.key()) {
              case "propagation" -> propagation = fields.string(key.value(), field)
                  .filter(p -> checkPropagation(p, key.value(), field)).orElse("");
              case "create_host_path" -> createHostPath = values.bool(key.value(), field);
              case "selinux" -> selinux = fields.string(key.value(), field)
                  .filter(s -> checkSelinux(s, key.value(), field)).orElse("");
              default -> values.unknownKey(key, at, "propagation, create_host_path and selinux");
            }
          }
        }
        case "volume" -> {
          sections.add("volume");
          for (YamlMapping.Entry key : fields.mapping(value, at).orElse(List.of())) {
            if (key.key().equals("nocopy")) {
              noCopy = values.bool(key.value(), at + ".nocopy");
            } else {
              values.unknownKey(key, at, "nocopy");
            }
          }
        }
        case "tmpfs" -> {
          sections.add("tmpfs");
          for (YamlMapping.Entry key : fields.mapping(value, at).orElse(List.of())) {
            String field = at + "." + key.key();
            switch (key.key()) {
              case "size" -> size = values.bytes(key.value(), field).orElse(0L);
              case "mode" -> mode = values.mode(key.value(), field).orElse(-1);
              default -> values.unknownKey(key, at, "size and mode");
            }
          }
        }
        default -> values.unknownKey(entry, path,
            "type, source, target, read_only, bind, volume, tmpfs and consistency");
      }
    }
    if (type.isEmpty()) {
      fields.problems().at(node, path + " has no type (volume, bind or tmpfs)");
      return Optional.empty();
    }
    if (target.isEmpty()) {
      fields.problems().at(node, path + " has no target (the path in the container)");
      return Optional.empty();
    }
    if (!absoluteTarget(target.get(), node, path)) {
      return Optional.empty();
    }
    String kind = type.get();
    sections.remove(kind);
    if (!sections.isEmpty() && Set.of("volume", "bind", "tmpfs").contains(kind)) {
      fields.problems().at(node, path + ": a " + kind + " mount takes no '"
          + String.join("', '", sections) + "' settings");
    }
    if (fields.problems().count() > before) {
      return Optional.empty();
    }
    switch (kind) {
      case "volume" -> {
        if (source.isEmpty() || source.get().isEmpty()) {
          return Optional.of(new Mount.Volume(null, target.get(), readOnly, noCopy));
        }
        boolean ro = readOnly;
        boolean nc = noCopy;
        String to = target.get();
        return declaredVolume(source.get(), sourceNode, path + ".source")
            .map(volume -> new Mount.Volume(volume, to, ro, nc));
      }
      case "bind" -> {
        if (source.isEmpty()) {
          fields.problems().at(node, path + ": a bind mount needs a source");
          return Optional.empty();
        }
        boolean ro = readOnly;
        String prop = propagation;
        boolean create = createHostPath;
        String label = selinux;
        String to = target.get();
        return repo.source(source.get(), sourceNode, path + ".source", false)
            .map(bound -> new Mount.Bind(bound, to, ro, prop, create, label));
      }
      case "tmpfs" -> {
        if (source.isPresent()) {
          fields.problems().at(sourceNode, path + ": a tmpfs mount takes no source");
          return Optional.empty();
        }
        return Optional.of(new Mount.Tmpfs(target.get(), size, mode));
      }
      case "npipe" -> {
        fields.problems().at(node, path + ": npipe mounts exist only on Windows engines");
        return Optional.empty();
      }
      default -> {
        fields.problems().at(node, path + ".type must be volume, bind or tmpfs, found '" + kind
            + "'" + (kind.equals("cluster") || kind.equals("image") ? " (not supported)" : ""));
        return Optional.empty();
      }
    }
  }

  private boolean checkPropagation(String value, Node node, String path) {
    if (!Mount.PROPAGATIONS.contains(value)) {
      fields.problems().at(node, path + " must be one of " + new java.util.TreeSet<>(
          Mount.PROPAGATIONS) + ", found '" + value + "'");
      return false;
    }
    return true;
  }

  private boolean checkSelinux(String value, Node node, String path) {
    if (!value.equals("z") && !value.equals("Z")) {
      fields.problems().at(node, path + " must be z or Z, found '" + value + "'");
      return false;
    }
    return true;
  }

  /** {@code tmpfs: /run} or a list of {@code /path[:options]}. */
  private Map<String, String> tmpfs(Node node, String path, Map<String, Node> targets) {
    Map<String, String> tmpfs = new TreeMap<>();
    List<Node> items = node instanceof ScalarNode && !FieldReader.isNull(node) ? List.of(node)
        : values.list(node, path);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = items.size() == 1 && item == node ? path : path + "[" + i + "]";
      fields.literal(item, at, "a path such as /run or /run:size=64m").ifPresent(text -> {
        int colon = text.indexOf(':');
        String target = colon < 0 ? text : text.substring(0, colon);
        String options = colon < 0 ? "" : text.substring(colon + 1);
        if (absoluteTarget(target, item, at)) {
          Node previous = targets.putIfAbsent(target, item);
          if (previous != null) {
            fields.problems().at(item, at + ": " + target + " is already mounted (line "
                + (previous.getStartMark().getLine() + 1) + ")");
          } else {
            tmpfs.put(target, options);
          }
        }
      });
    }
    return tmpfs;
  }

  /**
   * Service-level {@code secrets} or {@code configs}: each a read-only bind mount of the
   * declared file, at {@code defaultDir + name} unless {@code target} says otherwise, as
   * docker compose 1.29 mounts file-based ones.
   */
  private void files(Node node, String path, Map<String, BindSource> sources, String defaultDir,
      Mounts added) {
    String kind = defaultDir.equals("/") ? "configs" : "secrets";
    List<Node> items = values.list(node, path);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = path + "[" + i + "]";
      Optional<String> name = Optional.empty();
      Node nameNode = item;
      String target = "";
      String uid = "";
      String gid = "";
      int mode = -1;
      Node accessNode = null;
      if (Values.isMapping(item)) {
        for (YamlMapping.Entry entry : fields.mapping(item, at).orElse(List.of())) {
          String field = at + "." + entry.key();
          switch (entry.key()) {
            case "source" -> {
              name = fields.string(entry.value(), field);
              nameNode = entry.value();
            }
            case "target" -> target = fields.string(entry.value(), field).orElse("");
            case "uid" -> {
              uid = numeric(entry.value(), field);
              accessNode = entry.keyNode();
            }
            case "gid" -> {
              gid = numeric(entry.value(), field);
              accessNode = entry.keyNode();
            }
            case "mode" -> {
              mode = values.mode(entry.value(), field).orElse(-1);
              accessNode = entry.keyNode();
            }
            default -> values.unknownKey(entry, at, "source, target, uid, gid and mode");
          }
        }
        if (name.isEmpty()) {
          fields.problems().at(item, at + " has no source (the name of a top-level " + kind
              + " entry)");
          continue;
        }
      } else {
        name = fields.string(item, at);
      }
      if (name.isEmpty()) {
        continue;
      }
      BindSource source = sources.get(name.get());
      if (source == null) {
        fields.problems().at(nameNode, at + ": " + kind.substring(0, kind.length() - 1) + " '"
            + name.get() + "' is not declared in the top-level '" + kind + "'"
            + suggestion(name.get(), sources.keySet()));
        continue;
      }
      RepoFiles.FileAccess access = new RepoFiles.FileAccess(uid, gid, mode);
      if (!access.equals(RepoFiles.FileAccess.DEFAULT)) {
        if (source instanceof BindSource.Repo bound) {
          RepoFiles files = bound.files();
          source = new BindSource.Repo(
              new RepoFiles(files.path(), files.directory(), files.files(), access));
        } else {
          fields.problems().at(accessNode, at + ": uid, gid and mode can only be given to a file "
              + "of the repository, which Driftless copies; '" + name.get() + "' is a host file");
          continue;
        }
      }
      String mountedAt = target.isEmpty() ? defaultDir + name.get()
          : target.startsWith("/") ? target : defaultDir + target;
      add(new Mount.Bind(source, mountedAt, true, "", false, ""), item, at, added);
    }
  }

  private String numeric(Node node, String path) {
    return fields.literal(node, path, "a numeric id").filter(text -> {
      if (!text.matches("[0-9]+")) {
        fields.problems().at(node, path + " must be a numeric id, found '" + text + "'");
        return false;
      }
      return true;
    }).orElse("");
  }

  /** " (did you mean 'x'?)" for the closest known name, when one is close. */
  static String suggestion(String name, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(1, name.length() / 3)
        ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
            previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
