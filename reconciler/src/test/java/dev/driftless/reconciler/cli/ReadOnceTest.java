package dev.driftless.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.engine.SourceUnavailableException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadOnceTest {

    private final AtomicInteger reads = new AtomicInteger();
    private boolean unavailable;

    private final DesiredStateSource folder = new DesiredStateSource() {
        @Override
        public String repoName() {
            return "repo";
        }

        @Override
        public String location() {
            return "/srv/repo";
        }

        @Override
        public Snapshot latest() throws SourceUnavailableException {
            int read = reads.incrementAndGet();
            if (unavailable) {
                throw new SourceUnavailableException("/srv/repo cannot be read", null);
            }
            return new Snapshot("rev-" + read, "read " + read, InMemoryRepoTree.of(Map.of("web/compose.yaml",
                    "services: {web: {image: busybox:1.36}}")));
        }
    };

    @Test
    void aCommandReadsItsSourceOnceAndEveryAnswerIsAboutThatRevision() throws SourceUnavailableException {
        OneShot.ReadOnce source = new OneShot.ReadOnce(folder);

        Snapshot checked = source.latest();
        Snapshot planned = source.latest();

        assertThat(reads).hasValue(1);
        assertThat(planned).isSameAs(checked);
        assertThat(source.identity()).isEqualTo("/srv/repo");
    }

    @Test
    void aReadThatFailedIsTriedAgain() throws SourceUnavailableException {
        OneShot.ReadOnce source = new OneShot.ReadOnce(folder);
        unavailable = true;
        assertThatThrownBy(source::latest).isInstanceOf(SourceUnavailableException.class);

        unavailable = false;

        assertThat(source.latest().revision()).isEqualTo("rev-2");
    }
}
