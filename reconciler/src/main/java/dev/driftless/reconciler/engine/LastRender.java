package dev.driftless.reconciler.engine;

import dev.driftless.manifests.layout.RenderedRepo;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rendering of the last revision read, kept so that a reconcile of a revision already seen
 * (every poll and drift check between two commits) does not render the whole repository again:
 * with 500 services that is tens of milliseconds of a no-op reconcile. A revision names its files
 * exactly (a commit id, or a hash of a folder's paths and contents), and rendering depends only on
 * them, the process's environment and the decryption keys, which do not change while it runs.
 * A rendering with a failed app is never kept: what failed (a missing key, an unset variable
 * given later) is tried again each time.
 */
final class LastRender {

    private record Kept(String revision, RenderedRepo rendered) {
    }

    private final AtomicReference<Kept> kept = new AtomicReference<>();

    /** The rendering of {@code revision}: the kept one if it is that revision's, else {@code render}'s. */
    RenderedRepo of(String revision, Supplier<RenderedRepo> render) {
        Kept last = kept.get();
        if (last != null && last.revision().equals(revision)) {
            return last.rendered();
        }
        RenderedRepo rendered = render.get();
        if (rendered.failures().isEmpty()) {
            kept.set(new Kept(revision, rendered));
        }
        return rendered;
    }
}
