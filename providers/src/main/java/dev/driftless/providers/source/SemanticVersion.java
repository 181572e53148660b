package dev.driftless.providers.source;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version number as Semantic Versioning 2.0.0 defines it, with its precedence rules, so that
 * "the newest tag" means what a release manager means: {@code 1.10.0} after {@code 1.9.0}, and
 * {@code 2.0.0-rc.1} before {@code 2.0.0}.
 *
 * <p>Precedence, from the specification: major, minor and patch compare as numbers; a version
 * with a pre-release is lower than the same version without one; pre-release identifiers
 * compare one by one, numeric ones as numbers, others in ASCII order, a numeric one lower than
 * an alphanumeric one, and a shorter list lower when all before it are equal. Build metadata
 * ({@code +…}) takes no part in precedence; {@link #compareTo} then uses the text itself, so
 * that the order is total and a choice among equals is the same every time.
 *
 * @param major the major version, digits without leading zeros
 * @param minor the minor version, digits without leading zeros
 * @param patch the patch version, digits without leading zeros
 * @param preRelease the dot-separated pre-release identifiers; empty for a release
 * @param build the build metadata after {@code +}, or empty
 */
record SemanticVersion(String major, String minor, String patch, List<String> preRelease, String build)
        implements Comparable<SemanticVersion> {

    private static final String NUMBER = "0|[1-9][0-9]*";
    private static final String IDENTIFIER = "[0-9A-Za-z-]+";
    private static final Pattern SEMVER = Pattern.compile("(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
            + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
            + "(?:\\+(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final Pattern LEADING_ZERO = Pattern.compile("0[0-9]+");

    /** Digit strings without leading zeros compare as numbers of any size: first by length. */
    private static final Comparator<String> AS_NUMBER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    /**
     * The version the text spells, with or without a leading {@code v} or {@code V}; empty when
     * it is not a semantic version (too few or too many parts, leading zeros, stray characters).
     */
    static Optional<SemanticVersion> parse(String text) {
        String version = text.startsWith("v") || text.startsWith("V") ? text.substring(1) : text;
        Matcher matcher = SEMVER.matcher(version);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<String> preRelease = matcher.group(4) == null ? List.of() : Arrays.asList(matcher.group(4).split("\\."));
        if (preRelease.stream().anyMatch(id -> LEADING_ZERO.matcher(id).matches())) {
            return Optional.empty(); // the specification forbids leading zeros in numeric identifiers
        }
        return Optional.of(new SemanticVersion(matcher.group(1), matcher.group(2), matcher.group(3), preRelease,
                matcher.group(5) == null ? "" : matcher.group(5)));
    }

    boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** Semantic Versioning precedence, where {@code 1.0.0+a} and {@code 1.0.0+b} are equal. */
    int comparePrecedence(SemanticVersion other) {
        int result = AS_NUMBER.compare(major, other.major);
        if (result == 0) {
            result = AS_NUMBER.compare(minor, other.minor);
        }
        if (result == 0) {
            result = AS_NUMBER.compare(patch, other.patch);
        }
        return result != 0 ? result : comparePreRelease(preRelease, other.preRelease);
    }

    /** Precedence first; among equals, the build metadata as text, so the order is total. */
    @Override
    public int compareTo(SemanticVersion other) {
        int result = comparePrecedence(other);
        return result != 0 ? result : build.compareTo(other.build);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease))
                + (build.isEmpty() ? "" : "+" + build);
    }

    private static int comparePreRelease(List<String> left, List<String> right) {
        if (left.isEmpty() || right.isEmpty()) {
            // A release ranks above any of its pre-releases.
            return Boolean.compare(left.isEmpty(), right.isEmpty());
        }
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int result = compareIdentifier(left.get(i), right.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareIdentifier(String left, String right) {
        boolean leftNumeric = NUMERIC.matcher(left).matches();
        boolean rightNumeric = NUMERIC.matcher(right).matches();
        if (leftNumeric && rightNumeric) {
            return AS_NUMBER.compare(left, right);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right); // ASCII order: String.compareTo on these characters is exactly that
    }
}
