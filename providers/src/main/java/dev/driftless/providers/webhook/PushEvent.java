package dev.driftless.providers.webhook;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One ref moved by a push, in the same shape whichever provider sent it: the normalised answer
 * to "which repository, which ref, now at which commit, touching which files".
 *
 * <p>It is a hint to look, never the truth: the reconcile re-reads git. In particular
 * {@link #changedPaths()} only narrows which apps to reconcile, and only when it is present:
 * <ul>
 *   <li>it is empty (unknown) when the provider lists no files (Bitbucket, and Gitea's or
 *       Gogs's commits without file lists), when the commit list may be cut (GitHub: 20 or more
 *       listed; GitLab and Gitea/Forgejo: a stated total above the listed count; Gogs, which
 *       states no total: 5 or more listed), for a new ref, for a tag pushed without commits, and
 *       for a force push where the provider says so (GitHub): then every app of the source must
 *       be assumed changed;</li>
 *   <li>when present it is the union of the files added, modified and removed by the listed
 *       commits, that is the change from {@link #beforeSha()} to {@link #afterSha()}. That is the
 *       whole change only if the caller last deployed {@code beforeSha} and {@code beforeSha} is
 *       an ancestor of {@code afterSha}; GitLab, Gitea and Gogs do not flag force pushes, so a
 *       caller that narrows by paths should check both against its cache.</li>
 * </ul>
 *
 * <p>{@link #sourceIds()} are the sources whose secret verified the delivery. The delivery is
 * only believed for those: a holder of one source's secret cannot trigger another's.
 *
 * @param sourceIds the sources whose webhook secret verified this delivery (never empty)
 * @param repoUrls the repository's URLs in every form the payload gives (clone, ssh, web),
 *     as sent; empty only for a generic delivery that names no repository, which then applies to
 *     every source in {@code sourceIds}
 * @param ref the full ref name ({@code refs/heads/main}, {@code refs/tags/v1.2.0}); empty only
 *     for a generic delivery that names none, which then applies to whatever each source follows
 * @param beforeSha the commit the ref pointed at before the push, all zeros for a new ref;
 *     empty when the delivery does not say (generic)
 * @param afterSha the object the ref points at now (for an annotated tag some providers send the
 *     tag object, which the source peels); all zeros for a deleted ref; empty when the delivery
 *     does not say (generic)
 * @param deleted whether the push deleted the ref; a deletion never deploys anything, it only
 *     appears in {@link WebhookOutcome.Ignored}
 * @param changedPaths the repository-relative paths the push touched, when known; see above
 */
public record PushEvent(
        Set<String> sourceIds,
        List<String> repoUrls,
        String ref,
        String beforeSha,
        String afterSha,
        boolean deleted,
        Optional<Set<String>> changedPaths) {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** Validates every field and takes sorted, unmodifiable copies. */
    public PushEvent {
        Objects.requireNonNull(sourceIds, "sourceIds");
        Objects.requireNonNull(repoUrls, "repoUrls");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(beforeSha, "beforeSha");
        Objects.requireNonNull(afterSha, "afterSha");
        Objects.requireNonNull(changedPaths, "changedPaths");
        if (sourceIds.isEmpty()) {
            throw new IllegalArgumentException("a push event belongs to at least one verified source");
        }
        sourceIds = sortedCopy(sourceIds);
        repoUrls = List.copyOf(new LinkedHashSet<>(repoUrls));
        if (repoUrls.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a repository URL of a push is blank");
        }
        if (!ref.isEmpty() && !ref.startsWith("refs/")) {
            throw new IllegalArgumentException("a push's ref is a full ref name (refs/…), got '" + Texts.shown(ref) + "'");
        }
        if (!beforeSha.isEmpty() && !isObjectId(beforeSha)) {
            throw new IllegalArgumentException("'" + Texts.shown(beforeSha) + "' is not a full lower-case object id");
        }
        if (!afterSha.isEmpty() && !isObjectId(afterSha)) {
            throw new IllegalArgumentException("'" + Texts.shown(afterSha) + "' is not a full lower-case object id");
        }
        changedPaths = changedPaths.map(PushEvent::sortedCopy);
    }

    /**
     * Whether this push is about the repository at {@code sourceUrl}: its {@linkplain
     * RepoUrls#normalise normalised} form equals that of one of {@link #repoUrls()}. A push that
     * names no repository (generic) matches every URL. An unreadable URL matches nothing.
     */
    public boolean matches(String sourceUrl) {
        if (repoUrls.isEmpty()) {
            return true;
        }
        Optional<String> wanted = RepoUrls.tryNormalise(sourceUrl);
        if (wanted.isEmpty()) {
            return false;
        }
        return repoUrls.stream().map(RepoUrls::tryNormalise).anyMatch(wanted::equals);
    }

    /**
     * Whether this push moved {@code fullRef} ({@code refs/heads/main}). A push that names no ref
     * (generic) matches every ref.
     */
    public boolean matchesRef(String fullRef) {
        return ref.isEmpty() || ref.equals(fullRef);
    }

    /**
     * The check a caller needs: the source's secret verified the delivery and the push is about
     * the source's repository. (Whether the ref is one the source follows, a branch or a tag
     * pattern, is the source's own rule; {@link #matchesRef} covers the plain branch case.)
     */
    public boolean appliesTo(String sourceId, String sourceUrl) {
        return sourceIds.contains(sourceId) && matches(sourceUrl);
    }

    /** Whether the ref is a tag ({@code refs/tags/…}). */
    public boolean isTag() {
        return ref.startsWith("refs/tags/");
    }

    static boolean isObjectId(String text) {
        return OBJECT_ID.matcher(text).matches();
    }

    static boolean isZeroId(String text) {
        return isObjectId(text) && text.chars().allMatch(c -> c == '0');
    }

    private static Set<String> sortedCopy(Set<String> values) {
        TreeSet<String> copy = new TreeSet<>();
        for (String value : values) {
            copy.add(Objects.requireNonNull(value, "a set element"));
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}
