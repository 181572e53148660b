package dev.driftless.manifests.secrets.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads age's ASCII armor: strict PEM with the label {@code AGE ENCRYPTED FILE}, canonical padded
 * base64 in lines of exactly 64 columns except the last, no headers, no empty lines, LF or CRLF
 * line endings, and nothing but a little whitespace before and after.
 */
final class ArmorReader extends InputStream {

  static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  static final String END = "-----END AGE ENCRYPTED FILE-----";
  private static final int MAX_WHITESPACE = 1024;
  /** Longer than any valid line, short enough that garbage cannot fill memory. */
  private static final int MAX_LINE = 128;

  private final InputStream in;
  private byte[] decoded = new byte[0];
  private int position;
  private boolean started;
  private boolean finished;
  private AgeException failure;
  private int lineNumber;

  ArmorReader(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (position == decoded.length) {
      if (failure != null) {
        throw failure;
      }
      if (finished) {
        return -1;
      }
      try {
        nextLine();
      } catch (AgeException e) {
        failure = e;
        throw e;
      }
    }
    int n = Math.min(length, decoded.length - position);
    System.arraycopy(decoded, position, buffer, offset, n);
    position += n;
    return n;
  }

  private void nextLine() throws IOException {
    if (!started) {
      skipLeadingWhitespace();
      started = true;
    }
    String line = line();
    if (line == null) {
      throw armorError("the file ends before the " + END + " line");
    }
    if (line.equals(END)) {
      drainTrailing();
      decoded = new byte[0];
      position = 0;
      return;
    }
    if (line.length() > Header.COLUMNS_PER_LINE) {
      throw armorError("line " + lineNumber + " is longer than 64 columns");
    }
    if (line.isEmpty()) {
      throw armorError("line " + lineNumber + " is empty");
    }
    decoded = StrictBase64.decodePadded(line)
        .orElseThrow(() -> armorError("line " + lineNumber + " is not canonical base64"));
    position = 0;
    if (decoded.length < Header.BYTES_PER_LINE) {
      String closing = line();
      if (closing == null || !closing.equals(END)) {
        throw armorError("a short line must be followed by the " + END + " line");
      }
      drainTrailing();
    }
  }

  private void skipLeadingWhitespace() throws IOException {
    int skipped = 0;
    while (true) {
      String line = line();
      if (line == null) {
        throw armorError("the file holds nothing but whitespace");
      }
      if (!isBlank(line)) {
        if (!line.equals(BEGIN)) {
          throw armorError("the first line is not " + BEGIN);
        }
        return;
      }
      skipped += line.length() + 1;
      if (skipped > MAX_WHITESPACE) {
        throw armorError("too much whitespace before the armor");
      }
    }
  }

  private void drainTrailing() throws IOException {
    byte[] rest = in.readNBytes(MAX_WHITESPACE);
    if (!isBlank(new String(rest, StandardCharsets.ISO_8859_1))) {
      throw armorError("there is data after the " + END + " line");
    }
    if (rest.length == MAX_WHITESPACE) {
      throw armorError("too much whitespace after the armor");
    }
    finished = true;
  }

  /** The next line without its LF and one CR before it; null at the end of the input. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() >= MAX_LINE) {
        throw armorError("line " + (lineNumber + 1) + " is far too long");
      }
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      return null;
    }
    lineNumber++;
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isWhitespace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
  }

  private static AgeException armorError(String message) {
    return new AgeException(AgeException.Kind.ARMOR, "invalid age armor: " + message);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
