package dev.driftless.manifests.secrets.age;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The age file format (age-encryption.org/v1): encrypting to recipients and decrypting with
 * identities, binary or ASCII-armored, streamed or in memory.
 *
 * <p>Decryption checks, in this order, that the header parses strictly, that one of the
 * identities opens one of its stanzas, and that the header MAC matches; only then is any payload
 * read, and each 64 KiB chunk is released only after its tag verifies. Every failure is an
 * {@link AgeException} whose {@link AgeException#kind() kind} names the layer that refused the
 * file.
 */
public final class Age {

  private static final byte[] HEADER_INFO = "header".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PAYLOAD_INFO = "payload".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_SIZE = 16;
  private static final Set<String> SUPPORTED_TYPES = Set.of(X25519Recipient.STANZA_TYPE,
      HybridRecipient.STANZA_TYPE, ScryptRecipient.STANZA_TYPE);

  private Age() {}

  /** Encrypts {@code plaintext} to every recipient, as a binary age file. */
  public static byte[] encrypt(byte[] plaintext, List<? extends AgeRecipient> recipients)
      throws AgeException {
    return encrypt(plaintext, recipients, false);
  }

  /** Encrypts {@code plaintext} to every recipient, ASCII-armored when {@code armor} is set. */
  public static byte[] encrypt(byte[] plaintext, List<? extends AgeRecipient> recipients,
      boolean armor) throws AgeException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 256);
    try (OutputStream encrypting = encryptingStream(out, recipients, armor, new SecureRandom())) {
      encrypting.write(plaintext);
    } catch (AgeException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * A stream that encrypts what is written to it into {@code out}. The header is written at once;
   * {@link OutputStream#close()} writes the final chunk (and the armor's end line) and closes
   * {@code out}. Without {@code close()} the file is incomplete and will not decrypt.
   */
  public static OutputStream encryptingStream(OutputStream out,
      List<? extends AgeRecipient> recipients, boolean armor, SecureRandom random)
      throws IOException {
    if (recipients.isEmpty()) {
      throw new AgeException(AgeException.Kind.KEY, "no recipients to encrypt to");
    }
    if (recipients.size() > 1
        && recipients.stream().anyMatch(recipient -> recipient instanceof ScryptRecipient)) {
      throw new AgeException(AgeException.Kind.KEY,
          "a passphrase must be the only recipient of a file");
    }
    byte[] fileKey = new byte[Stanzas.FILE_KEY_SIZE];
    random.nextBytes(fileKey);
    List<Stanza> stanzas = new ArrayList<>();
    for (AgeRecipient recipient : recipients) {
      stanzas.add(Stanzas.wrap(recipient, fileKey, random));
    }
    byte[] header = Header.write(stanzas, macInput -> headerMac(fileKey, macInput));
    byte[] nonce = new byte[NONCE_SIZE];
    random.nextBytes(nonce);
    OutputStream target = armor ? new ArmorWriter(out) : out;
    target.write(header);
    target.write(nonce);
    return new PayloadWriter(target, payloadKey(fileKey, nonce));
  }

  /**
   * Decrypts a whole age file, binary or armored (recognised by its first line), with the first
   * identity that opens it.
   */
  public static byte[] decrypt(byte[] file, List<? extends AgeIdentity> identities)
      throws AgeException {
    try (InputStream in = decryptingStream(new ByteArrayInputStream(file), identities)) {
      return in.readAllBytes();
    } catch (AgeException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
  }

  /**
   * Reads and checks the header of an age file (binary or armored) and returns a stream of its
   * plaintext. The header MAC has been verified when this returns; the payload is verified chunk
   * by chunk as it is read, and a read fails with an {@link AgeException} of kind
   * {@link AgeException.Kind#PAYLOAD} at the first chunk that does not verify (what was read
   * before it did verify). Only a read that returns -1 proves the whole file authentic.
   */
  public static InputStream decryptingStream(InputStream in,
      List<? extends AgeIdentity> identities) throws IOException {
    if (identities.isEmpty()) {
      throw new AgeException(AgeException.Kind.KEY, "no identities to decrypt with");
    }
    InputStream source = unarmored(in);
    Header header = Header.read(source);
    checkScryptIsAlone(header);
    byte[] fileKey = unwrap(header, identities);
    if (!MessageDigest.isEqual(headerMac(fileKey, header.macInput()), header.mac())) {
      throw new AgeException(AgeException.Kind.HEADER_MAC,
          "the age header MAC does not match: the header was changed after encryption");
    }
    byte[] nonce = source.readNBytes(NONCE_SIZE);
    if (nonce.length < NONCE_SIZE) {
      throw Header.headerError("the file ends before the payload nonce");
    }
    return new PayloadReader(source, payloadKey(fileKey, nonce));
  }

  /**
   * The stanza types of a file's header with how many of each, in file order (for example
   * {@code {X25519=2}}): who can open a file, as far as the format tells. X25519 stanzas do not
   * name their recipient, so the count is all there is to know.
   */
  public static Map<String, Integer> stanzaTypes(byte[] file) throws AgeException {
    try {
      Header header = Header.read(unarmored(new ByteArrayInputStream(file)));
      Map<String, Integer> types = new LinkedHashMap<>();
      header.stanzas().forEach(stanza -> types.merge(stanza.type(), 1, Integer::sum));
      return types;
    } catch (AgeException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
  }

  /** Whether {@code start} (the first bytes of a file) is ASCII-armored. */
  public static boolean isArmored(byte[] start) {
    int i = 0;
    while (i < start.length && ArmorReader.isWhitespace(start[i])) {
      i++;
    }
    byte[] marker = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
    if (start.length - i < marker.length) {
      return false;
    }
    for (int j = 0; j < marker.length; j++) {
      if (start[i + j] != marker[j]) {
        return false;
      }
    }
    return true;
  }

  /** Strips the armor from a stream that is known to be armored; see {@link #isArmored}. */
  public static InputStream armorDecoder(InputStream armored) {
    return new ArmorReader(armored);
  }

  /** Armors what is written to it; {@code close()} writes the end line and closes {@code out}. */
  public static OutputStream armorEncoder(OutputStream out) {
    return new ArmorWriter(out);
  }

  private static InputStream unarmored(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, PayloadReader.SEALED_CHUNK_SIZE);
    int peek = 1024 + 16;
    buffered.mark(peek);
    byte[] start = buffered.readNBytes(peek);
    buffered.reset();
    if (isArmored(start)) {
      return new BufferedInputStream(new ArmorReader(buffered), PayloadReader.SEALED_CHUNK_SIZE);
    }
    return buffered;
  }

  private static void checkScryptIsAlone(Header header) throws AgeException {
    boolean scrypt = header.stanzas().stream()
        .anyMatch(stanza -> stanza.type().equals(ScryptRecipient.STANZA_TYPE));
    if (scrypt && header.stanzas().size() > 1) {
      throw Header.headerError("a passphrase (scrypt) stanza must be the only stanza");
    }
  }

  private static byte[] unwrap(Header header, List<? extends AgeIdentity> identities)
      throws AgeException {
    for (AgeIdentity identity : identities) {
      for (Stanza stanza : header.stanzas()) {
        Optional<byte[]> fileKey = Stanzas.unwrap(identity, stanza);
        if (fileKey.isPresent()) {
          return fileKey.get();
        }
      }
    }
    throw noMatch(header, identities);
  }

  private static AgeException noMatch(Header header, List<? extends AgeIdentity> identities) {
    Map<String, Integer> types = new TreeMap<>();
    header.stanzas().forEach(stanza -> types.merge(stanza.type(), 1, Integer::sum));
    String stanzas = types.entrySet().stream()
        .map(entry -> entry.getValue() + " " + entry.getKey())
        .collect(Collectors.joining(", "));
    String tried = identities.stream().map(AgeIdentity::stanzaType).distinct()
        .collect(Collectors.joining(", "));
    StringBuilder message = new StringBuilder("no identity matched: the file has ")
        .append(header.stanzas().size()).append(header.stanzas().size() == 1 ? " stanza" : " stanzas")
        .append(" (").append(stanzas).append("), and ").append(identities.size())
        .append(identities.size() == 1 ? " identity" : " identities")
        .append(" (").append(tried).append(") opened none of them");
    List<String> unsupported = types.keySet().stream()
        .filter(type -> !SUPPORTED_TYPES.contains(type)).toList();
    if (!unsupported.isEmpty()) {
      message.append("; unsupported recipient type ")
          .append(unsupported.stream().map(type -> "'" + type + "'")
              .collect(Collectors.joining(", ")));
    }
    return new AgeException(AgeException.Kind.NO_IDENTITY_MATCHED, message.toString());
  }

  private static byte[] headerMac(byte[] fileKey, byte[] macInput) {
    byte[] key = Primitives.hkdf(fileKey, new byte[0], HEADER_INFO, 32);
    return Primitives.hmacSha256(key, macInput);
  }

  private static byte[] payloadKey(byte[] fileKey, byte[] nonce) {
    return Primitives.hkdf(fileKey, nonce, PAYLOAD_INFO, 32);
  }
}
