package dev.driftless.providers.webhook;

/**
 * How much a webhook delivery may cost to read: its size and the shape of its JSON.
 *
 * <p>The body limit is enforced twice. The HTTP controller checks the declared
 * {@code Content-Length} with {@link #admits(long)} and answers {@link
 * WebhookOutcome.Rejected#tooLarge(WebhookLimits)} (413) before reading anything; the handler
 * checks the bytes that did arrive, for a chunked body or a lying header. The JSON limits bound
 * what a body within that size can do to the parser: nesting too deep to walk, one string the
 * size of the body, millions of tiny tokens.
 *
 * <p>The defaults fit every provider's real payloads with room to spare (a GitHub push with
 * hundreds of commits is a few hundred kilobytes; Bitbucket Cloud caps its payloads at 256 KB).
 *
 * @param maxBodyBytes the largest body accepted; default 1 MiB
 * @param maxNestingDepth the deepest nesting of JSON objects and arrays; default 64 (real
 *     payloads nest fewer than 10 deep)
 * @param maxStringLength the longest single JSON string or name, in characters; default 256 Ki
 * @param maxTokenCount the most JSON tokens in one body; default 250,000
 */
public record WebhookLimits(int maxBodyBytes, int maxNestingDepth, int maxStringLength, long maxTokenCount) {

    /** The default body limit, 1 MiB, as the issue specifies. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** Refuses limits that are not positive. */
    public WebhookLimits {
        if (maxBodyBytes <= 0 || maxNestingDepth <= 0 || maxStringLength <= 0 || maxTokenCount <= 0) {
            throw new IllegalArgumentException("webhook limits must be positive, got body " + maxBodyBytes
                    + " bytes, nesting " + maxNestingDepth + ", string " + maxStringLength
                    + ", tokens " + maxTokenCount);
        }
    }

    /** The defaults described on the type. */
    public static WebhookLimits defaults() {
        return new WebhookLimits(DEFAULT_MAX_BODY_BYTES, 64, 256 * 1024, 250_000);
    }

    /** A copy with another body limit (the {@code webhook.max-body} setting). */
    public WebhookLimits withMaxBodyBytes(int bytes) {
        return new WebhookLimits(bytes, maxNestingDepth, maxStringLength, maxTokenCount);
    }

    /**
     * Whether a body of this declared length may be read at all. A negative length (none
     * declared, as with chunked encoding) is admitted: the handler checks what arrives.
     */
    public boolean admits(long declaredLength) {
        return declaredLength <= maxBodyBytes;
    }
}
