package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code healthcheck:}. The test is a string (run by the container's shell, as
 * {@code ["CMD-SHELL", "..."]}) or a list starting with {@code CMD}, {@code CMD-SHELL} or
 * {@code NONE}; {@code disable: true} turns every check off, the image's included, as the
 * Compose specification says (docker-compose 1.29 also turns it off for {@code disable: false}).
 */
final class HealthCheckReader {

  private static final List<String> FIRST_WORDS = List.of("CMD", "CMD-SHELL", "NONE");

  private final FieldReader fields;

  HealthCheckReader(FieldReader fields) {
    this.fields = fields;
  }

  Optional<HealthCheck> read(Node node, String path) {
    if (FieldReader.isNull(node)) {
      return Optional.empty();
    }
    List<String> test = List.of();
    Optional<Duration> interval = Optional.empty();
    Optional<Duration> timeout = Optional.empty();
    Optional<Duration> startPeriod = Optional.empty();
    Optional<Duration> startInterval = Optional.empty();
    OptionalInt retries = OptionalInt.empty();
    boolean disabled = false;
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "test" -> test = test(value, at);
        case "interval" -> interval = duration(value, at);
        case "timeout" -> timeout = duration(value, at);
        case "start_period" -> startPeriod = duration(value, at);
        case "start_interval" -> startInterval = duration(value, at);
        case "retries" -> retries = fields.integer(value, at, 0, Integer.MAX_VALUE)
            .map(count -> OptionalInt.of(count.intValue())).orElse(OptionalInt.empty());
        case "disable" -> disabled = fields.bool(value, at).orElse(false);
        default -> {
          if (!ComposeKeys.isExtension(entry.key())) {
            fields.problems().at(entry.keyNode(), "unknown key '" + entry.key() + "' in " + path
                + " (a health check takes test, interval, timeout, start_period, "
                + "start_interval, retries and disable)");
          }
        }
      }
    }
    if (disabled) {
      return Optional.of(HealthCheck.DISABLED);
    }
    return Optional.of(
        new HealthCheck(test, interval, timeout, startPeriod, startInterval, retries));
  }

  private List<String> test(Node value, String path) {
    if (value instanceof ScalarNode && !FieldReader.isNull(value)) {
      return fields.literal(value, path, "a string or a list")
          .map(command -> command.isEmpty() ? List.<String>of() : List.of("CMD-SHELL", command))
          .orElse(List.of());
    }
    List<String> words = fields.strings(value, path, false);
    if (!words.isEmpty() && !FIRST_WORDS.contains(words.get(0))) {
      fields.problems().at(value, path + " must start with CMD, CMD-SHELL or NONE, found '"
          + words.get(0) + "' (or write the command as a string, run by the shell)");
      return List.of();
    }
    if (words.size() == 1 && !words.get(0).equals("NONE")) {
      fields.problems().at(value, path + " has " + words.get(0) + " but no command after it");
      return List.of();
    }
    return words;
  }

  private Optional<Duration> duration(Node value, String path) {
    if (FieldReader.isNull(value)) {
      return Optional.empty();
    }
    Optional<Duration> duration = Durations.nonNegative(fields, value, path);
    if (duration.isPresent() && !duration.get().isZero()
        && duration.get().compareTo(Duration.ofMillis(1)) < 0) {
      fields.problems().at(value, path + " must be at least 1ms (the engine refuses shorter)");
      return Optional.empty();
    }
    return duration;
  }
}
