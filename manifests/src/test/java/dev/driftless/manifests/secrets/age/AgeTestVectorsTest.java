package dev.driftless.manifests.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.driftless.manifests.secrets.SharedFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official age test vectors (C2SP CCTV, in {@code ../shared/fixtures/age-testkit}): every
 * vector, including those for the hybrid and scrypt types, gives exactly its documented outcome.
 */
class AgeTestVectorsTest {

  /** The identity of every X25519 vector, also used when a vector names none. */
  static final String TESTKIT_IDENTITY =
      "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";

  private static final Map<String, AgeException.Kind> FAILURES = Map.of(
      "no match", AgeException.Kind.NO_IDENTITY_MATCHED,
      "HMAC failure", AgeException.Kind.HEADER_MAC,
      "header failure", AgeException.Kind.HEADER,
      "payload failure", AgeException.Kind.PAYLOAD,
      "armor failure", AgeException.Kind.ARMOR);

  /** A parsed vector file. */
  record Vector(String name, Map<String, List<String>> fields, byte[] body) {

    String expect() {
      return fields.get("expect").get(0);
    }

    boolean armored() {
      return fields.containsKey("armored");
    }

    List<AgeIdentity> identities() throws AgeException {
      List<AgeIdentity> identities = new ArrayList<>();
      for (String identity : fields.getOrDefault("identity", List.of())) {
        identities.add(AgeKeys.parseIdentity(identity));
      }
      for (String passphrase : fields.getOrDefault("passphrase", List.of())) {
        identities.add(new ScryptIdentity(passphrase));
      }
      if (identities.isEmpty()) {
        identities.add(AgeKeys.parseIdentity(TESTKIT_IDENTITY));
      }
      return identities;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** What a decryption released before it ended, and how it ended. */
  record Outcome(byte[] released, AgeException failure) {}

  static Stream<Vector> vectors() throws IOException {
    Path folder = SharedFixtures.path("age-testkit/testdata");
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> sorted = files.sorted().toList();
      List<Vector> vectors = new ArrayList<>();
      for (Path file : sorted) {
        vectors.add(parse(file.getFileName().toString(), Files.readAllBytes(file)));
      }
      return vectors.stream();
    }
  }

  static Vector parse(String name, byte[] file) throws IOException {
    int split = indexOf(file, "\n\n".getBytes(StandardCharsets.US_ASCII));
    String head = new String(file, 0, split, StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOfRange(file, split + 2, file.length);
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String line : head.split("\n")) {
      int colon = line.indexOf(": ");
      fields.computeIfAbsent(line.substring(0, colon), key -> new ArrayList<>())
          .add(line.substring(colon + 2));
    }
    if (fields.containsKey("compressed")) {
      assertThat(fields.get("compressed")).containsExactly("zlib");
      try (InputStream inflater = new InflaterInputStream(new ByteArrayInputStream(body))) {
        body = inflater.readAllBytes();
      }
    }
    return new Vector(name, fields, body);
  }

  static Outcome decrypt(Vector vector) throws AgeException {
    InputStream source = new ByteArrayInputStream(vector.body());
    if (vector.armored()) {
      source = Age.armorDecoder(source);
    }
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    try (InputStream plaintext = Age.decryptingStream(source, vector.identities())) {
      byte[] buffer = new byte[4096];
      int n;
      while ((n = plaintext.read(buffer)) >= 0) {
        released.write(buffer, 0, n);
      }
    } catch (AgeException e) {
      return new Outcome(released.toByteArray(), e);
    } catch (IOException e) {
      fail("an I/O error other than AgeException escaped: " + e);
    }
    return new Outcome(released.toByteArray(), null);
  }

  @Test
  void allEightyVectorsArePresent() throws IOException {
    assertThat(vectors()).hasSize(80);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyVectorGivesItsDocumentedOutcome(Vector vector) throws IOException {
    Outcome outcome = decrypt(vector);
    if (vector.expect().equals("success")) {
      assertThat(outcome.failure()).as("failure").isNull();
      assertThat(sha256(outcome.released())).isEqualTo(vector.fields().get("payload").get(0));
      return;
    }
    AgeException.Kind expected = FAILURES.get(vector.expect());
    assertThat(expected).as("known expectation '%s'", vector.expect()).isNotNull();
    assertThat(outcome.failure()).as("failure").isNotNull();
    assertThat(outcome.failure().kind()).as(outcome.failure().getMessage()).isEqualTo(expected);
    if (vector.fields().containsKey("payload")) {
      assertThat(sha256(outcome.released())).as("plaintext released before the failure")
          .isEqualTo(vector.fields().get("payload").get(0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("armoredSuccesses")
  void armoredFilesAreRecognisedWithoutBeingTold(Vector vector) throws IOException {
    byte[] plaintext = Age.decrypt(vector.body(), vector.identities());

    assertThat(sha256(plaintext)).isEqualTo(vector.fields().get("payload").get(0));
  }

  static Stream<Vector> armoredSuccesses() throws IOException {
    return vectors().filter(v -> v.armored() && v.expect().equals("success"));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("no blank line after the vector's header");
  }
}
