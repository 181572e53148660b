package dev.driftless.reconciler.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flyway's default validation rules, on plain values. */
class MigrationCheckTest {

    private static final List<MigrationScript> BUNDLED = List.of(
            script("V1__first.sql", "CREATE TABLE a (id INT);"),
            script("V2__second.sql", "CREATE TABLE b (id INT);"),
            script("V10__tenth.sql", "CREATE TABLE c (id INT);"));

    private static MigrationScript script(String name, String text) {
        return new MigrationScript(Migration.named(name), text);
    }

    private static AppliedMigration applied(int rank, MigrationScript script) {
        Migration m = script.migration();
        return new AppliedMigration(rank, m.version(), m.description(), "SQL", m.script(), script.checksum(), true);
    }

    @Test
    void anEmptyStoreGetsEveryScriptInNumericVersionOrder() {
        List<MigrationScript> reversed = new ArrayList<>(BUNDLED);
        java.util.Collections.reverse(reversed);

        MigrationCheck.Outcome outcome = MigrationCheck.check(reversed, List.of());

        assertThat(outcome.pending()).extracting(s -> s.migration().version()).containsExactly("1", "2", "10");
        assertThat(outcome.future()).isEmpty();
    }

    @Test
    void onlyTheScriptsNotYetAppliedArePendingAndFlywaysMarkerRowsAreIgnored() {
        List<AppliedMigration> history = List.of(
                new AppliedMigration(0, null, "<< Flyway Schema Creation >>", "SCHEMA", "\"public\"", null, true),
                applied(1, BUNDLED.get(0)), applied(2, BUNDLED.get(1)));

        assertThat(MigrationCheck.check(BUNDLED, history).pending()).extracting(s -> s.migration().script())
                .containsExactly("V10__tenth.sql");
    }

    @Test
    void refusesAnAppliedScriptThatWasEditedAndNamesIt() {
        List<AppliedMigration> history = List.of(applied(1, script("V1__first.sql", "CREATE TABLE a (id BIGINT);")));

        assertThatThrownBy(() -> MigrationCheck.check(BUNDLED, history)).isInstanceOf(StoreMigrationException.class)
                .hasMessageContaining("V1__first.sql").hasMessageContaining("edited after it was applied");
    }

    @Test
    void refusesAFailedRowAndSaysHowToRepair() {
        AppliedMigration ok = applied(1, BUNDLED.get(0));
        AppliedMigration failed = applied(2, BUNDLED.get(1));
        failed = new AppliedMigration(2, failed.version(), failed.description(), "SQL", failed.script(),
                failed.checksum(), false);
        List<AppliedMigration> history = List.of(ok, failed);

        assertThatThrownBy(() -> MigrationCheck.check(BUNDLED, history))
                .hasMessageContaining("V2__second.sql").hasMessageContaining("failed part-way")
                .hasMessageContaining("delete its row (installed_rank 2)");
    }

    @Test
    void refusesABundledScriptOlderThanTheNewestAppliedThatWasNeverApplied() {
        List<AppliedMigration> history = List.of(applied(1, BUNDLED.get(0)), applied(2, BUNDLED.get(2)));

        assertThatThrownBy(() -> MigrationCheck.check(BUNDLED, history))
                .hasMessageContaining("V2__second.sql").hasMessageContaining("out of order");
    }

    @Test
    void carriesOnWithVersionsANewerDriftlessApplied() {
        List<AppliedMigration> history = new ArrayList<>();
        for (int i = 0; i < BUNDLED.size(); i++) {
            history.add(applied(i + 1, BUNDLED.get(i)));
        }
        history.add(applied(4, script("V11__from_the_future.sql", "CREATE TABLE d (id INT);")));

        MigrationCheck.Outcome outcome = MigrationCheck.check(BUNDLED, history);

        assertThat(outcome.pending()).isEmpty();
        assertThat(outcome.future()).extracting(AppliedMigration::script).containsExactly("V11__from_the_future.sql");
    }

    @Test
    void refusesAnAppliedVersionBelowTheNewestBundledThatIsNoLongerBundled() {
        List<AppliedMigration> history = List.of(applied(1, BUNDLED.get(0)),
                applied(2, script("V3__removed.sql", "CREATE TABLE x (id INT);")));

        assertThatThrownBy(() -> MigrationCheck.check(BUNDLED, history))
                .hasMessageContaining("V3__removed.sql").hasMessageContaining("not bundled");
    }

    @Test
    void refusesAnAppliedScriptWhoseDescriptionChanged() {
        List<AppliedMigration> history = List.of(applied(1, script("V1__renamed.sql", "CREATE TABLE a (id INT);")));

        assertThatThrownBy(() -> MigrationCheck.check(BUNDLED, history))
                .hasMessageContaining("V1__first.sql").hasMessageContaining("renamed");
    }
}
