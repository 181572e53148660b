package dev.driftless.manifests.secrets.age;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decrypts age's STREAM payload one 64 KiB chunk at a time, releasing a chunk's plaintext only
 * after its tag has verified, and failing (after what verified) on truncation, a missing or empty
 * final chunk, or data after the final chunk.
 */
final class PayloadReader extends InputStream {

  static final int CHUNK_SIZE = 64 * 1024;
  static final int SEALED_CHUNK_SIZE = CHUNK_SIZE + Primitives.TAG_SIZE;

  private final InputStream in;
  private final byte[] key;
  /** A sealed chunk plus one byte of look-ahead, which tells whether more chunks follow. */
  private final byte[] sealed = new byte[SEALED_CHUNK_SIZE + 1];
  private int buffered;
  private final byte[] plain = new byte[CHUNK_SIZE];
  private int plainLength;
  private int position;
  private long counter;
  private boolean finished;
  private AgeException failure;
  private AgeException pendingFailure;

  PayloadReader(InputStream in, byte[] key) {
    this.in = in;
    this.key = key.clone();
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
    while (position == plainLength) {
      if (failure != null) {
        throw failure;
      }
      if (pendingFailure != null) {
        failure = pendingFailure;
        throw failure;
      }
      if (finished) {
        return -1;
      }
      try {
        nextChunk();
      } catch (AgeException e) {
        failure = e;
        throw e;
      }
    }
    int n = Math.min(length, plainLength - position);
    System.arraycopy(plain, position, buffer, offset, n);
    position += n;
    return n;
  }

  private void nextChunk() throws IOException {
    plainLength = 0;
    position = 0;
    while (buffered < sealed.length) {
      int n = in.read(sealed, buffered, sealed.length - buffered);
      if (n < 0) {
        break;
      }
      buffered += n;
    }
    if (buffered == sealed.length) {
      // More data follows this chunk, so it should not be the last one.
      if (open(SEALED_CHUNK_SIZE, false)) {
        sealed[0] = sealed[SEALED_CHUNK_SIZE];
        buffered = 1;
        return;
      }
      if (open(SEALED_CHUNK_SIZE, true)) {
        // A valid final chunk followed by more data: release it, then fail.
        finished = true;
        pendingFailure = payloadError("there is data after the final chunk");
        return;
      }
      throw payloadError("chunk " + (counter + 1) + " does not authenticate: the file was "
          + "changed or corrupted");
    }
    if (buffered == 0) {
      throw payloadError(counter == 0
          ? "the payload has no chunks"
          : "the file is truncated: it ends without a final chunk");
    }
    if (buffered < Primitives.TAG_SIZE) {
      throw payloadError("the file is truncated: chunk " + (counter + 1) + " is too short");
    }
    if (!open(buffered, true)) {
      throw payloadError("the final chunk does not authenticate: the file was truncated, "
          + "changed or corrupted");
    }
    if (plainLength == 0 && counter > 1) {
      plainLength = 0;
      throw payloadError("the final chunk is empty, which only an empty file may have");
    }
    finished = true;
  }

  private boolean open(int length, boolean last) {
    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      nonce[10 - i] = (byte) (counter >>> (8 * i));
    }
    nonce[11] = (byte) (last ? 1 : 0);
    if (!Primitives.open(key, nonce, sealed, 0, length, plain)) {
      return false;
    }
    plainLength = length - Primitives.TAG_SIZE;
    counter++;
    return true;
  }

  private static AgeException payloadError(String message) {
    return new AgeException(AgeException.Kind.PAYLOAD, "invalid age payload: " + message);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
