package dev.driftless.manifests.secrets.age;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes age's ASCII armor exactly as age does; {@link #close()} writes the END line. */
final class ArmorWriter extends OutputStream {

  private final OutputStream out;
  private final byte[] line = new byte[Header.BYTES_PER_LINE];
  private int filled;
  private boolean started;
  private boolean closed;

  ArmorWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("the armor is already closed");
    }
    start();
    while (length > 0) {
      if (filled == line.length) {
        writeLine();
      }
      int n = Math.min(length, line.length - filled);
      System.arraycopy(bytes, offset, line, filled, n);
      filled += n;
      offset += n;
      length -= n;
    }
  }

  private void start() throws IOException {
    if (!started) {
      out.write((ArmorReader.BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
      started = true;
    }
  }

  private void writeLine() throws IOException {
    byte[] chunk = Arrays.copyOf(line, filled);
    out.write((StrictBase64.encodePadded(chunk) + "\n").getBytes(StandardCharsets.US_ASCII));
    filled = 0;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    start();
    if (filled > 0) {
      writeLine();
    }
    out.write((ArmorReader.END + "\n").getBytes(StandardCharsets.US_ASCII));
    out.close();
  }
}
