package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.Ipam;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the top-level {@code networks}, {@code volumes}, {@code secrets} and {@code configs} into
 * {@link Declarations}, with Compose's rules: an external network or volume takes no other
 * setting but {@code name}; secrets and configs come from files ({@code external} and
 * {@code environment} sources are refused).
 */
final class DeclarationsReader {

  /** The opt-in key that lets Driftless remove a volume the app no longer uses. */
  static final String PRUNE_KEY = "x-driftless-prune";

  private static final Set<String> NETWORK_KEYS = Set.of("driver", "driver_opts", "external",
      "name", "ipam", "internal", "attachable", "enable_ipv6", "labels");
  private static final Set<String> VOLUME_KEYS =
      Set.of("driver", "driver_opts", "external", "name", "labels", PRUNE_KEY);

  private final FieldReader fields;
  private final Values values;
  private final RepoPaths repo;

  DeclarationsReader(FieldReader fields, RepoPaths repo) {
    this.fields = fields;
    this.values = new Values(fields);
    this.repo = repo;
  }

  Map<String, NetworkSpec> networks(Optional<Node> node) {
    Map<String, NetworkSpec> networks = new TreeMap<>();
    node.flatMap(value -> values.mappingOrNull(value, "networks")).orElse(List.of())
        .forEach(entry -> network(entry).ifPresent(spec -> networks.put(entry.key(), spec)));
    networks.putIfAbsent("default", NetworkSpec.DEFAULT);
    return networks;
  }

  Map<String, VolumeSpec> volumes(Optional<Node> node) {
    Map<String, VolumeSpec> volumes = new TreeMap<>();
    node.flatMap(value -> values.mappingOrNull(value, "volumes")).orElse(List.of())
        .forEach(entry -> volume(entry).ifPresent(spec -> volumes.put(entry.key(), spec)));
    return volumes;
  }

  /** {@code secrets} or {@code configs}: each entry's file. */
  Map<String, BindSource> files(Optional<Node> node, String kind) {
    Map<String, BindSource> files = new TreeMap<>();
    for (YamlMapping.Entry entry : node.flatMap(value -> values.mappingOrNull(value, kind))
        .orElse(List.of())) {
      String path = kind + "." + entry.key();
      Optional<Node> file = Optional.empty();
      int before = fields.problems().count();
      for (YamlMapping.Entry key : fields.mapping(entry.value(), path).orElse(List.of())) {
        switch (key.key()) {
          case "file" -> file = Optional.of(key.value());
          case "name" -> fields.string(key.value(), path + ".name");
          case "external", "environment", "content", "driver", "driver_opts",
              "template_driver", "labels" -> fields.problems().at(key.keyNode(), path + "."
              + key.key() + " is not supported: Driftless runs on plain Docker engines, where "
              + "docker compose supports only 'file:' " + kind + " (mounted read-only)");
          default -> values.unknownKey(key, path, "file and name");
        }
      }
      if (file.isEmpty()) {
        if (entry.value() instanceof org.yaml.snakeyaml.nodes.MappingNode
            && fields.problems().count() == before) {
          fields.problems().at(entry.keyNode(), path + " has no 'file': Driftless supports "
              + kind + " read from a file");
        }
        continue;
      }
      Node fileNode = file.get();
      fields.string(fileNode, path + ".file")
          .flatMap(raw -> repo.source(raw, fileNode, path + ".file", true))
          .ifPresent(source -> files.put(entry.key(), source));
    }
    return files;
  }

  private Optional<NetworkSpec> network(YamlMapping.Entry entry) {
    String path = "networks." + entry.key();
    int before = fields.problems().count();
    if (FieldReader.isNull(entry.value())) {
      return Optional.of(plainNetwork(entry.key()));
    }
    Common common = new Common();
    Ipam ipam = Ipam.NONE;
    boolean internal = false;
    boolean attachable = false;
    boolean ipv6 = false;
    for (YamlMapping.Entry key : fields.mapping(entry.value(), path).orElse(List.of())) {
      String at = path + "." + key.key();
      Node value = key.value();
      if (common.read(key, at)) {
        continue;
      }
      common.set.add(key.key());
      switch (key.key()) {
        case "ipam" -> ipam = ipam(value, at);
        case "internal" -> internal = values.bool(value, at);
        case "attachable" -> attachable = values.bool(value, at);
        case "enable_ipv6" -> ipv6 = values.bool(value, at);
        default -> {
          common.set.remove(key.key());
          values.unknownKey(key, path, String.join(", ", new java.util.TreeSet<>(NETWORK_KEYS)));
        }
      }
    }
    common.finish(entry, path);
    if (fields.problems().count() > before) {
      return Optional.empty();
    }
    return Optional.of(new NetworkSpec(entry.key(), common.name, common.external(),
        common.driver, common.options, ipam, internal, attachable, ipv6, common.labels));
  }

  /**
   * The settings networks and volumes share, and the rule that an external one takes no other
   * setting but its name. Mutable, and only ever used inside one read.
   */
  private final class Common {
    String name = "";
    String driver = "";
    Map<String, String> options = Map.of();
    Map<String, String> labels = Map.of();
    Optional<ExternalFlag> externalFlag = Optional.empty();
    final Set<String> set = new java.util.TreeSet<>();

