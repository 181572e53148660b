package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.Device;
import dev.driftless.manifests.model.LogConfig;
import dev.driftless.manifests.model.PullPolicy;
import dev.driftless.manifests.model.Resources;
import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the keys of one service that configure how its containers run, and how the service is
 * rolled out, into {@link RuntimeOptions}: one instance per service, fed entry by entry by
 * {@link ServiceReader}, then {@link #build built} once the whole service is read, when the keys
 * that depend on each other ({@code scale} and {@code deploy.replicas}, {@code mem_limit} and
 * {@code deploy.resources.limits.memory}, {@code container_name} and replicas) are checked.
 *
 * <p>Values are read as docker-compose 1.29 reads them, except where the Compose specification
 * says otherwise (see docs/compose-support.md).
 */
final class RuntimeOptionsReader {

  /** The service keys read here. */
  static final Set<String> KEYS = Set.of(
      "entrypoint", "expose", "healthcheck", "restart", "deploy", "scale", "mem_limit",
      "mem_reservation", "cpus", "cpu_shares", "pids_limit", "user", "working_dir", "hostname",
      "domainname", "extra_hosts", "dns", "dns_search", "cap_add", "cap_drop", "privileged",
      "read_only", "init", "ulimits", "sysctls", "stop_signal", "stop_grace_period", "logging",
      "container_name", "security_opt", "shm_size", "devices", "group_add", "pid", "ipc",
      "pull_policy", "profiles", "depends_on");

  /** How {@code pid} and {@code ipc} name another service of the file. */
  static final String SERVICE_PREFIX = "service:";

  private static final Pattern RESTART = Pattern.compile("(no|always|unless-stopped|on-failure)"
      + "(?::([0-9]+))?");
  private static final Pattern EXPOSE = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?"
      + "(?:/(tcp|udp|sctp))?");
  private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final Pattern ULIMIT_NAME = Pattern.compile("[a-z]+");
  private static final Pattern PROFILE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  /** The Linux capabilities, as the engine names them without their CAP_ prefix. */
  private static final Set<String> CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_READ",
      "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE",
      "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE",
      "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE",
      "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
      "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYSLOG", "SYS_MODULE", "SYS_NICE", "SYS_PACCT",
      "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");

  /** The engine's built-in logging drivers that the engine client can name. */
  private static final Set<String> LOG_DRIVERS = Set.of("none", "local", "json-file", "syslog",
      "journald", "gelf", "fluentd", "awslogs", "splunk", "etwlogs", "gcplogs", "loki");

  private final FieldReader fields;
  private final String service;
  private final Dependencies dependencies;
  private final HostAccesses hostAccess;
  private final RuntimeOptions.Builder options = RuntimeOptions.builder();

  private Optional<String> restart = Optional.empty();
  private Optional<DeployReader.Deploy> deploy = Optional.empty();
  private Optional<Long> scale = Optional.empty();
  private Node scaleNode;
  private Optional<Long> memLimit = Optional.empty();
  private Node memLimitNode;
  private Optional<Long> memReservation = Optional.empty();
  private Node memReservationNode;
  private Optional<Long> cpus = Optional.empty();
  private Node cpusNode;
  private Optional<Long> pidsLimit = Optional.empty();
  private Node pidsLimitNode;
  private long cpuShares;
  private Node containerNameNode;
  private List<String> profiles = List.of();
  private Map<String, Dependency> declaredDependsOn = Map.of();
  private final Map<String, Dependency> implied = new LinkedHashMap<>();

  RuntimeOptionsReader(FieldReader fields, String service, Dependencies dependencies,
      HostAccesses hostAccess) {
    this.fields = fields;
    this.service = service;
    this.dependencies = dependencies;
    this.hostAccess = hostAccess;
  }

  /** The profiles the service is in; empty when it is in none (and so always deployed). */
  List<String> profiles() {
    return profiles;
  }

  void read(YamlMapping.Entry entry, String path) {
    Node value = entry.value();
    switch (entry.key()) {
      case "entrypoint" -> fields.words(value, path).ifPresent(options::entrypoint);
      case "expose" -> options.expose(expose(value, path));
      case "healthcheck" -> new HealthCheckReader(fields).read(value, path)
          .ifPresent(options::healthcheck);
      case "restart" -> restart = fields.literal(value, path, "a restart policy")
          .filter(text -> checkRestart(text, value, path));
      case "deploy" -> deploy = Optional.of(new DeployReader(fields).read(value, path));
      case "scale" -> {
        scale = fields.integer(value, path, 0, Integer.MAX_VALUE);
        scaleNode = value;
      }
      case "mem_limit" -> {
        memLimit = size(value, path);
        memLimitNode = value;
      }
      case "mem_reservation" -> {
        memReservation = size(value, path);
        memReservationNode = value;
      }
      case "cpus" -> {
        cpus = Cpus.read(fields, value, path);
        cpusNode = value;
      }
      case "cpu_shares" -> cpuShares = fields.integer(value, path, 0, Long.MAX_VALUE).orElse(0L);
      case "pids_limit" -> {
        pidsLimit = fields.integer(value, path, -1, Long.MAX_VALUE);
        pidsLimitNode = value;
      }
      case "user" -> fields.string(value, path).ifPresent(options::user);
      case "working_dir" -> fields.string(value, path).ifPresent(options::workingDir);
      case "hostname" -> fields.string(value, path).ifPresent(options::hostname);
      case "domainname" -> fields.string(value, path).ifPresent(options::domainname);
      case "extra_hosts" -> options.extraHosts(extraHosts(value, path));
      case "dns" -> options.dns(fields.strings(value, path, true));
      case "dns_search" -> options.dnsSearch(fields.strings(value, path, true));
      case "cap_add" -> options.capAdd(capabilities(value, path));
      case "cap_drop" -> options.capDrop(capabilities(value, path));
      case "privileged" -> fields.bool(value, path).ifPresent(privileged -> {
        options.privileged(privileged);
        if (privileged) {
          hostAccess.add(service, HostAccess.Kind.PRIVILEGED, path, entry.keyNode());
        }
      });
      case "read_only" -> fields.bool(value, path).ifPresent(options::readOnly);
      case "init" -> fields.bool(value, path).ifPresent(options::init);
      case "ulimits" -> options.ulimits(ulimits(value, path));
      case "sysctls" -> options.sysctls(
          new KeyValueReader(fields, KeyValueReader.Kind.SYSCTLS, service).read(value, path));
      case "stop_signal" -> fields.string(value, path).ifPresent(options::stopSignal);
      case "stop_grace_period" -> Durations.nonNegative(fields, value, path)
          .ifPresent(options::stopGracePeriod);
      case "logging" -> logging(value, path).ifPresent(options::logging);
      case "container_name" -> {
        containerNameNode = value;
        fields.string(value, path).filter(name -> matches(CONTAINER_NAME, name, value, path,
                "a container name: letters, digits, '_', '.' and '-', starting with a letter or"
                    + " a digit"))
            .ifPresent(options::containerName);
      }
      case "security_opt" -> options.securityOpt(fields.strings(value, path, false));
      case "shm_size" -> size(value, path).ifPresent(options::shmSize);
      case "devices" -> options.devices(devices(value, path));
      case "group_add" -> options.groupAdd(fields.strings(value, path, false));
      case "pid" -> namespace(value, path, Set.of("host")).ifPresent(mode -> {
        options.pid(mode);
        hostNamespace(mode, HostAccess.Kind.HOST_PID, path, entry.keyNode());
      });
      case "ipc" -> namespace(value, path, Set.of("host", "private", "shareable", "none"))
          .ifPresent(mode -> {
            options.ipc(mode);
            hostNamespace(mode, HostAccess.Kind.HOST_IPC, path, entry.keyNode());
          });
      case "pull_policy" -> fields.literal(value, path, "a pull policy")
          .flatMap(text -> {
            Optional<PullPolicy> policy = PullPolicy.fromCompose(text);
            if (policy.isEmpty()) {
              fields.problems().at(value, path + " must be always, never, missing, build or "
                  + "if_not_present, found '" + text + "'");
            }
            return policy;
          })
          .ifPresent(options::pullPolicy);
      case "profiles" -> profiles = fields.strings(value, path, false).stream()
          .filter(profile -> matches(PROFILE, profile, value, path,
              "a profile name: letters, digits, '_', '.' and '-'"))
          .toList();
      case "depends_on" -> declaredDependsOn = dependsOn(value, path);
      default -> throw new IllegalArgumentException("not a runtime key: " + entry.key());
    }
  }

  /**
   * The options, checked together; empty with problems at the service's name or the fields
   * concerned when they contradict each other.
   */
  Optional<RuntimeOptions> build(Node nameNode) {
    int before = fields.problems().count();
    String path = "services." + service;
    restart.ifPresent(text -> options.restart(restartPolicy(text)));
    Resources resources = new Resources(0, 0, 0, 0, cpuShares);
    long nanoCpus = cpus.orElse(0L);
    long memory = memLimit.orElse(0L);
    long reservation = memReservation.orElse(0L);
    long pids = pidsLimit.orElse(0L);
    if (deploy.isPresent()) {
      DeployReader.Deploy given = deploy.get();
      given.restart.ifPresent(options::restart);
      nanoCpus = agree(cpus, cpusNode, "cpus", given.cpusLimit, path
          + ".deploy.resources.limits.cpus").orElse(0L);
      memory = agree(memLimit, memLimitNode, "mem_limit", given.memoryLimit, path
          + ".deploy.resources.limits.memory").orElse(0L);
      reservation = agree(memReservation, memReservationNode, "mem_reservation",
          given.memoryReservation, path + ".deploy.resources.reservations.memory").orElse(0L);
      pids = agree(pidsLimit, pidsLimitNode, "pids_limit", given.pidsLimit, path
          + ".deploy.resources.limits.pids").orElse(0L);
      given.updateConfig.ifPresent(options::updateConfig);
      if (given.replicas.isPresent() && scale.isPresent()
          && !given.replicas.get().equals(scale.get())) {
        fields.problems().at(scaleNode, path + ".scale (" + scale.get() + ") and " + path
            + ".deploy.replicas (" + given.replicas.get() + ") disagree; set only one");
      }
      scale = scale.or(() -> given.replicas);
    }
    resources = new Resources(nanoCpus, memory, reservation, pids, resources.cpuShares());
    int replicas = scale.map(Long::intValue).orElse(1);
    if (containerNameNode != null && replicas > 1) {
      fields.problems().at(containerNameNode, path + ".container_name names one container, but "
          + "the service asks for " + replicas + " (scale or deploy.replicas); docker compose "
          + "refuses this too");
    }
    if (fields.problems().count() > before) {
      return Optional.empty();
    }
    Map<String, Dependency> dependsOn = new LinkedHashMap<>(implied);
    dependsOn.putAll(declaredDependsOn);
    options.dependsOn(dependsOn);
    try {
      return Optional.of(options.resources(resources).replicas(replicas).build());
    } catch (IllegalArgumentException e) {
      fields.problems().at(nameNode, path + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The value set in either place; both set differently is a problem at the service key. */
  private Optional<Long> agree(Optional<Long> own, Node ownNode, String ownKey,
      Optional<Long> deployed, String deployedPath) {
    if (own.isPresent() && deployed.isPresent() && !own.get().equals(deployed.get())) {
      fields.problems().at(ownNode, "services." + service + "." + ownKey + " and " + deployedPath
          + " disagree; set only one");
    }
    return deployed.or(() -> own);
  }

  private boolean checkRestart(String text, Node value, String path) {
    Matcher matcher = RESTART.matcher(text);
    if (!matcher.matches() || (matcher.group(2) != null && !matcher.group(1).equals("on-failure"))) {
      fields.problems().at(value, path + " must be no, always, on-failure[:N] or unless-stopped,"
          + " found '" + text + "'");
      return false;
    }
    return true;
  }

  private static RestartPolicy restartPolicy(String text) {
    Matcher matcher = RESTART.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalStateException("checked when read: " + text);
    }
    int retries = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
    return new RestartPolicy(matcher.group(1), retries);
  }

  /**
   * Capability names as the engine normalises them: upper case, without the {@code CAP_} prefix
   * (both {@code CAP_NET_ADMIN} and {@code net_admin} are {@code NET_ADMIN}); unknown ones are
   * refused, since the engine would refuse them only when the container is created.
   */
  private List<String> capabilities(Node value, String path) {
    List<String> names = fields.strings(value, path, false);
    List<String> capabilities = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).toUpperCase(java.util.Locale.ROOT);
      String bare = name.startsWith("CAP_") ? name.substring(4) : name;
      if (CAPABILITIES.contains(bare)) {
        capabilities.add(bare);
      } else {
        Node node = value instanceof SequenceNode list ? list.getValue().get(i) : value;
        fields.problems().at(node, path + "[" + i + "] '" + names.get(i)
            + "' is not a Linux capability (such as NET_ADMIN or SYS_PTRACE)");
      }
    }
    return capabilities;
  }

  private Optional<Long> size(Node value, String path) {
    return fields.parsed(value, path, "a size such as 512m or 1g", ByteSizeSyntax::parse);
  }

  private List<String> expose(Node value, String path) {
    List<String> ports = new ArrayList<>();
    if (FieldReader.isNull(value)) {
      return ports;
    }
    if (!(value instanceof SequenceNode list)) {
      fields.problems().at(value, path + " must be a list of ports, found "
          + FieldReader.describe(value));
      return ports;
    }
    for (int i = 0; i < list.getValue().size(); i++) {
      Node item = list.getValue().get(i);
      String at = path + "[" + i + "]";
      fields.literal(item, at, "a port such as 3000, 8000-8010 or 53/udp").ifPresent(text -> {
        Matcher matcher = EXPOSE.matcher(text);
        int first = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
        int last = matcher.matches() && matcher.group(2) != null
            ? Integer.parseInt(matcher.group(2)) : first;
        if (first < 1 || last > 65535 || last < first) {
          fields.problems().at(item, at + " must be a port such as 3000, 8000-8010 or 53/udp, "
              + "found '" + text + "'");
          return;
        }
        String protocol = matcher.group(3) == null ? "tcp" : matcher.group(3);
        for (int port = first; port <= last; port++) {
          ports.add(port + "/" + protocol);
        }
      });
    }
    return ports;
  }

  /**
   * {@code host=ip} (the specification's preferred form) or {@code host:ip} items, or a mapping
   * of host to address, each as the engine takes it: {@code host:ip}.
   */
  private List<String> extraHosts(Node value, String path) {
    List<String> hosts = new ArrayList<>();
    if (value instanceof MappingNode) {
      for (YamlMapping.Entry entry : fields.mapping(value, path).orElse(List.of())) {
        String at = path + "." + entry.key();
        fields.literal(entry.value(), at, "an IP address")
            .map(RuntimeOptionsReader::unbracketed)
            .filter(address -> host(entry.key(), address, entry.value(), at))
            .ifPresent(address -> hosts.add(entry.key() + ":" + address));
      }
      return hosts;
    }
    List<String> items = fields.strings(value, path, false);
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      Node node = value instanceof SequenceNode list ? list.getValue().get(i) : value;
      int equals = item.indexOf('=');
      int colon = item.indexOf(':');
      int split = equals >= 0 ? equals : colon;
      String at = path + "[" + i + "]";
      if (split < 0) {
        fields.problems().at(node, at + " must be host:address or host=address, found '"
            + item + "'");
      } else {
        String address = unbracketed(item.substring(split + 1));
        if (host(item.substring(0, split), address, node, at)) {
          hosts.add(item.substring(0, split) + ":" + address);
        }
      }
    }
    return hosts;
  }

  /** The specification lets an IPv6 address be written in brackets; the engine takes it bare. */
  private static String unbracketed(String address) {
    return address.startsWith("[") && address.endsWith("]")
        ? address.substring(1, address.length() - 1) : address;
  }

  private boolean host(String host, String address, Node node, String path) {
    if (host.isEmpty() || address.isEmpty() || host.chars().anyMatch(Character::isWhitespace)
        || address.chars().anyMatch(Character::isWhitespace)) {
      fields.problems().at(node, path + " must name a host and an address, found '" + host
          + "' and '" + address + "'");
      return false;
    }
    return true;
  }

  /** {@code name: N} for soft = hard = N, or {@code name: {soft: N, hard: M}}. */
  private List<Ulimit> ulimits(Node value, String path) {
    List<Ulimit> ulimits = new ArrayList<>();
    for (YamlMapping.Entry entry : fields.mapping(value, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      if (!ULIMIT_NAME.matcher(entry.key()).matches()) {
        fields.problems().at(entry.keyNode(), at + ": '" + entry.key()
            + "' is not a ulimit name (nofile, nproc, core...)");
        continue;
      }
      if (entry.value() instanceof MappingNode) {
        Optional<Long> soft = Optional.empty();
        Optional<Long> hard = Optional.empty();
        for (YamlMapping.Entry limit : fields.mapping(entry.value(), at).orElse(List.of())) {
          String limitPath = at + "." + limit.key();
          switch (limit.key()) {
            case "soft" -> soft = fields.integer(limit.value(), limitPath, -1, Long.MAX_VALUE);
            case "hard" -> hard = fields.integer(limit.value(), limitPath, -1, Long.MAX_VALUE);
            default -> fields.problems().at(limit.keyNode(), "unknown key '" + limit.key()
                + "' in " + at + " (a ulimit takes soft and hard)");
          }
        }
        if (soft.isEmpty() || hard.isEmpty()) {
          fields.problems().at(entry.value(), at + " needs both soft and hard");
        } else if (hard.get() >= 0 && soft.get() > hard.get()) {
          fields.problems().at(entry.value(), at + ": soft limit " + soft.get()
              + " is above the hard limit " + hard.get());
        } else {
          ulimits.add(new Ulimit(entry.key(), soft.get(), hard.get()));
        }
      } else {
        fields.integer(entry.value(), at, -1, Long.MAX_VALUE)
            .ifPresent(limit -> ulimits.add(new Ulimit(entry.key(), limit, limit)));
      }
    }
    return ulimits;
  }

  private Optional<LogConfig> logging(Node value, String path) {
    String driver = "";
    Map<String, String> logOptions = Map.of();
    for (YamlMapping.Entry entry : fields.mapping(value, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      switch (entry.key()) {
        case "driver" -> driver = fields.string(entry.value(), at)
            .filter(name -> {
              if (LOG_DRIVERS.contains(name)) {
                return true;
              }
              fields.problems().at(entry.value(), at + " '" + name + "' is not a logging driver "
                  + "Driftless can set; use one of " + new java.util.TreeSet<>(LOG_DRIVERS));
              return false;
            })
            .orElse("");
        case "options" -> logOptions = new KeyValueReader(fields, KeyValueReader.Kind.OPTIONS,
            service).read(entry.value(), at);
        default -> {
          if (!ComposeKeys.isExtension(entry.key())) {
            fields.problems().at(entry.keyNode(), "unknown key '" + entry.key() + "' in " + path
                + " (logging takes driver and options)");
          }
        }
      }
    }
    return Optional.of(new LogConfig(driver, logOptions));
  }

  /** {@code host[:container[:permissions]]}, as docker-compose reads it. */
  private List<Device> devices(Node value, String path) {
    List<Device> devices = new ArrayList<>();
    List<String> items = fields.strings(value, path, false);
    for (int i = 0; i < items.size(); i++) {
      String[] parts = items.get(i).split(":", -1);
      Node node = value instanceof SequenceNode list ? list.getValue().get(i) : value;
      String at = path + "[" + i + "]";
      String permissions = parts.length > 2 ? parts[2] : "rwm";
      if (parts.length > 3 || parts[0].isEmpty() || (parts.length > 1 && parts[1].isEmpty())
          || !permissions.matches("[rwm]{1,3}")) {
        fields.problems().at(node, at + " must be HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]] with "
            + "permissions made of r, w and m, found '" + items.get(i) + "'");
        continue;
      }
      devices.add(new Device(parts[0], parts.length > 1 ? parts[1] : parts[0], permissions));
    }
    return devices;
  }

  private void hostNamespace(String mode, HostAccess.Kind kind, String path, Node key) {
    if (mode.equals("host")) {
      hostAccess.add(service, kind, path, key);
    }
  }

  /**
   * This service must be created after service {@code other}, whose container it uses
   * ({@code network_mode}, {@code pid} or {@code ipc} {@code service:NAME}), as Compose orders
   * it: an implied {@code depends_on} entry ({@code service_started}), unless {@code depends_on}
   * names {@code other} itself. {@code other} must be a deployed service of the file.
   */
  boolean requires(String other, Node node, String path) {
    if (other.equals(service)) {
      fields.problems().at(node, path + ": '" + other + "' is the service itself");
      return false;
    }
    dependencies.sharesNamespace(service, other, node, path);
    implied.putIfAbsent(other, Dependency.STARTED);
    return true;
  }

  /** A namespace mode among {@code modes}, {@code container:NAME} or {@code service:NAME}. */
  private Optional<String> namespace(Node value, String path, Set<String> modes) {
    return fields.string(value, path).filter(mode -> {
      if (modes.contains(mode) || (mode.startsWith("container:") && mode.length() > 10)) {
        return true;
      }
      if (mode.startsWith(SERVICE_PREFIX) && mode.length() > SERVICE_PREFIX.length()) {
        return requires(mode.substring(SERVICE_PREFIX.length()), value, path);
      }
      fields.problems().at(value, path + " must be one of " + new java.util.TreeSet<>(modes)
          + ", service:NAME or container:NAME, found '" + mode + "'");
      return false;
    });
  }

  /** A list of service names, or a mapping of name to condition, restart and required. */
  private Map<String, Dependency> dependsOn(Node value, String path) {
    Map<String, Dependency> dependsOn = new LinkedHashMap<>();
    if (value instanceof SequenceNode list) {
      for (int i = 0; i < list.getValue().size(); i++) {
        Node item = list.getValue().get(i);
        Optional<String> name = fields.string(item, path + "[" + i + "]");
        if (name.isPresent()) {
          if (dependsOn.putIfAbsent(name.get(), Dependency.STARTED) != null) {
            fields.problems().at(item, path + "[" + i + "] names '" + name.get() + "' twice");
          }
          dependencies.declare(service, name.get(), item, true, path);
        }
      }
      return dependsOn;
    }
    if (!(value instanceof MappingNode)) {
      fields.problems().at(value, path + " must be a list of services or a mapping, found "
          + FieldReader.describe(value));
      return dependsOn;
    }
    for (YamlMapping.Entry entry : fields.mapping(value, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      String condition = Dependency.STARTED.condition();
      boolean restartToo = false;
      boolean required = true;
      for (YamlMapping.Entry field : fields.mapping(entry.value(), at).orElse(List.of())) {
        String fieldPath = at + "." + field.key();
        switch (field.key()) {
          case "condition" -> condition = fields.literal(field.value(), fieldPath, "a condition")
              .filter(text -> {
                if (Dependency.CONDITIONS.contains(text)) {
                  return true;
                }
                fields.problems().at(field.value(), fieldPath + " must be service_started, "
                    + "service_healthy or service_completed_successfully, found '" + text + "'");
                return false;
              })
              .orElse(condition);
          case "restart" -> restartToo = fields.bool(field.value(), fieldPath).orElse(false);
          case "required" -> required = fields.bool(field.value(), fieldPath).orElse(true);
          default -> {
            if (!ComposeKeys.isExtension(field.key())) {
              fields.problems().at(field.keyNode(), "unknown key '" + field.key() + "' in " + at
                  + " (a dependency takes condition, restart and required)");
            }
          }
        }
      }
      dependsOn.put(entry.key(), new Dependency(condition, restartToo, required));
      dependencies.declare(service, entry.key(), entry.keyNode(), required, path);
    }
    return dependsOn;
  }

  private boolean matches(Pattern pattern, String text, Node value, String path, String what) {
    if (pattern.matcher(text).matches()) {
      return true;
    }
    fields.problems().at(value, path + " must be " + what + ", found '" + text + "'");
    return false;
  }
}
