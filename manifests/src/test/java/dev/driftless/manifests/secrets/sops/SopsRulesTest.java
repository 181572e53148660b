package dev.driftless.manifests.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SOPS's rules that the fixtures do not exercise, on documents written by {@link SopsTestWriter}:
 * which values are encrypted, what the MAC covers, and how clear-text values are typed.
 */
class SopsRulesTest {

  private final SopsTestWriter sops = new SopsTestWriter();

  @Test
  void anEncryptedSuffixEncryptsOnlyTheKeysThatCarryIt() throws Exception {
    String yaml = "user: alice\npassword_enc: " + sops.enc("s3cret", "password_enc:", "str")
        + "\n" + sops.yamlMetadata(sops.mac(List.of("alice", "s3cret"), false),
            "encrypted_suffix: _enc");

    Map<String, Object> tree = ((SopsDocument.Tree) sops.decrypt("a.yaml", yaml)).tree();

    assertThat(tree).containsExactly(Map.entry("user", "alice"),
        Map.entry("password_enc", "s3cret"));
    assertThat(catchThrowableOfType(SopsException.class,
        () -> sops.decrypt("a.yaml", yaml.replace("alice", "mallory"))).reason())
        .isEqualTo(SopsException.Reason.MAC_MISMATCH);
  }

  @Test
  void withMacOnlyEncryptedClearTextValuesAreNotAuthenticatedAsInSops() throws Exception {
    String yaml = "user: alice\npassword_enc: " + sops.enc("s3cret", "password_enc:", "str")
        + "\n" + sops.yamlMetadata(sops.mac(List.of("s3cret"), true),
            "encrypted_suffix: _enc", "mac_only_encrypted: true");

    Map<String, Object> changed = ((SopsDocument.Tree) sops.decrypt("a.yaml",
        yaml.replace("alice", "mallory"))).tree();

    assertThat(changed).containsEntry("user", "mallory").containsEntry("password_enc", "s3cret");
  }

  @Test
  void anUnencryptedRegexLeavesMatchingKeysAndEverythingBelowThemInClearText() throws Exception {
    String yaml = "public:\n  motd: hello\nprivate: " + sops.enc("s3cret", "private:", "str")
        + "\n" + sops.yamlMetadata(sops.mac(List.of("hello", "s3cret"), false),
            "unencrypted_regex: ^pub");

    Map<String, Object> tree = ((SopsDocument.Tree) sops.decrypt("a.yaml", yaml)).tree();

    assertThat(tree).containsEntry("public", Map.of("motd", "hello"))
        .containsEntry("private", "s3cret");
  }

  @Test
  void anEncryptedCommentRegexEncryptsTheValueAfterTheMarkerButNotTheMarker() throws Exception {
    String yaml = "# sops:enc\nsecret: " + sops.enc("s3cret", "secret:", "str")
        + "\nplain: visible\n" + sops.yamlMetadata(sops.mac(List.of("s3cret", "visible"), false),
            "encrypted_comment_regex: sops:enc");

    SopsDocument.Tree document = (SopsDocument.Tree) sops.decrypt("a.yaml", yaml);

    assertThat(document.tree()).containsExactly(Map.entry("secret", "s3cret"),
        Map.entry("plain", "visible"));
    assertThat(document.comments()).containsExactly(new SopsComment("", " sops:enc"));
  }

  @Test
  void clearTextScalarsAreTypedAsGoYamlDoesNotAsYaml11() throws Exception {
    // yaml.v3 reads yes as a string, 0x1F as 31, 1_000 as 1000 and 08 as the float 8.
    String yaml = "flags_unencrypted:\n  a: yes\n  b: 0x1F\n  c: 1_000\n  d: 08\n  e: true\n"
        + "  f: ~\n  g: 2001-12-14\n  h: '123'\n"
        + sops.yamlMetadata(sops.mac(List.of("yes", "31", "1000", "8", "True", "2001-12-14",
            "123"), false));

    Map<String, Object> tree = ((SopsDocument.Tree) sops.decrypt("a.yaml", yaml)).tree();

    @SuppressWarnings("unchecked")
    Map<String, Object> flags = (Map<String, Object>) tree.get("flags_unencrypted");
    assertThat(flags).containsEntry("a", "yes")
        .containsEntry("b", new TypedScalar("int", "0x1F"))
        .containsEntry("d", new TypedScalar("float", "08"))
        .containsEntry("e", new TypedScalar("bool", "true"))
        .containsEntry("f", null)
        .containsEntry("g", "2001-12-14")
        .containsEntry("h", "123");
  }

