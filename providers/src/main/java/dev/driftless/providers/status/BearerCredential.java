package dev.driftless.providers.status;

/** An OAuth 2 access token; see {@link Credential#bearer}. */
record BearerCredential(String secret) implements Credential {

    /** The value of the {@code Authorization} header. */
    String header() {
        return "Bearer " + secret;
    }

    @Override
    public String redact(String text) {
        return text == null ? null : text.replace(secret, REDACTED);
    }

    @Override
    public String toString() {
        return "Credential[bearer " + REDACTED + "]";
    }
}
