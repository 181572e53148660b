package dev.driftless.manifests.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgeRoundTripTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final X25519Identity ALICE = X25519Identity.generate(RANDOM);
  private static final X25519Identity BOB = X25519Identity.generate(RANDOM);
  private static final HybridIdentity CAROL = HybridIdentity.generate(RANDOM);

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @Nested
  class Encryption {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65535, 65536, 65537, 3 * 65536, 200_000})
    void roundTripsEveryPayloadSizeAroundTheChunkBoundaries(int size) throws AgeException {
      byte[] plaintext = random(size);

      byte[] binary = Age.encrypt(plaintext, List.of(ALICE.recipient()));
      byte[] armored = Age.encrypt(plaintext, List.of(ALICE.recipient()), true);

      assertThat(Age.decrypt(binary, List.of(ALICE))).isEqualTo(plaintext);
      assertThat(Age.decrypt(armored, List.of(ALICE))).isEqualTo(plaintext);
      assertThat(Age.isArmored(armored)).isTrue();
      assertThat(Age.isArmored(binary)).isFalse();
    }

    @Test
    void writesCanonicalArmorThatOurStrictReaderAccepts() throws AgeException {
      byte[] armored = Age.encrypt(random(1000), List.of(ALICE.recipient()), true);
      String[] lines = new String(armored, StandardCharsets.US_ASCII).split("\n", -1);

      assertThat(lines[0]).isEqualTo("-----BEGIN AGE ENCRYPTED FILE-----");
      assertThat(lines[lines.length - 2]).isEqualTo("-----END AGE ENCRYPTED FILE-----");
      assertThat(lines[lines.length - 1]).isEmpty();
      for (int i = 1; i < lines.length - 3; i++) {
        assertThat(lines[i]).hasSize(64);
      }
      assertThat(lines[lines.length - 3]).isNotEmpty().hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void everyRecipientOfAFileCanOpenIt() throws AgeException {
      byte[] plaintext = "three readers".getBytes(StandardCharsets.UTF_8);
      byte[] file = Age.encrypt(plaintext,
          List.of(ALICE.recipient(), BOB.recipient(), CAROL.recipient()));

      assertThat(Age.decrypt(file, List.of(ALICE))).isEqualTo(plaintext);
      assertThat(Age.decrypt(file, List.of(BOB))).isEqualTo(plaintext);
      assertThat(Age.decrypt(file, List.of(CAROL))).isEqualTo(plaintext);
      assertThat(Age.stanzaTypes(file)).isEqualTo(Map.of("X25519", 2, "mlkem768x25519", 1));
    }

    @Test
    void anyOfSeveralIdentitiesMayBeTheOneThatOpensAFile() throws AgeException {
      byte[] file = Age.encrypt(new byte[] {42}, List.of(BOB.recipient()));

      assertThat(Age.decrypt(file, List.of(ALICE, CAROL, BOB))).containsExactly(42);
    }

    @Test
    void thePostQuantumRecipientRoundTrips() throws AgeException {
      byte[] plaintext = random(70_000);

      assertThat(Age.decrypt(Age.encrypt(plaintext, List.of(CAROL.recipient()), true),
          List.of(CAROL))).isEqualTo(plaintext);
    }

    @Test
    void aPassphraseRoundTripsAndMustBeTheOnlyRecipient() throws AgeException {
      byte[] file = Age.encrypt("pw".getBytes(StandardCharsets.UTF_8),
          List.of(new ScryptRecipient("hunter2", 10)));

      assertThat(Age.decrypt(file, List.of(new ScryptIdentity("hunter2"))))
          .asString().isEqualTo("pw");
      AgeException wrong = catchThrowableOfType(AgeException.class,
          () -> Age.decrypt(file, List.of(new ScryptIdentity("hunter3"))));
      assertThat(wrong.kind()).isEqualTo(AgeException.Kind.NO_IDENTITY_MATCHED);
      AgeException mixed = catchThrowableOfType(AgeException.class,
          () -> Age.encrypt(new byte[1], List.of(new ScryptRecipient("a"), ALICE.recipient())));
      assertThat(mixed).hasMessageContaining("only recipient");
    }

    @Test
    void aPassphraseFileAskingForMoreWorkThanAllowedIsRefusedBeforeAnyWork() throws AgeException {
      byte[] file = Age.encrypt(new byte[1], List.of(new ScryptRecipient("hunter2", 12)));

      AgeException e = catchThrowableOfType(AgeException.class,
          () -> Age.decrypt(file, List.of(new ScryptIdentity("hunter2", 11))));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER);
      assertThat(e).hasMessageContaining("work factor 12 is above the limit of 11");
    }
  }

  @Nested
  class Streaming {

    @Test
    void encryptsAndDecryptsThroughStreamsInSmallWrites() throws IOException {
      byte[] plaintext = random(150_000);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      try (OutputStream out = Age.encryptingStream(sink, List.of(ALICE.recipient()), true,
          RANDOM)) {
        for (int i = 0; i < plaintext.length; i += 999) {
          out.write(plaintext, i, Math.min(999, plaintext.length - i));
        }
      }

      ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
      try (InputStream in = Age.decryptingStream(
          new ByteArrayInputStream(sink.toByteArray()), List.of(ALICE))) {
        int b = in.read();
        decrypted.write(b);
        in.transferTo(decrypted);
      }
      assertThat(decrypted.toByteArray()).isEqualTo(plaintext);
    }

    @Test
    void aTamperedSecondChunkFailsOnlyAfterTheFirstWasReleased() throws IOException {
      byte[] plaintext = random(100_000);
      byte[] file = Age.encrypt(plaintext, List.of(ALICE.recipient()));
      file[file.length - 100] ^= 1;

      ByteArrayOutputStream released = new ByteArrayOutputStream();
      AgeException e = catchThrowableOfType(AgeException.class, () -> {
        try (InputStream in = Age.decryptingStream(new ByteArrayInputStream(file),
            List.of(ALICE))) {
          in.transferTo(released);
        }
      });

      assertThat(e.kind()).isEqualTo(AgeException.Kind.PAYLOAD);
      assertThat(released.toByteArray()).isEqualTo(Arrays.copyOf(plaintext, 65536));
    }
  }

  @Nested
  class Refusals {

    @Test
    void aFileForSomeoneElseSaysWhichStanzasItHas() throws AgeException {
      byte[] file = Age.encrypt(new byte[1], List.of(BOB.recipient(), CAROL.recipient()));

      AgeException e = catchThrowableOfType(AgeException.class,
          () -> Age.decrypt(file, List.of(ALICE)));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.NO_IDENTITY_MATCHED);
      assertThat(e).hasMessage("no identity matched: the file has 2 stanzas (1 X25519, "
          + "1 mlkem768x25519), and 1 identity (X25519) opened none of them");
    }

    @Test
    void aChangedHeaderFailsItsMacBeforeAnyPayloadIsRead() throws AgeException {
      byte[] file = Age.encrypt(new byte[1], List.of(ALICE.recipient(), BOB.recipient()));
      String text = new String(file, StandardCharsets.ISO_8859_1);
      // Drop Bob's stanza (the second one): Alice's still opens, but the MAC covers both.
      int second = text.indexOf("-> X25519", text.indexOf("-> X25519") + 1);
      int footer = text.indexOf("---");
      byte[] changed = (text.substring(0, second) + text.substring(footer))
          .getBytes(StandardCharsets.ISO_8859_1);

      AgeException e = catchThrowableOfType(AgeException.class,
          () -> Age.decrypt(changed, List.of(ALICE)));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER_MAC);
    }

    @Test
    void aPlaintextFileIsRefusedWithoutBeingEchoed() {
      byte[] secret = "DB_PASSWORD=hunter2-canary\n".getBytes(StandardCharsets.UTF_8);

      AgeException e = catchThrowableOfType(AgeException.class,
          () -> Age.decrypt(secret, List.of(ALICE)));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.HEADER);
      assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void noIdentitiesOrRecipientsIsAClearError() {
      assertThat(catchThrowableOfType(AgeException.class,
          () -> Age.decrypt(new byte[1], List.of()))).hasMessageContaining("no identities");
      assertThat(catchThrowableOfType(AgeException.class,
          () -> Age.encrypt(new byte[1], List.of()))).hasMessageContaining("no recipients");
    }
  }
}
