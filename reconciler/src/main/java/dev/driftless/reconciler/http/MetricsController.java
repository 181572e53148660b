package dev.driftless.reconciler.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/**
 * Prometheus text at {@code GET /metrics}, the path every scrape config assumes (Micronaut's own
 * endpoint lives at {@code /prometheus} and is switched off).
 */
@Controller("/metrics")
public class MetricsController {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    private final java.util.Optional<dev.driftless.reconciler.metrics.DaemonMetrics> daemonMetrics;

    /** @param daemonMetrics the app series, brought up to date before each scrape; absent without a daemon */
    public MetricsController(PrometheusMeterRegistry registry,
            java.util.Optional<dev.driftless.reconciler.metrics.DaemonMetrics> daemonMetrics) {
        this.daemonMetrics = daemonMetrics;
        this.registry = registry;
    }

    @Get
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        daemonMetrics.ifPresent(dev.driftless.reconciler.metrics.DaemonMetrics::refresh);
        return registry.scrape();
    }
}
