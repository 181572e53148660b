package dev.driftless.reconciler.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Engine API version such as {@code 1.41}. Compared numerically, so that 1.9 &lt; 1.41,
 * which a string comparison gets wrong.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)");

    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("API version parts must not be negative: " + major + "." + minor);
        }
    }

    /** Parses {@code 1.41} (a leading {@code v}, as in request paths, is accepted). */
    public static ApiVersion parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a Docker API version: '" + text + "'");
        }
        return new ApiVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public static ApiVersion min(ApiVersion a, ApiVersion b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(ApiVersion other) {
        int byMajor = Integer.compare(major, other.major);
        return byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
