package dev.driftless.manifests.compose;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code .env} file read with Compose's dotenv rules: the variables a Compose file of the same
 * folder is interpolated from.
 *
 * <p>The rules, as compose-go's {@code dotenv} parser applies them: one {@code KEY=VALUE} per
 * statement ({@code KEY: VALUE} too), an optional {@code export } before the key, blank lines and
 * lines starting with {@code #} ignored. An unquoted value runs to the end of the line, is cut at
 * the first {@code " #"} (an inline comment) and trimmed. A single-quoted value is literal (only
 * {@code \'} is unescaped). A double-quoted value may span lines; {@code \n}, {@code \r},
 * {@code \t}, {@code \\}, {@code \"} and {@code \$} are unescaped, any other backslash is kept.
 * Unquoted and double-quoted values are interpolated (see {@link Interpolation}) from the keys
 * defined above them. A later key replaces an earlier one.
 *
 * <p>Deliberate differences: a bare {@code KEY} with no {@code =}, which compose-go copies from
 * the process environment, sets nothing here, and nothing is ever looked up in the process
 * environment, so that the same commit renders the same everywhere; and text after a closing
 * quote other than a comment is refused rather than read as the next statement.
 *
 * @param variables the variables, in file order
 * @param warnings variables used unset in a value, which became empty strings
 */
public record DotEnv(Map<String, String> variables, List<ManifestProblem> warnings) {

  public DotEnv {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    warnings = List.copyOf(warnings);
  }

  /**
   * Parses {@code text}, the {@code .env} file at {@code file}.
   *
   * @param file the file's repo-relative path, used in problems
   * @throws ManifestException with the first problem, at its line and column
   */
  public static DotEnv parse(String file, String text) throws ManifestException {
    return parse(file, text, Map.of());
  }

  /**
   * Parses {@code text}, an env file layered over others: its values may use the variables of
   * {@code inherited} (the earlier layers) as well as its own, as compose-go reads several
   * {@code --env-file}s. Only the file's own variables are returned.
   *
   * @throws ManifestException with the first problem, at its line and column
   */
  public static DotEnv parse(String file, String text, Map<String, String> inherited)
      throws ManifestException {
    Objects.requireNonNull(file, "file");
    String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    return new Parser(file, body, Map.copyOf(inherited)).parse();
  }

  private static final class Parser {

    private final String file;
    private final String text;
    private final Map<String, String> inherited;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Set<ManifestProblem> warnings = new LinkedHashSet<>();
    private int at;

    Parser(String file, String text, Map<String, String> inherited) {
      this.file = file;
      this.text = text;
      this.inherited = inherited;
    }

    DotEnv parse() throws ManifestException {
      while (skipToStatement()) {
        statement();
      }
      return new DotEnv(variables, new ArrayList<>(warnings));
    }

    /** Skips blank space and comment lines; whether a statement follows. */
    private boolean skipToStatement() {
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c == '#') {
          int newline = text.indexOf('\n', at);
          at = newline < 0 ? text.length() : newline + 1;
        } else if (Character.isWhitespace(c)) {
          at++;
        } else {
          return true;
        }
      }
      return false;
    }

    private void statement() throws ManifestException {
      if (text.startsWith("export", at)
          && at + 6 < text.length() && isSpace(text.charAt(at + 6))) {
        at += 6;
        skipSpaces();
      }
      int keyStart = at;
      while (at < text.length() && isKeyChar(text.charAt(at))) {
        at++;
      }
      String key = text.substring(keyStart, at);
      skipSpaces();
      if (at >= text.length() || text.charAt(at) == '\n') {
        if (key.isEmpty()) {
          throw problem(keyStart, "expected a variable name");
        }
        // A bare KEY inherits from the process environment in Compose; never here.
        return;
      }
      char separator = text.charAt(at);
      if (separator != '=' && separator != ':') {
        throw problem(at, key.isEmpty()
            ? "unexpected character '" + separator + "': expected KEY=VALUE"
            : "unexpected character '" + separator + "' in variable name '" + key
                + "' (names are letters, digits, '_', '.', '-', '[' and ']')");
      }
      if (key.isEmpty()) {
        throw problem(keyStart, "a variable name is missing before '" + separator + "'");
      }
      at++;
      skipSpaces();
      variables.put(key, value());
    }

    private String value() throws ManifestException {
      int start = at;
      char quote = at < text.length() ? text.charAt(at) : 0;
      if (quote != '"' && quote != '\'') {
        int newline = text.indexOf('\n', at);
        at = newline < 0 ? text.length() : newline;
        String raw = text.substring(start, at);
        int comment = raw.indexOf(" #");
        if (comment >= 0) {
          raw = raw.substring(0, comment);
        }
        return interpolate(raw.stripTrailing(), start);
      }
      StringBuilder chars = new StringBuilder();
      boolean escape = false;
      for (at = start + 1; at < text.length(); at++) {
        char c = text.charAt(at);
        if (escape) {
          escape = false;
          if (c != quote) {
            chars.append('\\');
          }
          chars.append(c);
        } else if (c == '\\') {
          escape = true;
        } else if (c == quote) {
          at++;
          endOfLine();
          String value = chars.toString();
          return quote == '\'' ? value : interpolate(unescape(value), start);
        } else {
          chars.append(c);
        }
      }
      throw problem(start, "the quoted value is not closed: a " + quote + " is missing");
    }

    /** After a closing quote, only blanks and a comment may end the line. */
    private void endOfLine() throws ManifestException {
      skipSpaces();
      if (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '#') {
        throw problem(at, "unexpected text after the closing quote");
      }
      int newline = text.indexOf('\n', at);
      at = newline < 0 ? text.length() : newline;
    }

    private String interpolate(String raw, int start) throws ManifestException {
      try {
        Map<String, String> scope = variables;
        if (!inherited.isEmpty()) {
          scope = new LinkedHashMap<>(inherited);
          scope.putAll(variables);
        }
        return new Interpolation(scope).apply(raw, name -> warnings.add(at(start,
            "the \"" + name + "\" variable is not set; it defaults to a blank string")));
      } catch (Interpolation.InvalidTemplate e) {
        throw problem(start, e.getMessage());
      }
    }

    /** Shell-style escapes of a double-quoted value; {@code \$} becomes {@code $$}, literal. */
    private static String unescape(String value) {
      StringBuilder out = new StringBuilder(value.length());
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c != '\\' || i + 1 >= value.length()) {
          out.append(c);
          continue;
        }
        char next = value.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case '\\' -> out.append('\\');
          case '"' -> out.append('"');
          case '$' -> out.append("$$");
          default -> out.append('\\').append(next);
        }
      }
      return out.toString();
    }

    private void skipSpaces() {
      while (at < text.length() && isSpace(text.charAt(at))) {
        at++;
      }
    }

    /** Blank but not a line break, as compose-go's parser counts it. */
    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r'
          || c == '\u0085' || c == '\u00A0';
    }

    private static boolean isKeyChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '['
          || c == ']';
    }

    private ManifestException problem(int index, String message) {
      return new ManifestException(List.of(at(index, message)));
    }

    private ManifestProblem at(int index, String message) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < index && i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new ManifestProblem(file, line, index - lineStart + 1, message);
    }
  }
}
