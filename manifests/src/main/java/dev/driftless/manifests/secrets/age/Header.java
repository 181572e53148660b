package dev.driftless.manifests.secrets.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The textual header of an age file, read and written strictly: any header that is not byte for
 * byte what age itself would write is refused, because the MAC is computed over these bytes and a
 * lenient parser would make the file malleable.
 *
 * @param stanzas the recipient stanzas, in file order
 * @param mac the 32-byte header MAC
 * @param macInput the header bytes the MAC covers: everything up to and including {@code ---}
 */
record Header(List<Stanza> stanzas, byte[] mac, byte[] macInput) {

  static final String INTRO = "age-encryption.org/v1";
  static final int COLUMNS_PER_LINE = 64;
  static final int BYTES_PER_LINE = COLUMNS_PER_LINE / 4 * 3;

  /** No real header comes close: a hybrid stanza, the largest native one, is about 1.5 KiB. */
  static final int MAX_HEADER_BYTES = 1024 * 1024;
  private static final int MAX_LINE_BYTES = 16 * 1024;

  Header {
    stanzas = List.copyOf(stanzas);
  }

  /**
   * Reads a header from {@code in}, leaving it at the first byte after the header; {@code in} must
   * support {@link InputStream#mark(int)}.
   */
  static Header read(InputStream in) throws IOException {
    Lines lines = new Lines(in);
    byte[] intro = lines.next("the version line");
    if (!ascii(intro).equals(INTRO)) {
      throw headerError(intro.length > 0 && intro[intro.length - 1] == '\r'
          ? "the header has CRLF line endings (it was probably changed by a text editor or git)"
          : startsWith(intro, "age-encryption.org/")
              ? "unsupported age format version (only age-encryption.org/v1 is supported)"
              : "not an age file: it does not start with 'age-encryption.org/v1'");
    }
    List<Stanza> stanzas = new ArrayList<>();
    while (true) {
      if (lines.peekFooter()) {
        String footer = ascii(lines.next("the MAC line"));
        lines.markMacEnd(footer.length() - 3 + 1);
        String[] parts = footer.split(" ", -1);
        if (!parts[0].equals("---") || parts.length != 2) {
          throw headerError("the MAC line is malformed");
        }
        byte[] mac = StrictBase64.decodeRaw(parts[1])
            .filter(bytes -> bytes.length == 32)
            .orElseThrow(() -> headerError("the header MAC is not a canonical 32-byte value"));
        if (stanzas.isEmpty()) {
          throw headerError("the header has no recipient stanzas");
        }
        return new Header(stanzas, mac, lines.macInput());
      }
      stanzas.add(readStanza(lines, stanzas.size() + 1));
    }
  }

  private static Stanza readStanza(Lines lines, int number) throws IOException {
    String opening = ascii(lines.next("stanza " + number));
    String[] parts = opening.split(" ", -1);
    if (!parts[0].equals("->") || parts.length < 2) {
      throw headerError("line " + lines.count() + " is neither a stanza nor the MAC line");
    }
    for (int i = 1; i < parts.length; i++) {
      if (!isArgument(parts[i])) {
        throw headerError("stanza " + number + " has an empty or invalid argument");
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = ascii(lines.next("the body of stanza " + number));
      Optional<byte[]> decoded = StrictBase64.decodeRaw(line);
      if (decoded.isEmpty() || decoded.get().length > BYTES_PER_LINE) {
        throw headerError(line.startsWith("---") || line.startsWith("->")
            ? "stanza " + number + " ends without a short body line"
            : "the body of stanza " + number + " is not canonical base64 in lines of 64 columns");
      }
      body.writeBytes(decoded.get());
      if (decoded.get().length < BYTES_PER_LINE) {
        return new Stanza(parts[1], List.of(parts).subList(2, parts.length), body.toByteArray());
      }
    }
  }

  /** The header as age writes it, with {@code mac} computed by {@code macFunction}. */
  static byte[] write(List<Stanza> stanzas, Function<byte[], byte[]> macFunction) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((INTRO + "\n").getBytes(StandardCharsets.US_ASCII));
    for (Stanza stanza : stanzas) {
      StringBuilder line = new StringBuilder("-> ").append(stanza.type());
      stanza.args().forEach(arg -> line.append(' ').append(arg));
      line.append('\n');
      String body = StrictBase64.encodeRaw(stanza.body());
      for (int i = 0; i <= body.length(); i += COLUMNS_PER_LINE) {
        // Always ends with a line shorter than 64 columns, empty when the body fills its lines.
        line.append(body, i, Math.min(body.length(), i + COLUMNS_PER_LINE)).append('\n');
      }
      out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("---".getBytes(StandardCharsets.US_ASCII));
    byte[] mac = macFunction.apply(out.toByteArray());
    out.writeBytes((" " + StrictBase64.encodeRaw(mac) + "\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static boolean isArgument(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 33 || c > 126) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] line, String prefix) {
    return ascii(line).startsWith(prefix);
  }

  /** Bytes as ISO-8859-1, so that every byte maps to one char and invalid UTF-8 cannot pass. */
  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static AgeException headerError(String message) {
    return new AgeException(AgeException.Kind.HEADER, "invalid age header: " + message);
  }

  /** Reads LF-terminated lines, recording every byte for the MAC. */
  private static final class Lines {
    private final InputStream in;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private int count;
    private int macEnd = -1;

    Lines(InputStream in) {
      this.in = in;
    }

    /** The next line without its LF; fails when the input ends before one. */
    byte[] next(String what) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw headerError(count == 0 && seen.size() == 0
              ? "the file is empty"
              : "the file ends in " + what + " (truncated header)");
        }
        seen.write(b);
        if (seen.size() > MAX_HEADER_BYTES) {
          throw headerError("the header is larger than " + MAX_HEADER_BYTES + " bytes");
        }
        if (b == '\n') {
          count++;
          return line.toByteArray();
        }
        if (line.size() >= MAX_LINE_BYTES) {
          throw headerError("line " + (count + 1) + " is longer than " + MAX_LINE_BYTES + " bytes");
        }
        line.write(b);
      }
    }

    boolean peekFooter() throws IOException {
      in.mark(3);
      byte[] start = in.readNBytes(3);
      in.reset();
      return start.length == 3 && start[0] == '-' && start[1] == '-' && start[2] == '-';
    }

    int count() {
      return count;
    }

    /** Called after the footer line is read: the MAC covers all but its last {@code dropped}. */
    void markMacEnd(int dropped) {
      macEnd = seen.size() - dropped;
    }

    byte[] macInput() {
      byte[] all = seen.toByteArray();
      return Arrays.copyOf(all, macEnd);
    }
  }
}
