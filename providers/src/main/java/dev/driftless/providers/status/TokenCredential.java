package dev.driftless.providers.status;

/** A provider-native token; see {@link Credential#token}. */
record TokenCredential(String secret) implements Credential {

    @Override
    public String redact(String text) {
        return text == null ? null : text.replace(secret, REDACTED);
    }

    @Override
    public String toString() {
        return "Credential[token " + REDACTED + "]";
    }
}
