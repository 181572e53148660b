package dev.driftless.manifests.secrets.sops;

/**
 * A comment of a SOPS document, decrypted when SOPS had encrypted it (and left as written when it
 * does not decrypt, as SOPS does). {@link #toString()} hides the text, which may be secret.
 *
 * @param path the keys of the mapping or list that holds it, joined with {@code :}
 * @param text the comment without its comment character
 */
public record SopsComment(String path, String text) {

  @Override
  public String toString() {
    return "SopsComment[path=" + path + "]";
  }
}
