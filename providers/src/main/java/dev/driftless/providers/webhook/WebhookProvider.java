package dev.driftless.providers.webhook;

import java.util.Locale;
import java.util.Optional;

/**
 * The git hosts Driftless takes webhooks from, one per path under {@code /hooks/}.
 *
 * <p>Each speaks its own dialect: a different signature header, delivery-id header and payload
 * shape. The name is what the HTTP path and the configuration use, so it is part of the public
 * contract ({@code POST /hooks/github}, {@code --webhook-secret-file github=FILE}).
 */
public enum WebhookProvider {
    /** GitHub (github.com and Enterprise Server): {@code X-Hub-Signature-256: sha256=<hex>}. */
    GITHUB("github"),
    /** GitLab (gitlab.com and self-managed): the shared token in {@code X-Gitlab-Token}. */
    GITLAB("gitlab"),
    /** Gitea: {@code X-Gitea-Signature: <hex>}. */
    GITEA("gitea"),
    /** Forgejo (Codeberg): {@code X-Forgejo-Signature: <hex>}, also sent as {@code X-Gitea-Signature}. */
    FORGEJO("forgejo"),
    /** Gogs: {@code X-Gogs-Signature: <hex>}. */
    GOGS("gogs"),
    /** Bitbucket Cloud: {@code X-Hub-Signature: sha256=<hex>}. */
    BITBUCKET("bitbucket"),
    /**
     * Anything else that can sign its body: Flux's {@code generic-hmac} receiver scheme,
     * {@code X-Signature: sha256=<hex>}, with a small JSON body of Driftless's own.
     */
    GENERIC("generic");

    private final String id;

    WebhookProvider(String id) {
        this.id = id;
    }

    /** The lower-case name used in the HTTP path, the configuration and the metrics. */
    public String id() {
        return id;
    }

    /**
     * The provider with this name, ignoring case; empty for a name Driftless does not serve (the
     * controller answers those with 404, before it reads the body).
     */
    public static Optional<WebhookProvider> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (WebhookProvider provider : values()) {
            if (provider.id.equals(wanted)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
