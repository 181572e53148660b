package dev.driftless.providers.webhook;

import static dev.driftless.providers.webhook.SignedDeliveries.FLEET_SECRET;
import static dev.driftless.providers.webhook.SignedDeliveries.push;
import static dev.driftless.providers.webhook.SignedDeliveries.signed;
import static dev.driftless.providers.webhook.SignedDeliveries.tagPush;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each provider's documented payloads, normalised field by field. */
class ProviderPayloadsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final List<WebhookSecret> FLEET = List.of(new WebhookSecret("fleet", FLEET_SECRET));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO = "0".repeat(40);

    private final WebhookHandler handler = new WebhookHandler(WebhookLimits.defaults(), new InMemoryDeliveryLog(), CLOCK);

    private WebhookOutcome handle(SignedDeliveries.Delivery delivery, byte[] body) {
        return handler.handle(signed(delivery, body, FLEET_SECRET, null), FLEET);
    }

    private List<PushEvent> accepted(SignedDeliveries.Delivery delivery, byte[] body) {
        WebhookOutcome outcome = handle(delivery, body);
        assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
        return ((WebhookOutcome.Accepted) outcome).pushes();
    }

    private PushEvent acceptedPush(SignedDeliveries.Delivery delivery) {
        return acceptedPush(delivery, delivery.body());
    }

    private PushEvent acceptedPush(SignedDeliveries.Delivery delivery, byte[] body) {
        List<PushEvent> pushes = accepted(delivery, body);
        assertThat(pushes).hasSize(1);
        return pushes.get(0);
    }

    private static PushEvent expected(List<String> urls, String ref, String before, String after, Set<String> paths) {
        return new PushEvent(Set.of("fleet"), urls, ref, before, after, false, Optional.ofNullable(paths));
    }

    /** The fixture with an edit applied, re-serialised: for variations the documentation does not show. */
    private static byte[] edited(SignedDeliveries.Delivery delivery, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(delivery.body());
            edit.accept(root);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class GitHub {

        private final List<String> publicRepo = List.of(
                "https://github.com/baxterthehacker/public-repo.git",
                "git@github.com:baxterthehacker/public-repo.git",
                "git://github.com/baxterthehacker/public-repo.git",
                "https://github.com/baxterthehacker/public-repo");

        @Test
        void theDocumentedPushIsNormalisedExactly() {
            assertThat(acceptedPush(push(WebhookProvider.GITHUB))).isEqualTo(expected(publicRepo, "refs/heads/gh-pages",
                    "993b46bdfc03ae59434816829162829e67c4d490", "4d2ab4e76d0d405d17d1a0f2b8a6071394e3ab40",
                    Set.of("index.html")));
        }

        @Test
        void aNewTagIsAcceptedWithEveryAppAssumedChanged() {
            assertThat(acceptedPush(tagPush(WebhookProvider.GITHUB))).isEqualTo(expected(publicRepo, "refs/tags/v1.2.0",
                    ZERO, "4d2ab4e76d0d405d17d1a0f2b8a6071394e3ab40", null));
        }

        @Test
        void everyUrlOfThePayloadMatchesTheSameSourceWhicheverSpellingItUses() {
            PushEvent push = acceptedPush(push(WebhookProvider.GITHUB));

            assertThat(push.matches("git@github.com:BaxterTheHacker/public-repo")).isTrue();
            assertThat(push.matches("ssh://git@github.com:22/baxterthehacker/public-repo.git")).isTrue();
            assertThat(push.matches("https://github.com/baxterthehacker/other-repo.git")).isFalse();
            assertThat(push.appliesTo("fleet", "https://github.com/baxterthehacker/public-repo")).isTrue();
            assertThat(push.appliesTo("another-source", "https://github.com/baxterthehacker/public-repo")).isFalse();
            assertThat(push.matchesRef("refs/heads/gh-pages")).isTrue();
            assertThat(push.matchesRef("refs/heads/main")).isFalse();
        }

        @Test
        void aForcePushLeavesTheChangedPathsUnknown() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITHUB);

            PushEvent push = acceptedPush(delivery, edited(delivery, root -> root.put("forced", true)));

            assertThat(push.changedPaths()).isEmpty();
        }

        @Test
        void twentyListedCommitsMayBeACutListSoThePathsAreUnknown() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITHUB);
            byte[] body = edited(delivery, root -> {
                ArrayNode commits = (ArrayNode) root.get("commits");
                while (commits.size() < GitHubPayloads.MAY_BE_CUT_AT) {
                    commits.add(commits.get(0).deepCopy());
                }
            });

            assertThat(acceptedPush(delivery, body).changedPaths()).isEmpty();
        }

        @Test
        void nineteenCommitsAreAllListedAndTheirFilesUnited() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITHUB);
            byte[] body = edited(delivery, root -> {
                ArrayNode commits = (ArrayNode) root.get("commits");
                for (int i = 1; i < GitHubPayloads.MAY_BE_CUT_AT - 1; i++) {
                    ObjectNode commit = commits.get(0).deepCopy();
                    commit.putArray("added").add("apps/app-" + i + "/compose.yaml");
                    commit.putArray("removed").add("old/" + i);
                    commits.add(commit);
                }
            });

            assertThat(acceptedPush(delivery, body).changedPaths()).get()
                    .satisfies(paths -> assertThat(paths).hasSize(1 + 2 * 18)
                            .contains("index.html", "apps/app-7/compose.yaml", "old/18"));
        }

        @Test
        void aCommitWithoutFileListsMakesThePathsUnknownRatherThanWrong() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITHUB);
            byte[] body = edited(delivery, root -> ((ObjectNode) root.get("commits").get(0)).remove("modified"));

            assertThat(acceptedPush(delivery, body).changedPaths()).isEmpty();
        }

        @Test
        void aFormEncodedDeliveryIsUnwrappedAfterItsSignatureIsChecked() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITHUB);
            byte[] form = ("payload=" + URLEncoder.encode(new String(delivery.body(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>(SignedDeliveries.signature(WebhookProvider.GITHUB, form, FLEET_SECRET));
            headers.put("X-GitHub-Event", "push");
            headers.put("Content-Type", "application/x-www-form-urlencoded");

            WebhookOutcome outcome = handler.handle(WebhookRequest.of("github", headers, form), FLEET);

            assertThat(((WebhookOutcome.Accepted) outcome).pushes().get(0).ref()).isEqualTo("refs/heads/gh-pages");
        }

        @Test
        void theLegacySha1SignatureAloneIsNotEnough() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITHUB);
            byte[] body = delivery.body();
            String sha1 = "sha1=" + HexFormat.of().formatHex(SignedDeliveries.hmac("HmacSHA1", FLEET_SECRET, body));

            WebhookOutcome outcome = handler.handle(WebhookRequest.of("github",
                    Map.of("X-GitHub-Event", "push", "X-Hub-Signature", sha1), body), FLEET);

            assertThat(outcome.status()).isEqualTo(401);
        }

        @Test
        void aPushWithoutTheEventHeaderIsMalformed() {
            SignedDeliveries.Delivery delivery = new SignedDeliveries.Delivery(WebhookProvider.GITHUB, "push.json", Map.of());

            WebhookOutcome outcome = handle(delivery, delivery.body());

            assertThat(outcome.status()).isEqualTo(400);
            assertThat(outcome.reason()).isEqualTo("the X-GitHub-Event header is missing");
        }
    }

    @Nested
    class GitLab {

        private final List<String> diaspora = List.of("http://example.com/mike/diaspora.git",
                "git@example.com:mike/diaspora.git", "http://example.com/mike/diaspora");

        @Test
        void theDocumentedPushListsTwoOfFourCommitsSoThePathsAreUnknown() {
            assertThat(acceptedPush(push(WebhookProvider.GITLAB))).isEqualTo(expected(diaspora, "refs/heads/master",
                    "95790bf891e76fee5e1747ab589903a6a1f80f22", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", null));
        }

        @Test
        void aPushThatListsAllItsCommitsGivesTheUnionOfTheirFiles() {
            SignedDeliveries.Delivery delivery = new SignedDeliveries.Delivery(WebhookProvider.GITLAB,
                    "push-all-commits-listed.json", Map.of("X-Gitlab-Event", "Push Hook"));

            assertThat(acceptedPush(delivery).changedPaths()).contains(Set.of("CHANGELOG", "app/controller/application.rb"));
        }

        @Test
        void theDocumentedTagPushIsNormalisedExactly() {
            assertThat(acceptedPush(tagPush(WebhookProvider.GITLAB))).isEqualTo(expected(List.of(
                    "http://example.com/jsmith/example.git", "git@example.com:jsmith/example.git",
                    "http://example.com/jsmith/example", "ssh://git@example.com/jsmith/example.git"),
                    "refs/tags/v1.0.0", ZERO, "82b3d5ae55f7080f1e6022629cdb57bfae7cccc7", null));
        }

        @Test
        void aPushDeliveredAsASystemHookIsReadByItsEventName() {
            SignedDeliveries.Delivery delivery = new SignedDeliveries.Delivery(WebhookProvider.GITLAB, "push.json",
                    Map.of("X-Gitlab-Event", "System Hook"));

            assertThat(acceptedPush(delivery).ref()).isEqualTo("refs/heads/master");
        }

        @Test
        void theIdempotencyKeyRecognisesARetry() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITLAB);
            WebhookRequest request = signed(delivery, delivery.body(), FLEET_SECRET, "f5e5f430-f57b-4e6e-9fac-d9128cd7232f");

            handler.handle(request, FLEET);

            assertThat(handler.handle(request, FLEET)).isInstanceOf(WebhookOutcome.Duplicate.class);
        }

        @Test
        void withoutAnIdempotencyKeyTheEventUuidAndTheBodyTogetherRecogniseARetry() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITLAB);
            byte[] other = edited(delivery, root -> root.put("after", "82b3d5ae55f7080f1e6022629cdb57bfae7cccc7"));
            WebhookRequest first = withHeader(signed(delivery, delivery.body(), FLEET_SECRET, null),
                    "X-Gitlab-Event-UUID", "13792a34-cac6-4fda-95a8-c58e00a3954e");
            // A "recursive" hook (caused by a webhook's own API call) shares the event UUID but is a new push.
            WebhookRequest recursive = withHeader(signed(delivery, other, FLEET_SECRET, null),
                    "X-Gitlab-Event-UUID", "13792a34-cac6-4fda-95a8-c58e00a3954e");

            assertThat(handler.handle(first, FLEET)).isInstanceOf(WebhookOutcome.Accepted.class);
            assertThat(handler.handle(recursive, FLEET)).isInstanceOf(WebhookOutcome.Accepted.class);
            assertThat(handler.handle(first, FLEET))
                    .isEqualTo(new WebhookOutcome.Duplicate("13792a34-cac6-4fda-95a8-c58e00a3954e"));
        }

        @Test
        void aTokenOfAnotherLengthIsRefusedLikeAnyWrongToken() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITLAB);

            WebhookOutcome outcome = handler.handle(WebhookRequest.of("gitlab",
                    Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "x"), delivery.body()), FLEET);

            assertThat(outcome).isEqualTo(new WebhookOutcome.Rejected(WebhookOutcome.Rejection.UNAUTHORIZED,
                    "missing or invalid X-Gitlab-Token"));
        }

        private WebhookRequest withHeader(WebhookRequest request, String name, String value) {
            Map<String, List<String>> headers = new java.util.HashMap<>(request.headers());
            headers.put(name, List.of(value));
            return new WebhookRequest(request.provider(), headers, request.body());
        }
    }

    @Nested
    class GiteaForgejoAndGogs {

        private List<String> urls(WebhookProvider provider) {
            return switch (provider) {
                case GITEA -> List.of("http://localhost:3000/gitea/webhooks.git",
                        "ssh://gitea@localhost:2222/gitea/webhooks.git", "http://localhost:3000/gitea/webhooks");
                case FORGEJO -> List.of("http://localhost:3000/forgejo/webhooks.git",
                        "ssh://forgejo@localhost:2222/forgejo/webhooks.git", "http://localhost:3000/forgejo/webhooks");
                default -> List.of("https://gogs.example.com/alice/moonlanding.git",
                        "ssh://alice@localhost:2222/alice/moonlanding.git", "https://gogs.example.com/alice/moonlanding");
            };
        }

        private String branch(WebhookProvider provider) {
            return provider == WebhookProvider.GOGS ? "refs/heads/main" : "refs/heads/develop";
        }

        @ParameterizedTest
        @EnumSource(value = WebhookProvider.class, names = {"GITEA", "FORGEJO", "GOGS"})
        void theDocumentedPushHasCommitsWithoutFileListsSoThePathsAreUnknown(WebhookProvider provider) {
            assertThat(acceptedPush(push(provider))).isEqualTo(expected(urls(provider), branch(provider),
                    "28e1879d029cb852e4844d9c718537df08844e03", "bffeb74224043ba2feb48d137756c8a9331c449a", null));
        }

        @ParameterizedTest
        @EnumSource(value = WebhookProvider.class, names = {"GITEA", "GOGS"})
        void aPushWhoseCommitsListTheirFilesGivesTheirUnion(WebhookProvider provider) {
            SignedDeliveries.Delivery delivery = new SignedDeliveries.Delivery(provider, "push-with-files.json",
                    push(provider).eventHeaders());
            Set<String> files = provider == WebhookProvider.GITEA
                    ? Set.of("README.md", "apps/web/compose.yaml")
                    : Set.of("README.md");

            assertThat(acceptedPush(delivery).changedPaths()).contains(files);
        }

        @ParameterizedTest
        @EnumSource(value = WebhookProvider.class, names = {"GITEA", "FORGEJO", "GOGS"})
        void aNewTagIsAcceptedWithEveryAppAssumedChanged(WebhookProvider provider) {
            assertThat(acceptedPush(tagPush(provider))).isEqualTo(expected(urls(provider), "refs/tags/v1.2.0",
                    ZERO, "bffeb74224043ba2feb48d137756c8a9331c449a", null));
        }

        @Test
        void giteaStatesHowManyCommitsThereWereSoACutListIsRecognised() {
            SignedDeliveries.Delivery delivery = new SignedDeliveries.Delivery(WebhookProvider.GITEA,
                    "push-with-files.json", Map.of("X-Gitea-Event", "push"));

            PushEvent push = acceptedPush(delivery, edited(delivery, root -> root.put("total_commits", 12)));

            assertThat(push.changedPaths()).isEmpty();
        }

        @Test
        void gogsStatesNoTotalSoFiveListedCommitsMayBeACutList() {
            SignedDeliveries.Delivery delivery = new SignedDeliveries.Delivery(WebhookProvider.GOGS,
                    "push-with-files.json", Map.of("X-Gogs-Event", "push"));
            byte[] body = edited(delivery, root -> {
                ArrayNode commits = (ArrayNode) root.get("commits");
                while (commits.size() < GiteaPayloads.GOGS_MAY_BE_CUT_AT) {
                    commits.add(commits.get(0).deepCopy());
                }
            });

            assertThat(acceptedPush(delivery, body).changedPaths()).isEmpty();
        }

        @Test
        void forgejoAlsoAcceptsTheGiteaHeadersItSendsForCompatibility() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.FORGEJO);
            byte[] body = delivery.body();
            String hex = HexFormat.of().formatHex(SignedDeliveries.hmacSha256(FLEET_SECRET, body));

            WebhookOutcome outcome = handler.handle(WebhookRequest.of("forgejo", Map.of(
                    "X-Gitea-Event", "push", "X-Gitea-Signature", hex, "X-Gitea-Delivery", "d-1"), body), FLEET);

            assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
            assertThat(((WebhookOutcome.Accepted) outcome).deliveryId()).contains("d-1");
        }

        @Test
        void aWrongForgejoSignatureIsNotRescuedByAGoodGiteaOne() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.FORGEJO);
            byte[] body = delivery.body();
            String good = HexFormat.of().formatHex(SignedDeliveries.hmacSha256(FLEET_SECRET, body));
            String bad = HexFormat.of().formatHex(SignedDeliveries.hmacSha256(SignedDeliveries.OTHER_SECRET, body));

            WebhookOutcome outcome = handler.handle(WebhookRequest.of("forgejo", Map.of(
                    "X-Forgejo-Event", "push", "X-Forgejo-Signature", bad, "X-Gitea-Signature", good), body), FLEET);

            assertThat(outcome.status()).isEqualTo(401);
        }

        @Test
        void aGiteaSignatureSentTwiceIsAnAmbiguityAndRefused() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.GITEA);
            byte[] body = delivery.body();
            String good = HexFormat.of().formatHex(SignedDeliveries.hmacSha256(FLEET_SECRET, body));

            WebhookOutcome outcome = handler.handle(new WebhookRequest("gitea", Map.of(
                    "X-Gitea-Event", List.of("push"), "X-Gitea-Signature", List.of(good, good)), body), FLEET);

            assertThat(outcome.status()).isEqualTo(401);
        }
    }

    @Nested
    class Bitbucket {

        private final List<String> repo = List.of("https://bitbucket.org/team_name/repo_name",
                "https://bitbucket.org/team_name/repo_name.git");

        @Test
        void theDocumentedPushIsNormalisedAndListsNoFiles() {
            assertThat(acceptedPush(push(WebhookProvider.BITBUCKET))).isEqualTo(expected(repo,
                    "refs/heads/name-of-branch", "1e65c05c1d5171631d92438a13901ca7dae9618c",
                    "709d658dc5b6d6afcd46049c2f332ee3f515a67d", null));
        }

        @Test
        void aNewTagIsAccepted() {
            assertThat(acceptedPush(tagPush(WebhookProvider.BITBUCKET))).isEqualTo(expected(repo,
                    "refs/tags/v1.2.0", ZERO, "709d658dc5b6d6afcd46049c2f332ee3f515a67d", null));
        }

        @Test
        void theDerivedCloneUrlMatchesASourceConfiguredWithSsh() {
            assertThat(acceptedPush(push(WebhookProvider.BITBUCKET)).matches("git@bitbucket.org:team_name/repo_name.git"))
                    .isTrue();
        }

        @Test
        void aDeletedBranchIsIgnored() {
            SignedDeliveries.Delivery delivery = new SignedDeliveries.Delivery(WebhookProvider.BITBUCKET,
                    "branch-deleted.json", Map.of("X-Event-Key", "repo:push"));

            WebhookOutcome outcome = handle(delivery, delivery.body());

            assertThat(outcome).isInstanceOf(WebhookOutcome.Ignored.class);
            assertThat(((WebhookOutcome.Ignored) outcome).pushes()).singleElement()
                    .satisfies(push -> assertThat(push.ref()).isEqualTo("refs/heads/name-of-branch"))
                    .satisfies(push -> assertThat(push.deleted()).isTrue());
        }

        @Test
        void oneDeliveryMovingABranchAndDeletingAnotherAcceptsOnlyTheMovedOne() {
            SignedDeliveries.Delivery delivery = push(WebhookProvider.BITBUCKET);
            byte[] body = edited(delivery, root -> {
                ArrayNode changes = (ArrayNode) root.get("push").get("changes");
                ObjectNode deletion = changes.get(0).deepCopy();
                deletion.putNull("new");
                ((ObjectNode) deletion.get("old")).put("name", "feature/old");
                ObjectNode other = changes.get(0).deepCopy();
                ((ObjectNode) other.get("new")).put("name", "release");
                changes.add(deletion);
                changes.add(other);
            });

            assertThat(accepted(delivery, body)).extracting(PushEvent::ref)
                    .containsExactly("refs/heads/name-of-branch", "refs/heads/release");
        }
    }

    @Nested
    class Generic {

        @Test
        void aFullBodyIsNormalisedExactly() {
            assertThat(acceptedPush(push(WebhookProvider.GENERIC))).isEqualTo(expected(
                    List.of("https://git.example.com/ops/fleet.git"), "refs/heads/main",
                    "1e65c05c1d5171631d92438a13901ca7dae9618c", "709d658dc5b6d6afcd46049c2f332ee3f515a67d",
                    Set.of("apps/web/compose.yaml", "apps/web/.env")));
        }

        @Test
        void aTagWithSeveralUrlsIsAccepted() {
            assertThat(acceptedPush(tagPush(WebhookProvider.GENERIC))).isEqualTo(expected(
                    List.of("https://git.example.com/ops/fleet.git", "git@git.example.com:ops/fleet.git"),
                    "refs/tags/v1.2.0", "", "709d658dc5b6d6afcd46049c2f332ee3f515a67d", null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "{}", "  \n"})
        void anEmptyBodyAsFluxSendersPostItMeansLookAtEverySourceOfTheSecret(String body) {
            PushEvent push = acceptedPush(push(WebhookProvider.GENERIC), body.getBytes(StandardCharsets.UTF_8));

            assertThat(push).isEqualTo(expected(List.of(), "", "", "", null));
            assertThat(push.appliesTo("fleet", "https://anything.example/any/repo")).isTrue();
            assertThat(push.matchesRef("refs/heads/whatever")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"HmacSHA1:sha1", "HmacSHA512:sha512"})
        void fluxsOtherHashFunctionsAreAccepted(String scheme) {
            String[] parts = scheme.split(":");
            byte[] body = push(WebhookProvider.GENERIC).body();
            String signature = parts[1] + "=" + HexFormat.of().formatHex(SignedDeliveries.hmac(parts[0], FLEET_SECRET, body));

            WebhookOutcome outcome = handler.handle(WebhookRequest.of("generic", Map.of("X-Signature", signature), body), FLEET);

            assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
        }

        @Test
        void anUnknownHashFunctionIsRefused() {
            byte[] body = push(WebhookProvider.GENERIC).body();
            String signature = "md5=" + HexFormat.of().formatHex(SignedDeliveries.hmacSha256(FLEET_SECRET, body));

            WebhookOutcome outcome = handler.handle(WebhookRequest.of("generic", Map.of("X-Signature", signature), body), FLEET);

            assertThat(outcome.status()).isEqualTo(401);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"ref\": \"main\"}",
            "{\"ref\": 7}",
            "{\"after\": \"abc\"}",
            "{\"repository\": 42}",
            "{\"repository\": [\"https://git.example.com/a.git\", 1]}",
            "{\"repository\": \"not a url\"}",
            "{\"paths\": \"apps/web\"}",
            "{\"deleted\": \"yes\"}",
            "{\"event\": 1}",
            "[]",
        })
        void aFieldOfTheWrongShapeIsRefusedWith400(String body) {
            WebhookOutcome outcome = handle(push(WebhookProvider.GENERIC), body.getBytes(StandardCharsets.UTF_8));

            assertThat(outcome.status()).isEqualTo(400);
        }
    }
}
