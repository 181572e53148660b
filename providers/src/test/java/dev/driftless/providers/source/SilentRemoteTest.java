package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every transport gives up after its timeout: a remote that accepts the connection and then
 * says nothing, as a hung server or a half-open firewall does, fails the poll instead of
 * stopping it forever.
 */
class SilentRemoteTest {

    @TempDir
    Path temp;

    private ServerSocket silent;
    private final List<Socket> accepted = new ArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void listenAndSayNothing() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = silent.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent remote");
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        silent.close();
        acceptor.join(5_000);
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private void assertGivesUpWithinTheTimeout(SourceSpec spec) {
        long start = System.nanoTime();
        try (GitSource source = new GitSource(spec, temp.resolve("cache"), Duration.ofSeconds(1), SourceEvents.NONE)) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isTrue())
                    .hasMessageContaining(spec.url());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anHttpRemoteThatNeverAnswersTimesOut() {
        assertGivesUpWithinTheTimeout(new SourceSpec("http://127.0.0.1:" + silent.getLocalPort() + "/acme/fleet.git", "main"));
    }

    @Test
    void anSshRemoteThatNeverAnswersTimesOut() {
        assertGivesUpWithinTheTimeout(new SourceSpec("ssh://git@127.0.0.1:" + silent.getLocalPort() + "/acme/fleet.git",
                "main").withCredentials(Credentials.sshKey(temp.resolve("id_ed25519"), temp.resolve("known_hosts"))));
    }
}
