package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * A fingerprint of everything that defines a service's containers, stored as the
 * {@code dev.driftless.spec-hash} label on each container, so that the planner can tell whether
 * a running container still matches the repository without reading back and normalising every
 * field Docker reports.
 *
 * <p>It is the SHA-256 of a canonical serialisation of the service's image, command, environment,
 * ports and labels. Canonical means: independent of order where order means nothing to Docker
 * (maps are written sorted by key, port bindings sorted by container port, protocol, host address
 * and host port; the command keeps its order), and unambiguous (every string is written as its UTF-8 length, a colon, then its bytes, and every
 * collection starts with its size, so {@code ["a", "bc"]} and {@code ["ab", "c"]} never meet). The
 * names of the app and of the service are not part of it: they identify the container (through
 * their own labels), they do not configure it.
 *
 * <p>A secret (an environment variable decrypted from an encrypted file) enters the hash only
 * through its keyed digest ({@link DesiredService#secretDigests()}): a changed secret changes the
 * hash of exactly the services that use it, and the hash, which is a container label anyone with
 * access to the engine can read, cannot be used to test guesses of the value.
 *
 * <p><strong>The serialisation is a contract.</strong> Changing it changes the hash of every
 * service, which makes Driftless recreate every container it manages on the next reconcile. It
 * is therefore versioned: the version ({@value #VERSION}) is the first field hashed, and any change
 * to what is hashed or how must come with a new version, and be released on purpose.
 */
public final class SpecHash {

  /** The version of the serialisation below; see the class documentation before changing it. */
  public static final String VERSION = "v1";

  private static final Comparator<PortBinding> PORT_ORDER =
      Comparator.comparingInt(PortBinding::containerPort)
          .thenComparing(PortBinding::protocol)
          .thenComparing(PortBinding::hostIp)
          .thenComparingInt(PortBinding::hostPort);

  private SpecHash() {}

  /**
   * A fingerprint of a build's inputs alone (the part of {@link #of} that {@code build:} adds),
   * put on the image it built so that an image already built from the same inputs is reused.
   * 64 lower-case hex characters.
   */
  public static String ofBuild(BuildSpec build) {
    CanonicalDigest out = new CanonicalDigest();
    out.text("driftless-build-hash").text(VERSION);
    BuildHashing.write(FieldSink.into(out), Optional.of(build));
    return out.hex();
  }

  /** 64 lower-case hex characters. */
  public static String of(DesiredService service) {
    CanonicalDigest out = new CanonicalDigest();
    out.text("driftless-spec-hash").text(VERSION);
    FieldSink fields = FieldSink.into(out);
    writeImageAndCommand(fields, service);
    fields.to("environment");
    writeEnvironment(out, service);
    writePorts(fields, service);
    fields.to("labels").map(service.labels());
    writeOptions(fields, service);
    return out.hex();
  }

  /** The fields written first, one each. */
  static void writeImageAndCommand(FieldSink fields, DesiredService service) {
    fields.to("image").text(service.image());
    CanonicalDigest command = fields.to("command").size(service.command().size());
    service.command().forEach(command::text);
  }

  /** The port bindings, one field, in {@link #PORT_ORDER}. */
  static void writePorts(FieldSink fields, DesiredService service) {
    CanonicalDigest ports = fields.to("ports").size(service.ports().size());
    for (PortBinding port : service.ports().stream().sorted(PORT_ORDER).toList()) {
      ports.text(port.hostIp())
          .number(port.hostPort())
          .number(port.containerPort())
          .text(port.protocol());
    }
  }

  /** The fields written last: runtime options, attachments, build; each only when set. */
  static void writeOptions(FieldSink fields, DesiredService service) {
    RuntimeOptionsHashing.write(fields, service.runtime());
    AttachmentsHashing.write(fields, service.attachments());
    BuildHashing.write(fields, service.build());
  }

  /**
   * The environment, sorted by name, with each secret's keyed digest in place of its value; then,
   * only when there are secrets, their names, so that a digest can never be mistaken for a plain
   * value that happens to look like one. A service without secrets hashes as it always did.
   */
  private static void writeEnvironment(CanonicalDigest out, DesiredService service) {
    if (service.secretDigests().isEmpty()) {
      out.map(service.environment());
      return;
    }
    Map<String, String> hashed = new TreeMap<>(service.environment());
    hashed.putAll(service.secretDigests());
    out.map(hashed);
    out.text("secret-keys").size(service.secretKeys().size());
    service.secretKeys().forEach(out::text);
  }
}
