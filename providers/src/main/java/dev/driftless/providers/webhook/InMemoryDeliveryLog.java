package dev.driftless.providers.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link DeliveryLog} in memory, bounded by age and by count: an id is remembered for
 * {@code retention} (24 hours by default, longer than any provider retries on its own) and at
 * most {@code capacity} ids are kept (10,000 by default, the oldest forgotten first), so a burst
 * of distinct deliveries costs a fixed amount of memory. It is forgotten on restart, which at
 * worst reconciles a redelivered push once more: reconciles are idempotent.
 *
 * <p>Safe for concurrent use (every call holds the instance's lock; each is a few map
 * operations).
 */
public final class InMemoryDeliveryLog implements DeliveryLog {

    /** The default retention, 24 hours. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** The default capacity, 10,000 deliveries. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Duration retention;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    /** A log with the default retention and capacity. */
    public InMemoryDeliveryLog() {
        this(DEFAULT_RETENTION, DEFAULT_CAPACITY);
    }

    /**
     * @param retention how long an id is remembered; positive
     * @param capacity how many ids are remembered at most; positive
     */
    public InMemoryDeliveryLog(Duration retention, int capacity) {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero() || capacity <= 0) {
            throw new IllegalArgumentException("a delivery log needs a positive retention and capacity, got "
                    + retention + " and " + capacity);
        }
        this.retention = retention;
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean firstSeen(String provider, String deliveryId, Instant now) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(now, "now");
        Instant horizon = now.minus(retention);
        expire(horizon);
        String key = provider + '\n' + deliveryId;
        Instant previous = seen.get(key);
        if (previous != null && previous.isAfter(horizon)) {
            return false;
        }
        seen.remove(key);
        seen.put(key, now);
        while (seen.size() > capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** How many ids are remembered now (for tests and a gauge). */
    public synchronized int size() {
        return seen.size();
    }

    /** Drops ids received at or before the horizon, oldest first (entries are in arrival order). */
    private void expire(Instant horizon) {
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Instant> entry = entries.next();
            if (entry.getValue().isAfter(horizon)) {
                return;
            }
            entries.remove();
        }
    }
}
