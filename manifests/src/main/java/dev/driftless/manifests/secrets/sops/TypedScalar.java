package dev.driftless.manifests.secrets.sops;

/**
 * A decrypted or clear-text value that is not a string: its text exactly as decrypted (or as
 * written), with its SOPS type, so that callers decide how to use it without this code guessing
 * a Java type. {@link #toString()} shows the type only, never the text.
 *
 * @param type {@code int}, {@code float}, {@code bool} or {@code bytes}
 * @param text the value's text
 */
public record TypedScalar(String type, String text) {

  @Override
  public String toString() {
    return "TypedScalar[type=" + type + "]";
  }
}
