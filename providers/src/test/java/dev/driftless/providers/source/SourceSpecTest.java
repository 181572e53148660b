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
        assertThat(spec.ref()).isEqualTo(new SourceRef.Branch(branch));
        assertThat(((SourceRef.Branch) spec.ref()).refName()).isEqualTo("refs/heads/" + branch);
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

    @ParameterizedTest
    @ValueSource(strings = {
        "https://ghp_abc123@github.com/acme/fleet.git",
        "https://robot:hunter2@gitea.example.com/acme/fleet.git",
        "http://x-access-token:ghp_abc123@127.0.0.1:8080/acme/fleet.git",
        "ssh://git:hunter2@git.example.com/acme/fleet.git",
    })
    void aUrlCarryingATokenOrPasswordIsRefusedWithoutShowingIt(String url) {
        assertThatThrownBy(() -> new SourceSpec(url, "main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries credentials")
                .hasMessageContaining("token file or a token environment variable")
                .hasMessageNotContaining("ghp_abc123")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anSshUserNameIsNotASecret() {
        assertThat(new SourceSpec("ssh://git@git.example.com/acme/fleet.git", "main").redactedUrl())
                .isEqualTo("ssh://git@git.example.com/acme/fleet.git");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "apps/prod|apps/prod",
        "/apps/prod/|apps/prod",
        "apps//prod|apps/prod",
        "' apps '|apps",
        "''|''",
        "/|''",
    })
    void theSubPathIsNormalised(String path, String normalised) {
        assertThat(new SourceSpec("https://github.com/acme/fleet.git", "main").withPath(path == null ? "" : path).path())
                .isEqualTo(normalised == null ? "" : normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../elsewhere", "apps/../..", "./apps", "apps\\prod"})
    void aSubPathThatCouldLeaveTheRepositoryIsRefused(String path) {
        SourceSpec spec = new SourceSpec("https://github.com/acme/fleet.git", "main");

        assertThatThrownBy(() -> spec.withPath(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("folder");
    }

    @Test
    void theRootNameIsTheSubPathsLastFolderOrElseTheRepositorysName() {
        SourceSpec spec = new SourceSpec("git@github.com:acme/fleet.git", "main");

        assertThat(spec.rootName()).isEqualTo("fleet");
        assertThat(spec.withPath("apps/web").rootName()).isEqualTo("web");
        assertThat(spec.withPath("apps/web").repoName()).isEqualTo("fleet");
    }

    @Test
    void aDescriptionNamesTheRefAndTheFolderButNoCredential() {
        SourceSpec spec = new SourceSpec("https://github.com/acme/fleet.git", new SourceRef.TagPattern("v*"), "apps/prod",
                Credentials.token(new Secret.FromEnvironment("FLEET_TOKEN")));

        assertThat(spec).hasToString("https://github.com/acme/fleet.git (newest tag matching 'v*', folder 'apps/prod')");
        assertThat(spec.credentials()).hasToString("token for user 'x-access-token' from environment variable FLEET_TOKEN");
    }

    @Test
    void aSourceFollowingNoBranchSaysSoWhenAskedForItsBranch() {
        SourceSpec spec = new SourceSpec("https://github.com/acme/fleet.git", new SourceRef.TagPattern("v*"));

        assertThatThrownBy(spec::branch).isInstanceOf(IllegalStateException.class).hasMessageContaining("follows no branch");
    }

    @Test
    void aTokenIsForHttpsAndAKeyForSsh() {
        Credentials token = Credentials.token(new Secret.FromFile(temp.resolve("token")));
        Credentials key = Credentials.sshKey(temp.resolve("id_ed25519"), temp.resolve("known_hosts"));

        assertThat(new SourceSpec("https://github.com/acme/fleet.git", "main").withCredentials(token).credentials())
                .isEqualTo(token);
        assertThat(new SourceSpec("git@github.com:acme/fleet.git", "main").withCredentials(key).credentials())
                .isEqualTo(key);
        assertThatThrownBy(() -> new SourceSpec("git@github.com:acme/fleet.git", "main").withCredentials(token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token authenticates over https only");
        assertThatThrownBy(() -> new SourceSpec("https://github.com/acme/fleet.git", "main").withCredentials(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssh key authenticates over ssh only");
        assertThatThrownBy(() -> new SourceSpec(temp.toString(), "main").withCredentials(token))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRemoteKeyIsTheUrlAndTheCredentialsOnly() {
        SourceSpec main = new SourceSpec("https://github.com/acme/fleet.git", "main");
        SourceSpec tags = new SourceSpec("https://github.com/acme/fleet.git", new SourceRef.TagPattern("v*")).withPath("apps");
        Credentials token = Credentials.token(new Secret.FromFile(temp.resolve("token")));

        assertThat(tags.remote()).isEqualTo(main.remote());
        assertThat(main.withCredentials(token).remote()).isNotEqualTo(main.remote());
    }

    @Test
    void theCacheNameIsStableAndDiffersByUrlAndRefButNotByFolder() {
        SourceSpec main = new SourceSpec("https://github.com/acme/fleet.git", "main");

        assertThat(main.cacheName()).matches("fleet-[0-9a-f]{16}").isEqualTo(new SourceSpec(main.url(), "main").cacheName());
        assertThat(main.withPath("apps").cacheName()).isEqualTo(main.cacheName());
        assertThat(main.withRef(new SourceRef.Branch("release")).cacheName()).isNotEqualTo(main.cacheName());
        assertThat(new SourceSpec("https://github.com/other/fleet.git", "main").cacheName()).isNotEqualTo(main.cacheName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLEET TOKEN", "1TOKEN", "", "A=B"})
    void whatCannotBeAnEnvironmentVariablesNameIsRefused(String name) {
        assertThatThrownBy(() -> new Secret.FromEnvironment(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an environment variable name");
    }
}
