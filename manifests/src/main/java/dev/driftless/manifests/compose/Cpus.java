package dev.driftless.manifests.compose;

import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a CPU count ({@code cpus: 1.5}, {@code cpus: "0.5"}) into billionths of a CPU, the
 * engine's unit, computed in double precision and truncated exactly as docker-compose does
 * ({@code 2.01} becomes 2009999999), so that both create the same container.
 */
final class Cpus {

  private Cpus() {}

  static Optional<Long> read(FieldReader fields, Node value, String path) {
    return fields.parsed(value, path, "a number of CPUs such as 0.5", Cpus::nanoCpus);
  }

  static long nanoCpus(String text) {
    double cpus;
    try {
      cpus = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number of CPUs", e);
    }
    if (!text.matches("[0-9]*\\.?[0-9]+|[0-9]+\\.")) {
      throw new IllegalArgumentException("'" + text + "' is not a number of CPUs");
    }
    return (long) (cpus * 1e9);
  }
}
