package dev.driftless.manifests.compose;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grammar of an image reference ({@code [registry[:port]/]path[:tag][@digest]}), as Docker's
 * {@code distribution/reference} package defines it, so that a typo fails here with its line and
 * column instead of at pull time on every target.
 */
final class ImageReference {

  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|-+)";
  private static final String PATH_COMPONENT =
      ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String HOST =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final String NAME =
      "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

  private static final Pattern REFERENCE =
      Pattern.compile("(" + NAME + ")(?::" + TAG + ")?(?:@" + DIGEST + ")?");

  /** Docker refuses repository names longer than this. */
  private static final int MAX_NAME_LENGTH = 255;

  private ImageReference() {}

  /** Why {@code reference} is not a valid image reference; empty when it is valid. */
  static Optional<String> whyInvalid(String reference) {
    if (reference.isEmpty()) {
      return Optional.of("must not be empty");
    }
    var matcher = REFERENCE.matcher(reference);
    if (!matcher.matches()) {
      String hint = reference.chars().anyMatch(Character::isUpperCase)
          ? " (repository names are lower case)"
          : "";
      return Optional.of("'" + reference + "' is not a valid image reference" + hint);
    }
    if (matcher.group(1).length() > MAX_NAME_LENGTH) {
      return Optional.of("has a repository name longer than " + MAX_NAME_LENGTH + " characters");
    }
    return Optional.empty();
  }
}
