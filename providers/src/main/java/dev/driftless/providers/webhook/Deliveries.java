package dev.driftless.providers.webhook;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The id a provider gives each delivery, which a redelivery repeats: the key for {@link
 * DeliveryLog}.
 */
final class Deliveries {

    /** The id to remember ({@code key}) and the one to show ({@code shown}), usually the same. */
    record DeliveryId(String key, String shown) {
    }

    private static final int MAX_ID_LENGTH = 200;

    private Deliveries() {
    }

    static Optional<DeliveryId> of(WebhookRequest request) {
        return switch (request.webhookProvider()) {
            case GITHUB -> plain(request, "X-GitHub-Delivery");
            case GITEA -> plain(request, "X-Gitea-Delivery");
            case FORGEJO -> plain(request, "X-Forgejo-Delivery").or(() -> plain(request, "X-Gitea-Delivery"));
            case GOGS -> plain(request, "X-Gogs-Delivery");
            case BITBUCKET -> plain(request, "X-Request-UUID");
            case GENERIC -> plain(request, "Idempotency-Key");
            case GITLAB -> plain(request, "Idempotency-Key").or(() -> gitlabEvent(request));
        };
    }

    /**
     * GitLab before 17.4 sends no {@code Idempotency-Key}, only {@code X-Gitlab-Event-UUID}, which
     * GitLab documents as shared by "recursive" hooks (events caused by a webhook's own API
     * calls, such as a bot pushing a commit). Alone it could swallow such a real second push, so
     * it is combined with a digest of the body: a retry repeats both, a new push does not.
     */
    private static Optional<DeliveryId> gitlabEvent(WebhookRequest request) {
        return clean(request.header("X-Gitlab-Event-UUID")).map(uuid ->
                new DeliveryId("event-uuid:" + uuid + ":" + digest(request.rawBody()), uuid));
    }

    private static Optional<DeliveryId> plain(WebhookRequest request, String header) {
        return clean(request.header(header)).map(id -> new DeliveryId(id, id));
    }

    private static Optional<String> clean(Optional<String> value) {
        return value.map(String::strip).filter(id -> !id.isEmpty() && id.length() <= MAX_ID_LENGTH)
                .filter(id -> id.chars().noneMatch(Character::isISOControl));
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK cannot compute SHA-256", e);
        }
    }
}
