package dev.driftless.providers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @Nested
    class Secrets {

        @Test
        void aSecretNeverShowsInItsDescription() {
            WebhookSecret secret = new WebhookSecret("fleet", "hunter2".getBytes(StandardCharsets.UTF_8));

            assertThat(secret.toString()).isEqualTo("WebhookSecret[sourceId=fleet, secret=***]").doesNotContain("hunter2");
        }

        @Test
        void theSecretIsCopiedInAndOut() {
            byte[] bytes = "hunter2".getBytes(StandardCharsets.UTF_8);
            WebhookSecret secret = new WebhookSecret("fleet", bytes);
            bytes[0] = 'X';
            secret.secret()[1] = 'Y';

            assertThat(new String(secret.secret(), StandardCharsets.UTF_8)).isEqualTo("hunter2");
        }

        @Test
        void anEmptySecretIsRefusedBecauseAnyoneCouldSignWithIt() {
            assertThatThrownBy(() -> new WebhookSecret("fleet", new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
            assertThatThrownBy(() -> new WebhookSecret(" ", new byte[] {1}))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void secretsWithTheSameBytesAreEqual() {
            assertThat(new WebhookSecret("a", new byte[] {1, 2})).isEqualTo(new WebhookSecret("a", new byte[] {1, 2}))
                    .isNotEqualTo(new WebhookSecret("a", new byte[] {1, 3}));
        }
    }

    @Nested
    class Requests {

        @Test
        void headersAreFoundWhateverTheirCase() {
            WebhookRequest request = WebhookRequest.of("GitHub", Map.of("x-github-event", "push"), new byte[0]);

            assertThat(request.provider()).isEqualTo("github");
            assertThat(request.header("X-GitHub-Event")).contains("push");
            assertThat(request.header("X-GITHUB-EVENT")).contains("push");
            assertThat(request.header("X-GitHub-Delivery")).isEmpty();
        }

        @Test
        void headerValuesNeverShowInTheDescriptionSinceGitLabsTokenIsOne() {
            WebhookRequest request = WebhookRequest.of("gitlab", Map.of("X-Gitlab-Token", "hunter2"), new byte[3]);

            assertThat(request.toString()).doesNotContain("hunter2").contains("X-Gitlab-Token").contains("3 bytes");
        }

        @Test
        void anUnknownProviderIsRefusedSoTheControllerAnswers404() {
            assertThat(WebhookProvider.find("gitee")).isEmpty();
            assertThat(WebhookProvider.find(" Forgejo ")).contains(WebhookProvider.FORGEJO);
            assertThatThrownBy(() -> WebhookRequest.of("gitee", Map.of(), new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gitee");
        }

        @Test
        void theBodyIsCopiedSoTheRequestCannotChangeLater() {
            byte[] body = {'{', '}'};
            WebhookRequest request = WebhookRequest.of("generic", Map.of(), body);
            body[0] = 'X';
            request.body()[1] = 'Y';

            assertThat(request.body()).containsExactly('{', '}');
        }
    }

    @Nested
    class Pushes {

        private PushEvent push(String ref, String after) {
            return new PushEvent(Set.of("fleet"), List.of("https://github.com/org/repo.git"), ref, "", after, false,
                    Optional.empty());
        }

        @Test
        void aPushBelongsToAtLeastOneSource() {
            assertThatThrownBy(() -> new PushEvent(Set.of(), List.of(), "", "", "", false, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"main", "heads/main", " refs/heads/main"})
        void aRefMustBeAFullRefName(String ref) {
            assertThatThrownBy(() -> push(ref, "")).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "4D2AB4E76D0D405D17D1A0F2B8A6071394E3AB40", "4d2ab4e76d0d405d17d1a0f2b8a6071394e3ab4"})
        void anObjectIdMustBeFullAndLowerCase(String id) {
            assertThatThrownBy(() -> push("refs/heads/main", id)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aSha256ObjectIdIsAccepted() {
            assertThat(push("refs/heads/main", "a".repeat(64)).afterSha()).hasSize(64);
        }

        @Test
        void anUnreadableSourceUrlMatchesNothing() {
            assertThat(push("refs/heads/main", "").matches("not a url")).isFalse();
        }

        @Test
        void duplicateUrlsAreDroppedAndCollectionsAreSortedAndUnmodifiable() {
            PushEvent push = new PushEvent(Set.of("b", "a"), List.of("u://x", "u://x"), "refs/tags/v1", "", "", false,
                    Optional.of(Set.of("z", "a")));

            assertThat(push.repoUrls()).containsExactly("u://x");
            assertThat(push.sourceIds()).containsExactly("a", "b");
            assertThat(push.changedPaths()).get().satisfies(paths -> assertThat(paths).containsExactly("a", "z"));
            assertThat(push.isTag()).isTrue();
            assertThatThrownBy(() -> push.sourceIds().add("c")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void anAcceptedOutcomeNeverCarriesADeletion() {
            PushEvent deletion = new PushEvent(Set.of("fleet"), List.of(), "refs/heads/x", "", "0".repeat(40), true,
                    Optional.empty());

            assertThatThrownBy(() -> new WebhookOutcome.Accepted(List.of(deletion), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Limits {

        @Test
        void theDefaultBodyLimitIsOneMebibyte() {
            assertThat(WebhookLimits.defaults().maxBodyBytes()).isEqualTo(1_048_576);
            assertThat(WebhookLimits.defaults().withMaxBodyBytes(10).maxBodyBytes()).isEqualTo(10);
        }

        @Test
        void limitsMustBePositive() {
            assertThatThrownBy(() -> WebhookLimits.defaults().withMaxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
