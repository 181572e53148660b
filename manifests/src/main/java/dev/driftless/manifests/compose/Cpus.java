package dev.driftless.manifests.compose;

import java.math.BigDecimal;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a CPU count ({@code cpus: 1.5}, {@code cpus: "0.5"}) into billionths of a CPU, the
 * engine's unit. Like docker-compose, it refuses more than nine decimals, which the engine cannot
 * represent; unlike docker-compose 1.29, whose floating-point check also refuses values such as
 * {@code 2.01}, it computes exactly, so every value with nine decimals or fewer is taken.
 */
final class Cpus {

  private Cpus() {}

  static Optional<Long> read(FieldReader fields, Node value, String path) {
    return fields.parsed(value, path, "a number of CPUs such as 0.5", Cpus::nanoCpus);
  }

  static long nanoCpus(String text) {
    if (!text.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
      throw new IllegalArgumentException("'" + text + "' is not a number of CPUs");
    }
    BigDecimal cpus = new BigDecimal(text.endsWith(".") ? text + "0" : text);
    if (cpus.stripTrailingZeros().scale() > 9) {
      throw new IllegalArgumentException(
          "'" + text + "' has more than nine decimals, which the engine cannot represent");
    }
    return cpus.movePointRight(9).longValueExact();
  }
}
