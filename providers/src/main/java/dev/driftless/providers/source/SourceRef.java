package dev.driftless.providers.source;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/**
 * What in a repository a source follows: a branch, the newest release tag, or one fixed commit.
 *
 * <p>The three are a closed set because each needs its own answer to "has the remote changed?":
 * a branch is one advertised ref; a tag pattern is a choice among all advertised tags, made by
 * semantic version; a pinned commit never changes, so once it is cached the remote is not asked
 * again at all.
 */
public sealed interface SourceRef permits SourceRef.Branch, SourceRef.TagPattern, SourceRef.Commit {

    /** A description for messages and logs: {@code branch 'main'}, {@code tags matching 'v*'}, … */
    @Override
    String toString();

    /**
     * Follows the head of a branch; a force-push moves the source with it, a deleted branch is an
     * error that keeps the last fetched revision.
     *
     * @param name the branch, without {@code refs/heads/}
     */
    record Branch(String name) implements SourceRef {

        /** Checks that git would accept the name. */
        public Branch {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a source needs a branch, got a blank one");
            }
            name = name.strip();
            if (!Repository.isValidRefName("refs/heads/" + name)) {
                throw new IllegalArgumentException("'" + name + "' is not a valid git branch name");
            }
        }

        /** The full ref name, {@code refs/heads/<name>}. */
        public String refName() {
            return "refs/heads/" + name;
        }

        @Override
        public String toString() {
            return "branch '" + name + "'";
        }
    }

    /**
     * Follows the newest tag whose name matches a glob, newest by semantic version (see
     * {@link #select}): {@code v*} follows {@code v1.10.0} rather than {@code v1.9.0}. A new
     * tag moves the source; a tag deleted on the remote is no longer a candidate.
     *
     * <p>Pre-releases ({@code v2.0.0-rc.1}) are left out unless asked for, as the semver ranges
     * of Flux and Argo CD leave them out: tagging a release candidate should not deploy it to
     * every environment that follows releases.
     *
     * @param pattern a glob over tag names (without {@code refs/tags/}): {@code *} matches any
     *     run of characters, {@code /} included, {@code ?} one character; at least one of them
     * @param includePreReleases whether pre-release versions are candidates too
     */
    record TagPattern(String pattern, boolean includePreReleases) implements SourceRef {

        /** Checks that the pattern has a wildcard and could match a valid tag name. */
        public TagPattern {
            Objects.requireNonNull(pattern, "pattern");
            pattern = pattern.strip();
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("a tag pattern cannot be blank; try 'v*'");
            }
            if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
                throw new IllegalArgumentException("the tag pattern '" + pattern + "' has no '*' or '?'; "
                        + "to follow a single tag, pin its commit instead");
            }
            if (!Repository.isValidRefName("refs/tags/" + pattern.replace('*', 'x').replace('?', 'x'))) {
                throw new IllegalArgumentException("the tag pattern '" + pattern + "' can match no valid tag name");
            }
        }

        /** Releases only. */
        public TagPattern(String pattern) {
            this(pattern, false);
        }

        /** Whether the tag name (without {@code refs/tags/}) matches the glob. */
        public boolean matches(String tagName) {
            return glob().matcher(tagName).matches();
        }

        /**
         * The newest of the given tag names that match the pattern and name a semantic version,
         * by semantic-version precedence; empty when none does. Tags that are not semantic
         * versions ({@code v1.2}, {@code latest}) are ignored.
         *
         * <p>The version is read from the whole tag name, or failing that from what follows the
         * pattern's fixed beginning (for {@code release-*}, {@code release-1.2.3} is 1.2.3);
         * either may start with {@code v}. Two tags of equal precedence ({@code v1.0.0+a} and
         * {@code v1.0.0+b}) are told apart by build metadata, then by name, so the choice is
         * stable.
         */
        public Optional<String> select(Collection<String> tagNames) {
            Pattern glob = glob();
            return tagNames.stream()
                    .filter(tag -> glob.matcher(tag).matches())
                    .flatMap(tag -> version(tag).map(version -> Map.entry(tag, version)).stream())
                    .filter(entry -> includePreReleases || !entry.getValue().isPreRelease())
                    .max(Map.Entry.<String, SemanticVersion>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                    .map(Map.Entry::getKey);
        }

        @Override
        public String toString() {
            return "newest tag matching '" + pattern + "'" + (includePreReleases ? " (pre-releases included)" : "");
        }

        private Optional<SemanticVersion> version(String tag) {
            Optional<SemanticVersion> whole = SemanticVersion.parse(tag);
            if (whole.isPresent()) {
                return whole;
            }
            String prefix = fixedPrefix();
            return prefix.isEmpty() || !tag.startsWith(prefix)
                    ? Optional.empty()
                    : SemanticVersion.parse(tag.substring(prefix.length()));
        }

        private String fixedPrefix() {
            int wildcard = 0;
            while (wildcard < pattern.length() && pattern.charAt(wildcard) != '*' && pattern.charAt(wildcard) != '?') {
                wildcard++;
            }
            return pattern.substring(0, wildcard);
        }

        private Pattern glob() {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    /**
     * Stays on one commit. It is fetched once; after that no poll asks the remote anything,
     * since a commit id cannot move.
     *
     * @param id the full 40-character commit id; an abbreviated id is refused because it cannot
     *     be checked against the remote, and stored in lower case
     */
    record Commit(String id) implements SourceRef {

        /** Checks that the id is a full commit id. */
        public Commit {
            Objects.requireNonNull(id, "id");
            id = id.strip().toLowerCase(Locale.ROOT);
            if (!Revision.isCommitId(id)) {
                throw new IllegalArgumentException("'" + id + "' is not a full 40-character commit id;"
                        + " a pinned commit needs the full id, as `git rev-parse` prints it");
            }
        }

        @Override
        public String toString() {
            return "commit " + id.substring(0, 12);
        }
    }
}
