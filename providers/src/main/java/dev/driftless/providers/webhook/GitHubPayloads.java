package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's {@code push} and {@code ping} events (docs.github.com, "Webhook events and
 * payloads"). Every other event is ignored: a branch or tag creation arrives as a push too.
 */
final class GitHubPayloads implements PayloadParser {

    /**
     * GitHub documents a cap of 2048 commits per push delivery (20 on its timeline API and in
     * older Enterprise Server documentation). From 20 listed commits on the list may be cut, so
     * the changed paths are treated as unknown: at worst every app is reconciled, never too few.
     */
    static final int MAY_BE_CUT_AT = 20;

    private static final List<String> URL_FIELDS = List.of(
            "repository.clone_url", "repository.ssh_url", "repository.git_url",
            "repository.html_url", "repository.svn_url");

    @Override
    public Classified classify(WebhookRequest request, JsonNode root) throws MalformedPayloadException {
        String event = PayloadParser.event(request, "X-GitHub-Event")
                .orElseThrow(() -> new MalformedPayloadException("the X-GitHub-Event header is missing"));
        return switch (event) {
            case "ping" -> new Classified.Ping("GitHub ping: the webhook reaches Driftless and its secret matches");
            case "push" -> new Classified.Pushes(List.of(push(root)));
            default -> new Classified.NotPush("GitHub event '" + Texts.shown(event)
                    + "' is not a push; Driftless only deploys pushes");
        };
    }

    private static Classified.Push push(JsonNode root) throws MalformedPayloadException {
        String ref = PayloadParser.requiredRef(root, "ref");
        String before = PayloadParser.requiredObjectId(root, "before");
        String after = PayloadParser.requiredObjectId(root, "after");
        List<String> urls = PayloadParser.requiredUrls(root, URL_FIELDS);
        boolean deleted = Json.isTrue(root, "deleted") || PushEvent.isZeroId(after);
        boolean created = Json.isTrue(root, "created") || PushEvent.isZeroId(before);
        boolean forced = Json.isTrue(root, "forced");
        JsonNode commits = root.path("commits");
        Optional<Set<String>> paths = deleted || created || forced
                || (commits.isArray() && commits.size() >= MAY_BE_CUT_AT)
                ? Optional.empty()
                : Json.changedFiles(commits);
        return new Classified.Push(urls, ref, before, deleted ? PayloadParser.zeroIdLike(after) : after, deleted, paths);
    }
}
