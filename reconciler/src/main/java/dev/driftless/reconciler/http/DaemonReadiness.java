package dev.driftless.reconciler.http;

import dev.driftless.reconciler.daemon.Daemon;
import dev.driftless.reconciler.lease.LeaseStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /health/readiness}: ready when the store answers, who holds the lease is known, and every
 * target known so far (the local one, and each one a reconcile placed apps on) has been looked at at
 * least once. The answer names each part and, when not ready, says
 * which parts are not ({@code "not ready": [...]}), so a person or a load balancer's log tells why.
 */
@Singleton
@Readiness
@Requires(beans = Daemon.class)
public class DaemonReadiness extends AbstractHealthIndicator<Map<String, Object>> {

    private final Daemon daemon;

    public DaemonReadiness(Daemon daemon) {
        this.daemon = daemon;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> parts = new LinkedHashMap<>();
        List<String> notReady = new ArrayList<>();
        try {
            LeaseStore.LeaseState lease = daemon.election().current();
            parts.put("store", "reachable");
            if (daemon.election().leaseKnown()) {
                parts.put("lease", lease.toString() + (daemon.election().isLeader() ? " (this instance leads)"
                        : " (this instance stands by)"));
            } else {
                parts.put("lease", "not tried yet");
                notReady.add("lease");
            }
        } catch (RuntimeException e) {
            parts.put("store", "unreachable: " + e.getMessage());
            notReady.add("store");
        }
        Map<String, String> targets = new LinkedHashMap<>();
        daemon.targetsUp().forEach((target, up) -> {
            targets.put(target, up.map(answered -> answered ? "observed" : "observed, did not answer last time")
                    .orElse("not observed yet"));
            if (up.isEmpty()) {
                notReady.add("target " + target);
            }
        });
        parts.put("targets", targets);
        if (!notReady.isEmpty()) {
            parts.put("not ready", notReady);
        }
        healthStatus = notReady.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        return parts;
    }

    @Override
    protected String getName() {
        return "driftless";
    }
}
