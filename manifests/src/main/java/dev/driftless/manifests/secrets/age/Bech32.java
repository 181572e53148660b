package dev.driftless.manifests.secrets.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173) as age uses it for keys: no length limit, and a string is either all upper
 * case or all lower case, with the checksum always computed over the lower-case form.
 */
final class Bech32 {

  /** A decoded string: the human-readable part as written, and the data bytes. */
  record Decoded(String hrp, byte[] data) {}

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32() {}

  /** Encodes in the case of {@code hrp}, which must not mix cases. */
  static String encode(String hrp, byte[] data) {
    String lowerHrp = hrp.toLowerCase(Locale.ROOT);
    boolean upper = !hrp.equals(lowerHrp);
    if (upper && !hrp.equals(hrp.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("mixed-case human-readable part");
    }
    byte[] values = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(lowerHrp, values);
    StringBuilder out = new StringBuilder(lowerHrp.length() + 1 + values.length + 6);
    out.append(lowerHrp).append('1');
    for (byte v : values) {
      out.append(CHARSET.charAt(v));
    }
    for (byte v : checksum) {
      out.append(CHARSET.charAt(v));
    }
    return upper ? out.toString().toUpperCase(Locale.ROOT) : out.toString();
  }

  /**
   * Decodes a Bech32 string; the messages name what is wrong but never echo the input, which may
   * be a secret key.
   */
  static Decoded decode(String text) throws IllegalArgumentException {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!text.equals(lower) && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("mixes upper and lower case");
    }
    int separator = lower.lastIndexOf('1');
    if (separator < 1 || separator + 7 > lower.length()) {
      throw new IllegalArgumentException("has no valid separator or checksum");
    }
    String hrp = lower.substring(0, separator);
    for (int i = 0; i < hrp.length(); i++) {
      char c = hrp.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("has an invalid character in its type prefix");
      }
    }
    byte[] values = new byte[lower.length() - separator - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(lower.charAt(separator + 1 + i));
      if (v < 0) {
        throw new IllegalArgumentException("has a character outside the Bech32 alphabet");
      }
      values[i] = (byte) v;
    }
    if (polymod(hrp, values) != 1) {
      throw new IllegalArgumentException("has an invalid checksum");
    }
    byte[] payload = new byte[values.length - 6];
    System.arraycopy(values, 0, payload, 0, payload.length);
    return new Decoded(text.substring(0, separator), convertBits(payload, 5, 8, false));
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] padded = new byte[values.length + 6];
    System.arraycopy(values, 0, padded, 0, values.length);
    int mod = polymod(hrp, padded) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static int polymod(String hrp, byte[] values) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) >>> 5);
    }
    chk = step(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) & 31);
    }
    for (byte v : values) {
      chk = step(chk, v);
    }
    return chk;
  }

  private static int step(int chk, int value) {
    int top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        chk ^= GENERATOR[i];
      }
    }
    return chk;
  }

  private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxValue = (1 << to) - 1;
    int maxAcc = (1 << (from + to - 1)) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
    for (byte b : in) {
      int value = b & 0xff;
      acc = ((acc << from) | value) & maxAcc;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxValue);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxValue);
      }
    } else if (bits >= from || (acc & ((1 << bits) - 1)) != 0) {
      throw new IllegalArgumentException("has non-zero or excess padding bits");
    }
    return out.toByteArray();
  }
}
