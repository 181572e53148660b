package dev.driftless.manifests.compose;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compose's variable interpolation, as the Compose specification defines it: {@code $VAR} and
 * {@code ${VAR}} are the variable's value; {@code ${VAR:-default}} the default when the variable is
 * unset or empty, {@code ${VAR-default}} only when it is unset; {@code ${VAR:?message}} and
 * {@code ${VAR?message}} fail with the message in the same two cases; {@code ${VAR:+replacement}}
 * is the replacement when the variable is set and not empty, {@code ${VAR+replacement}} when it
 * is set, and otherwise both are empty; {@code $$} is a literal {@code $}. Defaults, replacements
 * and messages are themselves interpolated, so they nest ({@code ${A:-${B:-x}}}).
 *
 * <p>Names are {@code [_a-zA-Z][_a-zA-Z0-9]*}; any other {@code $} is an invalid template, as in
 * Compose. A braced expression ends at the first {@code }} that closes it, counting each nested
 * {@code ${} as an opening, the way compose-go finds it.
 *
 * <p>Only the branch that is used is interpolated (as a shell does): compose-go interpolates a
 * default even when the variable is set, so there an unused {@code ${A:-${B:?}}} fails; here it
 * does not, and warns about nothing it did not use.
 *
 * <p>The variables are only those given: never the process environment, so that the same commit
 * renders the same everywhere.
 */
final class Interpolation {

  private final Map<String, String> variables;

  Interpolation(Map<String, String> variables) {
    this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
  }

  /** A template that cannot be interpolated; its message reads after the field path. */
  static final class InvalidTemplate extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidTemplate(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The interpolated value of {@code template}.
   *
   * @param unset told the name of each variable used without a default while unset, which Compose
   *     replaces by an empty string with a warning
   * @throws InvalidTemplate for a malformed template or a missing required variable
   */
  String apply(String template, Consumer<String> unset) throws InvalidTemplate {
    return apply(template, unset, name -> { });
  }

  /**
   * Like {@link #apply(String, Consumer)}, also telling {@code used} the name of every variable
   * whose value went into the result: how a value made from a secret is recognised.
   */
  String apply(String template, Consumer<String> unset, Consumer<String> used)
      throws InvalidTemplate {
    if (template.indexOf('$') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      int next = i + 1;
      if (next < template.length() && template.charAt(next) == '$') {
        out.append('$');
        i = next + 1;
      } else if (next < template.length() && template.charAt(next) == '{') {
        int close = closingBrace(template, next + 1);
        if (close < 0) {
          throw invalid(template);
        }
        out.append(braced(template, template.substring(next + 1, close), unset, used));
        i = close + 1;
      } else {
        int end = nameEnd(template, next);
        if (end == next) {
          throw invalid(template);
        }
        out.append(lookup(template.substring(next, end), unset, used));
        i = end;
      }
    }
    return out.toString();
  }

  private String braced(String template, String expression, Consumer<String> unset,
      Consumer<String> used) throws InvalidTemplate {
    int end = nameEnd(expression, 0);
    if (end == 0) {
      throw invalid(template);
    }
    String name = expression.substring(0, end);
    if (end == expression.length()) {
      return lookup(name, unset, used);
    }
    boolean colon = expression.charAt(end) == ':';
    int operatorAt = colon ? end + 1 : end;
    if (operatorAt >= expression.length()) {
      throw invalid(template);
    }
    char operator = expression.charAt(operatorAt);
    String argument = expression.substring(operatorAt + 1);
    String value = variables.get(name);
    // With a colon, an empty value counts as unset.
    boolean set = value != null && !(colon && value.isEmpty());
    switch (operator) {
      case '-':
        if (set) {
          used.accept(name);
          return value;
        }
        return apply(argument, unset, used);
      case '+':
        if (set) {
          // The value does not go in, but whether it is set does: counted as used.
          used.accept(name);
          return apply(argument, unset, used);
        }
        return "";
      case '?':
        if (set) {
          used.accept(name);
          return value;
        }
        // The message is never a value of the file, so it is not tracked.
        String message = apply(argument, unset);
        throw new InvalidTemplate("required variable " + name + " is missing a value"
            + (message.isEmpty() ? "" : ": " + message));
      default:
        throw invalid(template);
    }
  }

  private String lookup(String name, Consumer<String> unset, Consumer<String> used) {
    String value = variables.get(name);
    if (value == null) {
      unset.accept(name);
      return "";
    }
    used.accept(name);
    return value;
  }

  /** The index of the {@code }} closing a brace opened just before {@code from}, or -1. */
  private static int closingBrace(String template, int from) {
    int open = 1;
    for (int i = from; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '}') {
        open--;
        if (open == 0) {
          return i;
        }
      } else if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
        open++;
        i++;
      }
    }
    return -1;
  }

  /** The end of the variable name starting at {@code from}; {@code from} when there is none. */
  private static int nameEnd(String text, int from) {
    if (from >= text.length() || !isNameStart(text.charAt(from))) {
      return from;
    }
    int i = from + 1;
    while (i < text.length() && (isNameStart(text.charAt(i)) || isDigit(text.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static InvalidTemplate invalid(String template) {
    return new InvalidTemplate("invalid interpolation format \"" + template
        + "\" (write $$ for a literal $)");
  }
}
