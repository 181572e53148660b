package dev.driftless.reconciler.history;

import dev.driftless.reconciler.engine.RolloutEntry;
import dev.driftless.reconciler.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The history on the real store (H2 and PostgreSQL, migrated by the store package), without a daemon. */
class RolloutHistoryIT {

    private ApplicationContext context;

    private JdbcRolloutHistory open(TestStores store) {
        Map<String, Object> settings = new HashMap<>(store.freshDatabase());
        settings.put("driftless.history.keep", 3);
        context = ApplicationContext.run(settings);
        return context.getBean(JdbcRolloutHistory.class);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void keepsTheLastNRolloutsOfEachAppAndNoneOfAnothersAreTouched(TestStores store) {
        JdbcRolloutHistory history = open(store);
        for (int i = 1; i <= 5; i++) {
            history.record(entry("shop", "rev" + i));
        }
        history.record(entry("blog", "only"));

        RolloutRepository rows = context.getBean(RolloutRepository.class);
        assertThat(rows.findTop50ByAppOrderByIdDesc("shop")).extracting(RolloutRow::revision)
                .containsExactly("rev5", "rev4", "rev3");
        assertThat(rows.findTop50ByAppOrderByIdDesc("blog")).extracting(RolloutRow::revision).containsExactly("only");
        assertThat(rows.findTop50OrderByIdDesc()).hasSize(4);
        assertThat(history.last("shop")).hasValueSatisfying(last -> assertThat(last.revision()).isEqualTo("rev5"));
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void cutsATooLongErrorAndSaysSo(TestStores store) {
        JdbcRolloutHistory history = open(store);

        history.record(new RolloutEntry("shop", "rev", "poll", Instant.now(), Instant.now(), "failed", "",
                "x".repeat(20_000)));

        String stored = history.last("shop").orElseThrow().error();
        assertThat(stored).hasSize(JdbcRolloutHistory.MAX_TEXT).endsWith("[…cut]");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void keepsSuspensionsAndPinnedRevisions(TestStores store) {
        open(store);
        AppSettingRepository settings = context.getBean(AppSettingRepository.class);
        settings.save(new AppSettingRow("shop", true, Instant.now(), "abc123"));
        settings.save(new AppSettingRow("blog", false, Instant.now(), null));

        assertThat(settings.findBySuspendedTrue()).extracting(AppSettingRow::app).containsExactly("shop");
        assertThat(settings.findById("shop")).hasValueSatisfying(row ->
                assertThat(row.pinnedRevision()).isEqualTo("abc123"));
    }

    private static RolloutEntry entry(String app, String revision) {
        return new RolloutEntry(app, revision, "poll", Instant.now(), Instant.now(), "applied", "1 to add", "");
    }
}
