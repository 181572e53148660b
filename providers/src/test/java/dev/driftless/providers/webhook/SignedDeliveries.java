package dev.driftless.providers.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test support: the documented fixtures of each provider and a signer that follows each
 * provider's documented scheme, written independently of the code under test.
 */
final class SignedDeliveries {

    static final byte[] FLEET_SECRET = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_SECRET = "a different secret".getBytes(StandardCharsets.UTF_8);

    private SignedDeliveries() {
    }

    /** A fixture file and the event headers the provider sends with it. */
    record Delivery(WebhookProvider provider, String fixture, Map<String, String> eventHeaders) {

        byte[] body() {
            return SignedDeliveries.fixture(provider, fixture);
        }
    }

    static byte[] fixture(WebhookProvider provider, String name) {
        String path = "/webhook/" + provider.id() + "/" + name;
        try (InputStream in = SignedDeliveries.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Delivery push(WebhookProvider provider) {
        return switch (provider) {
            case GITHUB -> new Delivery(provider, "push.json", Map.of("X-GitHub-Event", "push"));
            case GITLAB -> new Delivery(provider, "push.json", Map.of("X-Gitlab-Event", "Push Hook"));
            case GITEA -> new Delivery(provider, "push.json", Map.of("X-Gitea-Event", "push"));
            case FORGEJO -> new Delivery(provider, "push.json", Map.of("X-Forgejo-Event", "push", "X-Gitea-Event", "push"));
            case GOGS -> new Delivery(provider, "push.json", Map.of("X-Gogs-Event", "push"));
            case BITBUCKET -> new Delivery(provider, "push.json", Map.of("X-Event-Key", "repo:push"));
            case GENERIC -> new Delivery(provider, "push.json", Map.of());
        };
    }

    static Delivery tagPush(WebhookProvider provider) {
        Delivery push = push(provider);
        Map<String, String> headers = provider == WebhookProvider.GITLAB
                ? Map.of("X-Gitlab-Event", "Tag Push Hook")
                : push.eventHeaders();
        return new Delivery(provider, "tag-push.json", headers);
    }

    /** The provider's ping or test delivery; GitLab has none (its test sends a real push). */
    static Delivery ping(WebhookProvider provider) {
        return switch (provider) {
            case GITHUB -> new Delivery(provider, "ping.json", Map.of("X-GitHub-Event", "ping"));
            case GITLAB -> push(provider);
            case GITEA, FORGEJO, GOGS -> new Delivery(provider, "test-delivery.json", push(provider).eventHeaders());
            case BITBUCKET -> new Delivery(provider, "ping.json", Map.of("X-Event-Key", "diagnostics:ping"));
            case GENERIC -> new Delivery(provider, "ping.json", Map.of());
        };
    }

    static Delivery notAPush(WebhookProvider provider) {
        return switch (provider) {
            case GITHUB -> new Delivery(provider, "issues.json", Map.of("X-GitHub-Event", "issues"));
            case GITLAB -> new Delivery(provider, "issue.json", Map.of("X-Gitlab-Event", "Issue Hook"));
            case GITEA -> new Delivery(provider, "delete.json", Map.of("X-Gitea-Event", "delete"));
            case FORGEJO -> new Delivery(provider, "delete.json", Map.of("X-Forgejo-Event", "delete", "X-Gitea-Event", "delete"));
            case GOGS -> new Delivery(provider, "delete.json", Map.of("X-Gogs-Event", "delete"));
            case BITBUCKET -> new Delivery(provider, "repo-updated.json", Map.of("X-Event-Key", "repo:updated"));
            case GENERIC -> new Delivery(provider, "build-finished.json", Map.of());
        };
    }

    static String deliveryHeader(WebhookProvider provider) {
        return switch (provider) {
            case GITHUB -> "X-GitHub-Delivery";
            case GITLAB, GENERIC -> "Idempotency-Key";
            case GITEA -> "X-Gitea-Delivery";
            case FORGEJO -> "X-Forgejo-Delivery";
            case GOGS -> "X-Gogs-Delivery";
            case BITBUCKET -> "X-Request-UUID";
        };
    }

    /** The delivery's own body, signed with the secret, without a delivery id. */
    static WebhookRequest signed(Delivery delivery, byte[] secret) {
        return signed(delivery, delivery.body(), secret, null);
    }

    /** The body signed with the secret as the provider would, with the delivery's event headers. */
    static WebhookRequest signed(Delivery delivery, byte[] body, byte[] secret, String deliveryId) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.eventHeaders());
        headers.put("Content-Type", "application/json");
        headers.putAll(signature(delivery.provider(), body, secret));
        if (deliveryId != null) {
            headers.put(deliveryHeader(delivery.provider()), deliveryId);
        }
        return WebhookRequest.of(delivery.provider().id(), headers, body);
    }

    /** The same delivery with no signature or token at all. */
    static WebhookRequest unsigned(Delivery delivery) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.eventHeaders());
        headers.put("Content-Type", "application/json");
        return WebhookRequest.of(delivery.provider().id(), headers, delivery.body());
    }

    /** The signature header(s) each provider documents. */
    static Map<String, String> signature(WebhookProvider provider, byte[] body, byte[] secret) {
        String hex = HexFormat.of().formatHex(hmacSha256(secret, body));
        return switch (provider) {
            // docs.github.com "Validating webhook deliveries": sha256= and the hex HMAC
            case GITHUB -> Map.of("X-Hub-Signature-256", "sha256=" + hex);
            // docs.gitlab.com "Webhooks": the secret token itself
            case GITLAB -> Map.of("X-Gitlab-Token", new String(secret, StandardCharsets.UTF_8));
            // Gitea docs: hash_hmac('sha256', $payload, $secret_key) compared with X-Gitea-Signature
            case GITEA -> Map.of("X-Gitea-Signature", hex);
            // Forgejo sends the same value under its own name and Gitea's
            case FORGEJO -> Map.of("X-Forgejo-Signature", hex, "X-Gitea-Signature", hex);
            // Gogs docs: "The HMAC-SHA256 hex digest of the payload"
            case GOGS -> Map.of("X-Gogs-Signature", hex);
            // Bitbucket Cloud webhook secrets: X-Hub-Signature: sha256=<hex>
            case BITBUCKET -> Map.of("X-Hub-Signature", "sha256=" + hex);
            // Flux generic-hmac: X-Signature: <hash-function>=<hex>
            case GENERIC -> Map.of("X-Signature", "sha256=" + hex);
        };
    }

    static byte[] hmacSha256(byte[] secret, byte[] body) {
        return hmac("HmacSHA256", secret, body);
    }

    static byte[] hmac(String algorithm, byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
