package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One provider's reading of a verified payload: which event it is and, for a push, the moved
 * refs. Parsers are pure and total: any shape they do not expect is a {@link
 * MalformedPayloadException} or a conservative "unknown", never another exception.
 */
interface PayloadParser {

    /** Classifies the event named by the request's headers, with the body parsed as {@code root}. */
    Classified classify(WebhookRequest request, JsonNode root) throws MalformedPayloadException;

    /** The parser for a provider. */
    static PayloadParser of(WebhookProvider provider) {
        return switch (provider) {
            case GITHUB -> new GitHubPayloads();
            case GITLAB -> new GitLabPayloads();
            case GITEA, FORGEJO, GOGS -> new GiteaPayloads(provider);
            case BITBUCKET -> new BitbucketPayloads();
            case GENERIC -> new GenericPayloads();
        };
    }

    /** The full ref at the field, or a 400: it must be a string starting with {@code refs/}. */
    static String requiredRef(JsonNode root, String field) throws MalformedPayloadException {
        String ref = Json.requiredText(root, field);
        if (!ref.startsWith("refs/") || ref.length() <= "refs/".length()) {
            throw new MalformedPayloadException("'" + field + "' is not a full ref name (refs/…): '" + Texts.shown(ref) + "'");
        }
        return ref;
    }

    /** The object id at the field, lower-cased, or a 400: 40 or 64 hexadecimal digits. */
    static String requiredObjectId(JsonNode root, String... path) throws MalformedPayloadException {
        String id = Json.requiredText(root, path).toLowerCase(java.util.Locale.ROOT);
        if (!PushEvent.isObjectId(id)) {
            throw new MalformedPayloadException("'" + String.join(".", path) + "' is not a commit id: '" + Texts.shown(id) + "'");
        }
        return id;
    }

    /** The repository URLs found at the paths, or a 400 when there is none. */
    static List<String> requiredUrls(JsonNode root, List<String> dottedPaths) throws MalformedPayloadException {
        List<String> urls = Json.texts(root, dottedPaths).stream().distinct().toList();
        if (urls.isEmpty()) {
            throw new MalformedPayloadException("the payload names no repository URL (looked at "
                    + String.join(", ", dottedPaths) + ")");
        }
        return urls;
    }

    /** The event name from the first of the headers that is present. */
    static Optional<String> event(WebhookRequest request, String... headers) {
        for (String header : headers) {
            Optional<String> value = request.header(header).map(String::strip).filter(v -> !v.isEmpty());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The all-zero id of the same length as {@code like}, for a ref that did not or no longer exists. */
    static String zeroIdLike(String like) {
        return "0".repeat(like.length() == 64 ? 64 : 40);
    }
}
