package dev.driftless.manifests;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding: bytes that are not UTF-8 are refused, never replaced, so that a binary
 * file is never silently read as text with replacement characters in it.
 */
public final class Utf8 {

  private Utf8() {}

  /** The text of {@code bytes}; fails on the first malformed sequence. */
  public static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
