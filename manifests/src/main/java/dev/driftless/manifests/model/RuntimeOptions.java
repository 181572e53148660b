package dev.driftless.manifests.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a service's containers run, beyond image, command, environment, ports and labels: the
 * process (entrypoint, user, working directory), its limits, health check, restart policy and
 * the other Compose keys that configure one container on its own; and how the service is rolled
 * out (dependencies, replicas, update order, pull policy), which does not configure a container.
 *
 * <p>{@link #NONE} is "nothing set": every field at the engine's default. A field at its default
 * is not part of the spec hash, so a service that sets none of these keys keeps the hash it had
 * before the keys were supported, and upgrading Driftless recreates nothing. Lists whose order
 * means nothing to the engine (capabilities) are sorted; the others keep the file's order.
 *
 * @param entrypoint the entrypoint; empty is the image's, a present empty list clears it
 * @param expose container ports exposed without publishing, as {@code 80/tcp}, sorted
 * @param healthcheck the health check; empty is the image's
 * @param restart the restart policy
 * @param resources CPU, memory and process limits
 * @param user the user (and group) the process runs as; {@code ""} is the image's
 * @param workingDir the working directory; {@code ""} is the image's
 * @param hostname the container's host name; {@code ""} lets the engine choose
 * @param domainname the container's NIS domain name; {@code ""} is none
 * @param extraHosts extra {@code /etc/hosts} entries as {@code host:address}
 * @param dns DNS servers
 * @param dnsSearch DNS search domains
 * @param capAdd capabilities added, sorted
 * @param capDrop capabilities dropped, sorted
 * @param privileged whether the container runs privileged
 * @param readOnly whether its root file system is read-only
 * @param init whether an init process runs as PID 1; empty is the engine's default
 * @param ulimits process limits, sorted by name
 * @param sysctls kernel parameters, sorted by name
 * @param stopSignal the signal that stops the container; {@code ""} is the image's
 * @param stopGracePeriod how long to wait after that signal before killing it
 * @param logging the logging driver and options; empty is the engine's default
 * @param containerName the container's fixed name, instead of {@code <app>-<service>-<n>}
 * @param securityOpt security options ({@code no-new-privileges:true}, {@code label:...})
 * @param shmSize the size of {@code /dev/shm} in bytes; 0 is the engine's default
 * @param devices host devices made available
 * @param groupAdd extra groups of the process
 * @param pid the PID namespace ({@code host}, {@code container:...}); {@code ""} is its own
 * @param ipc the IPC namespace ({@code host}, {@code shareable}...); {@code ""} is the default
 * @param pullPolicy when the image is pulled (not hashed)
 * @param dependsOn the services this one waits for, by name (not hashed)
 * @param replicas how many containers the service runs (not hashed)
 * @param updateConfig how its containers are replaced (not hashed)
 */
public record RuntimeOptions(
    Optional<List<String>> entrypoint,
    List<String> expose,
    Optional<HealthCheck> healthcheck,
    RestartPolicy restart,
    Resources resources,
    String user,
    String workingDir,
    String hostname,
    String domainname,
    List<String> extraHosts,
    List<String> dns,
    List<String> dnsSearch,
    List<String> capAdd,
    List<String> capDrop,
    boolean privileged,
    boolean readOnly,
    Optional<Boolean> init,
    List<Ulimit> ulimits,
    Map<String, String> sysctls,
    String stopSignal,
    Optional<Duration> stopGracePeriod,
    Optional<LogConfig> logging,
    Optional<String> containerName,
    List<String> securityOpt,
    long shmSize,
    List<Device> devices,
    List<String> groupAdd,
    String pid,
    String ipc,
    PullPolicy pullPolicy,
    Map<String, Dependency> dependsOn,
    int replicas,
    UpdateConfig updateConfig) {

  /** Every option at the engine's default. */
  public static final RuntimeOptions NONE = builder().build();

  public RuntimeOptions {
    entrypoint = Objects.requireNonNull(entrypoint, "entrypoint").map(List::copyOf);
    expose = List.copyOf(new java.util.TreeSet<>(expose));
    Objects.requireNonNull(healthcheck, "healthcheck");
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(domainname, "domainname");
    extraHosts = List.copyOf(extraHosts);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    capAdd = capAdd.stream().sorted().distinct().toList();
    capDrop = capDrop.stream().sorted().distinct().toList();
    Objects.requireNonNull(init, "init");
    ulimits = ulimits.stream().sorted(Comparator.comparing(Ulimit::name)).toList();
    if (ulimits.stream().map(Ulimit::name).distinct().count() < ulimits.size()) {
      throw new IllegalArgumentException("a ulimit is set twice");
    }
    sysctls = sorted(sysctls);
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
    if (stopGracePeriod.isPresent() && stopGracePeriod.get().isNegative()) {
      throw new IllegalArgumentException("stop_grace_period must not be negative");
    }
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(containerName, "containerName");
    securityOpt = List.copyOf(securityOpt);
    if (shmSize < 0) {
      throw new IllegalArgumentException("shm_size must not be negative");
    }
    devices = List.copyOf(devices);
    groupAdd = List.copyOf(groupAdd);
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(ipc, "ipc");
    Objects.requireNonNull(pullPolicy, "pullPolicy");
    dependsOn = sorted(dependsOn);
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must not be negative");
    }
    if (containerName.isPresent() && replicas > 1) {
      throw new IllegalArgumentException(
          "container_name '" + containerName.get() + "' names one container, but " + replicas
              + " replicas are asked for");
    }
    Objects.requireNonNull(updateConfig, "updateConfig");
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's options, to change some. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.entrypoint = entrypoint;
    builder.expose = new ArrayList<>(expose);
    builder.healthcheck = healthcheck;
    builder.restart = restart;
    builder.resources = resources;
    builder.user = user;
    builder.workingDir = workingDir;
    builder.hostname = hostname;
    builder.domainname = domainname;
    builder.extraHosts = extraHosts;
    builder.dns = dns;
    builder.dnsSearch = dnsSearch;
    builder.capAdd = capAdd;
    builder.capDrop = capDrop;
    builder.privileged = privileged;
    builder.readOnly = readOnly;
    builder.init = init;
    builder.ulimits = ulimits;
    builder.sysctls = sysctls;
    builder.stopSignal = stopSignal;
    builder.stopGracePeriod = stopGracePeriod;
    builder.logging = logging;
    builder.containerName = containerName;
    builder.securityOpt = securityOpt;
    builder.shmSize = shmSize;
    builder.devices = devices;
    builder.groupAdd = groupAdd;
    builder.pid = pid;
    builder.ipc = ipc;
    builder.pullPolicy = pullPolicy;
    builder.dependsOn = dependsOn;
    builder.replicas = replicas;
    builder.updateConfig = updateConfig;
    return builder;
  }

  private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
    TreeMap<String, V> copy = new TreeMap<>();
    map.forEach((key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
    return Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Collects options one by one, as a reader meets them, then builds the checked value. Mutable,
   * as its name says; a builder is used by one thread.
   */
  public static final class Builder {
    private Optional<List<String>> entrypoint = Optional.empty();
    private List<String> expose = List.of();
    private Optional<HealthCheck> healthcheck = Optional.empty();
    private RestartPolicy restart = RestartPolicy.NONE;
    private Resources resources = Resources.NONE;
    private String user = "";
    private String workingDir = "";
    private String hostname = "";
    private String domainname = "";
    private List<String> extraHosts = List.of();
    private List<String> dns = List.of();
    private List<String> dnsSearch = List.of();
    private List<String> capAdd = List.of();
    private List<String> capDrop = List.of();
    private boolean privileged;
    private boolean readOnly;
    private Optional<Boolean> init = Optional.empty();
    private List<Ulimit> ulimits = List.of();
    private Map<String, String> sysctls = Map.of();
    private String stopSignal = "";
    private Optional<Duration> stopGracePeriod = Optional.empty();
    private Optional<LogConfig> logging = Optional.empty();
    private Optional<String> containerName = Optional.empty();
    private List<String> securityOpt = List.of();
    private long shmSize;
    private List<Device> devices = List.of();
    private List<String> groupAdd = List.of();
    private String pid = "";
    private String ipc = "";
    private PullPolicy pullPolicy = PullPolicy.MISSING;
    private Map<String, Dependency> dependsOn = new LinkedHashMap<>();
    private int replicas = 1;
    private UpdateConfig updateConfig = UpdateConfig.DEFAULT;

    private Builder() {}

    public Builder entrypoint(List<String> value) {
      entrypoint = Optional.of(value);
      return this;
    }

    public Builder expose(List<String> value) {
      expose = value;
      return this;
    }

    public Builder healthcheck(HealthCheck value) {
      healthcheck = Optional.of(value);
      return this;
    }

    public Builder restart(RestartPolicy value) {
      restart = value;
      return this;
    }

    public Builder resources(Resources value) {
      resources = value;
      return this;
    }

    public Builder user(String value) {
      user = value;
      return this;
    }

    public Builder workingDir(String value) {
      workingDir = value;
      return this;
    }

    public Builder hostname(String value) {
      hostname = value;
      return this;
    }

    public Builder domainname(String value) {
      domainname = value;
      return this;
    }

    public Builder extraHosts(List<String> value) {
      extraHosts = value;
      return this;
    }

    public Builder dns(List<String> value) {
      dns = value;
      return this;
    }

    public Builder dnsSearch(List<String> value) {
      dnsSearch = value;
      return this;
    }

    public Builder capAdd(List<String> value) {
      capAdd = value;
      return this;
    }

    public Builder capDrop(List<String> value) {
      capDrop = value;
      return this;
    }

    public Builder privileged(boolean value) {
      privileged = value;
      return this;
    }

    public Builder readOnly(boolean value) {
      readOnly = value;
      return this;
    }

    public Builder init(boolean value) {
      init = Optional.of(value);
      return this;
    }

    public Builder ulimits(List<Ulimit> value) {
      ulimits = value;
      return this;
    }

    public Builder sysctls(Map<String, String> value) {
      sysctls = value;
      return this;
    }

    public Builder stopSignal(String value) {
      stopSignal = value;
      return this;
    }

    public Builder stopGracePeriod(Duration value) {
      stopGracePeriod = Optional.of(value);
      return this;
    }

    public Builder logging(LogConfig value) {
      logging = Optional.of(value);
      return this;
    }

    public Builder containerName(String value) {
      containerName = Optional.of(value);
      return this;
    }

    public Builder securityOpt(List<String> value) {
      securityOpt = value;
      return this;
    }

    public Builder shmSize(long value) {
      shmSize = value;
      return this;
    }

    public Builder devices(List<Device> value) {
      devices = value;
      return this;
    }

    public Builder groupAdd(List<String> value) {
      groupAdd = value;
      return this;
    }

    public Builder pid(String value) {
      pid = value;
      return this;
    }

    public Builder ipc(String value) {
      ipc = value;
      return this;
    }

    public Builder pullPolicy(PullPolicy value) {
      pullPolicy = value;
      return this;
    }

    public Builder dependsOn(Map<String, Dependency> value) {
      dependsOn = value;
      return this;
    }

    public Builder replicas(int value) {
      replicas = value;
      return this;
    }

    public Builder updateConfig(UpdateConfig value) {
      updateConfig = value;
      return this;
    }

    /** The current resources, for a reader that sets them from several keys. */
    public Resources resources() {
      return resources;
    }

    /** The current restart policy, for a reader that sets it from several keys. */
    public RestartPolicy restart() {
      return restart;
    }

    /**
     * The checked value.
     *
     * @throws IllegalArgumentException when the options contradict each other
     */
    public RuntimeOptions build() {
      return new RuntimeOptions(entrypoint, expose, healthcheck, restart, resources, user,
          workingDir, hostname, domainname, extraHosts, dns, dnsSearch, capAdd, capDrop,
          privileged, readOnly, init, ulimits, sysctls, stopSignal, stopGracePeriod, logging,
          containerName, securityOpt, shmSize, devices, groupAdd, pid, ipc, pullPolicy, dependsOn,
          replicas, updateConfig);
    }
  }
}
