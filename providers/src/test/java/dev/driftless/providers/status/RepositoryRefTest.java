package dev.driftless.providers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryRefTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://github.com/acme/fleet.git,                    GITHUB,    https://api.github.com,        acme,            fleet",
        "https://github.com/acme/fleet,                        GITHUB,    https://api.github.com,        acme,            fleet",
        "https://x-access-token:ghs_abc@github.com/acme/fleet, GITHUB,    https://api.github.com,        acme,            fleet",
        "git@github.com:acme/fleet.git,                        GITHUB,    https://api.github.com,        acme,            fleet",
        "ssh://git@github.com/acme/fleet.git,                  GITHUB,    https://api.github.com,        acme,            fleet",
        "ssh://git@ssh.github.com:443/acme/fleet.git,          GITHUB,    https://api.github.com,        acme,            fleet",
        "https://GitHub.com/Acme/Fleet.git/,                   GITHUB,    https://api.github.com,        Acme,            Fleet",
        "https://gitlab.com/group/sub/deeper/project.git,      GITLAB,    https://gitlab.com/api/v4,     group/sub/deeper, project",
        "git@gitlab.com:group/sub/project.git,                 GITLAB,    https://gitlab.com/api/v4,     group/sub,       project",
        "https://gitlab.com/alice/dotfiles,                    GITLAB,    https://gitlab.com/api/v4,     alice,           dotfiles",
        "https://bitbucket.org/workspace/repo-slug.git,        BITBUCKET, https://api.bitbucket.org/2.0, workspace,       repo-slug",
        "https://jdoe@bitbucket.org/workspace/repo-slug.git,   BITBUCKET, https://api.bitbucket.org/2.0, workspace,       repo-slug",
        "git@bitbucket.org:workspace/repo-slug.git,            BITBUCKET, https://api.bitbucket.org/2.0, workspace,       repo-slug",
        "https://codeberg.org/owner/repo.git,                  FORGEJO,   https://codeberg.org/api/v1,   owner,           repo",
        "git@gitea.com:owner/repo.git,                         GITEA,     https://gitea.com/api/v1,      owner,           repo",
    })
    void aPublicHostIsRecognisedFromAnyFormOfItsUrl(
            String url, Provider provider, String apiBase, String namespace, String name) {
        RepositoryRef repository = RepositoryRef.parse(url);

        assertThat(repository).isEqualTo(new RepositoryRef(provider, URI.create(apiBase), namespace, name));
    }

    @ParameterizedTest(name = "{0} with {1} at {2}")
    @CsvSource({
        "https://git.example.com/acme/fleet.git,            GITEA,   https://git.example.com/api/v1,      acme,      fleet",
        "ssh://git@git.example.com:2222/acme/fleet.git,     GITEA,   https://git.example.com/api/v1/,     acme,      fleet",
        "git@ssh.git.example.com:acme/fleet.git,            FORGEJO, https://git.example.com/api/v1,      acme,      fleet",
        "https://example.com/gitea/acme/fleet.git,          GITEA,   https://example.com/gitea/api/v1,    acme,      fleet",
        "git@github.example.com:acme/fleet.git,             GITHUB,  https://github.example.com/api/v3,   acme,      fleet",
        "https://example.com/gitlab/group/sub/project.git,  GITLAB,  https://example.com/gitlab/api/v4,   group/sub, project",
        "https://gitlab.example.com:8443/group/project.git, GITLAB,  https://gitlab.example.com:8443/api/v4, group, project",
    })
    void aSelfHostedServerUsesItsConfiguredApiBase(
            String url, Provider provider, String apiBase, String namespace, String name) {
        RepositoryRef repository = RepositoryRef.parse(url, provider, URI.create(apiBase));

        assertThat(repository.provider()).isEqualTo(provider);
        assertThat(repository.apiBase().toString()).isEqualTo(apiBase.replaceAll("/$", ""));
        assertThat(repository.namespace()).isEqualTo(namespace);
        assertThat(repository.name()).isEqualTo(name);
    }

    @Test
    void aSelfHostedServerWithoutAConfiguredApiIsAClearError() {
        assertThatThrownBy(() -> RepositoryRef.parse("https://git.example.com/acme/fleet.git"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("git.example.com is not a public host")
                .hasMessageContaining("self-hosted")
                .hasMessageContaining("API base URL");
    }

    @Test
    void theApiHostIsTheUnitOfTheCircuitBreakers() {
        assertThat(RepositoryRef.parse("git@github.com:acme/fleet.git").apiHost()).isEqualTo("api.github.com");
        assertThat(RepositoryRef.parse("https://gitlab.example.com:8443/g/p.git", Provider.GITLAB,
                URI.create("https://gitlab.example.com:8443/api/v4")).apiHost()).isEqualTo("gitlab.example.com:8443");
    }

    @Test
    void thePathIsNamespaceAndName() {
        assertThat(RepositoryRef.parse("https://gitlab.com/group/sub/project.git").path()).isEqualTo("group/sub/project");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/git/fleet", "file:///srv/git/fleet.git", "C:\\work\\fleet", "fleet"})
    void aLocalRepositoryHasNoProvider(String url) {
        assertThatThrownBy(() -> RepositoryRef.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(local path|not on a git server).*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/acme", "https://github.com/acme/fleet/extra", "git@github.com:fleet.git",
        "https://bitbucket.org/workspace"})
    void aPathThatDoesNotNameARepositoryIsRefused(String url) {
        assertThatThrownBy(() -> RepositoryRef.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not name a")
                .hasMessageContaining("expected <");
    }

    @Test
    void aGitLabProjectNeedsAGroup() {
        assertThatThrownBy(() -> RepositoryRef.parse("https://gitlab.com/project.git"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<group>[/<subgroup>...]/<project>");
    }

    @Test
    void anApiBaseMustBeAWebUrlWithoutCredentials() {
        assertThatThrownBy(() -> RepositoryRef.parse("git@h.example.com:a/b.git", Provider.GITEA, URI.create("h.example.com/api/v1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> RepositoryRef.parse("git@h.example.com:a/b.git", Provider.GITEA,
                URI.create("https://admin:hunter2@h.example.com/api/v1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aTokenInTheGitUrlNeverAppearsInAnError() {
        String token = "glpat-SuperSecret123";

        assertThatThrownBy(() -> RepositoryRef.parse("https://oauth2:" + token + "@git.example.com/acme/fleet.git"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(token)
                .hasMessageContaining("https://git.example.com/acme/fleet.git");
        assertThatThrownBy(() -> RepositoryRef.parse("https://" + token + "@github.com/acme/fleet/extra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(token);
        assertThatThrownBy(() -> RepositoryRef.parse("ftp://" + token + "@github.com/acme/fleet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(token);
        assertThatThrownBy(() -> RepositoryRef.parse("https://me:pa@ss-" + token + "@git.example.com/acme/fleet.git"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(token)
                .hasMessageNotContaining("ss-");
        assertThatThrownBy(() -> RepositoryRef.parse("me:" + token + "@git.example.com:acme/fleet.git"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("git.example.com is not a public host")
                .hasMessageNotContaining(token);
    }

    @Test
    void aPasswordWithAnAtSignDoesNotHideTheHost() {
        assertThat(RepositoryRef.parse("https://me:p@ss@github.com/acme/fleet.git"))
                .isEqualTo(new RepositoryRef(Provider.GITHUB, URI.create("https://api.github.com"), "acme", "fleet"));
    }

    @Test
    void onlyGitLabHasNestedNamespaces() {
        assertThatThrownBy(() -> new RepositoryRef(Provider.GITHUB, URI.create("https://api.github.com"), "a/b", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only GitLab has nested groups");
    }

    @Test
    void toStringNamesProviderRepositoryAndApi() {
        assertThat(RepositoryRef.parse("git@github.com:acme/fleet.git"))
                .hasToString("GitHub acme/fleet (https://api.github.com)");
    }
}
