package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceSpecTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({
        "https://github.com/acme/fleet.git, fleet",
        "https://github.com/acme/fleet, fleet",
        "https://github.com/acme/fleet/, fleet",
        "ssh://git@git.example.com:2222/acme/fleet.git, fleet",
        "git@github.com:acme/fleet.git, fleet",
        "git@github.com:fleet, fleet",
        "file:///srv/git/fleet.git, fleet",
        "/srv/work/fleet/.git, fleet",
        "/srv/work/fleet, fleet",
        "/srv/work/my fleet, my fleet",
    })
    void theRepositoryNameIsTheLastPathSegmentWithoutDotGit(String url, String name) {
        assertThat(new SourceSpec(url, "main").repoName()).isEqualTo(name);
    }

    @Test
    void aPlainAbsolutePathBecomesAFileUriWithoutATrailingSlash() {
        assertThat(new SourceSpec(temp + "/", "main").url()).isEqualTo(temp.toUri().toString().replaceAll("/$", ""));
    }

    @Test
    void aRelativePathBecomesTheSameFileUriAsItsAbsolutePath() {
        Path relative = Path.of("").toAbsolutePath().relativize(temp);

        assertThat(new SourceSpec(relative.toString(), "main").url())
                .isEqualTo(new SourceSpec(temp.toString(), "main").url())
                .startsWith("file:///");
    }

    @Test
    void aFileUrlIsNormalised() {
        assertThat(new SourceSpec("file:///srv/git/../git/./fleet.git/", "main").url())
                .isEqualTo("file:///srv/git/fleet.git");
    }

    @Test
    void aFileUrlWithAnUnescapedSpaceIsReadAsAPath() {
        assertThat(new SourceSpec("file:///srv/my fleet", "main").url()).isEqualTo("file:///srv/my%20fleet");
    }

    @Test
    void remoteUrlsAreKeptAsWritten() {
        assertThat(new SourceSpec("https://github.com/acme/fleet.git", "main").url())
                .isEqualTo("https://github.com/acme/fleet.git");
        assertThat(new SourceSpec("git@github.com:acme/fleet.git", "main").url())
                .isEqualTo("git@github.com:acme/fleet.git");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankUrlIsRefused(String url) {
        assertThatThrownBy(() -> new SourceSpec(url, "main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "feature..x", "has space", "ends.lock", "trailing/", "a~1", "what?"})
    void anInvalidBranchNameIsRefused(String branch) {
        assertThatThrownBy(() -> new SourceSpec("https://github.com/acme/fleet.git", branch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("branch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "release/2024.03", "feature/x-y_z"})
    void aValidBranchNameIsAccepted(String branch) {
        SourceSpec spec = new SourceSpec("https://github.com/acme/fleet.git", branch);

        assertThat(spec.branch()).isEqualTo(branch);
        assertThat(spec.branchRef()).isEqualTo("refs/heads/" + branch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/fleet.git", "s3://bucket/fleet"})
    void anUnsupportedSchemeIsRefused(String url) {
        assertThatThrownBy(() -> new SourceSpec(url, "main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported URL scheme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/", "file:///", "/"})
    void aUrlWithoutARepositoryPathIsRefused(String url) {
        assertThatThrownBy(() -> new SourceSpec(url, "main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no repository");
    }

    @Test
    void aTokenOrPasswordInTheUrlIsNeverShown() {
        SourceSpec token = new SourceSpec("https://ghp_abc123@github.com/acme/fleet.git", "main");
        SourceSpec password = new SourceSpec("https://robot:hunter2@gitea.example.com/acme/fleet.git", "main");

        assertThat(token.redactedUrl()).isEqualTo("https://***@github.com/acme/fleet.git");
        assertThat(token.toString()).doesNotContain("ghp_abc123").contains("branch 'main'");
        assertThat(password.redactedUrl()).isEqualTo("https://robot:***@gitea.example.com/acme/fleet.git");
        assertThat(password.redactSecrets("Authentication failed for hunter2")).doesNotContain("hunter2");
    }

    @Test
    void anSshUserNameIsNotASecret() {
        assertThat(new SourceSpec("ssh://git@git.example.com/acme/fleet.git", "main").redactedUrl())
                .isEqualTo("ssh://git@git.example.com/acme/fleet.git");
    }
}
