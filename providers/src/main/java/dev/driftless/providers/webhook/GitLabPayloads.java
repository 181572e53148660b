package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab's {@code Push Hook} and {@code Tag Push Hook} (docs.gitlab.com, "Webhook events"), and
 * the same two events delivered as a {@code System Hook}.
 *
 * <p>GitLab has no ping: its "Test" button sends an ordinary push built from the project's
 * latest commit on the default branch, indistinguishable from a real one, so it is accepted like
 * one. That costs one reconcile that finds nothing to change, and proves the whole path works.
 */
final class GitLabPayloads implements PayloadParser {

    private static final List<String> URL_FIELDS = List.of(
            "project.git_http_url", "project.git_ssh_url", "project.http_url", "project.ssh_url",
            "project.url", "project.web_url", "project.homepage",
            "repository.git_http_url", "repository.git_ssh_url", "repository.url", "repository.homepage");

    @Override
    public Classified classify(WebhookRequest request, JsonNode root) throws MalformedPayloadException {
        String kind = Json.text(root, "object_kind").or(() -> Json.text(root, "event_name")).orElse("");
        String event = PayloadParser.event(request, "X-Gitlab-Event").orElse("");
        boolean push = switch (event) {
            case "Push Hook", "Tag Push Hook" -> true;
            case "System Hook", "" -> kind.equals("push") || kind.equals("tag_push");
            default -> false;
        };
        if (!push) {
            String named = event.isEmpty() ? "object_kind '" + Texts.shown(kind) + "'" : "'" + Texts.shown(event) + "'";
            return new Classified.NotPush("GitLab event " + named + " is not a push; Driftless only deploys pushes");
        }
        return new Classified.Pushes(List.of(push(root)));
    }

    private static Classified.Push push(JsonNode root) throws MalformedPayloadException {
        String ref = PayloadParser.requiredRef(root, "ref");
        String before = PayloadParser.requiredObjectId(root, "before");
        String after = PayloadParser.requiredObjectId(root, "after");
        List<String> urls = PayloadParser.requiredUrls(root, URL_FIELDS);
        boolean deleted = PushEvent.isZeroId(after);
        boolean created = PushEvent.isZeroId(before);
        JsonNode commits = root.path("commits");
        // GitLab lists at most 20 commits and states the real number in total_commits_count.
        Optional<Long> total = Json.integer(root, "total_commits_count");
        boolean complete = commits.isArray() && total.isPresent() && total.get() == commits.size();
        Optional<Set<String>> paths = deleted || created || !complete ? Optional.empty() : Json.changedFiles(commits);
        return new Classified.Push(urls, ref, before, after, deleted, paths);
    }
}
