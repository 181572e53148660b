package dev.driftless.manifests.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.secrets.sops.Node.GoType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Go conversions the SOPS MAC depends on, against values Go itself prints. */
class GoValuesTest {

  @ParameterizedTest
  @CsvSource({
      "1234568000, 1234568000",
      "25.4, 25.4",
      "0.1, 0.1",
      "1e21, 1000000000000000000000",
      "1e-7, 0.0000001",
      "2e23, 200000000000000000000000",
      "123456789.125, 123456789.125",
      "0.3, 0.3",
      "100, 100",
      "-0.5, -0.5"})
  void formatsFloatsAsGosShortestPlainForm(double value, String expected) {
    assertThat(GoValues.formatFloat(value)).isEqualTo(expected);
  }

  @Test
  void formatsTheLargestDoubleWithoutAnExponent() {
    assertThat(GoValues.formatFloat(Double.MAX_VALUE)).isEqualTo("17976931348623157" + "0".repeat(292));
  }

  @Test
  void formatsSpecialFloatsAsGoDoes() {
    assertThat(GoValues.formatFloat(Double.NaN)).isEqualTo("NaN");
    assertThat(GoValues.formatFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoValues.formatFloat(-0.0)).isEqualTo("-0");
    assertThat(GoValues.formatFloat(Double.MIN_VALUE)).endsWith("5").startsWith("0.000");
  }

  @Test
  void theShortestFormAlwaysReadsBackAsTheSameDouble() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        continue;
      }
      String text = GoValues.formatFloat(value);
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
      assertThat(text).doesNotContain("E");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "yes, STRING", "no, STRING", "on, STRING", "y, STRING", "true, BOOL", "FALSE, BOOL",
      "~, NULL", "null, NULL", "0x1F, INT", "-0x1F, INT", "0o17, INT", "0b101, INT", "017, INT",
      "1_000, INT", "+12, INT", "08, FLOAT", "1e3, FLOAT", ".5, FLOAT", "-.5, FLOAT",
      ".inf, FLOAT", "-.Inf, FLOAT", ".nan, FLOAT", "inf, STRING", "1.2.3, STRING",
      "2001-12-14, STRING", "12:30, STRING", "0x, STRING", "+, STRING",
      "18446744073709551615, INT", "18446744073709551616, FLOAT"})
  void typesPlainYamlScalarsAsYamlV3Does(String text, GoType expected) {
    assertThat(GoValues.resolvePlainYaml(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "INT, 0x1F, 31", "INT, 017, 15", "INT, 1_000, 1000", "INT, -0b11, -3", "FLOAT, 08, 8",
      "FLOAT, 1e3, 1000", "FLOAT, .inf, +Inf", "BOOL, TRUE, True", "BOOL, false, False"})
  void hashesClearTextScalarsAsSopsToBytesDoes(GoType type, String text, String expected) {
    assertThat(GoValues.macText(type, text, true)).contains(expected);
  }

  @Test
  void refusesIntegersThatSopsCannotHash() {
    assertThat(GoValues.macText(GoType.INT, "18446744073709551615", true)).isEmpty();
  }

  @Test
  void parsesDecryptedValuesAsStrconvDoes() {
    assertThat(GoValues.atoi("+0080")).contains("80");
    assertThat(GoValues.atoi("0x10")).isEmpty();
    assertThat(GoValues.atoi("١٢")).as("non-ASCII digits").isEmpty();
    assertThat(GoValues.atoi("9223372036854775808")).isEmpty();
    assertThat(GoValues.parseGoFloat("1e400")).isEmpty();
    assertThat(GoValues.parseGoFloat("1d")).isEmpty();
    assertThat(GoValues.parseGoFloat(" 1")).isEmpty();
    assertThat(GoValues.parseGoFloat("-Infinity")).contains(Double.NEGATIVE_INFINITY);
    assertThat(GoValues.parseBool("T")).contains(true);
    assertThat(GoValues.parseBool("yes")).isEmpty();
  }
}
