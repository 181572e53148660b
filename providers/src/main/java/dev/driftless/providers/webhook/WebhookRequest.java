package dev.driftless.providers.webhook;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One webhook delivery as it arrived, before anything about it is trusted: which provider's
 * path it came to, its headers and its raw body.
 *
 * <p>The body is kept as bytes because signatures are computed over the exact bytes sent; a
 * re-encoded string would no longer verify. Header names are looked up ignoring case, as HTTP
 * requires, whatever map the HTTP framework hands over.
 *
 * <p>{@link #toString()} shows header names and the body's size but no header value, because
 * one of them ({@code X-Gitlab-Token}) is the shared secret itself.
 *
 * @param provider the provider's name from the path, as {@link WebhookProvider#find} reads it;
 *     stored in its canonical lower-case spelling
 * @param headers every header with all its values; names compare ignoring case
 * @param body the raw request body (copied in and out, so the request cannot change later)
 */
public record WebhookRequest(String provider, Map<String, List<String>> headers, byte[] body) {

    /** Validates the provider name and takes defensive, case-insensitive copies. */
    public WebhookRequest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        String named = provider;
        provider = WebhookProvider.find(named)
                .orElseThrow(() -> new IllegalArgumentException("no webhook provider is called '"
                        + Texts.shown(named) + "'; known: github, gitlab, gitea, forgejo, gogs, bitbucket, generic"))
                .id();
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                List<String> kept = values.stream().filter(Objects::nonNull).toList();
                copy.merge(name, kept, (a, b) -> concat(a, b));
            }
        });
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** A request with one value per header, as most tests and simple callers have them. */
    public static WebhookRequest of(String provider, Map<String, String> singleValuedHeaders, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        singleValuedHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        return new WebhookRequest(provider, headers, body);
    }

    /** The provider this request was sent to. */
    public WebhookProvider webhookProvider() {
        return WebhookProvider.find(provider).orElseThrow();
    }

    /** A copy of the raw body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without a copy, for this package, which never writes to it. */
    byte[] rawBody() {
        return body;
    }

    /** The first value of the header, ignoring the name's case; empty when it is absent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The header's value when it was sent exactly once; empty when absent or repeated. Signature
     * headers are read this way: two of them is an ambiguity an honest sender never creates.
     */
    Optional<String> singleHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookRequest that
                && provider.equals(that.provider)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "WebhookRequest[provider=" + provider + ", headers=" + headers.keySet()
                + ", body=" + body.length + " bytes]";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
