package dev.driftless.reconciler.history;

import dev.driftless.reconciler.engine.RolloutEntry;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The history on the real store (H2, migrated by Flyway), without a daemon. */
class RolloutHistoryIT {

    private ApplicationContext context;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "driftless.history.keep", 3));
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void keepsTheLastNRolloutsOfEachAppAndNoneOfAnothersAreTouched() {
        JdbcRolloutHistory history = context.getBean(JdbcRolloutHistory.class);
        for (int i = 1; i <= 5; i++) {
            history.record(entry("shop", "rev" + i));
        }
        history.record(entry("blog", "only"));

        RolloutRepository rows = context.getBean(RolloutRepository.class);
        assertThat(rows.findTop50ByAppOrderByIdDesc("shop")).extracting(RolloutRow::revision)
                .containsExactly("rev5", "rev4", "rev3");
        assertThat(rows.findTop50ByAppOrderByIdDesc("blog")).extracting(RolloutRow::revision).containsExactly("only");
        assertThat(history.last("shop")).hasValueSatisfying(last -> assertThat(last.revision()).isEqualTo("rev5"));
    }

    @Test
    void cutsATooLongErrorAndSaysSo() {
        JdbcRolloutHistory history = context.getBean(JdbcRolloutHistory.class);

        history.record(new RolloutEntry("shop", "rev", "poll", Instant.now(), Instant.now(), "failed", "",
                "x".repeat(20_000)));

        String stored = history.last("shop").orElseThrow().error();
        assertThat(stored).hasSize(JdbcRolloutHistory.MAX_TEXT).endsWith("[…cut]");
    }

    private static RolloutEntry entry(String app, String revision) {
        return new RolloutEntry(app, revision, "poll", Instant.now(), Instant.now(), "applied", "1 to add", "");
    }
}
