package dev.driftless.providers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the reconciler hands commit statuses, fire and forget: {@link #publish} queues the report
 * and returns at once, and a few worker threads send it. A provider outage, a slow provider or a
 * full queue can cost a status, never a deploy: {@code publish} does not block and does not throw,
 * and every report's fate is counted through {@link StatusMetrics} and logged.
 *
 * <p>Promises:
 * <ul>
 *   <li><b>Bounded.</b> At most {@code capacity} reports wait; one more is dropped and counted,
 *       rather than queued without end while a provider is down.
 *   <li><b>In order per context.</b> Reports for one repository, commit and context are sent one
 *       at a time, in the order given, so "success" can never be overtaken by the "pending" it
 *       replaces.
 *   <li><b>Newest wins.</b> A report for a commit and context that is still waiting is replaced by
 *       a newer one (counted as superseded): only the latest state matters to the provider.
 * </ul>
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class StatusPublisher implements AutoCloseable {

    /** How long {@link #close()} lets the workers finish what they are sending. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    /** What became of a {@link #publish} call. */
    public enum Submission {
        /** Queued; a worker will send it. */
        QUEUED,
        /** Queued in place of an older report for the same commit and context, which will not be sent. */
        REPLACED,
        /** Not queued (full queue, closed publisher, or unusable arguments); counted and logged. */
        DROPPED
    }

    private final int capacity;
    private final StatusMetrics metrics;
    private final Object lock = new Object();
    private final LinkedHashMap<Key, Job> waiting = new LinkedHashMap<>();
    private final Set<Key> sending = new HashSet<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean closed;

    private StatusPublisher(int capacity, StatusMetrics metrics) {
        this.capacity = capacity;
        this.metrics = metrics;
    }

    /**
     * Starts the workers.
     *
     * @param capacity how many reports may wait, at least 1 (a few per app is plenty: each
     *     rollout makes two)
     * @param workerCount how many reports may be in flight at once, at least 1
     * @param metrics where outcomes are counted
     */
    public static StatusPublisher start(int capacity, int workerCount, StatusMetrics metrics) {
        if (capacity < 1 || workerCount < 1) {
            throw new IllegalArgumentException("a status publisher needs a capacity and a worker count of at least 1,"
                    + " got " + capacity + " and " + workerCount);
        }
        StatusPublisher publisher = new StatusPublisher(capacity, Objects.requireNonNull(metrics, "metrics"));
        for (int i = 1; i <= workerCount; i++) {
            Thread worker = new Thread(publisher::work, "driftless-status-" + i);
            worker.setDaemon(true);
            publisher.workers.add(worker);
        }
        publisher.workers.forEach(Thread::start);
        return publisher;
    }

    /**
     * Queues a report and returns at once. Never throws and never blocks on the network.
     *
     * @param repository where the status goes
     * @param reporter the client of the repository's provider, with the source's credential
     * @param status the status
     * @return whether the report was queued, replaced a waiting one, or was dropped
     */
    public Submission publish(RepositoryRef repository, CommitStatusReporter reporter, CommitStatus status) {
        if (repository == null || reporter == null || status == null) {
            // A wiring bug, not an outage: say so loudly, but a deploy still must not fail over it.
            LOG.error("commit status dropped: publish() needs a repository, a reporter and a status, and got a null"
                    + " (repository {}, status {})", repository, status);
            if (repository != null) {
                count(metrics::dropped, repository.provider());
            }
            return Submission.DROPPED;
        }
        Provider provider = repository.provider();
        Key key = new Key(repository.apiBase().toString(), repository.path(), status.commitSha(), status.context());
        Job job = new Job(repository, reporter, status);
        Submission submission;
        String dropReason = "";
        synchronized (lock) {
            if (closed) {
                submission = Submission.DROPPED;
                dropReason = "the publisher is closed";
            } else if (waiting.containsKey(key)) {
                waiting.put(key, job); // keeps the older report's place in line
                submission = Submission.REPLACED;
            } else if (waiting.size() >= capacity) {
                submission = Submission.DROPPED;
                dropReason = "the queue of " + capacity + " is full";
            } else {
                waiting.put(key, job);
                submission = Submission.QUEUED;
            }
            lock.notifyAll();
        }
        switch (submission) {
            case DROPPED -> {
                LOG.warn("commit status {} for {} at {} to {} dropped: {}", status.state(), status.context(),
                        status.shortSha(), repository, dropReason);
                count(metrics::dropped, provider);
            }
            case REPLACED -> {
                LOG.debug("commit status {} for {} at {} replaces the one waiting", status.state(), status.context(),
                        status.shortSha());
                count(metrics::superseded, provider);
            }
            default -> LOG.debug("commit status {} for {} at {} queued", status.state(), status.context(),
                    status.shortSha());
        }
        return submission;
    }

    /** How many reports are waiting or being sent. */
    public int pending() {
        synchronized (lock) {
            return waiting.size() + sending.size();
        }
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Stops taking reports, lets the workers send what is queued for up to {@code grace}, then
     * interrupts them; reports still waiting after that are dropped and counted.
     */
    public void close(Duration grace) {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.forEach(Thread::interrupt);
        List<Job> left;
        synchronized (lock) {
            left = new ArrayList<>(waiting.values());
            waiting.clear();
        }
        for (Job job : left) {
            LOG.warn("commit status {} for {} at {} dropped: the publisher closed before sending it",
                    job.status().state(), job.status().context(), job.status().shortSha());
            count(metrics::dropped, job.repository().provider());
        }
    }

    private void work() {
        while (true) {
            Map.Entry<Key, Job> next;
            synchronized (lock) {
                while ((next = takeSendable()) == null) {
                    if (closed && waiting.isEmpty()) {
                        return;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return; // close() gave up waiting; what is left is counted there
                    }
                }
            }
            try {
                send(next.getValue());
            } finally {
                synchronized (lock) {
                    sending.remove(next.getKey());
                    lock.notifyAll();
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** The oldest waiting report whose context is not being sent, now marked as being sent. */
    private Map.Entry<Key, Job> takeSendable() {
        Iterator<Map.Entry<Key, Job>> entries = waiting.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Key, Job> entry = entries.next();
            if (!sending.contains(entry.getKey())) {
                entries.remove();
                sending.add(entry.getKey());
                return Map.entry(entry.getKey(), entry.getValue());
            }
        }
        return null;
    }

    private void send(Job job) {
        Provider provider = job.repository().provider();
        CommitStatus status = job.status();
        ReportOutcome outcome;
        try {
            outcome = job.reporter().report(job.repository(), status);
        } catch (RuntimeException e) {
            LOG.error("commit status {} for {} at {} to {} failed in the reporter itself", status.state(),
                    status.context(), status.shortSha(), job.repository(), e);
            count(metrics::failed, provider);
            return;
        }
        if (outcome == null) {
            LOG.error("commit status {} for {} at {} to {}: the reporter returned no outcome", status.state(),
                    status.context(), status.shortSha(), job.repository());
            count(metrics::failed, provider);
        } else if (outcome instanceof ReportOutcome.Published) {
            LOG.debug("commit status {} for {} at {} to {}: {}", status.state(), status.context(), status.shortSha(),
                    job.repository(), outcome.message());
            count(metrics::published, provider);
        } else if (outcome instanceof ReportOutcome.CircuitOpen) {
            LOG.debug("commit status {} for {} at {} to {} skipped: {}", status.state(), status.context(),
                    status.shortSha(), job.repository(), outcome.message());
            count(metrics::circuitOpen, provider);
        } else {
            LOG.warn("commit status {} for {} at {} to {} not published: {}", status.state(), status.context(),
                    status.shortSha(), job.repository(), outcome.message());
            count(metrics::failed, provider);
        }
    }

    private static void count(Consumer<Provider> counter, Provider provider) {
        try {
            counter.accept(provider);
        } catch (RuntimeException e) {
            LOG.warn("a commit status metric failed to count; ignored", e);
        }
    }

    private record Key(String apiBase, String repository, String commitSha, String context) {
    }

    private record Job(RepositoryRef repository, CommitStatusReporter reporter, CommitStatus status) {
    }
}
