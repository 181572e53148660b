package dev.driftless.manifests.compose;

import java.time.Duration;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a duration field ({@code 10s}, {@code 1m30s}), refusing negative ones. */
final class Durations {

  private Durations() {}

  static Optional<Duration> nonNegative(FieldReader fields, Node value, String path) {
    return fields.parsed(value, path, "a duration such as 10s or 1m30s", text -> {
      Duration duration = DurationSyntax.parse(text);
      if (duration.isNegative()) {
        throw new IllegalArgumentException("'" + text + "' is negative");
      }
      return duration;
    });
  }
}
