package dev.driftless.providers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub and GitHub Enterprise Server, following "REST API endpoints for commit statuses",
 * section "Create a commit status" (https://docs.github.com/en/rest/commits/statuses#create-a-commit-status),
 * and "API Versions" (https://docs.github.com/en/rest/about-the-rest-api/api-versions):
 *
 * <pre>
 * POST {api}/repos/{owner}/{repo}/statuses/{sha}
 * Accept: application/vnd.github+json
 * Authorization: Bearer &lt;token&gt;
 * X-GitHub-Api-Version: 2022-11-28
 * {"state": "pending|success|failure|error", "target_url": ..., "description": ..., "context": ...}
 * </pre>
 *
 * The API answers 201. A description over 140 characters is refused with 422, so it is cut
 * before sending. GitHub's secondary rate limits answer 403 (or 429) with {@code Retry-After},
 * and an exhausted primary limit 403 with {@code x-ratelimit-remaining: 0}; both are rate
 * limits ("Rate limits for the REST API"), not a refusal, and are retried as such.
 */
final class GitHubApi implements ProviderApi {

    static final String API_VERSION = "2022-11-28";

    @Override
    public Provider provider() {
        return Provider.GITHUB;
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
            request.header("Authorization", "Bearer " + token.secret());
        } else if (credential instanceof BearerCredential bearer) {
            request.header("Authorization", bearer.header());
        } else {
            throw new IllegalArgumentException("GitHub takes a token (personal access token or GitHub App"
                    + " installation token), not " + credential);
        }
        request.header("X-GitHub-Api-Version", API_VERSION);
    }

    /** {@code Retry-After} when given, else the end of an exhausted limit ({@code x-ratelimit-reset}). */
    @Override
    public Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        Optional<Duration> asked = RetryAfter.from(headers, clock);
        if (asked.isPresent() || !exhausted(headers)) {
            return asked;
        }
        return RetryAfter.untilEpochSecond(headers, "x-ratelimit-reset", clock);
    }

    @Override
    public String accept() {
        return "application/vnd.github+json";
    }

    @Override
    public boolean rateLimited(int status, HttpHeaders headers) {
        if (status == 429) {
            return true;
        }
        return status == 403 && (headers.firstValue("Retry-After").isPresent() || exhausted(headers));
    }

    private static boolean exhausted(HttpHeaders headers) {
        return headers.firstValue("x-ratelimit-remaining").map(String::strip).filter("0"::equals).isPresent();
    }
}
