package dev.driftless.manifests.compose;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's byte sizes ({@code 512m}, {@code 1g}, {@code 1024k}, {@code 100b}, {@code 2gb},
 * {@code 1.5GiB}, or a plain number of bytes), read as Compose reads them with the Docker
 * library's {@code RAMInBytes}: a decimal number, an optional space, an optional unit among
 * {@code k}, {@code m}, {@code g}, {@code t}, {@code p} (any case, each 1024 times the last),
 * optionally followed by {@code i} and then by {@code b}. Fractions of a byte are dropped.
 */
final class ByteSizeSyntax {

  private static final Pattern SIZE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "kmgtp";

  private ByteSizeSyntax() {}

  /**
   * The number of bytes {@code text} stands for.
   *
   * @throws IllegalArgumentException with a message for the user when it is not a size
   */
  static long parse(String text) {
    Matcher matcher = SIZE.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (write it like 512m, 1g, 1024k, 100b or a number of bytes)");
    }
    BigDecimal bytes = new BigDecimal(matcher.group(1));
    if (matcher.group(2) != null) {
      int power = UNITS.indexOf(matcher.group(2).toLowerCase(Locale.ROOT)) + 1;
      bytes = bytes.multiply(BigDecimal.valueOf(1024).pow(power));
    }
    try {
      return bytes.toBigInteger().longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a size", e);
    }
  }
}
