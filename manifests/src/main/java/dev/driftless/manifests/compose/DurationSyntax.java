package dev.driftless.manifests.compose;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Compose's durations ({@code 1m30s}, {@code 10s}, {@code 1.5h}, {@code 500ms}, {@code 2us}),
 * read as Go's {@code time.ParseDuration} reads them, which is what Compose uses: an optional
 * sign, then one or more decimal numbers each followed by a unit ({@code ns}, {@code us} or
 * {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), in any order; {@code 0} alone needs
 * no unit. Fractions below a nanosecond are dropped, as in Go.
 */
final class DurationSyntax {

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private DurationSyntax() {}

  /**
   * The duration {@code text} stands for.
   *
   * @throws IllegalArgumentException with a message for the user when it is not a duration
   */
  static Duration parse(String text) {
    String rest = text;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    if (rest.isEmpty()) {
      throw invalid(text);
    }
    BigInteger total = BigInteger.ZERO;
    int i = 0;
    while (i < rest.length()) {
      int start = i;
      while (i < rest.length() && (Character.isDigit(rest.charAt(i)) || rest.charAt(i) == '.')) {
        i++;
      }
      String number = rest.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')
          || !number.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < rest.length() && rest.charAt(i) != '.' && !isAsciiDigit(rest.charAt(i))) {
        i++;
      }
      String unit = rest.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + text + "' is missing a unit after " + number + " (ns, us, ms, s, m or h)");
      }
      Long nanos = UNITS.get(unit);
      if (nanos == null) {
        throw new IllegalArgumentException(
            "'" + text + "' has the unknown unit '" + unit + "' (ns, us, ms, s, m or h)");
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanos)).toBigInteger());
      if (total.compareTo(MAX) > 0) {
        throw new IllegalArgumentException("'" + text + "' is too long a duration");
      }
    }
    long value = total.longValueExact();
    return Duration.ofNanos(negative ? -value : value);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration (write it like 10s, 1m30s, 1.5h or 500ms)");
  }
}
