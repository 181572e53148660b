package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.PortBinding;
import dev.driftless.manifests.model.PullPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one entry of {@code services:} into a {@link DesiredService}, reporting every problem in
 * it. Only the keys Driftless can honour are accepted; every other key is refused, because
 * ignoring, say, {@code volumes:} would deploy a container that loses its data.
 */
final class ServiceReader {

  private final FieldReader fields;
  private final Dependencies dependencies;
  private final EnvFiles envFiles;
  private final BuildReader builds;
  private final AttachmentsReader attachmentsReader;
  private final HostAccesses hostAccess;
  private final Profiles profiles;

  ServiceReader(FieldReader fields, Dependencies dependencies, EnvFiles envFiles,
      BuildReader builds, AttachmentsReader attachmentsReader, HostAccesses hostAccess,
      Profiles profiles) {
    this.fields = fields;
    this.dependencies = dependencies;
    this.envFiles = envFiles;
    this.builds = builds;
    this.attachmentsReader = attachmentsReader;
    this.hostAccess = hostAccess;
    this.profiles = profiles;
  }

  /**
   * The service, or empty when it has problems (they are then in the collector) or is only in
   * profiles that are not active (a warning says so).
   */
  Optional<DesiredService> read(String name, Node nameNode, Node body) {
    int before = fields.problems().count();
    String path = "services." + name;
    if (!DesiredService.isValidName(name)) {
      fields.problems().at(nameNode, "service name '" + name
          + "' is not valid: use letters, digits, '.', '_' and '-'");
    }
    if (FieldReader.isNull(body)) {
      fields.problems().at(nameNode, "service '" + name + "' has no image");
      return Optional.empty();
    }
    Optional<String> image = Optional.empty();
    boolean hasImage = false;
    List<String> command = List.of();
    Map<String, String> environment = Map.of();
    KeyValueReader environmentReader =
        new KeyValueReader(fields, KeyValueReader.Kind.ENVIRONMENT, name);
    EnvValues fromFiles = EnvValues.EMPTY;
    List<PortBinding> ports = List.of();
    Map<String, String> labels = Map.of();
    RuntimeOptionsReader runtime = new RuntimeOptionsReader(fields, name, dependencies, hostAccess);
    // build: and pull_policy (where the image comes from)
    boolean hasBuild = false;
    Optional<BuildSpec> build = Optional.empty();
    Node pullPolicyNode = null;
    Map<String, YamlMapping.Entry> attached = new HashMap<>();
    for (YamlMapping.Entry entry : fields.mapping(body, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "image" -> {
          hasImage = true;
          image = image(name, value, at);
        }
        case "command" -> command = fields.words(value, at).orElse(List.of());
        case "environment" -> environment = environmentReader.read(value, at);
        case "env_file" -> fromFiles = new EnvFileReader(fields, envFiles).read(value, at);
        case "ports" -> ports = new PortsReader(fields).read(value, at);
        case "labels" ->
            labels = new KeyValueReader(fields, KeyValueReader.Kind.LABELS, name).read(value, at);
        case "build" -> {
          hasBuild = true;
          build = builds.read(name, value, at);
        }
        default -> {
          if (entry.key().equals("pull_policy")) {
            pullPolicyNode = value;
          }
          if (RuntimeOptionsReader.KEYS.contains(entry.key())) {
            runtime.read(entry, at);
          } else if (AttachmentsReader.KEYS.contains(entry.key())) {
            attached.put(entry.key(), entry);
          } else {
            unsupported(entry, name);
          }
        }
      }
    }
    Attachments attachments = attachmentsReader.read(name, attached);
    if (attachments.networkMode().kind() == NetworkMode.Kind.SERVICE) {
      runtime.requires(attachments.networkMode().reference(), attached.get("network_mode").value(),
          path + ".network_mode");
    }
    if (!hasImage && hasBuild) {
      image = Optional.of(builds.defaultImage(name));
      image.flatMap(ImageReference::whyInvalid).ifPresent(why -> fields.problems().at(nameNode,
          "the image of built service '" + name + "' would be named '" + builds.defaultImage(name)
              + "', which " + why + "; name it with image:"));
    } else if (!hasImage && body instanceof MappingNode) {
      fields.problems().at(nameNode, "service '" + name + "' has no image");
    }
    Optional<RuntimeOptions> options = runtime.build(nameNode);
    if (pullPolicyNode != null && !hasBuild
        && options.map(RuntimeOptions::pullPolicy).orElse(null) == PullPolicy.BUILD) {
      fields.problems().at(pullPolicyNode, path + ".pull_policy is build, but service '" + name
          + "' has no build section to build its image from");
    }
    dependencies.service(name, runtime.profiles(),
        options.flatMap(RuntimeOptions::containerName).isPresent());
    profiles.declare(runtime.profiles());
    if (fields.problems().count() > before || image.isEmpty() || options.isEmpty()) {
      return Optional.empty();
    }
    if (!profiles.isDeployed(runtime.profiles())) {
      fields.problems().warnAt(nameNode, "service '" + name + "' is not deployed: it is in "
          + "profiles " + runtime.profiles() + " and "
          + (profiles.noneActive() ? "no profile is active" : "none of them is active")
          + " (driftless.yaml activates them per app: apps.<app>.profiles)");
      return Optional.empty();
    }
    SecretEnvironment merged =
        SecretEnvironment.merge(fromFiles, environment, environmentReader.secretKeys());
    return Optional.of(new DesiredService(name, image.get(), command, merged.environment(), ports,
        labels, options.get(), attachments, build).withSecretDigests(merged.digests(envFiles)));
  }

  private Optional<String> image(String service, Node value, String path) {
    if (FieldReader.isNull(value)) {
      fields.problems().at(value, "service '" + service + "' has no image");
      return Optional.empty();
    }
    Optional<String> image = fields.string(value, path);
    Optional<String> invalid = image.flatMap(ImageReference::whyInvalid);
    if (invalid.isPresent()) {
      fields.problems().at(value, path + " " + invalid.get());
      return Optional.empty();
    }
    return image;
  }

  private void unsupported(YamlMapping.Entry entry, String service) {
    String key = entry.key();
    if (ComposeKeys.isExtension(key)) {
      return;
    }
    if (ComposeKeys.SERVICE.contains(key)) {
      fields.problems().at(entry.keyNode(), "unsupported key '" + key + "' in service '" + service
          + "' (Driftless does not support it yet)");
    } else {
      fields.problems().at(entry.keyNode(), ComposeKeys.unknownServiceKey(key, service));
    }
  }
}
