package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bitbucket Cloud's {@code repo:push} (support.atlassian.com, "Event payloads"): one delivery may
 * move several refs, each a {@code change} with the ref's {@code old} and {@code new} state
 * ({@code new} is null when the ref was deleted).
 *
 * <p>Bitbucket lists no files, so the changed paths are always unknown. Its repository entity
 * carries no clone URLs, only the web link and {@code full_name}; the clone URL
 * {@code https://bitbucket.org/<full_name>} is derived from the latter (it normalises equal to the
 * ssh form). Bitbucket Cloud documents no test event; {@code diagnostics:ping}, the test event
 * of Bitbucket Data Center, is answered as a ping.
 */
final class BitbucketPayloads implements PayloadParser {

    private static final Pattern FULL_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    @Override
    public Classified classify(WebhookRequest request, JsonNode root) throws MalformedPayloadException {
        String event = PayloadParser.event(request, "X-Event-Key")
                .orElseThrow(() -> new MalformedPayloadException("the X-Event-Key header is missing"));
        return switch (event) {
            case "diagnostics:ping" -> new Classified.Ping("Bitbucket test event: the webhook reaches Driftless and its secret matches");
            case "repo:push" -> new Classified.Pushes(pushes(root));
            default -> new Classified.NotPush("Bitbucket event '" + Texts.shown(event)
                    + "' is not a push; Driftless only deploys repo:push");
        };
    }

    private static List<Classified.Push> pushes(JsonNode root) throws MalformedPayloadException {
        List<String> urls = urls(root);
        JsonNode changes = Json.at(root, "push", "changes");
        if (!changes.isArray()) {
            throw new MalformedPayloadException("the payload has no array 'push.changes'");
        }
        List<Classified.Push> pushes = new ArrayList<>();
        for (JsonNode change : changes) {
            Optional<Classified.Push> push = push(change, urls);
            if (push.isPresent()) {
                pushes.add(push.get());
            }
        }
        return pushes;
    }

    private static Optional<Classified.Push> push(JsonNode change, List<String> urls) throws MalformedPayloadException {
        JsonNode now = change.path("new");
        JsonNode old = change.path("old");
        boolean deleted = !now.isObject();
        JsonNode state = deleted ? old : now;
        if (!state.isObject()) {
            throw new MalformedPayloadException("a change in 'push.changes' has neither a 'new' nor an 'old' ref");
        }
        Optional<String> ref = ref(state);
        if (ref.isEmpty()) {
            return Optional.empty(); // a Mercurial bookmark or another kind of ref git has not got
        }
        String after = deleted ? "" : PayloadParser.requiredObjectId(now, "target", "hash");
        String before = old.isObject() ? PayloadParser.requiredObjectId(old, "target", "hash") : "";
        if (before.isEmpty()) {
            before = PayloadParser.zeroIdLike(after);
        }
        if (after.isEmpty()) {
            after = PayloadParser.zeroIdLike(before);
        }
        return Optional.of(new Classified.Push(urls, ref.get(), before, after, deleted, Optional.empty()));
    }

    private static Optional<String> ref(JsonNode state) throws MalformedPayloadException {
        String name = Json.requiredText(state, "name");
        if (name.isBlank()) {
            throw new MalformedPayloadException("a ref in 'push.changes' has a blank name");
        }
        String type = Json.text(state, "type").orElse("");
        return switch (type) {
            case "branch", "named_branch" -> Optional.of("refs/heads/" + name);
            case "tag", "annotated_tag" -> Optional.of("refs/tags/" + name);
            default -> Optional.empty();
        };
    }

    private static List<String> urls(JsonNode root) throws MalformedPayloadException {
        List<String> urls = new ArrayList<>(Json.texts(root, List.of("repository.links.html.href")));
        Json.text(root, "repository", "full_name")
                .filter(name -> FULL_NAME.matcher(name).matches())
                .ifPresent(name -> urls.add("https://bitbucket.org/" + name + ".git"));
        if (urls.isEmpty()) {
            throw new MalformedPayloadException("the payload names no repository (repository.links.html.href, repository.full_name)");
        }
        return urls.stream().distinct().toList();
    }
}