    /** Reads {@code key} when it is a shared one. */
    boolean read(YamlMapping.Entry key, String at) {
      Node value = key.value();
      switch (key.key()) {
        case "name" -> name = fields.string(value, at).orElse("");
        case "driver" -> driver = fields.string(value, at).orElse("");
        case "driver_opts" -> options = values.stringMap(value, at);
        case "labels" -> labels = values.stringMap(value, at);
        case "external" -> externalFlag = DeclarationsReader.this.external(value, at);
        default -> {
          return false;
        }
      }
      if (!key.key().equals("name") && !key.key().equals("external")) {
        set.add(key.key());
      }
      return true;
    }

    boolean external() {
      return externalFlag.map(ExternalFlag::external).orElse(false);
    }

    /** Checks an external one sets nothing else, and settles its engine name. */
    void finish(YamlMapping.Entry entry, String path) {
      if (!external()) {
        return;
      }
      if (!set.isEmpty()) {
        fields.problems().at(entry.keyNode(), path + " is external, so it cannot also set "
            + String.join(", ", set) + " (Driftless never creates it)");
      }
      name = externalFlag.get().name().orElse(name.isEmpty() ? entry.key() : name);
    }
  }

  private static NetworkSpec plainNetwork(String key) {
    return new NetworkSpec(key, "", false, "", Map.of(), Ipam.NONE, false, false, false, Map.of());
  }

  private Ipam ipam(Node node, String path) {
    String driver = "";
    List<Ipam.Pool> pools = new ArrayList<>();
    Map<String, String> options = Map.of();
    for (YamlMapping.Entry key : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + key.key();
      switch (key.key()) {
        case "driver" -> driver = fields.string(key.value(), at).orElse("");
        case "options" -> options = values.stringMap(key.value(), at);
        case "config" -> {
          List<Node> items = values.list(key.value(), at);
          for (int i = 0; i < items.size(); i++) {
            pool(items.get(i), at + "[" + i + "]").ifPresent(pools::add);
          }
        }
        default -> values.unknownKey(key, path, "driver, config and options");
      }
    }
    return new Ipam(driver, pools, options);
  }

  private Optional<Ipam.Pool> pool(Node node, String path) {
    String subnet = "";
    String range = "";
    String gateway = "";
    Map<String, String> aux = Map.of();
    for (YamlMapping.Entry key : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + key.key();
      switch (key.key()) {
        case "subnet" -> subnet = fields.string(key.value(), at).orElse("");
        case "ip_range" -> range = fields.string(key.value(), at).orElse("");
        case "gateway" -> gateway = fields.string(key.value(), at).orElse("");
        case "aux_addresses" -> aux = values.stringMap(key.value(), at);
        default -> values.unknownKey(key, path, "subnet, ip_range, gateway and aux_addresses");
      }
    }
    return Optional.of(new Ipam.Pool(subnet, range, gateway, aux));
  }

  private Optional<VolumeSpec> volume(YamlMapping.Entry entry) {
    String path = "volumes." + entry.key();
    int before = fields.problems().count();
    if (FieldReader.isNull(entry.value())) {
      return Optional.of(new VolumeSpec(entry.key(), "", false, "", Map.of(), Map.of(), false));
    }
    Common common = new Common();
    boolean prune = false;
    Node pruneNode = entry.keyNode();
    for (YamlMapping.Entry key : fields.mapping(entry.value(), path).orElse(List.of())) {
      String at = path + "." + key.key();
      if (common.read(key, at)) {
        continue;
      }
      if (key.key().equals(PRUNE_KEY)) {
        prune = values.bool(key.value(), at);
        pruneNode = key.keyNode();
      } else {
        values.unknownKey(key, path, String.join(", ", new java.util.TreeSet<>(VOLUME_KEYS)));
      }
    }
    common.finish(entry, path);
    if (common.external() && prune) {
      fields.problems().at(pruneNode, path + " is external: Driftless never removes it, so "
          + PRUNE_KEY + " cannot be set");
    }
    if (fields.problems().count() > before) {
      return Optional.empty();
    }
    return Optional.of(new VolumeSpec(entry.key(), common.name, common.external(), common.driver,
        common.options, common.labels, prune));
  }

  /** {@code external: true}, or the obsolete {@code external: {name: x}}. */
  private record ExternalFlag(boolean external, Optional<String> name) {}

  private Optional<ExternalFlag> external(Node value, String path) {
    if (value instanceof ScalarNode) {
      return Optional.of(new ExternalFlag(values.bool(value, path), Optional.empty()));
    }
    Optional<String> name = Optional.empty();
    for (YamlMapping.Entry key : fields.mapping(value, path).orElse(List.of())) {
      if (key.key().equals("name")) {
        name = fields.string(key.value(), path + ".name");
      } else {
        values.unknownKey(key, path, "name");
      }
    }
    return Optional.of(new ExternalFlag(true, name));
  }
}
