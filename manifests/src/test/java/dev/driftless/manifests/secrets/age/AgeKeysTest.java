package dev.driftless.manifests.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.secrets.SharedFixtures;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgeKeysTest {

  /** The example pair in the age specification (c2sp.org/age). */
  static final String SPEC_IDENTITY =
      "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
  static final String SPEC_RECIPIENT =
      "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

  @Nested
  class PublishedKeys {

    @Test
    void theSpecificationsIdentityGivesItsRecipient() throws AgeException {
      X25519Identity identity = X25519Identity.parse(SPEC_IDENTITY);

      assertThat(identity.recipient().encode()).isEqualTo(SPEC_RECIPIENT);
      assertThat(identity.encode()).isEqualTo(SPEC_IDENTITY);
      assertThat(X25519Recipient.parse(SPEC_RECIPIENT)).isEqualTo(identity.recipient());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sops/getsops-sops/keys.txt", "sops/kustomize-controller/keys/age.txt",
        "sops/kustomize-controller/keys/age-global.txt", "sops/kustomize-controller/keys/age-pq.txt",
        "sops/doco-cd/age-key.txt", "sops/sops-nix/age-keys.txt"})
    void everyPublishedKeyFileGivesThePublicKeysItsCommentsName(String file) throws AgeException {
      String text = SharedFixtures.text(file);
      List<String> publicKeys = Pattern.compile("# public key: (\\S+)").matcher(text).results()
          .map(match -> match.group(1)).toList();

      List<AgeIdentity> identities = AgeKeys.parseIdentities(text);

      assertThat(identities).hasSameSizeAs(publicKeys).isNotEmpty();
      for (int i = 0; i < identities.size(); i++) {
        AgeIdentity identity = identities.get(i);
        String recipient = identity instanceof X25519Identity x
            ? x.recipient().encode()
            : ((HybridIdentity) identity).recipient().encode();
        assertThat(recipient).isEqualTo(publicKeys.get(i));
        assertThat(AgeKeys.parseRecipient(recipient)).isNotNull();
      }
    }

    @Test
    void theHybridKeyFileHoldsAPostQuantumIdentity() throws AgeException {
      List<AgeIdentity> identities =
          AgeKeys.parseIdentities(SharedFixtures.text("sops/kustomize-controller/keys/age-pq.txt"));

      assertThat(identities).singleElement().isInstanceOf(HybridIdentity.class);
      assertThat(((HybridIdentity) identities.get(0)).recipient().encode())
          .startsWith("age1pq1").hasSizeGreaterThan(1900);
    }
  }

  @Nested
  class Bech32Codec {

    @Test
    void roundTripsAnyLengthInEitherCase() {
      SecureRandom random = new SecureRandom();
      for (int length : new int[] {0, 1, 31, 32, 33, 1216}) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        for (String hrp : new String[] {"age", "AGE-SECRET-KEY-"}) {
          String encoded = Bech32.encode(hrp, data);
          Bech32.Decoded decoded = Bech32.decode(encoded);
          assertThat(decoded.hrp()).isEqualTo(hrp);
          assertThat(decoded.data()).isEqualTo(data);
        }
      }
    }

    @Test
    void refusesMixedCaseABadChecksumAndForeignCharacters() {
      String mixed = SPEC_RECIPIENT.substring(0, 10) + SPEC_RECIPIENT.substring(10).toUpperCase();
      String badChecksum = SPEC_RECIPIENT.substring(0, SPEC_RECIPIENT.length() - 1) + "q";
      String foreign = SPEC_RECIPIENT.replace('z', 'b');

      assertThat(catchBech32(mixed)).hasMessageContaining("mixes upper and lower case");
      assertThat(catchBech32(badChecksum)).hasMessageContaining("checksum");
      assertThat(catchBech32(foreign)).hasMessageContaining("alphabet");
      assertThat(catchBech32("age1")).hasMessageContaining("separator");
    }

    private IllegalArgumentException catchBech32(String text) {
      return catchThrowableOfType(IllegalArgumentException.class, () -> Bech32.decode(text));
    }
  }

  @Nested
  class IdentityFiles {

    @Test
    void skipCommentsBlankLinesAndCarriageReturns() throws AgeException {
      X25519Identity second = X25519Identity.generate(new SecureRandom());
      String file = "# created: 2024-01-01\r\n# public key: " + SPEC_RECIPIENT + "\r\n"
          + SPEC_IDENTITY + "\r\n\r\n" + second.encode() + "\n";

      assertThat(AgeKeys.parseIdentities(file))
          .containsExactly(X25519Identity.parse(SPEC_IDENTITY), second);
    }

    @Test
    void nameTheBadLineWithoutEchoingIt() {
      String almostAKey = SPEC_IDENTITY.substring(0, SPEC_IDENTITY.length() - 1) + "Q";
      AgeException e = catchThrowableOfType(AgeException.class,
          () -> AgeKeys.parseIdentities("# keys\n" + SPEC_IDENTITY + "\n" + almostAKey + "\n"));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.KEY);
      assertThat(e).hasMessageStartingWith("line 3 of the identity file")
          .hasMessageContaining("checksum");
      assertThat(e.getMessage()).doesNotContain(almostAKey.substring(16, 40));
    }

    @Test
    void needAtLeastOneKey() {
      AgeException e = catchThrowableOfType(AgeException.class,
          () -> AgeKeys.parseIdentities("# nothing here\n\n"));

      assertThat(e).hasMessageContaining("no secret keys");
    }

    @Test
    void refuseLowerCaseSecretKeysAsAgeDoes() {
      AgeException e = catchThrowableOfType(AgeException.class,
          () -> AgeKeys.parseIdentities(SPEC_IDENTITY.toLowerCase() + "\n"));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.KEY);
    }

    @Test
    void refusePluginIdentitiesAsUnsupported() {
      AgeException e = catchThrowableOfType(AgeException.class,
          () -> AgeKeys.parseIdentity("AGE-PLUGIN-YUBIKEY-1QQQQ"));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.UNSUPPORTED);
      assertThat(e).hasMessageContaining("plugin");
    }
  }

  @Nested
  class Recipients {

    @Test
    void parseBothNativeTypesFromARecipientsFile() throws AgeException {
      HybridRecipient hybrid = HybridIdentity.generate(new SecureRandom()).recipient();

      List<AgeRecipient> recipients = AgeKeys.parseRecipients(
          "# team\n" + SPEC_RECIPIENT + "\n\n" + hybrid.encode() + "\n");

      assertThat(recipients).containsExactly(X25519Recipient.parse(SPEC_RECIPIENT), hybrid);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "age1tag1qt8lw0ual6avlwmwatk888yqnmdamm7xfd0wak53ut6elz5c4swx2yqdj4e",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN"})
    void refuseTypesWeCannotEncryptToAsUnsupported(String recipient) {
      AgeException e = catchThrowableOfType(AgeException.class,
          () -> AgeKeys.parseRecipient(recipient));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.UNSUPPORTED);
    }

    @Test
    void refuseASecretKeyGivenAsARecipient() {
      AgeException e = catchThrowableOfType(AgeException.class,
          () -> AgeKeys.parseRecipient(SPEC_IDENTITY));

      assertThat(e.kind()).isEqualTo(AgeException.Kind.KEY);
      assertThat(e.getMessage()).doesNotContain(SPEC_IDENTITY.substring(16));
    }
  }

  @Nested
  class Secrecy {

    @Test
    void identitiesNeverShowTheirSecretInToString() {
      SecureRandom random = new SecureRandom();
      X25519Identity x25519 = X25519Identity.generate(random);
      HybridIdentity hybrid = HybridIdentity.generate(random);
      ScryptIdentity scrypt = new ScryptIdentity("correct horse battery staple");
      ScryptRecipient scryptRecipient = new ScryptRecipient("correct horse battery staple");

      assertThat(x25519.toString()).doesNotContain(x25519.encode().substring(15))
          .contains(x25519.recipient().encode());
      assertThat(hybrid.toString()).doesNotContain(hybrid.encode().substring(18));
      assertThat(scrypt.toString()).doesNotContain("horse");
      assertThat(scryptRecipient.toString()).doesNotContain("horse");
      assertThat(List.of(x25519, hybrid).toString())
          .doesNotContain(x25519.encode().substring(15), hybrid.encode().substring(18));
    }

    @Test
    void keysAreDefensivelyCopied() {
      byte[] secret = new byte[32];
      X25519Identity identity = new X25519Identity(secret);
      secret[0] = 1;
      identity.secretKey()[1] = 1;

      assertThat(identity.secretKey()).containsOnly(0);
    }
  }
}
