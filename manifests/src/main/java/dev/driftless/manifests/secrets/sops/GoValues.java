package dev.driftless.manifests.secrets.sops;

import dev.driftless.manifests.secrets.sops.Node.GoType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The handful of Go conversions SOPS's MAC depends on, reproduced exactly: how gopkg.in/yaml.v3
 * resolves a plain scalar, how {@code strconv} parses a decrypted {@code int}, {@code float} or
 * {@code bool}, and how SOPS turns each value back into the bytes it hashes ({@code Itoa},
 * {@code FormatFloat(f, 'f', -1, 64)}, {@code True}/{@code False}).
 */
final class GoValues {

  private static final Set<String> YAML_TRUE = Set.of("true", "True", "TRUE");
  private static final Set<String> YAML_FALSE = Set.of("false", "False", "FALSE");
  private static final Set<String> YAML_NULL = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> YAML_NAN = Set.of(".nan", ".NaN", ".NAN");
  private static final Set<String> YAML_INF = Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf",
      "+.INF");
  private static final Set<String> YAML_NEG_INF = Set.of("-.inf", "-.Inf", "-.INF");
  /** yaml.v3's yamlStyleFloat. */
  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  /** What Go's strconv.ParseFloat accepts in decimal form (hex floats are refused). */
  private static final Pattern GO_DECIMAL_FLOAT =
      Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Pattern GO_SPECIAL_FLOAT =
      Pattern.compile("[-+]?(?i:inf|infinity|nan)");
  private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?[0-9]+");
  private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GoValues() {}

  /**
   * The Go type yaml.v3 gives an untagged plain scalar decoded into {@code interface{}}.
   * Timestamps stay strings there, so they need no case of their own.
   */
  static GoType resolvePlainYaml(String text) {
    if (YAML_TRUE.contains(text) || YAML_FALSE.contains(text)) {
      return GoType.BOOL;
    }
    if (YAML_NULL.contains(text)) {
      return GoType.NULL;
    }
    if (YAML_NAN.contains(text) || YAML_INF.contains(text) || YAML_NEG_INF.contains(text)) {
      return GoType.FLOAT;
    }
    char first = text.charAt(0);
    if (first == '.') {
      return parseGoFloat(text).isPresent() ? GoType.FLOAT : GoType.STRING;
    }
    if (first != '+' && first != '-' && (first < '0' || first > '9')) {
      return GoType.STRING;
    }
    String plain = text.replace("_", "");
    if (parseYamlInt(plain, MAX_UINT64).isPresent()) {
      // Beyond int64 yaml.v3 gives a uint64, which SOPS cannot hash: macText then refuses it.
      return GoType.INT;
    }
    if (YAML_FLOAT.matcher(plain).matches() && parseGoFloat(plain).isPresent()) {
      return GoType.FLOAT;
    }
    return GoType.STRING;
  }

  /**
   * The bytes SOPS hashes for a clear-text YAML or JSON scalar of the given type; empty when SOPS
   * itself could not convert it (for example an integer beyond 64 bits).
   */
  static Optional<String> macText(GoType type, String text, boolean fromYaml) {
    return switch (type) {
      case STRING -> Optional.of(text);
      case BOOL -> Optional.of(YAML_TRUE.contains(text) ? "True" : "False");
      case INT -> parseYamlInt(text.replace("_", ""), MAX_LONG).map(BigInteger::toString);
      case FLOAT -> yamlOrJsonFloat(text, fromYaml).map(GoValues::formatFloat);
      case NULL -> Optional.empty();
    };
  }

  private static Optional<Double> yamlOrJsonFloat(String text, boolean fromYaml) {
    if (fromYaml) {
      if (YAML_NAN.contains(text)) {
        return Optional.of(Double.NaN);
      }
      if (YAML_INF.contains(text)) {
        return Optional.of(Double.POSITIVE_INFINITY);
      }
      if (YAML_NEG_INF.contains(text)) {
        return Optional.of(Double.NEGATIVE_INFINITY);
      }
      return parseGoFloat(text.replace("_", ""));
    }
    return parseGoFloat(text);
  }

  /**
   * yaml.v3's integer resolution: ParseInt and ParseUint with base 0 (so {@code 0x}, {@code 0o},
   * {@code 0b} and a leading {@code 0} for octal), then the {@code 0b}/{@code 0o} forms again.
   * Values above {@code max} are refused.
   */
  static Optional<BigInteger> parseYamlInt(String text, BigInteger max) {
    String digits = text;
    boolean negative = false;
    if (digits.startsWith("+") || digits.startsWith("-")) {
      negative = digits.startsWith("-");
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return Optional.empty();
    }
    int radix = 10;
    String lower = digits.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'z') {
        return Optional.empty();
      }
    }
    BigInteger value = new BigInteger(digits, radix);
    if (negative) {
      value = value.negate();
    }
    if (value.compareTo(MIN_LONG) < 0 || value.compareTo(max) > 0) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Go's strconv.Atoi: optional sign, ASCII decimal digits, 64 bits. */
  static Optional<String> atoi(String text) {
    if (!DECIMAL_INT.matcher(text).matches()) {
      return Optional.empty();
    }
    BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    if (value.compareTo(MIN_LONG) < 0 || value.compareTo(MAX_LONG) > 0) {
      return Optional.empty();
    }
    return Optional.of(value.toString());
  }

  /** Go's strconv.ParseFloat(text, 64) for decimal and special forms; empty when Go refuses. */
  static Optional<Double> parseGoFloat(String text) {
    if (GO_SPECIAL_FLOAT.matcher(text).matches()) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.endsWith("nan")) {
        return Optional.of(Double.NaN);
      }
      return Optional.of(lower.startsWith("-") ? Double.NEGATIVE_INFINITY
          : Double.POSITIVE_INFINITY);
    }
    if (!GO_DECIMAL_FLOAT.matcher(text).matches()) {
      return Optional.empty();
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      return Optional.empty(); // Go reports a range error
    }
    return Optional.of(value);
  }

  /** Go's strconv.ParseBool. */
  static Optional<Boolean> parseBool(String text) {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
      case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /**
   * Go's strconv.FormatFloat(value, 'f', -1, 64): the shortest decimal that reads back as the
   * same double, written without an exponent.
   */
  static String formatFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal best = null;
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
          RoundingMode.CEILING}) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (candidate.doubleValue() == value && (best == null
            || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros().toPlainString();
      }
    }
    return exact.stripTrailingZeros().toPlainString();
  }
}
