package dev.driftless.providers.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which candidate secrets a delivery proves knowledge of, by each provider's documented scheme.
 *
 * <p>Every candidate is tried, whatever the outcome of the others, and every comparison is
 * {@link MessageDigest#isEqual} over fixed-length digests, so neither the time taken nor the
 * answer tells a caller which source exists or how long its secret is. Candidates that share a
 * secret are checked once. Nothing here reads the body as anything but bytes.
 */
final class Signatures {

    private static final HexFormat HEX = HexFormat.of();

    private Signatures() {
    }

    /** The header a provider's proof travels in, for the 401 answer (which never says more). */
    static String proofHeader(WebhookProvider provider) {
        return switch (provider) {
            case GITHUB -> "X-Hub-Signature-256";
            case GITLAB -> "X-Gitlab-Token";
            case GITEA -> "X-Gitea-Signature";
            case FORGEJO -> "X-Forgejo-Signature";
            case GOGS -> "X-Gogs-Signature";
            case BITBUCKET -> "X-Hub-Signature";
            case GENERIC -> "X-Signature";
        };
    }

    /** The ids of every candidate source whose secret the request proves; empty if none. */
    static Set<String> verifiedSources(WebhookRequest request, List<WebhookSecret> candidates) {
        WebhookProvider provider = request.webhookProvider();
        Map<ByteBuffer, List<String>> bySecret = new LinkedHashMap<>();
        for (WebhookSecret candidate : candidates) {
            bySecret.computeIfAbsent(ByteBuffer.wrap(candidate.rawSecret()), k -> new java.util.ArrayList<>())
                    .add(candidate.sourceId());
        }
        Set<String> verified = new TreeSet<>();
        if (provider == WebhookProvider.GITLAB) {
            Optional<String> token = request.singleHeader("X-Gitlab-Token");
            // Hash both sides first: equal-length digests compare in constant time whatever the
            // lengths of the token sent and of the secret.
            byte[] sent = sha256(token.orElse("").getBytes(StandardCharsets.UTF_8));
            bySecret.forEach((secret, ids) -> {
                boolean match = MessageDigest.isEqual(sha256(bytes(secret)), sent);
                if (match && token.isPresent()) {
                    verified.addAll(ids);
                }
            });
            return verified;
        }
        Optional<Claim> claim = claim(provider, request);
        byte[] body = request.rawBody();
        bySecret.forEach((secret, ids) -> {
            String algorithm = claim.map(Claim::algorithm).orElse("HmacSHA256");
            byte[] expected = hmac(algorithm, bytes(secret), body);
            byte[] sent = claim.map(Claim::mac).orElse(new byte[expected.length]);
            if (MessageDigest.isEqual(expected, sent) && claim.isPresent()) {
                verified.addAll(ids);
            }
        });
        return verified;
    }

    /** What the sender claims: the MAC and the algorithm it says it used. */
    private record Claim(String algorithm, byte[] mac) {
    }

    private static Optional<Claim> claim(WebhookProvider provider, WebhookRequest request) {
        return switch (provider) {
            case GITHUB -> request.singleHeader("X-Hub-Signature-256").flatMap(v -> prefixed(v, false));
            case BITBUCKET -> request.singleHeader("X-Hub-Signature").flatMap(v -> prefixed(v, false));
            case GENERIC -> request.singleHeader("X-Signature").flatMap(v -> prefixed(v, true));
            case GITEA -> request.singleHeader("X-Gitea-Signature").flatMap(Signatures::bareSha256);
            case GOGS -> request.singleHeader("X-Gogs-Signature").flatMap(Signatures::bareSha256);
            // Forgejo sends the same MAC under its own name and under Gitea's; its own wins when
            // present, and a wrong one is not rescued by the other.
            case FORGEJO -> (request.headers().containsKey("X-Forgejo-Signature")
                    ? request.singleHeader("X-Forgejo-Signature")
                    : request.singleHeader("X-Gitea-Signature")).flatMap(Signatures::bareSha256);
            case GITLAB -> Optional.empty();
        };
    }

    /**
     * {@code sha256=<hex>} (GitHub, Bitbucket Cloud). The generic scheme is Flux's generic-hmac
     * receiver, which also takes {@code sha1=} and {@code sha512=}; HMAC-SHA1 is still a sound MAC,
     * and refusing it would break senders written for Flux.
     */
    private static Optional<Claim> prefixed(String value, boolean fluxAlgorithms) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            return Optional.empty();
        }
        String name = value.substring(0, equals).strip().toLowerCase(Locale.ROOT);
        String algorithm = switch (name) {
            case "sha256" -> "HmacSHA256";
            case "sha512" -> fluxAlgorithms ? "HmacSHA512" : null;
            case "sha1" -> fluxAlgorithms ? "HmacSHA1" : null;
            default -> null;
        };
        if (algorithm == null) {
            return Optional.empty();
        }
        return hex(value.substring(equals + 1).strip()).map(mac -> new Claim(algorithm, mac));
    }

    private static Optional<Claim> bareSha256(String value) {
        return hex(value.strip()).map(mac -> new Claim("HmacSHA256", mac));
    }

    private static Optional<byte[]> hex(String text) {
        if (text.isEmpty() || text.length() > 256) {
            return Optional.empty();
        }
        try {
            return Optional.of(HEX.parseHex(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(String algorithm, byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every JDK ships these three algorithms; their absence is a broken runtime.
            throw new IllegalStateException("the JDK cannot compute " + algorithm, e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK cannot compute SHA-256", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
