package dev.driftless.manifests;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * "Did you mean ...?" for a key nobody knows: the closest known key by Damerau-Levenshtein
 * distance (insertions, deletions, substitutions and swaps of two neighbours each count one), so
 * that {@code prots} suggests {@code ports} and {@code imgae} suggests {@code image}.
 *
 * <p>A suggestion is made only when it is close enough to be a typo rather than another word:
 * at most one edit for keys of up to four characters, two up to eight, three beyond; case is
 * ignored when measuring. Ties go to the candidate that comes first in iteration order, so give
 * a sorted or otherwise stable collection.
 */
public final class Suggestions {

  private Suggestions() {}

  /** The known key closest to {@code unknown}, if one is close enough to be a typo. */
  public static Optional<String> closest(String unknown, Collection<String> known) {
    Objects.requireNonNull(unknown, "unknown");
    String typed = unknown.toLowerCase(Locale.ROOT);
    int budget = typed.length() <= 4 ? 1 : typed.length() <= 8 ? 2 : 3;
    String best = null;
    int bestDistance = budget + 1;
    for (String candidate : known) {
      if (Math.abs(candidate.length() - typed.length()) >= bestDistance) {
        continue;
      }
      int distance = distance(typed, candidate.toLowerCase(Locale.ROOT), bestDistance);
      if (distance < bestDistance && !candidate.equals(unknown)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code " (did you mean 'x'?)"} when there is a suggestion, else {@code ""}. */
  public static String didYouMean(String unknown, Collection<String> known) {
    return closest(unknown, known).map(key -> " (did you mean '" + key + "'?)").orElse("");
  }

  /**
   * The optimal-string-alignment distance between {@code a} and {@code b}; any value of at least
   * {@code cap} means "too far" (the computation stops early once every path costs that much).
   */
  static int distance(String a, String b, int cap) {
    int n = a.length();
    int m = b.length();
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      int rowMinimum = i;
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        rowMinimum = Math.min(rowMinimum, value);
      }
      if (rowMinimum >= cap) {
        return cap;
      }
      int[] spare = before;
      before = previous;
      previous = current;
      current = spare;
    }
    return previous[m];
  }
}
