package dev.driftless.providers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepoUrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // the four spellings of one repository
        "https://github.com/Org/Repo.git            | github.com/org/repo",
        "git@github.com:org/repo.git                | github.com/org/repo",
        "ssh://git@github.com:22/org/repo           | github.com/org/repo",
        "http://github.com/org/repo                 | github.com/org/repo",
        // trailing slashes, .git, user info, default ports, host case and trailing dot
        "https://github.com/org/repo/               | github.com/org/repo",
        "https://github.com/org/repo.git/           | github.com/org/repo",
        "https://x-access-token:T0KEN@GitHub.com/org/repo | github.com/org/repo",
        "https://github.com:443/org/repo            | github.com/org/repo",
        "http://github.com:80/org/repo              | github.com/org/repo",
        "git://github.com:9418/org/repo.git         | github.com/org/repo",
        "https://github.com./org/repo               | github.com/org/repo",
        "ssh://git@github.com/org/repo              | github.com/org/repo",
        "ssh://git@github.com:org/repo.git          | github.com/org/repo",
        "git+ssh://git@github.com/org/repo.git      | github.com/org/repo",
        "https://github.com//org//repo              | github.com/org/repo",
        "https://github.com/org/repo?tab=readme#top | github.com/org/repo",
        // ports that are not the default are part of the address
        "ssh://gitea@localhost:2222/gitea/webhooks.git | localhost:2222/gitea/webhooks",
        "http://localhost:3000/gitea/webhooks.git   | localhost:3000/gitea/webhooks",
        "https://git.example.com:8443/ops/fleet     | git.example.com:8443/ops/fleet",
        "ssh://git@[::1]:2222/ops/fleet.git         | [::1]:2222/ops/fleet",
        // GitLab subgroups, scp without a user
        "https://gitlab.com/group/sub/Project.git   | gitlab.com/group/sub/project",
        "gitlab.com:group/sub/project               | gitlab.com/group/sub/project",
        // local repositories keep their case and their .git, which names another directory there
        "file:///srv/git/Fleet.git/                 | file:///srv/git/Fleet.git",
        "file:///srv/git/../git/./fleet             | file:///srv/git/fleet",
        "/srv/git/fleet                             | file:///srv/git/fleet",
        "file:///srv/my%20fleet                     | file:///srv/my fleet",
    })
    void everySpellingOfARepositoryHasOneKey(String url, String key) {
        assertThat(RepoUrls.normalise(url)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://github.com/org/repo     | https://github.com/org/other",
        "https://github.com/org/repo     | https://gitlab.com/org/repo",
        "https://git.example.com/org/repo | https://git.example.com:8443/org/repo",
        "file:///srv/git/fleet           | file:///srv/git/Fleet",
        "file:///srv/git/fleet           | file:///srv/git/fleet.git",
    })
    void differentRepositoriesHaveDifferentKeys(String a, String b) {
        assertThat(RepoUrls.sameRepository(a, b)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "https://github.com", "https://github.com/", "ftp://example.com/org/repo",
        "relative/path", "https://exa mple.com/org/repo", "https://github.com:99999/org/repo", "https://:443/org/repo",
        "C:\\repos\\fleet"})
    void textThatIsNoRepositoryUrlIsRefusedWithAReason(String url) {
        assertThatThrownBy(() -> RepoUrls.normalise(url)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RepoUrls.tryNormalise(url)).isEmpty();
        assertThat(RepoUrls.sameRepository(url, url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x-access-token:S3CRET@github.com/org/repo", "ftp://user:S3CRET@example.com/x"})
    void aCredentialInAUrlNeverAppearsInTheKey(String url) {
        assertThat(RepoUrls.tryNormalise(url).orElse("")).doesNotContain("S3CRET");
    }
}
