package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The generic provider's body: Driftless's own small JSON, for CI jobs and scripts. The
 * signature is Flux's generic-hmac scheme, so a sender written for Flux works unchanged; like
 * Flux, an empty body or {@code {}} means "look at every source this secret belongs to".
 *
 * <pre>
 * {
 *   "event": "push",                                  optional; "ping" answers 200, others 202
 *   "repository": "https://git.example.com/ops/fleet.git",   optional; a URL or a list of URLs
 *   "ref": "refs/heads/main",                          optional; a full ref name
 *   "before": "…40 or 64 hex…", "after": "…",          optional commit ids
 *   "deleted": false,                                  optional
 *   "paths": ["apps/web/compose.yaml"]                 optional; the files the change touched
 * }
 * </pre>
 * Unlike the providers' own payloads this format is ours, so a present field of the wrong shape
 * is refused (400) rather than read as unknown.
 */
final class GenericPayloads implements PayloadParser {

    @Override
    public Classified classify(WebhookRequest request, JsonNode root) throws MalformedPayloadException {
        JsonNode eventNode = root.path("event");
        if (!eventNode.isMissingNode() && !eventNode.isTextual()) {
            throw new MalformedPayloadException("'event' must be a string");
        }
        String event = eventNode.isTextual() ? eventNode.asText() : "push";
        if (event.equals("ping")) {
            return new Classified.Ping("ping: the webhook reaches Driftless and its signature matches");
        }
        if (!event.equals("push")) {
            return new Classified.NotPush("event '" + Texts.shown(event) + "' is not a push; Driftless only deploys pushes");
        }
        List<String> urls = urls(root.path("repository"));
        String ref = optionalText(root, "ref");
        if (!ref.isEmpty()) {
            ref = PayloadParser.requiredRef(root, "ref");
        }
        String before = optionalText(root, "before").isEmpty() ? "" : PayloadParser.requiredObjectId(root, "before");
        String after = optionalText(root, "after").isEmpty() ? "" : PayloadParser.requiredObjectId(root, "after");
        JsonNode deletedNode = root.path("deleted");
        if (!deletedNode.isMissingNode() && !deletedNode.isBoolean()) {
            throw new MalformedPayloadException("'deleted' must be true or false");
        }
        boolean deleted = deletedNode.asBoolean(false) || (!after.isEmpty() && PushEvent.isZeroId(after));
        return new Classified.Pushes(List.of(new Classified.Push(urls, ref, before, after, deleted, paths(root))));
    }

    private static String optionalText(JsonNode root, String field) throws MalformedPayloadException {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new MalformedPayloadException("'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static List<String> urls(JsonNode node) throws MalformedPayloadException {
        List<String> urls = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return urls;
        }
        if (node.isTextual()) {
            urls.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw new MalformedPayloadException("'repository' must be a URL or a list of URLs");
                }
                urls.add(element.asText());
            }
        } else {
            throw new MalformedPayloadException("'repository' must be a URL or a list of URLs");
        }
        List<String> kept = urls.stream().map(String::strip).filter(url -> !url.isEmpty()).distinct().toList();
        for (String url : kept) {
            if (RepoUrls.tryNormalise(url).isEmpty()) {
                throw new MalformedPayloadException("'" + Texts.shown(url) + "' in 'repository' is not a repository URL");
            }
        }
        return kept;
    }

    private static Optional<Set<String>> paths(JsonNode root) throws MalformedPayloadException {
        JsonNode node = root.path("paths");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        Optional<List<String>> paths = Json.strings(root, "paths");
        if (paths.isEmpty()) {
            throw new MalformedPayloadException("'paths' must be a list of strings");
        }
        Set<String> kept = new TreeSet<>();
        paths.get().stream().filter(path -> !path.isEmpty()).forEach(kept::add);
        return Optional.of(kept);
    }
}