  @Test
  void encryptedNumbersAreHashedInGosCanonicalForm() throws Exception {
    String yaml = "port: " + sops.enc("+0080", "port:", "int") + "\nratio: "
        + sops.enc("2.50", "ratio:", "float") + "\non: " + sops.enc("t", "on:", "bool") + "\n"
        + sops.yamlMetadata(sops.mac(List.of("80", "2.5", "True"), false));

    Map<String, Object> tree = ((SopsDocument.Tree) sops.decrypt("a.yaml", yaml)).tree();

    assertThat(tree).containsEntry("port", new TypedScalar("int", "+0080"))
        .containsEntry("ratio", new TypedScalar("float", "2.50"))
        .containsEntry("on", new TypedScalar("bool", "t"));
  }

  @Test
  void everyYamlDocumentIsDecryptedAndTheMacCoversThemAll() throws Exception {
    String metadata = sops.yamlMetadata(sops.mac(List.of("one", "two"), false));
    String yaml = "a: " + sops.enc("one", "a:", "str") + "\n" + metadata + "---\nb: "
        + sops.enc("two", "b:", "str") + "\n" + metadata;

    SopsDocument.Tree document = (SopsDocument.Tree) sops.decrypt("a.yaml", yaml);

    assertThat(document.documents()).containsExactly(Map.of("a", "one"), Map.of("b", "two"));
  }

  @Test
  void dotenvValuesDecodeEscapedNewlinesAsSopsDoes() throws Exception {
    String env = "# a comment\nKEY=" + sops.enc("line1\nline2", "KEY:", "str") + "\n"
        + "sops_age__list_0__map_recipient=" + sops.identity.recipient() + "\n"
        + "sops_age__list_0__map_enc=" + sops.wrappedDataKey().replace("\n", "\\n") + "\n"
        + "sops_lastmodified=" + SopsTestWriter.LAST_MODIFIED + "\n"
        + "sops_mac=" + sops.mac(List.of("line1\nline2"), false) + "\n";

    SopsDocument.Dotenv document = (SopsDocument.Dotenv) sops.decrypt("x.env", env);

    assertThat(document.values()).containsExactly(Map.entry("KEY", "line1\nline2"));
    assertThat(document.comments()).containsExactly(new SopsComment("", " a comment"));
  }

  @Test
  void documentsWithoutAnAgeRecipientOrWithShamirGroupsAreUnsupported() throws Exception {
    String pgpOnly = "a: b\nsops:\n  pgp:\n    - fp: ABC\n      enc: x\n"
        + "  lastmodified: \"" + SopsTestWriter.LAST_MODIFIED + "\"\n  mac: x\n";
    String shamir = "a: b\nsops:\n  key_groups:\n    - age: []\n    - age: []\n"
        + "  shamir_threshold: 2\n  lastmodified: \"" + SopsTestWriter.LAST_MODIFIED
        + "\"\n  mac: x\n";

    SopsException noAge = catchThrowableOfType(SopsException.class,
        () -> sops.decrypt("p.yaml", pgpOnly));
    SopsException split = catchThrowableOfType(SopsException.class,
        () -> sops.decrypt("s.yaml", shamir));

    assertThat(noAge.reason()).isEqualTo(SopsException.Reason.UNSUPPORTED);
    assertThat(noAge).hasMessageContaining("1 pgp key").hasMessageContaining("age keys only");
    assertThat(split.reason()).isEqualTo(SopsException.Reason.UNSUPPORTED);
    assertThat(split).hasMessageContaining("Shamir");
  }

  @Test
  void yamlTagsAreRefusedAndNeverInstantiated() throws Exception {
    String yaml = "a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n"
        + sops.yamlMetadata(sops.mac(List.of(), false));

    SopsException e = catchThrowableOfType(SopsException.class,
        () -> sops.decrypt("evil.yaml", yaml));

    assertThat(e.reason()).isEqualTo(SopsException.Reason.MALFORMED);
    assertThat(catchThrowableOfType(SopsException.class, () -> sops.decrypt("b.yaml",
        "a: !!binary aGk=\n" + sops.yamlMetadata(sops.mac(List.of(), false)))).reason())
        .isEqualTo(SopsException.Reason.MALFORMED);
  }

  @Test
  void documentsToStringShowKeysButNeverValues() throws Exception {
    String yaml = "password: " + sops.enc("hunter2", "password:", "str") + "\n"
        + sops.yamlMetadata(sops.mac(List.of("hunter2"), false));

    SopsDocument document = sops.decrypt("a.yaml", yaml);

    assertThat(document.toString()).contains("password").doesNotContain("hunter2");
    assertThat(new TypedScalar("int", "12345").toString()).doesNotContain("12345");
    assertThat(new SopsComment("a", "hunter2").toString()).doesNotContain("hunter2");
  }
}
