package dev.driftless.manifests.secrets.age;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encrypts age's STREAM payload: a chunk is sealed only once more data arrives (or on
 * {@link #close()}), so that the last chunk always carries the final flag and is empty only when
 * the whole payload is.
 */
final class PayloadWriter extends OutputStream {

  private final OutputStream out;
  private final byte[] key;
  private final byte[] chunk = new byte[PayloadReader.CHUNK_SIZE];
  private final byte[] sealed = new byte[PayloadReader.SEALED_CHUNK_SIZE];
  private int filled;
  private long counter;
  private boolean closed;

  PayloadWriter(OutputStream out, byte[] key) {
    this.out = out;
    this.key = key.clone();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("the age file is already closed");
    }
    while (length > 0) {
      if (filled == chunk.length) {
        seal(false);
      }
      int n = Math.min(length, chunk.length - filled);
      System.arraycopy(bytes, offset, chunk, filled, n);
      filled += n;
      offset += n;
      length -= n;
    }
  }

  private void seal(boolean last) throws IOException {
    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      nonce[10 - i] = (byte) (counter >>> (8 * i));
    }
    nonce[11] = (byte) (last ? 1 : 0);
    int n = Primitives.seal(key, nonce, chunk, 0, filled, sealed);
    out.write(sealed, 0, n);
    filled = 0;
    counter++;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes the final chunk and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    seal(true);
    out.close();
  }
}
