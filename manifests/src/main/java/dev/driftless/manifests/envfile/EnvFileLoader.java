package dev.driftless.manifests.envfile;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.Utf8;
import dev.driftless.manifests.compose.DotEnv;
import dev.driftless.manifests.compose.EnvValues;
import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.AgeException;
import dev.driftless.manifests.secrets.age.AgeIdentity;
import dev.driftless.manifests.secrets.age.X25519Identity;
import dev.driftless.manifests.secrets.sops.SopsDecryptor;
import dev.driftless.manifests.secrets.sops.SopsDocument;
import dev.driftless.manifests.secrets.sops.SopsException;
import dev.driftless.manifests.secrets.sops.SopsFormat;
import dev.driftless.manifests.secrets.sops.TypedScalar;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one reader of env files, whatever uses them: a service's {@code env_file:}, the app's
 * {@code .env} (the variables its Compose file is interpolated from), and an environment's layers
 * in {@code driftless.yaml}. Three kinds of file, told apart by their name and content:
 *
 * <ul>
 *   <li>a file named {@code *.age}, or starting as an age file does (binary or ASCII-armored):
 *       decrypted with the caller's identities, its plaintext read as a dotenv file;
 *   <li>a SOPS document — dotenv, or YAML / JSON by its extension — recognised by its
 *       {@code sops} metadata, decrypted and its MAC checked; YAML and JSON must be flat
 *       (scalars at the top level);
 *   <li>anything else: a plain dotenv file, read with Compose's rules ({@link DotEnv}).
 * </ul>
 *
 * <p>Every value of an encrypted file is a secret ({@link EnvValues#secretKeys()}), whatever
 * SOPS left unencrypted in it: the model then hides it from every output. Decryption happens in
 * memory only; nothing is written anywhere. Errors name the file, and for a file that no
 * identity opens, the recipients it was encrypted to, never a value.
 *
 * <p>Pure and thread-safe: the keys are given by the caller, the bytes too.
 */
public final class EnvFileLoader {

  private static final Pattern SOPS_DOTENV = Pattern.compile("(?m)^sops_(version|mac)=");
  private static final Pattern SOPS_YAML = Pattern.compile("(?m)^sops:");
  private static final Pattern SOPS_JSON = Pattern.compile("\"sops\"\\s*:");
  private static final String AGE_SUFFIX = ".age";
  private static final String AGE_MAGIC = "age-encryption.org/";

  private final DecryptionKeys keys;

  /** A loader that decrypts with {@code keys} ({@link DecryptionKeys#NONE} to decrypt nothing). */
  public EnvFileLoader(DecryptionKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** The keys this loader decrypts with. */
  public DecryptionKeys keys() {
    return keys;
  }

  /**
   * Reads {@code content}, the env file at {@code file}.
   *
   * @param file the file's repo-relative path: its name chooses the kind, and problems name it
   * @throws ManifestException with the problems, each naming {@code file}
   */
  public EnvValues load(String file, byte[] content) throws ManifestException {
    return load(file, content, Map.of());
  }

  /**
   * Reads {@code content}, the env file at {@code file}, as a layer over {@code inherited}: the
   * variables of earlier layers, which a dotenv value may use (as {@code ${VAR}}).
   */
  public EnvValues load(String file, byte[] content, Map<String, String> inherited)
      throws ManifestException {
    Objects.requireNonNull(file, "file");
    if (file.toLowerCase(Locale.ROOT).endsWith(AGE_SUFFIX) || isAge(content)) {
      return age(file, content, inherited);
    }
    String text = utf8(file, content, "");
    SopsFormat format = sopsFormat(file, text);
    if (format != null) {
      return sops(file, content, format);
    }
    DotEnv env = DotEnv.parse(file, text, inherited);
    return new EnvValues(env.variables(), java.util.Set.of(), env.warnings());
  }

  private EnvValues age(String file, byte[] content, Map<String, String> inherited)
      throws ManifestException {
    if (keys.isEmpty()) {
      throw problem(file, "it is age-encrypted, but no age identity is configured (set "
          + "DRIFTLESS_AGE_KEY_FILE or driftless.secrets.age-key-file); it is encrypted to "
          + recipients(content));
    }
    byte[] plaintext;
    try {
      plaintext = Age.decrypt(content, keys.identities());
    } catch (AgeException e) {
      throw problem(file, switch (e.kind()) {
        case NO_IDENTITY_MATCHED -> "none of the " + count(keys.identities()) + " from "
            + keys.source() + " opens it; it is encrypted to " + recipients(content);
        case HEADER_MAC -> "the age header MAC does not match: the file was changed after it "
            + "was encrypted, or is damaged";
        case PAYLOAD -> "the age payload does not verify: the file is truncated, tampered with "
            + "or damaged (" + e.getMessage() + ")";
        default -> "not a valid age file: " + e.getMessage();
      });
    }
    try {
      DotEnv env =
          DotEnv.parse(file, utf8(file, plaintext, "the decrypted content of "), inherited);
      return new EnvValues(env.variables(), env.variables().keySet(), env.warnings());
    } catch (ManifestException e) {
      // The parser quotes the text it stumbled on, which here may be part of a secret value.
      throw new ManifestException(e.problems().stream().map(found -> new ManifestProblem(
          found.file(), found.line(), found.column(), "the decrypted content is not a valid dotenv "
              + "file here (the details are not shown: they could quote a secret)")).toList());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private EnvValues sops(String file, byte[] content, SopsFormat format)
      throws ManifestException {
    // Without identities, a throwaway one makes the decryptor list the document's recipients.
    List<? extends AgeIdentity> identities = keys.isEmpty()
        ? List.of(X25519Identity.generate(new SecureRandom()))
        : keys.identities();
    SopsDocument document;
    try {
      document = new SopsDecryptor(identities).decrypt(file, content, format);
    } catch (SopsException e) {
      String message = e.getMessage().substring(e.file().length() + 2);
      if (keys.isEmpty() && e.reason() == SopsException.Reason.NO_MATCHING_KEY) {
        message = "it is SOPS-encrypted, but no age identity is configured (set "
            + "DRIFTLESS_AGE_KEY_FILE or driftless.secrets.age-key-file); "
            + message.substring(message.indexOf("it is encrypted to"));
      } else if (e.reason() == SopsException.Reason.NO_MATCHING_KEY) {
        message = "(identities from " + keys.source() + ") " + message;
      }
      throw problem(file, message);
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (document instanceof SopsDocument.Dotenv dotenv) {
      values.putAll(dotenv.values());
    } else if (document instanceof SopsDocument.Tree tree) {
      if (tree.documents().size() != 1) {
        throw problem(file, "a SOPS env file holds one document, this one holds "
            + tree.documents().size());
      }
      for (Map.Entry<String, Object> entry : tree.tree().entrySet()) {
        values.put(entry.getKey(), scalar(file, entry.getKey(), entry.getValue()));
      }
    } else {
      throw problem(file, "a SOPS " + format.name().toLowerCase(Locale.ROOT)
          + " document cannot be an env file");
    }
    return new EnvValues(values, values.keySet(), List.of());
  }

  private static String scalar(String file, String key, Object value) throws ManifestException {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof TypedScalar typed) {
      return typed.text();
    }
    throw problem(file, "'" + key + "' holds a " + (value instanceof Map ? "mapping" : "list")
        + ": the values of an env file must be strings, numbers or booleans");
  }

  /** Whether the content starts as a binary or an armored age file; no dotenv file does. */
  private static boolean isAge(byte[] content) {
    byte[] start = Arrays.copyOf(content, Math.min(content.length, 64));
    return new String(start, StandardCharsets.ISO_8859_1).startsWith(AGE_MAGIC)
        || Age.isArmored(start);
  }

  /** The SOPS format of a document that carries SOPS metadata, else null. */
  private static SopsFormat sopsFormat(String file, String text) {
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return SOPS_JSON.matcher(text).find() ? SopsFormat.JSON : null;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return SOPS_YAML.matcher(text).find() ? SopsFormat.YAML : null;
    }
    return SOPS_DOTENV.matcher(text).find() ? SopsFormat.DOTENV : null;
  }

  /** Who can open an age file, as far as its header tells ("2 X25519 recipients"). */
  private static String recipients(byte[] content) {
    try {
      Map<String, Integer> types = Age.stanzaTypes(content);
      if (types.isEmpty()) {
        return "no recipient at all";
      }
      return types.entrySet().stream()
          .map(type -> type.getValue() + " " + type.getKey() + " recipient"
              + (type.getValue() == 1 ? "" : "s"))
          .collect(Collectors.joining(", "))
          + " (age does not record which public keys; 'driftless secrets recipients' says the "
          + "same)";
    } catch (AgeException e) {
      return "nobody that can be told: its header does not read (" + e.getMessage() + ")";
    }
  }

  private static String count(List<AgeIdentity> identities) {
    return identities.size() + (identities.size() == 1 ? " age identity" : " age identities");
  }

  private static String utf8(String file, byte[] content, String what) throws ManifestException {
    try {
      return Utf8.decode(content);
    } catch (CharacterCodingException e) {
      throw problem(file, what + "the file is not UTF-8 text: an env file is text (an encrypted "
          + "one must be named *.age)");
    }
  }

  private static ManifestException problem(String file, String message) {
    return new ManifestException(ManifestProblem.inFile(file, message));
  }
}
