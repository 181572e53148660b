package dev.driftless.providers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommitStatusTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void theContextNamesTheAppAndTheEnvironment() {
        CommitStatus status = CommitStatus.pending(SHA, "web", "production", "rolling out");

        assertThat(status.context()).isEqualTo("driftless/web/production");
        assertThat(status.state()).isEqualTo(CommitStatus.State.PENDING);
        assertThat(status.targetUrl()).isEmpty();
    }

    @Test
    void eachFactoryGivesItsState() {
        assertThat(CommitStatus.success(SHA, "web", "prod", "").state()).isEqualTo(CommitStatus.State.SUCCESS);
        assertThat(CommitStatus.failure(SHA, "web", "prod", "").state()).isEqualTo(CommitStatus.State.FAILURE);
        assertThat(CommitStatus.error(SHA, "web", "prod", "").state()).isEqualTo(CommitStatus.State.ERROR);
    }

    @Test
    void theCommitIdIsStoredInLowerCase() {
        assertThat(CommitStatus.pending(SHA.toUpperCase(), "web", "prod", "").commitSha()).isEqualTo(SHA);
    }

    @Test
    void aSha256CommitIdIsAccepted() {
        String sha256 = "ab".repeat(32);

        assertThat(CommitStatus.pending(sha256, "web", "prod", "").commitSha()).isEqualTo(sha256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456", "main", "0123456789abcdef0123456789abcdef0123456g"})
    void anythingButAFullCommitIdIsRefused(String sha) {
        assertThatThrownBy(() -> CommitStatus.pending(sha, "web", "prod", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("full commit id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "-web", "web app", "we\nb"})
    void anAppNameThatCouldBlurTheContextIsRefused(String app) {
        assertThatThrownBy(() -> CommitStatus.contextFor(app, "prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app name");
    }

    @Test
    void aLinkMustBeAnAbsoluteWebUrlWithoutCredentials() {
        CommitStatus status = CommitStatus.success(SHA, "web", "prod", "ok");

        assertThat(status.withTargetUrl(URI.create("https://driftless.example.com/apps/web")).targetUrl())
                .contains(URI.create("https://driftless.example.com/apps/web"));
        assertThatThrownBy(() -> status.withTargetUrl(URI.create("/apps/web")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> status.withTargetUrl(URI.create("file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> status.withTargetUrl(URI.create("https://user:pw@driftless.example.com/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
    }

    @Test
    void aContextWithAControlCharacterIsRefused() {
        assertThatThrownBy(() -> new CommitStatus(SHA, CommitStatus.State.SUCCESS, "driftless/a\u0007", "", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGitHubDescriptionIsCutTo140CharactersEndingInAnEllipsis() {
        String fitted = Provider.GITHUB.fit("x".repeat(200));

        assertThat(fitted).hasSize(140).endsWith("\u2026").startsWith("x".repeat(139));
    }

    @Test
    void aDescriptionWithinTheLimitIsKeptAsItIs() {
        String exactly = "y".repeat(140);

        assertThat(Provider.GITHUB.fit(exactly)).isEqualTo(exactly);
        assertThat(Provider.GITLAB.fit("3 of 3 services healthy")).isEqualTo("3 of 3 services healthy");
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"GITLAB", "GITEA", "FORGEJO", "BITBUCKET"})
    void theOtherProvidersCutAt255Characters(Provider provider) {
        assertThat(provider.fit("z".repeat(1000))).hasSize(255).endsWith("\u2026");
    }

    @Test
    void aDescriptionIsPutOnOneLine() {
        assertThat(Provider.GITHUB.fit("  health check\nof web\r\n\tfailed  ")).isEqualTo("health check of web failed");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE80"; // one code point, two chars
        String description = "a".repeat(138) + emoji + "tail";

        String fitted = Provider.GITHUB.fit(description);

        assertThat(fitted).hasSizeLessThanOrEqualTo(140).endsWith("\u2026");
        assertThat(Character.isHighSurrogate(fitted.charAt(fitted.length() - 2))).isFalse();
    }
}
