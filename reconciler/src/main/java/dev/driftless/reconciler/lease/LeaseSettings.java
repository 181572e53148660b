package dev.driftless.reconciler.lease;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the lease lasts and how often its holder renews it, in the spirit of Kubernetes
 * leases: a standby takes over at most {@code duration + renewEvery} after the leader died.
 *
 * @param instanceId this instance's name in the lease and the fencing log; unique per process
 * @param duration how long a renewal holds, measured by the database's clock (default 15 s)
 * @param renewEvery how often the holder renews, and how often a standby tries (default 5 s)
 */
public record LeaseSettings(String instanceId, Duration duration, Duration renewEvery) {

    public LeaseSettings {
        Objects.requireNonNull(instanceId, "driftless.instance-id");
        if (instanceId.isBlank() || instanceId.length() > 255) {
            throw new IllegalArgumentException("driftless.instance-id must be 1 to 255 characters, was '"
                    + instanceId + "'");
        }
        if (duration.toMillis() < 1000) {
            throw new IllegalArgumentException("driftless.lease.duration must be at least 1s, was " + duration);
        }
        if (renewEvery.isNegative() || renewEvery.isZero() || renewEvery.compareTo(duration.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("driftless.lease.renew-every must be positive and at most half of "
                    + "driftless.lease.duration (" + duration + "), was " + renewEvery);
        }
    }

    /** The settings as configured, with the defaults for what is not. */
    @ConfigurationProperties("driftless.lease")
    public static final class Configured {
        private Duration duration = Duration.ofSeconds(15);
        private Duration renewEvery = Duration.ofSeconds(5);

        public Duration getDuration() {
            return duration;
        }

        public void setDuration(Duration duration) {
            this.duration = duration;
        }

        public Duration getRenewEvery() {
            return renewEvery;
        }

        public void setRenewEvery(Duration renewEvery) {
            this.renewEvery = renewEvery;
        }

        public LeaseSettings resolve(@Nullable String instanceId) {
            return new LeaseSettings(instanceId == null ? defaultInstanceId() : instanceId, duration, renewEvery);
        }
    }

    /** Host name and process id: two daemons on one host still differ, and a restart is a new holder. */
    static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
