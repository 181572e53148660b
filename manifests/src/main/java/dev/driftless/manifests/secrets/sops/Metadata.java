package dev.driftless.manifests.secrets.sops;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The {@code sops} metadata of a document: the data key wrapped for each age recipient, the MAC,
 * and the rules that say which values are encrypted.
 *
 * @param lastModified the time SOPS used as the MAC's additional data, in RFC 3339 form
 * @param mac the encrypted MAC
 * @param ageEntries the data key wrapped for each age recipient
 * @param otherKeys how many entries of each key type Driftless cannot use ({@code pgp}, …)
 */
record Metadata(String lastModified, String mac, List<AgeEntry> ageEntries,
    Map<String, Integer> otherKeys, Rules rules, boolean macOnlyEncrypted) {

  private static final List<String> OTHER_KEY_TYPES =
      List.of("pgp", "kms", "gcp_kms", "azure_kv", "hc_vault");
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  /** One age recipient and the armored age file that holds the data key for it. */
  record AgeEntry(String recipient, String enc) {}

  /**
   * Which values are encrypted, as SOPS decides it: at most one rule, and
   * {@code _unencrypted} as suffix when the file names none.
   */
  record Rules(String unencryptedSuffix, String encryptedSuffix, Pattern unencryptedRegex,
      Pattern encryptedRegex, Pattern unencryptedCommentRegex, Pattern encryptedCommentRegex) {

    boolean shouldBeEncrypted(List<String> path, List<List<String>> commentsStack,
        boolean isComment) {
      boolean encrypted = true;
      if (unencryptedSuffix != null && path.stream().anyMatch(k -> k.endsWith(unencryptedSuffix))) {
        encrypted = false;
      }
      if (encryptedSuffix != null) {
        encrypted = path.stream().anyMatch(k -> k.endsWith(encryptedSuffix));
      }
      if (unencryptedRegex != null && path.stream()
          .anyMatch(k -> unencryptedRegex.matcher(k).find())) {
        encrypted = false;
      }
      if (encryptedRegex != null) {
        encrypted = path.stream().anyMatch(k -> encryptedRegex.matcher(k).find());
      }
      if (unencryptedCommentRegex != null && commentsStack.stream().flatMap(List::stream)
          .anyMatch(c -> unencryptedCommentRegex.matcher(c).find())) {
        encrypted = false;
      }
      if (encryptedCommentRegex != null) {
        encrypted = false;
        int lastSet = commentsStack.size() - 1;
        outer:
        for (int i = 0; i < commentsStack.size(); i++) {
          List<String> comments = commentsStack.get(i);
          for (int j = 0; j < comments.size(); j++) {
            // The comment that matches is itself left in clear text.
            if (isComment && i == lastSet && j == comments.size() - 1) {
              continue;
            }
            if (encryptedCommentRegex.matcher(comments.get(j)).find()) {
              encrypted = true;
              break outer;
            }
          }
        }
      }
      return encrypted;
    }
  }

  /** Reads the metadata of a YAML or JSON document (the {@code sops} mapping, made plain). */
  static Metadata fromTree(Object sops) {
    if (!(sops instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("the 'sops' entry is not a mapping");
    }
    return from(map);
  }

  /** Reads the metadata of a dotenv or INI document from its flattened keys. */
  static Metadata fromFlat(Map<String, String> flat) {
    return from(unflatten(flat));
  }

  private static Metadata from(Map<?, ?> sops) {
    String lastModified = string(sops, "lastmodified");
    String mac = string(sops, "mac");
    if (lastModified == null) {
      throw new IllegalArgumentException("the metadata has no 'lastmodified'");
    }
    Map<?, ?> keys = sops;
    boolean flatKeys = OTHER_KEY_TYPES.stream().anyMatch(type -> !list(sops, type).isEmpty())
        || !list(sops, "age").isEmpty();
    if (!flatKeys) {
      List<?> groups = list(sops, "key_groups");
      if (groups.size() > 1) {
        throw new UnsupportedOperationException("the data key is split across " + groups.size()
            + " key groups (Shamir secret sharing), which Driftless does not support");
      }
      if (groups.isEmpty() || !(groups.get(0) instanceof Map<?, ?> group)) {
        throw new IllegalArgumentException("the metadata lists no keys");
      }
      keys = group;
    }
    List<AgeEntry> age = new ArrayList<>();
    for (Object entry : list(keys, "age")) {
      if (!(entry instanceof Map<?, ?> fields)) {
        throw new IllegalArgumentException("an 'age' entry is not a mapping");
      }
      String recipient = string(fields, "recipient");
      String enc = string(fields, "enc");
      if (recipient == null || enc == null) {
        throw new IllegalArgumentException("an 'age' entry lacks its recipient or enc");
      }
      age.add(new AgeEntry(recipient, enc));
    }
    Map<String, Integer> others = new LinkedHashMap<>();
    for (String type : OTHER_KEY_TYPES) {
      int count = list(keys, type).size();
      if (count > 0) {
        others.put(type, count);
      }
    }
    return new Metadata(rfc3339(lastModified), mac == null ? "" : mac, age, others, rules(sops),
        "true".equalsIgnoreCase(String.valueOf(sops.get("mac_only_encrypted"))));
  }

  private static Rules rules(Map<?, ?> sops) {
    String unencryptedSuffix = nonEmpty(string(sops, "unencrypted_suffix"));
    String encryptedSuffix = nonEmpty(string(sops, "encrypted_suffix"));
    String unencryptedRegex = nonEmpty(string(sops, "unencrypted_regex"));
    String encryptedRegex = nonEmpty(string(sops, "encrypted_regex"));
    String unencryptedCommentRegex = nonEmpty(string(sops, "unencrypted_comment_regex"));
    String encryptedCommentRegex = nonEmpty(string(sops, "encrypted_comment_regex"));
    long count = Stream.of(unencryptedSuffix, encryptedSuffix, unencryptedRegex,
        encryptedRegex, unencryptedCommentRegex, encryptedCommentRegex)
        .filter(Objects::nonNull).count();
    if (count > 1) {
      throw new IllegalArgumentException("the metadata uses more than one of encrypted_suffix, "
          + "unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex and "
          + "unencrypted_comment_regex");
    }
    if (count == 0) {
      unencryptedSuffix = "_unencrypted";
    }
    return new Rules(unencryptedSuffix, encryptedSuffix, regex(unencryptedRegex),
        regex(encryptedRegex), regex(unencryptedCommentRegex), regex(encryptedCommentRegex));
  }

  private static Pattern regex(String regex) {
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("the metadata's regular expression '" + regex
          + "' is invalid");
    }
  }

  /** Go's time.Parse(RFC3339) then Format(RFC3339): fractional seconds are dropped. */
  private static String rfc3339(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).format(RFC3339);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'lastmodified' is not an RFC 3339 time");
    }
  }

  private static String string(Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("the metadata's '" + key + "' is not a string");
    }
    return text;
  }

  private static String nonEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static List<?> list(Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("the metadata's '" + key + "' is not a list");
    }
    return list;
  }

  /**
   * SOPS's unflattening of metadata keys such as {@code age__list_0__map_enc}: {@code __map_}
   * opens a mapping key and {@code __list_N} a list position.
   */
  static Map<String, Object> unflatten(Map<String, String> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : flat.entrySet()) {
      List<Object> tokens = tokenize(entry.getKey());
      Object current = root;
      for (int i = 0; i < tokens.size(); i++) {
        Object token = tokens.get(i);
        boolean last = i == tokens.size() - 1;
        Object next = last ? entry.getValue()
            : tokens.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>();
        current = step(current, token, next, last);
      }
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  private static Object step(Object current, Object token, Object next, boolean last) {
    if (token instanceof Integer position) {
      if (!(current instanceof List<?>)) {
        throw new IllegalArgumentException("inconsistent flattened metadata keys");
      }
      List<Object> list = (List<Object>) current;
      if (position > 10_000) {
        throw new IllegalArgumentException("a flattened metadata list is implausibly long");
      }
      while (list.size() <= position) {
        list.add(null);
      }
      if (last || list.get(position) == null) {
        list.set(position, next);
      }
      return list.get(position);
    }
    if (!(current instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("inconsistent flattened metadata keys");
    }
    Map<String, Object> map = (Map<String, Object>) current;
    if (last || !map.containsKey((String) token)) {
      map.put((String) token, next);
    }
    return map.get((String) token);
  }

  private static List<Object> tokenize(String path) {
    List<Object> tokens = new ArrayList<>();
    int start = 0;
    Object pendingKind = null; // null for the first token, "map" or "list" after a separator
    int i = 0;
    while (i <= path.length()) {
      boolean atMap = path.startsWith("__map_", i);
      boolean atList = path.startsWith("__list_", i);
      if (i == path.length() || atMap || atList) {
        String text = path.substring(start, i);
        if ("list".equals(pendingKind)) {
          try {
            tokens.add(Integer.parseInt(text));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid list position in a metadata key");
          }
        } else {
          tokens.add(text);
        }
        if (i == path.length()) {
          break;
        }
        pendingKind = atMap ? "map" : "list";
        i += atMap ? "__map_".length() : "__list_".length();
        start = i;
        continue;
      }
      i++;
    }
    return tokens;
  }
}
