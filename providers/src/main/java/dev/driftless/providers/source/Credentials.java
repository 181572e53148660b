package dev.driftless.providers.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Driftless proves who it is to a remote: nothing, a token over https, or a key over ssh.
 *
 * <p>A closed set, so that each transport can say which kind it takes and refuse the others
 * before connecting. Values here hold only where secrets live ({@link Secret}) and which files to
 * use, never a secret itself, so they are safe to log, compare and use as map keys: two sources
 * with the same URL and equal credentials share one remote check per poll round
 * ({@link RemoteHeads}).
 */
public sealed interface Credentials permits Credentials.None, Credentials.Token, Credentials.SshKey {

    /** No credentials: public https repositories, {@code file://} and local paths. */
    static Credentials none() {
        return None.INSTANCE;
    }

    /** A token for https, sent as the password of {@value Token#DEFAULT_USERNAME}. */
    static Token token(Secret token) {
        return new Token(Token.DEFAULT_USERNAME, token);
    }

    /** A private key for ssh, checked against the host keys in {@code knownHosts}, strictly. */
    static SshKey sshKey(Path privateKey, Path knownHosts) {
        return new SshKey(privateKey, knownHosts, false);
    }

    /**
     * No credentials. Over ssh this means the user's own {@code ~/.ssh} keys and
     * {@code ~/.ssh/known_hosts}, still checked strictly.
     */
    record None() implements Credentials {

        static final None INSTANCE = new None();

        @Override
        public String toString() {
            return "no credentials";
        }
    }

    /**
     * An access token or password for https, sent with HTTP Basic authentication as git itself
     * does. GitHub accepts any user name with a personal access token and
     * {@code x-access-token} with an app's token; GitLab takes {@code oauth2} (or the account's
     * name) with its tokens; Gitea, Forgejo and Bitbucket take the account's name; Bitbucket's
     * repository tokens take {@code x-token-auth}.
     *
     * @param username the user name sent with the token; not a secret
     * @param token where the token or password is kept
     */
    record Token(String username, Secret token) implements Credentials {

        /** The user name GitHub documents for tokens, and which GitLab also accepts for its own. */
        public static final String DEFAULT_USERNAME = "x-access-token";

        private static final Pattern USERNAME = Pattern.compile("[^:\\s]+");

        /** Checks that the user name can go into a Basic credential. */
        public Token {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(token, "token");
            if (!USERNAME.matcher(username).matches()) {
                throw new IllegalArgumentException("a git user name cannot be blank or hold ':' or white space, got '"
                        + username + "'");
            }
        }

        @Override
        public String toString() {
            return "token for user '" + username + "' from " + token;
        }
    }

    /**
     * A private key for ssh, through JGit's Apache MINA transport.
     *
     * <p>The server's host key must already be in {@code knownHosts}: an unknown host or a host
     * whose key changed is refused, naming the host and the file, as OpenSSH does with
     * {@code StrictHostKeyChecking yes}. With {@code acceptNewHostKeys}, an unknown host's key is
     * added to the file on first contact (OpenSSH's {@code accept-new}); a changed key is refused
     * all the same.
     *
     * @param privateKey an OpenSSH or PEM private key file without a passphrase
     * @param knownHosts the known_hosts file to check host keys against (OpenSSH's format,
     *     hashed host names and {@code [host]:port} included)
     * @param acceptNewHostKeys whether to trust and record the key of a host not yet in the file
     */
    record SshKey(Path privateKey, Path knownHosts, boolean acceptNewHostKeys) implements Credentials {

        /** Requires both files' paths; whether they can be read is checked at connection time. */
        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(knownHosts, "knownHosts");
        }

        @Override
        public String toString() {
            return "ssh key " + privateKey + " with known hosts " + knownHosts
                    + (acceptNewHostKeys ? " (new hosts accepted)" : "");
        }
    }
}
