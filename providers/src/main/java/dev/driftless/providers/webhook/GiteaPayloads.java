package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code push} event of Gitea, Forgejo and Gogs, which share one payload format (Forgejo and
 * Gitea descend from Gogs), differing in header names.
 *
 * <p>None has a ping event. Their "Test Delivery" button sends a push of the default branch whose
 * {@code before} and {@code after} are the same commit (Gitea's and Gogs's {@code TestWebhook});
 * a real push always moves the ref, so that is read as a test and answered as a ping.
 *
 * <p>They cap the listed commits (Gitea's and Gogs's {@code FEED_MAX_COMMIT_NUM}, 5 by default).
 * Gitea and Forgejo state the real number in {@code total_commits}; Gogs does not, so with 5 or
 * more commits listed the changed paths are treated as unknown.
 */
final class GiteaPayloads implements PayloadParser {

    static final int GOGS_MAY_BE_CUT_AT = 5;

    private static final List<String> URL_FIELDS = List.of(
            "repository.clone_url", "repository.ssh_url", "repository.html_url");

    private final WebhookProvider provider;

    GiteaPayloads(WebhookProvider provider) {
        this.provider = provider;
    }

    @Override
    public Classified classify(WebhookRequest request, JsonNode root) throws MalformedPayloadException {
        Optional<String> event = switch (provider) {
            case FORGEJO -> PayloadParser.event(request, "X-Forgejo-Event", "X-Gitea-Event");
            case GOGS -> PayloadParser.event(request, "X-Gogs-Event");
            default -> PayloadParser.event(request, "X-Gitea-Event");
        };
        String name = displayName();
        String kind = event.orElseThrow(() -> new MalformedPayloadException(
                "the " + eventHeader() + " header is missing"));
        if (!kind.equals("push")) {
            return new Classified.NotPush(name + " event '" + Texts.shown(kind)
                    + "' is not a push; Driftless only deploys pushes");
        }
        String ref = PayloadParser.requiredRef(root, "ref");
        String before = PayloadParser.requiredObjectId(root, "before");
        String after = PayloadParser.requiredObjectId(root, "after");
        if (before.equals(after)) {
            return new Classified.Ping(name + " test delivery: the webhook reaches Driftless and its secret matches");
        }
        List<String> urls = PayloadParser.requiredUrls(root, URL_FIELDS);
        boolean deleted = PushEvent.isZeroId(after);
        boolean created = PushEvent.isZeroId(before);
        JsonNode commits = root.path("commits");
        Optional<Long> total = Json.integer(root, "total_commits");
        boolean complete = commits.isArray() && (total.isPresent()
                ? total.get() == commits.size()
                : commits.size() < GOGS_MAY_BE_CUT_AT);
        Optional<Set<String>> paths = deleted || created || !complete ? Optional.empty() : Json.changedFiles(commits);
        return new Classified.Pushes(List.of(new Classified.Push(urls, ref, before, after, deleted, paths)));
    }

    private String displayName() {
        return switch (provider) {
            case FORGEJO -> "Forgejo";
            case GOGS -> "Gogs";
            default -> "Gitea";
        };
    }

    private String eventHeader() {
        return switch (provider) {
            case FORGEJO -> "X-Forgejo-Event";
            case GOGS -> "X-Gogs-Event";
            default -> "X-Gitea-Event";
        };
    }
}
