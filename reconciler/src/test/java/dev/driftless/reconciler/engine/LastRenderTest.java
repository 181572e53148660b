package dev.driftless.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.layout.RenderedRepo;
import dev.driftless.manifests.ManifestProblem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LastRenderTest {

    private final LastRender lastRender = new LastRender();
    private final AtomicInteger renders = new AtomicInteger();

    @Test
    void aRevisionAlreadyRenderedIsNotRenderedAgain() {
        RenderedRepo first = lastRender.of("abc", () -> rendered(List.of()));
        RenderedRepo again = lastRender.of("abc", () -> rendered(List.of()));

        assertThat(again).isSameAs(first);
        assertThat(renders).hasValue(1);
    }

    @Test
    void aNewRevisionIsRenderedAndReplacesTheKeptOne() {
        lastRender.of("abc", () -> rendered(List.of()));
        lastRender.of("def", () -> rendered(List.of()));
        lastRender.of("abc", () -> rendered(List.of()));

        assertThat(renders).hasValue(3);
    }

    @Test
    void aRenderingWithAFailedAppIsRenderedAgainEachTime() {
        List<ManifestProblem> missingKey = List.of(ManifestProblem.inFile("web/.env.age", "no key decrypts it"));
        lastRender.of("abc", () -> rendered(missingKey));
        RenderedRepo later = lastRender.of("abc", () -> rendered(List.of()));

        assertThat(renders).hasValue(2);
        assertThat(later.failures()).isEmpty();
        assertThat(lastRender.of("abc", () -> rendered(List.of()))).isSameAs(later);
    }

    private RenderedRepo rendered(List<ManifestProblem> problems) {
        renders.incrementAndGet();
        return new RenderedRepo(List.of(), problems.isEmpty() ? Map.of() : Map.of("web", problems));
    }
}
