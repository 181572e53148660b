package dev.driftless.providers.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks ssh host keys against one known_hosts file, strictly, as OpenSSH does with
 * {@code StrictHostKeyChecking yes} (or {@code accept-new} when asked).
 *
 * <p>JGit's own database asks the user through a credentials provider and reads the ssh config;
 * a daemon has no user to ask, and its decision must not depend on the home directory of
 * whoever runs it. Why a key was refused is handed to {@code refusals}, keyed by the host as
 * JGit names it ({@code host} or {@code [host]:port}), because the ssh library reports only that
 * the key "did not validate".
 */
final class KnownHostsDatabase implements ServerKeyDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsDatabase.class);
    private static final int DEFAULT_SSH_PORT = 22;

    private final Path file;
    private final boolean acceptNew;
    private final BiConsumer<String, String> refusals;

    KnownHostsDatabase(Path file, boolean acceptNew, BiConsumer<String, String> refusals) {
        this.file = file.toAbsolutePath().normalize();
        this.acceptNew = acceptNew;
        this.refusals = refusals;
    }

    /** {@code host} for port 22, else {@code [host]:port}: known_hosts' spelling, and JGit's. */
    static String hostPattern(String host, int port) {
        return KnownHostHashValue.createHostPattern(host, port > 0 ? port : DEFAULT_SSH_PORT);
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (Known known : entriesFor(connectAddress)) {
                if (!known.revoked()) {
                    keys.add(known.key());
                }
            }
            return keys;
        } catch (IOException e) {
            return Collections.emptyList(); // accept() reports the unreadable file
        }
    }

    @Override
    public synchronized boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        String offered = KeyUtils.getKeyType(serverKey) + " key " + KeyUtils.getFingerPrint(serverKey);
        List<Known> known;
        try {
            known = entriesFor(connectAddress);
        } catch (NoSuchFileException e) {
            known = List.of();
        } catch (IOException e) {
            return refuse(connectAddress, "the known_hosts file " + file + " cannot be read (" + e.getMessage()
                    + "), so the host key of " + connectAddress + " cannot be checked");
        }
        if (known.stream().anyMatch(k -> k.revoked() && KeyUtils.compareKeys(k.key(), serverKey))) {
            return refuse(connectAddress, "the host key of " + connectAddress + " (" + offered
                    + ") is marked as revoked in the known_hosts file " + file + "; refusing to connect");
        }
        List<Known> trusted = known.stream().filter(k -> !k.revoked()).toList();
        if (trusted.stream().anyMatch(k -> KeyUtils.compareKeys(k.key(), serverKey))) {
            return true;
        }
        if (!trusted.isEmpty()) {
            return refuse(connectAddress, "the host key of " + connectAddress + " (" + offered + ") does not match"
                    + " the key the known_hosts file " + file + " holds for it; refusing to connect. The host may"
                    + " have been given a new key, or something else answers in its place: check with the host's"
                    + " administrator before replacing the entry");
        }
        if (acceptNew) {
            return remember(connectAddress, serverKey, offered);
        }
        return refuse(connectAddress, "the host key of " + connectAddress + " (" + offered + ") is not in the"
                + " known_hosts file " + file + (Files.exists(file) ? "" : ", which does not exist") + "; add the"
                + " host's key to that file after checking its fingerprint (for example from `ssh-keyscan "
                + keyscanArguments(connectAddress) + "`), or let this source accept new host keys");
    }

    private boolean remember(String connectAddress, PublicKey serverKey, String offered) {
        String line = connectAddress + " " + PublicKeyEntry.toString(serverKey) + System.lineSeparator();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : System.lineSeparator();
            Files.writeString(file, separator + line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            return refuse(connectAddress, "the new host key of " + connectAddress + " (" + offered + ") cannot be"
                    + " added to the known_hosts file " + file + ": " + e.getMessage());
        }
        LOG.warn("Trusting the new ssh host key of {} ({}) on first contact and adding it to {}",
                connectAddress, offered, file);
        return true;
    }

    private boolean refuse(String connectAddress, String reason) {
        refusals.accept(connectAddress, reason);
        return false;
    }

    private List<Known> entriesFor(String connectAddress) throws IOException {
        String host = connectAddress;
        int port = DEFAULT_SSH_PORT;
        if (connectAddress.startsWith("[") && connectAddress.contains("]:")) {
            int close = connectAddress.indexOf("]:");
            host = connectAddress.substring(1, close);
            port = Integer.parseInt(connectAddress.substring(close + 2));
        }
        List<KnownHostEntry> entries;
        try {
            entries = KnownHostEntry.readKnownHostEntries(file);
        } catch (IllegalArgumentException e) {
            throw new IOException("it has a line that is not a known_hosts entry: " + e.getMessage(), e);
        }
        List<Known> matching = new ArrayList<>();
        for (KnownHostEntry entry : entries) {
            if (!entry.isHostMatch(host, port) || entry.getKeyEntry() == null) {
                continue;
            }
            String marker = entry.getMarker();
            if (marker != null && !marker.equals("revoked")) {
                continue; // @cert-authority: host certificates are not supported, the line is no plain key
            }
            PublicKey key;
            try {
                key = entry.getKeyEntry().resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.IGNORING);
            } catch (GeneralSecurityException e) {
                continue; // a key type this runtime cannot read cannot match the one offered
            }
            if (key != null) {
                matching.add(new Known(key, marker != null));
            }
        }
        return matching;
    }

    private static String keyscanArguments(String connectAddress) {
        if (connectAddress.startsWith("[") && connectAddress.contains("]:")) {
            int close = connectAddress.indexOf("]:");
            return "-p " + connectAddress.substring(close + 2) + " " + connectAddress.substring(1, close);
        }
        return connectAddress;
    }

    private record Known(PublicKey key, boolean revoked) {
    }
}
