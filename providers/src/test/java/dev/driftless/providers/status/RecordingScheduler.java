package dev.driftless.providers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that records every wait it is asked for and runs the task at once, so retry tests
 * check the waits (backoff, {@code Retry-After}) without sleeping through them.
 */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {

    private final List<Duration> waits = new ArrayList<>();

    RecordingScheduler() {
        super(1, task -> {
            Thread thread = new Thread(task, "recording-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        synchronized (waits) {
            waits.add(Duration.ofNanos(unit.toNanos(delay)));
        }
        return super.schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    List<Duration> waits() {
        synchronized (waits) {
            return List.copyOf(waits);
        }
    }
}
