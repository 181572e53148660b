package dev.driftless.providers.webhook;

import java.time.Instant;

/**
 * Remembers which deliveries have been received, so a redelivery (a provider's retry after a
 * timeout, a person pressing "Redeliver") is recognised and not acted on twice.
 *
 * <p>An interface because the memory it needs differs: one instance keeps it in memory
 * ({@link InMemoryDeliveryLog}); several instances behind a load balancer share it through the
 * store. Implementations must be safe for concurrent use and bounded: a flood of distinct ids
 * must not grow them without limit.
 */
public interface DeliveryLog {

    /**
     * Records the delivery and says whether this is the first time it is seen (within the log's
     * memory). Called only for deliveries whose signature verified, so a forger cannot fill the
     * log or mark a future id as seen.
     *
     * @param provider the provider's id ({@link WebhookProvider#id()}); ids are unique per provider
     * @param deliveryId the provider's delivery id, as sent
     * @param now the time of receipt, from the daemon's clock
     * @return {@code true} the first time, {@code false} for a redelivery
     */
    boolean firstSeen(String provider, String deliveryId, Instant now);
}
