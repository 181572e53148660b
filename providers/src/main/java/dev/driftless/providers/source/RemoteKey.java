package dev.driftless.providers.source;

import java.util.Objects;

/**
 * One remote as seen by one identity: a repository URL and the credentials used to read it.
 *
 * <p>This is the unit of the remote check: however many sources and apps follow branches, tags
 * or folders of one repository, {@link RemoteHeads} lists its refs once per poll round for each
 * key. The credentials take part because two identities may see different refs, or one may be
 * refused where the other is not.
 *
 * @param url the normalised repository URL, as in {@link SourceSpec#url()}
 * @param credentials how the remote is read
 */
public record RemoteKey(String url, Credentials credentials) {

    /** Requires both parts. */
    public RemoteKey {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The URL and the kind of credentials; never a secret. */
    @Override
    public String toString() {
        return url + " with " + credentials;
    }
}
