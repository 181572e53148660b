package dev.driftless.manifests.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.secrets.SharedFixtures;
import dev.driftless.manifests.secrets.age.AgeException;
import dev.driftless.manifests.secrets.age.AgeIdentity;
import dev.driftless.manifests.secrets.age.AgeKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every SOPS document in {@code ../shared/fixtures/sops} (written by the real {@code sops}, to
 * published age test keys) decrypts, with its MAC verified, to the plaintexts its README lists.
 */
class SopsFixturesTest {

  static List<AgeIdentity> keys(String file) throws AgeException {
    return AgeKeys.parseIdentities(SharedFixtures.text("sops/" + file));
  }

  static SopsDocument decrypt(String file, String keys) throws Exception {
    return new SopsDecryptor(keys(keys)).decrypt(file, SharedFixtures.bytes("sops/" + file));
  }

  static SopsException refusal(String file, String keys) throws AgeException {
    SopsDecryptor decryptor = new SopsDecryptor(keys(keys));
    byte[] content = SharedFixtures.bytes("sops/" + file);
    return catchThrowableOfType(SopsException.class, () -> decryptor.decrypt(file, content));
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Map<String, Object> tree, String... path) {
    Object current = tree;
    for (String key : path) {
      current = ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  @Nested
  class FromGetsopsSops {

    private static final String KEYS = "getsops-sops/keys.txt";

    @Test
    void theYamlExampleDecryptsToItsValuesWithTheirTypes() throws Exception {
      SopsDocument.Tree document = (SopsDocument.Tree) decrypt("getsops-sops/example.yaml", KEYS);
      Map<String, Object> tree = document.tree();

      assertThat(document.format()).isEqualTo(SopsFormat.YAML);
      assertThat(tree).containsEntry("myapp1", "t00m4nys3cr3tzupdated");
      assertThat((String) at(tree, "app2", "db", "user")).isEqualTo("eve");
      assertThat((String) at(tree, "app2", "db", "password")).isEqualTo("c4r1b0u");
      assertThat((String) at(tree, "app2", "key")).startsWith("-----BEGIN RSA PRIVATE KEY-----\n")
          .endsWith("-----END RSA PRIVATE KEY-----\n");
      assertThat(tree.get("number")).isEqualTo(new TypedScalar("float", "1234568000"));
      assertThat(tree.get("an_array")).isEqualTo(List.of("secretuser1", "secretuser2",
          "somelongvalue" + "A".repeat(45), "some other value"));
      assertThat(tree.get("somebooleans")).isEqualTo(List.of(new TypedScalar("bool", "True"),
          new TypedScalar("bool", "False")));
      assertThat((String) at(tree, "this", "is", "a", "nested", "value"))
          .isEqualTo("with something secret in it");
      assertThat(tree.get("somelist_unencrypted")).isEqualTo(List.of("all elements of this list",
          "remain in clear text", "because of the _encrypted suffix in the key"));
      assertThat((String) at(tree, "nested_unencrypted", "this", "is", "all"))
          .isEqualTo("going to remain in clear text");
      assertThat(tree).doesNotContainKey("sops");
    }

    @Test
    void theYamlExamplesEncryptedCommentsDecryptWithTheirMappingsPath() throws Exception {
      SopsDocument.Tree document = (SopsDocument.Tree) decrypt("getsops-sops/example.yaml", KEYS);

      assertThat(document.comments()).containsExactly(
          new SopsComment("app2:db", " private key for secret operations in app2"),
          new SopsComment("this:is:a:nested", " sops supports unencrypted fields"),
          new SopsComment("this:is:a:nested", " by adding the `_unencrypted` suffix"),
          new SopsComment("this:is:a:nested", " to any key"));
    }

    @Test
    void theJsonExampleKeepsNumbersAsTypedTextAndEmptyStringsAsTheyAre() throws Exception {
      Map<String, Object> tree =
          ((SopsDocument.Tree) decrypt("getsops-sops/example.json", KEYS)).tree();

      assertThat(tree).containsEntry("firstName", "John").containsEntry("lastName", "Smith")
          .containsEntry("age", new TypedScalar("float", "25.4"))
          .containsEntry("anEmptyValue", "");
      assertThat(tree.get("address")).isEqualTo(Map.of("city", "New York",
          "postalCode", "10021-3100", "state", "NY", "streetAddress", "21 2nd Street"));
      assertThat(tree.get("phoneNumbers")).isEqualTo(List.of(
          Map.of("number", "212 555-1234", "type", "home"),
          Map.of("number", "646 555-4567", "type", "office")));
    }

    @Test
    void theIniExampleDecryptsSectionBySection() throws Exception {
      SopsDocument.Ini document = (SopsDocument.Ini) decrypt("getsops-sops/example.ini", KEYS);

      assertThat(document.sections()).containsExactly(
          Map.entry("name", Map.of("firstName", "John", "lastName", "Smith", "age", "25.4")),
          Map.entry("address", Map.of("city", "New York", "postalCode", "10021-3100",
              "state", "NY", "streetAddress", "21 2nd Street")),
          Map.entry("phoneNumbers", Map.of("home", "212 555-1234", "office", "646 555-4567")),
          Map.entry("not private", Map.of("notsecret_unencrypted", "hi there!")));
      assertThat(document.comments()).extracting(SopsComment::path).containsExactly("name");
    }

    @Test
    void theBinaryExampleIsTheWholeFile() throws Exception {
      SopsDocument.Binary document = (SopsDocument.Binary) decrypt("getsops-sops/example.txt",
          KEYS);

      assertThat(new String(document.data(), StandardCharsets.UTF_8)).isEqualTo(
          "Welcome to SOPS!\n\nSOPS is a manager of encrypted files designed to help distribute "
              + "secrets.\nCheck it out, it's on github: https://github.com/mozilla/sops\n\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void eitherPublishedKeyAloneOpensItsOwnEntry(int which) throws Exception {
      AgeIdentity only = keys(KEYS).get(which);
      SopsDecryptor decryptor = new SopsDecryptor(List.of(only));

      for (String file : List.of("example.yaml", "example.json", "example.ini", "example.txt")) {
        assertThat(decryptor.decrypt(file,
            SharedFixtures.bytes("sops/getsops-sops/" + file))).isNotNull();
      }
    }
  }

  @Nested
  class FromKustomizeController {

    private static final String KEY = "kustomize-controller/keys/age.txt";

    @ParameterizedTest
    @ValueSource(strings = {"algorithms/age.yaml:key:value", "patches/merge1.yaml:key:merge1",
        "patches/merge2.yaml:merge2:merge2"})
    void theSecretManifestsDecryptOnlyTheirStringData(String spec) throws Exception {
      String[] parts = spec.split(":");
      Map<String, Object> tree =
          ((SopsDocument.Tree) decrypt("kustomize-controller/" + parts[0], KEY)).tree();

      assertThat((String) at(tree, "stringData", parts[1])).isEqualTo(parts[2]);
      assertThat(tree).containsEntry("apiVersion", "v1").containsEntry("kind", "Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"envs/env.env", "component/env.env"})
    void theDotenvFilesDecryptToKeyEqualsValue(String file) throws Exception {
      SopsDocument.Dotenv document =
          (SopsDocument.Dotenv) decrypt("kustomize-controller/" + file, KEY);

      assertThat(document.values()).containsExactly(Map.entry("key", "value"));
    }

    @Test
    void theBinaryFileDecryptsToItsContent() throws Exception {
      SopsDocument.Binary document =
          (SopsDocument.Binary) decrypt("kustomize-controller/files/file.txt", KEY);

      assertThat(document.data()).asString().isEqualTo("value");
    }

    @Test
    void theGlobalSecretOpensWithItsOwnKey() throws Exception {
      Map<String, Object> tree = ((SopsDocument.Tree) decrypt(
          "kustomize-controller/global/secret.yaml", "kustomize-controller/keys/age-global.txt"))
          .tree();

      assertThat((String) at(tree, "stringData", "key")).isEqualTo("global-value");
    }

    @Test
    void theGlobalSecretWithTheWrongKeyNamesTheFileAndItsRecipient() throws Exception {
      SopsException e = refusal("kustomize-controller/global/secret.yaml", KEY);

      assertThat(e.reason()).isEqualTo(SopsException.Reason.NO_MATCHING_KEY);
      assertThat(e.file()).isEqualTo("kustomize-controller/global/secret.yaml");
      assertThat(e).hasMessageStartingWith("kustomize-controller/global/secret.yaml: ")
          .hasMessageContaining("age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph")
          .hasMessageContaining("no identity matched");
    }

    @Test
    void thePostQuantumDocumentOpensWithItsHybridKey() throws Exception {
      Map<String, Object> tree = ((SopsDocument.Tree) decrypt(
          "kustomize-controller/algorithms/age-pq.yaml", "kustomize-controller/keys/age-pq.txt"))
          .tree();

      assertThat((String) at(tree, "stringData", "key")).isEqualTo("value");
    }

    @Test
    void thePostQuantumDocumentWithAClassicKeyNamesTheRecipientTypeItNeeds() throws Exception {
      SopsException e = refusal("kustomize-controller/algorithms/age-pq.yaml", KEY);

      assertThat(e.reason()).isEqualTo(SopsException.Reason.NO_MATCHING_KEY);
      assertThat(e).hasMessageContaining("age1pq1").hasMessageContaining("mlkem768x25519");
    }
  }

  @Nested
  class FromDocoCd {

    private static final String KEY = "doco-cd/age-key.txt";

    @Test
    void theYamlKeyWithDotsIsOneKeyNotANestedMap() throws Exception {
      Map<String, Object> tree = ((SopsDocument.Tree) decrypt("doco-cd/encrypted.yaml", KEY))
          .tree();

      assertThat(tree).containsExactly(Map.entry("this.is.encrypted", "yes"));
    }

    @Test
    void theJsonAndDotenvFilesDecrypt() throws Exception {
      assertThat(((SopsDocument.Tree) decrypt("doco-cd/encrypted.json", KEY)).tree())
          .containsExactly(Map.entry("this", "is encrypted"));
      assertThat(((SopsDocument.Dotenv) decrypt("doco-cd/encrypted.env", KEY)).values())
          .containsExactly(Map.entry("THIS_IS_ENCRYPTED", "yes"));
    }

    @Test
    void theNewerSopsLayoutDecryptsInIniAndBinary() throws Exception {
      assertThat(((SopsDocument.Ini) decrypt("doco-cd/sops-3.13.3/encrypted.ini", KEY))
          .sections()).containsExactly(Map.entry("default", Map.of("secret", "value")));
      assertThat(((SopsDocument.Binary) decrypt("doco-cd/sops-3.13.3/encrypted", KEY)).data())
          .asString().isEqualTo("binary-secret\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"doco-cd/unencrypted.yaml", "doco-cd/unencrypted.json",
        "doco-cd/unencrypted.env"})
    void thePlaintextCompanionsAreRefusedAsNotSops(String file) throws Exception {
      SopsException e = refusal(file, KEY);

      assertThat(e.reason()).isEqualTo(SopsException.Reason.MALFORMED);
      assertThat(e).hasMessageContaining("not a SOPS document");
      assertThat(e.getMessage()).doesNotContain("is encrypted");
    }
  }

  @Nested
  class FromSopsNix {

    @Test
    void aDocumentWithAnotherAgeRecipientAndPgpKeysOpensWithTheOneKeyWeHave() throws Exception {
      Map<String, Object> tree = ((SopsDocument.Tree) decrypt("sops-nix/secrets.yaml",
          "sops-nix/age-keys.txt")).tree();

      assertThat(tree).containsEntry("test_key", "test_value")
          .containsEntry("a_list", List.of("e1", "e3"));
      assertThat((String) at(tree, "nested", "test", "file")).isEqualTo("another value");
    }

    @Test
    void withNoMatchingKeyTheErrorListsEveryAgeRecipientAndThePgpKeys() throws Exception {
      SopsException e = refusal("sops-nix/secrets.yaml", "doco-cd/age-key.txt");

      assertThat(e.reason()).isEqualTo(SopsException.Reason.NO_MATCHING_KEY);
      assertThat(e).hasMessageContaining("age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw")
          .hasMessageContaining("age1a8pk4akrdamj7nvqy3zywgtny8dxz7t5xzu7u8v9mhrayp9freqsqatyrs")
          .hasMessageContaining("2 pgp keys");
    }
  }
}
