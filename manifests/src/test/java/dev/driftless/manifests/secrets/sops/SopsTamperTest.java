package dev.driftless.manifests.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.secrets.SharedFixtures;
import dev.driftless.manifests.secrets.age.AgeKeys;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Changing anything in a document that SOPS protects makes decryption fail with a clear error
 * that names the file and never shows a value: a value's ciphertext, a value moved to another
 * key, list order, a clear-text value, the MAC, or the time the MAC is bound to.
 */
class SopsTamperTest {

  private static final String EXAMPLE = "getsops-sops/example.yaml";
  private static final String SECRET = "c4r1b0u";

  private static SopsException refusal(String file, String content, String keys)
      throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(
        AgeKeys.parseIdentities(SharedFixtures.text("sops/" + keys)));
    SopsException e = catchThrowableOfType(SopsException.class,
        () -> decryptor.decrypt(file, content.getBytes(StandardCharsets.UTF_8)));
    assertThat(e).as("decrypting the changed %s", file).isNotNull();
    assertThat(e).hasMessageStartingWith(file + ": ");
    assertThat(e.getMessage()).doesNotContain(SECRET, "t00m4nys3cr3tzupdated", "global-value");
    return e;
  }

  private static SopsException refusal(String content) throws Exception {
    return refusal(EXAMPLE, content, "getsops-sops/keys.txt");
  }

  private static String example() {
    return SharedFixtures.text("sops/" + EXAMPLE);
  }

  /** The ENC[…] text of the first line that starts with {@code prefix} (after indentation). */
  private static String encryptedValueOf(String document, String prefix) {
    Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(prefix) + " ?(ENC\\[[^\\]]+\\])")
        .matcher(document);
    assertThat(matcher.find()).as("a line starting with %s", prefix).isTrue();
    return matcher.group(1);
  }

  private static String flipFirstDataCharacter(String encrypted) {
    int at = encrypted.indexOf("data:") + 5;
    char c = encrypted.charAt(at);
    return encrypted.substring(0, at) + (c == 'A' ? 'B' : 'A') + encrypted.substring(at + 1);
  }

  @Test
  void aChangedCiphertextFailsNamingItsPath() throws Exception {
    String document = example();
    String password = encryptedValueOf(document, "password:");

    SopsException e = refusal(document.replace(password, flipFirstDataCharacter(password)));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.VALUE_TAMPERED);
    assertThat(e).hasMessageContaining("'app2:db:password' does not authenticate");
  }

  @Test
  void aValueMovedToAnotherKeyFailsBecauseItsPathIsAuthenticated() throws Exception {
    String document = example();
    String user = encryptedValueOf(document, "user:");
    String password = encryptedValueOf(document, "password:");

    SopsException e = refusal(document.replace(user, "SWAP").replace(password, user)
        .replace("SWAP", password));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.VALUE_TAMPERED);
  }

  @Test
  void reorderedListItemsDecryptButFailTheMac() throws Exception {
    String document = example();
    String first = encryptedValueOf(document, "- ");
    int second = document.indexOf("- ENC[", document.indexOf(first) + first.length());
    String secondValue = document.substring(second + 2, document.indexOf(']', second) + 1);

    SopsException e = refusal(document.replace(first, "SWAP").replace(secondValue, first)
        .replace("SWAP", secondValue));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.MAC_MISMATCH);
  }

  @Test
  void aChangedClearTextValueFailsTheMac() throws Exception {
    SopsException e = refusal(example().replace("remain in clear text", "remain in clear text!"));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.MAC_MISMATCH);
    assertThat(e).hasMessageContaining("MAC mismatch");
  }

  @Test
  void aKeyRenamedIntoTheUnencryptedSuffixFailsTheMac() throws Exception {
    SopsException e = refusal(example().replace("myapp1:", "myapp1_unencrypted:"));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.MAC_MISMATCH);
  }

  @Test
  void aChangedMacFails() throws Exception {
    String document = example();
    String mac = encryptedValueOf(document, "mac:");

    SopsException e = refusal(document.replace(mac, flipFirstDataCharacter(mac)));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.MAC_MISMATCH);
  }

  @Test
  void aChangedLastModifiedTimeFailsTheMac() throws Exception {
    String document = example();
    Matcher time = Pattern.compile("lastmodified: \"([^\"]+)\"").matcher(document);
    assertThat(time.find()).isTrue();

    SopsException e = refusal(document.replace(time.group(1), "2030-01-01T00:00:00Z"));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.MAC_MISMATCH);
  }

  @Test
  void aClearTextValueWhereCiphertextBelongsIsRefusedWithoutBeingEchoed() throws Exception {
    String document = example();

    SopsException e = refusal(document.replace(encryptedValueOf(document, "password:"), SECRET));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.VALUE_TAMPERED);
    assertThat(e).hasMessageContaining("should be encrypted");
  }

  @Test
  void aChangedDotenvValueOrARemovedLineFails() throws Exception {
    String file = "kustomize-controller/envs/env.env";
    String document = SharedFixtures.text("sops/" + file);
    String value = encryptedValueOf(document, "key=");

    SopsException changed = refusal(file, document.replace(value, flipFirstDataCharacter(value)),
        "kustomize-controller/keys/age.txt");
    SopsException removed = refusal(file, document.replace("key=" + value + "\n", ""),
        "kustomize-controller/keys/age.txt");

    assertThat(changed.reason()).isEqualTo(SopsException.Reason.VALUE_TAMPERED);
    assertThat(removed.reason()).isEqualTo(SopsException.Reason.MAC_MISMATCH);
  }

  @Test
  void aChangedIniOrBinaryValueFails() throws Exception {
    String ini = SharedFixtures.text("sops/getsops-sops/example.ini");
    String city = encryptedValueOf(ini, "city          =");
    String binary = SharedFixtures.text("sops/getsops-sops/example.txt");
    String data = encryptedValueOf(binary, "\"data\": \"");

    assertThat(refusal("getsops-sops/example.ini", ini.replace(city, flipFirstDataCharacter(city)),
        "getsops-sops/keys.txt").reason()).isEqualTo(SopsException.Reason.VALUE_TAMPERED);
    assertThat(refusal("getsops-sops/example.txt", binary.replace(data,
        flipFirstDataCharacter(data)), "getsops-sops/keys.txt").reason())
        .isEqualTo(SopsException.Reason.VALUE_TAMPERED);
  }

  @Test
  void aChangedClearTextManifestFieldFailsTheMacEvenWithAnEncryptedRegex() throws Exception {
    String file = "kustomize-controller/global/secret.yaml";
    String document = SharedFixtures.text("sops/" + file);

    SopsException e = refusal(file, document.replace("namespace: default",
        "namespace: kube-system"), "kustomize-controller/keys/age-global.txt");

    assertThat(e.reason()).isEqualTo(SopsException.Reason.MAC_MISMATCH);
  }
}
