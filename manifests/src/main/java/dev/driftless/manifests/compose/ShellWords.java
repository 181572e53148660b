package dev.driftless.manifests.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code command:} string into arguments the way Compose does, that is like Python's
 * {@code shlex.split} (POSIX mode), which docker-compose uses: words are separated by spaces, tabs
 * and line breaks; {@code '...'} keeps everything literally; {@code "..."} keeps everything but
 * lets a backslash escape {@code "} and {@code \}; outside quotes a backslash makes the next
 * character literal. Nothing else is special: no variables, globs, pipes or comments, because no
 * shell ever sees the string (write {@code sh -c '...'} for that).
 */
final class ShellWords {

  private ShellWords() {}

  /**
   * The words of {@code line}.
   *
   * @throws IllegalArgumentException for an unclosed quote or a trailing backslash
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int close = line.indexOf('\'', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("the quote (') opened at character " + (i + 1)
              + " is never closed");
        }
        word.append(line, i + 1, close);
        inWord = true;
        i = close + 1;
      } else if (c == '"') {
        i = doubleQuoted(line, i, word);
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          throw new IllegalArgumentException(
              "the command ends with a backslash that escapes nothing");
        }
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends the double-quoted part starting at {@code open}; returns the index after it. */
  private static int doubleQuoted(String line, int open, StringBuilder word) {
    int i = open + 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length()
          && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
        word.append(line.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw new IllegalArgumentException("the quote (\") opened at character " + (open + 1)
        + " is never closed");
  }
}
