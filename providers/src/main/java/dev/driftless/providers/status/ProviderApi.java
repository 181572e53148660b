package dev.driftless.providers.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One provider's "create a commit status" call, as the provider documents it: the endpoint, the
 * headers and the JSON body. Nothing here sends, waits or retries; {@link HttpStatusReporter}
 * does that the same way for every provider, so a provider's quirks stay in one small class.
 */
sealed interface ProviderApi permits GitHubApi, GitLabApi, GiteaApi, BitbucketApi {

    /** The API for {@code provider}; {@code options} supply the default link Bitbucket needs. */
    static ProviderApi of(Provider provider, StatusClientOptions options) {
        return switch (provider) {
            case GITHUB -> new GitHubApi();
            case GITLAB -> new GitLabApi();
            case GITEA, FORGEJO -> new GiteaApi(provider);
            case BITBUCKET -> new BitbucketApi(options.defaultTargetUrl().orElseThrow(() -> new IllegalArgumentException(
                    "Bitbucket Cloud requires a link on every commit status: configure the default target URL"
                            + " (Driftless's status page) before creating a Bitbucket reporter")));
        };
    }

    /** Which provider this is. */
    Provider provider();

    /** The endpoint that creates a status on {@code commitSha} of {@code repository}. */
    URI endpoint(RepositoryRef repository, String commitSha);

    /**
     * The request body for {@code status}, its description already fitted to the provider.
     *
     * @param link the status's own link, else the configured default, if any
     */
    ObjectNode body(CommitStatus status, String description, Optional<URI> link);

    /**
     * Adds the authentication header and any header the provider asks for.
     *
     * @throws IllegalArgumentException when the provider does not take this kind of credential
     */
    void authenticate(HttpRequest.Builder request, Credential credential);

    /** The {@code Accept} header the provider documents. */
    default String accept() {
        return "application/json";
    }

    /**
     * Whether an answer is the provider asking Driftless to slow down. 429 everywhere; GitHub
     * also says so with a 403 that carries {@code Retry-After} or an exhausted rate limit.
     */
    default boolean rateLimited(int status, HttpHeaders headers) {
        return status == 429;
    }

    /** How long the provider asked to wait before the next request, when its answer says. */
    default Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        return RetryAfter.from(headers, clock);
    }

    /** Checks, before any request, that the provider takes this kind of credential. */
    default void requireSupported(Credential credential) {
        authenticate(HttpRequest.newBuilder(URI.create("http://localhost/")), credential);
    }

    /**
     * {@code /repos/{owner}/{repo}/statuses/{sha}}: GitHub's endpoint, which Gitea and Forgejo
     * copied on purpose, so both clients build it here.
     */
    static URI repoStatusesEndpoint(RepositoryRef repository, String commitSha) {
        return under(repository.apiBase(), "/repos/" + encode(repository.namespace()) + "/"
                + encode(repository.name()) + "/statuses/" + commitSha);
    }

    /** GitHub's status body ({@code state, target_url, description, context}), also Gitea's and Forgejo's. */
    static ObjectNode repoStatusesBody(CommitStatus status, String description, Optional<URI> link) {
        ObjectNode body = object();
        body.put("state", status.state().name().toLowerCase(Locale.ROOT));
        link.ifPresent(url -> body.put("target_url", url.toString()));
        body.put("description", description);
        body.put("context", status.context());
        return body;
    }

    /** A new JSON object. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code text} percent-encoded for one path segment (a slash becomes {@code %2F}). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code apiBase} followed by {@code path}, which starts with a slash and is already encoded. */
    static URI under(URI apiBase, String path) {
        return URI.create(apiBase.toString() + path);
    }
}
