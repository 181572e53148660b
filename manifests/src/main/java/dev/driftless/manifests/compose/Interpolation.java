package dev.driftless.manifests.compose;

import java.util.Optional;

/**
 * Compose's {@code $} syntax, as far as this stage supports it: {@code $$} is a literal
 * {@code $}; any other {@code $} starts a variable reference (or is invalid in Compose), which
 * is not supported yet. A value holding one is refused rather than used as written, because
 * running {@code ${TAG}} literally would deploy something nobody asked for.
 */
final class Interpolation {

  static final String NOT_SUPPORTED =
      "variable interpolation (${...}) is not supported yet; write $$ for a literal $";

  private Interpolation() {}

  /** The value with {@code $$} unescaped, or empty when it refers to a variable. */
  static Optional<String> literal(String raw) {
    int dollar = raw.indexOf('$');
    if (dollar < 0) {
      return Optional.of(raw);
    }
    StringBuilder out = new StringBuilder(raw.length()).append(raw, 0, dollar);
    for (int i = dollar; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '$') {
        out.append(c);
      } else if (i + 1 < raw.length() && raw.charAt(i + 1) == '$') {
        out.append('$');
        i++;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(out.toString());
  }
}
