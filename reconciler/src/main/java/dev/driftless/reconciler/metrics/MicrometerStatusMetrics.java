package dev.driftless.reconciler.metrics;

import dev.driftless.providers.status.Provider;
import dev.driftless.providers.status.StatusMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Commit-status reports by provider and outcome, as {@code driftless_commit_status_reports_total}:
 * published, failed (after retries), dropped (queue full), circuit_open, superseded (a newer report
 * for the same commit and context replaced it before it was sent).
 */
@Singleton
public final class MicrometerStatusMetrics implements StatusMetrics {

    private final MeterRegistry registry;

    public MicrometerStatusMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void published(Provider provider) {
        count(provider, "published");
    }

    @Override
    public void failed(Provider provider) {
        count(provider, "failed");
    }

    @Override
    public void dropped(Provider provider) {
        count(provider, "dropped");
    }

    @Override
    public void circuitOpen(Provider provider) {
        count(provider, "circuit_open");
    }

    @Override
    public void superseded(Provider provider) {
        count(provider, "superseded");
    }

    private void count(Provider provider, String outcome) {
        Counter.builder("driftless.commit.status.reports")
                .description("Commit statuses reported to git providers, by provider and outcome")
                .tag("provider", provider.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry).increment();
    }
}
