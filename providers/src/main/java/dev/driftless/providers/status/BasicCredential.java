package dev.driftless.providers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password for HTTP Basic; see {@link Credential#basic}. */
record BasicCredential(String username, String password) implements Credential {

    /** The value of the {@code Authorization} header. */
    String header() {
        return "Basic " + encoded();
    }

    @Override
    public String redact(String text) {
        // The server may echo the header back, so the encoded pair is a secret too.
        return text == null ? null : text.replace(encoded(), REDACTED).replace(password, REDACTED);
    }

    @Override
    public String toString() {
        return "Credential[basic " + username + ":" + REDACTED + "]";
    }

    private String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
