package dev.driftless.reconciler.history;

import dev.driftless.reconciler.daemon.AppStatus;
import dev.driftless.reconciler.daemon.StoredAppStatuses;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook delivery log, the stored triggers and app statuses on the real store (H2 and PostgreSQL). */
class StoreTablesIT {

    private ApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aRedeliveryIsSeenOnceWithinTheRetentionAndForgottenAfterIt(TestStores store) {
        context = ApplicationContext.run(store.freshDatabase());
        JdbcDeliveryLog log = context.getBean(JdbcDeliveryLog.class);
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        assertThat(log.firstSeen("github", "d-1", now)).isTrue();
        assertThat(log.firstSeen("github", "d-1", now.plusSeconds(60))).isFalse();
        assertThat(log.firstSeen("gitlab", "d-1", now.plusSeconds(60))).as("another provider's id").isTrue();
        assertThat(log.firstSeen("github", "d-1", now.plus(Duration.ofHours(25)))).as("past the retention").isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void theLeaderTakesEveryStoredTriggerOnceOldestFirst(TestStores store) {
        context = ApplicationContext.run(store.freshDatabase());
        StoredTriggers triggers = context.getBean(StoredTriggers.class);

        triggers.write("main", Trigger.WEBHOOK, ReconcileScope.apps(Set.of("shop", "blog")));
        triggers.write("other", Trigger.API, ReconcileScope.ALL);

        assertThat(triggers.takeAll()).extracting(t -> t.source() + " " + t.trigger() + " " + t.scope())
                .containsExactly("main WEBHOOK blog, shop", "other API all apps");
        assertThat(triggers.takeAll()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aStandbyReadsEachAppsHealthAndNextRetryAsTheLeaderWroteThem(TestStores store) {
        context = ApplicationContext.run(store.freshDatabase());
        StoredAppStatuses statuses = context.getBean(StoredAppStatuses.class);
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        AppStatus shop = new AppStatus("shop", "main", "c0ffee", "Unknown", "Degraded", "failed", "boom", at,
                Optional.of(at.plusSeconds(40)));
        AppStatus blog = new AppStatus("blog", "main", "c0ffee", "OutOfSync", "Missing", "drifted", "removed", at,
                Optional.empty());

        statuses.replace("main", Map.of("shop", shop, "blog", blog));

        assertThat(statuses.read("main")).containsOnly(Map.entry("shop", shop), Map.entry("blog", blog));
    }
}
