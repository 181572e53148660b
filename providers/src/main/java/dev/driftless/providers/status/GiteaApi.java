package dev.driftless.providers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * Gitea and Forgejo (Codeberg included), which share this endpoint, following the API reference
 * operation {@code repoCreateStatus} ("Create a commit status", in each server's
 * {@code /api/swagger} and at https://docs.gitea.com/api/) and "API Usage", section
 * "Authentication" (https://docs.gitea.com/development/api-usage):
 *
 * <pre>
 * POST {api}/repos/{owner}/{repo}/statuses/{sha}
 * Authorization: token &lt;token&gt;       (or Bearer for OAuth 2, or Basic)
 * {"state": "pending|success|failure|error", "target_url": ..., "description": ..., "context": ...}
 * </pre>
 *
 * Forgejo documents the same operation and header on its "API Usage" page
 * (https://forgejo.org/docs/latest/user/api-usage/) and in {@code /api/swagger}. The
 * {@code CreateStatusOption} body also knows {@code warning}, which Driftless does not use.
 * The header spelling {@code token <value>} is Gitea's own, "for historical reasons".
 */
final class GiteaApi implements ProviderApi {

    private final Provider provider;

    GiteaApi(Provider provider) {
        if (provider != Provider.GITEA && provider != Provider.FORGEJO) {
            throw new IllegalArgumentException("the Gitea API serves Gitea and Forgejo, not " + provider);
        }
        this.provider = provider;
    }

    @Override
    public Provider provider() {
        return provider;
    }

    @Override
    public URI endpoint(RepositoryRef repository, String commitSha) {
        return ProviderApi.repoStatusesEndpoint(repository, commitSha);
    }

    @Override
    public ObjectNode body(CommitStatus status, String description, Optional<URI> link) {
        return ProviderApi.repoStatusesBody(status, description, link);
    }

    @Override
    public void authenticate(HttpRequest.Builder request, Credential credential) {
        if (credential instanceof TokenCredential token) {
            request.header("Authorization", "token " + token.secret());
        } else if (credential instanceof BearerCredential bearer) {
            request.header("Authorization", bearer.header());
        } else if (credential instanceof BasicCredential basic) {
            request.header("Authorization", basic.header());
        } else {
            throw new IllegalArgumentException(provider.displayName() + " does not take " + credential);
        }
    }
}
