package dev.driftless.manifests;

import java.util.Optional;

/**
 * A boolean as YAML 1.2 writes it, and so as Compose and {@code driftless.yaml} read it:
 * {@code true} or {@code false} in any of their three capitalisations. YAML 1.1's {@code yes},
 * {@code on}, {@code no} and {@code off} are not booleans here (Compose reads them as strings), so
 * a field that wants a boolean refuses them rather than guess.
 */
public final class YamlBoolean {

  private YamlBoolean() {}

  /** The boolean {@code text} spells, or empty when it spells none. */
  public static Optional<Boolean> parse(String text) {
    return switch (text) {
      case "true", "True", "TRUE" -> Optional.of(true);
      case "false", "False", "FALSE" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
