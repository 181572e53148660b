package dev.driftless.providers.status;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what the publisher reports, and lets a test wait for a count. */
final class CountingMetrics implements StatusMetrics {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public void published(Provider provider) {
        add("published");
    }

    @Override
    public void failed(Provider provider) {
        add("failed");
    }

    @Override
    public void dropped(Provider provider) {
        add("dropped");
    }

    @Override
    public void circuitOpen(Provider provider) {
        add("circuitOpen");
    }

    @Override
    public void superseded(Provider provider) {
        add("superseded");
    }

    int count(String kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** Waits up to {@code timeout} for {@code kind} to reach {@code expected}; returns the count then. */
    int await(String kind, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (count(kind) < expected && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        return count(kind);
    }

    private void add(String kind) {
        counts.merge(kind, 1, Integer::sum);
        synchronized (this) {
            notifyAll();
        }
    }
}
