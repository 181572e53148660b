package dev.driftless.providers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Bitbucket Cloud, following the REST API reference, group "Commit statuses", operation "Create a
 * build status for a commit"
 * (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commit-statuses/):
 *
 * <pre>
 * POST {api}/repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build
 * Authorization: Bearer &lt;access token&gt;  (or Basic for an app password or API token)
 * {"key": ..., "state": "INPROGRESS|SUCCESSFUL|FAILED", "name": ..., "description": ..., "url": ...}
 * </pre>
 *
 * <p>Bitbucket keeps one status per {@code key} and commit, overwriting it on the next post, so
 * the key is what the context is elsewhere. Bitbucket refuses keys over 40 characters ("key:
 * Ensure this value has at most 40 characters"), so a context of up to 40 characters is the key
 * as it is, and a longer one becomes {@code driftless-} and 30 hexadecimal digits of its SHA-256:
 * stable, unique in practice, and unable to collide with a short context (those contain a slash).
 * The readable context is sent as {@code name}.
 *
 * <p>{@code url} is required: a status without a link of its own gets the configured default.
 * Driftless's {@code ERROR} is {@code FAILED} (Bitbucket's {@code STOPPED} means "a build was
 * stopped", which is not what happened).
 */
final class BitbucketApi implements ProviderApi {

    static final int KEY_LIMIT = 40;

    private final URI defaultLink;

    BitbucketApi(URI defaultLink) {
        this.defaultLink = Objects.requireNonNull(defaultLink, "defaultLink");
    }

    @Override
    public Provider provider() {
        return Provider.BITBUCKET;
    }

    @Override
    public URI endpoint(RepositoryRef repository, String commitSha) {
        return ProviderApi.under(repository.apiBase(), "/repositories/" + ProviderApi.encode(repository.namespace())
                + "/" + ProviderApi.encode(repository.name()) + "/commit/" + commitSha + "/statuses/build");
    }

    @Override
    public ObjectNode body(CommitStatus status, String description, Optional<URI> link) {
        ObjectNode body = ProviderApi.object();
        body.put("key", key(status.context()));
        body.put("state", switch (status.state()) {
            case PENDING -> "INPROGRESS";
            case SUCCESS -> "SUCCESSFUL";
            case FAILURE, ERROR -> "FAILED";
        });
        body.put("name", status.context());
        body.put("description", description);
        body.put("url", link.orElse(defaultLink).toString());
        return body;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, Credential credential) {
        if (credential instanceof TokenCredential token) {
            request.header("Authorization", "Bearer " + token.secret());
        } else if (credential instanceof BearerCredential bearer) {
            request.header("Authorization", bearer.header());
        } else if (credential instanceof BasicCredential basic) {
            request.header("Authorization", basic.header());
        } else {
            throw new IllegalArgumentException("Bitbucket Cloud does not take " + credential);
        }
    }

    /** The status key for a context; see the type's documentation. */
    static String key(String context) {
        if (context.length() <= KEY_LIMIT) {
            return context;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(context.getBytes(StandardCharsets.UTF_8));
            return "driftless-" + HexFormat.of().formatHex(digest).substring(0, KEY_LIMIT - "driftless-".length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
