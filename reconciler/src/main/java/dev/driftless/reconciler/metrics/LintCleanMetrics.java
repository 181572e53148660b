package dev.driftless.reconciler.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Keeps {@code /metrics} clean under {@code promtool check metrics}: two of Micrometer's stock JVM
 * meters break Prometheus naming rules ({@code process_cpu_time_ns_total} abbreviates its unit,
 * {@code system_cpu_count} ends in {@code _count} without being a summary). Both are dropped; the
 * CPU usage gauges stay.
 */
@Factory
public class LintCleanMetrics {

    @Singleton
    MeterFilter dropMetersThatBreakPrometheusNaming() {
        return MeterFilter.deny(meter -> meter.getName().equals("process.cpu.time")
                || meter.getName().equals("system.cpu.count"));
    }
}
