package dev.driftless.reconciler.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import org.reactivestreams.Publisher;

import java.security.Principal;

/**
 * {@code /health} is pure liveness: it answers 200 {@code {"status":"UP"}} while the process runs,
 * whatever the store or the engines do. Micronaut's own endpoint aggregates every indicator on
 * {@code /health}, so a store that goes away would make a supervisor (a container's healthcheck,
 * systemd, a Kubernetes liveness probe) kill a daemon that only has to wait for the store to come
 * back. Which part is not ready stays on {@code /health/readiness} ({@link DaemonReadiness}); this
 * class only narrows the root path to the {@link Liveness} indicators, as {@code /health/liveness}.
 */
@Endpoint(id = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
public class LivenessHealthEndpoint extends HealthEndpoint {

    public LivenessHealthEndpoint(HealthAggregator<HealthResult> healthAggregator, HealthIndicator[] healthIndicators,
            @Liveness HealthIndicator[] livenessHealthIndicators) {
        super(healthAggregator, healthIndicators, livenessHealthIndicators);
    }

    @Read
    @Override
    public Publisher<HealthResult> getHealth(@Nullable Principal principal) {
        return getHealth(principal, HealthCheckType.LIVENESS);
    }
}
