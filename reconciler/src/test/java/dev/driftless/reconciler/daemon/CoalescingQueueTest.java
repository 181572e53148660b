package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoalescingQueueTest {

    private final ExecutorService worker = Executors.newFixedThreadPool(4);
    private final ExecutorService pushers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        worker.shutdownNow();
        pushers.shutdownNow();
    }

    @Test
    void aBurstOfAHundredPushesIsAtMostTwoReconcilesAndNeverTwoAtOnce() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        List<ReconcileScope> runs = new CopyOnWriteArrayList<>();
        CoalescingQueue queue = new CoalescingQueue(worker, (trigger, scope) -> {
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            runs.add(scope);
            firstRunning.countDown();
            try {
                releaseFirst.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
        });

        queue.submit(Trigger.WEBHOOK, ReconcileScope.apps(Set.of("shop")));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch sent = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            String app = i % 2 == 0 ? "shop" : "blog";
            pushers.execute(() -> {
                queue.submit(Trigger.WEBHOOK, ReconcileScope.apps(Set.of(app)));
                sent.countDown();
            });
        }
        assertThat(sent.await(5, TimeUnit.SECONDS)).isTrue();
        releaseFirst.countDown();
        await().atMost(Duration.ofSeconds(5)).until(queue::idle);

        assertThat(runs).hasSize(2);
        assertThat(runs.get(1)).isEqualTo(ReconcileScope.apps(Set.of("shop", "blog")));
        assertThat(runs.stream().filter(scope -> scope.includes("shop")).count()).isLessThanOrEqualTo(2);
        assertThat(mostConcurrent.get()).isEqualTo(1);
    }

    @Test
    void aPollMergedWithAPushWidensTheWaitingRunToEveryApp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<ReconcileScope> runs = new CopyOnWriteArrayList<>();
        CoalescingQueue queue = heldUntil(release, (trigger, scope) -> runs.add(scope));

        queue.submit(Trigger.STARTUP, ReconcileScope.ALL);
        await().until(() -> runs.size() == 1);
        boolean pushQueued = queue.submit(Trigger.WEBHOOK, ReconcileScope.apps(Set.of("shop")));
        boolean pollMerged = queue.submit(Trigger.POLL, ReconcileScope.ALL);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(queue::idle);

        assertThat(pushQueued).isTrue();
        assertThat(pollMerged).isFalse();
        assertThat(runs).containsExactly(ReconcileScope.ALL, ReconcileScope.ALL);
    }

    @Test
    void aDriftMergedIntoAWaitingPollLeavesItAPoll() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Trigger> runs = new CopyOnWriteArrayList<>();
        CoalescingQueue queue = heldUntil(release, (trigger, scope) -> runs.add(trigger));

        queue.submit(Trigger.STARTUP, ReconcileScope.ALL);
        await().until(() -> runs.size() == 1);
        queue.submit(Trigger.POLL, ReconcileScope.ALL);
        queue.submit(Trigger.DRIFT, ReconcileScope.apps(Set.of("shop")));
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(queue::idle);

        assertThat(runs).containsExactly(Trigger.STARTUP, Trigger.POLL);
    }

    /** A queue whose every run is recorded by {@code record}, then waits for {@code release}. */
    private CoalescingQueue heldUntil(CountDownLatch release,
            java.util.function.BiConsumer<Trigger, ReconcileScope> record) {
        return new CoalescingQueue(worker, (trigger, scope) -> {
            record.accept(trigger, scope);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aReconcileThatThrowsDoesNotStopTheQueue() {
        AtomicInteger calls = new AtomicInteger();
        CoalescingQueue queue = new CoalescingQueue(worker, (trigger, scope) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug");
            }
        });

        queue.submit(Trigger.POLL, ReconcileScope.ALL);
        await().atMost(Duration.ofSeconds(5)).until(queue::idle);
        queue.submit(Trigger.POLL, ReconcileScope.ALL);
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2);

        assertThat(queue.idle()).isTrue();
    }
}
