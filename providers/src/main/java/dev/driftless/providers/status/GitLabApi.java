package dev.driftless.providers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * GitLab.com and self-managed GitLab, following the Commits API, section "Set the pipeline status
 * of a commit" (https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit), and
 * "REST API authentication" for the headers:
 *
 * <pre>
 * POST {api}/projects/{url-encoded project path}/statuses/{sha}
 * PRIVATE-TOKEN: &lt;token&gt;            (or Authorization: Bearer &lt;OAuth token&gt;)
 * {"state": "running|success|failed", "name": ..., "description": ..., "target_url": ...}
 * </pre>
 *
 * The project is named by its path with every slash encoded ({@code group%2Fsub%2Fproject}),
 * the documented "namespaced path encoding", so subgroups need no extra lookup. GitLab's states
 * are {@code pending, running, success, failed, canceled}; a rollout in progress is
 * {@code running} (GitLab's {@code pending} means "waiting to start"), and both of Driftless's
 * failures are {@code failed}. {@code name} is the documented alias of {@code context}.
 */
final class GitLabApi implements ProviderApi {

    @Override
    public Provider provider() {
        return Provider.GITLAB;
    }

    @Override
    public URI endpoint(RepositoryRef repository, String commitSha) {
        return ProviderApi.under(repository.apiBase(),
                "/projects/" + ProviderApi.encode(repository.path()) + "/statuses/" + commitSha);
    }

    @Override
    public ObjectNode body(CommitStatus status, String description, Optional<URI> link) {
        ObjectNode body = ProviderApi.object();
        body.put("state", switch (status.state()) {
            case PENDING -> "running";
            case SUCCESS -> "success";
            case FAILURE, ERROR -> "failed";
        });
        body.put("name", status.context());
        body.put("description", description);
        link.ifPresent(url -> body.put("target_url", url.toString()));
        return body;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, Credential credential) {
        if (credential instanceof TokenCredential token) {
            request.header("PRIVATE-TOKEN", token.secret());
        } else if (credential instanceof BearerCredential bearer) {
            request.header("Authorization", bearer.header());
        } else {
            throw new IllegalArgumentException("GitLab takes a personal, project or group access token, or an OAuth"
                    + " token, not " + credential);
        }
    }
}
