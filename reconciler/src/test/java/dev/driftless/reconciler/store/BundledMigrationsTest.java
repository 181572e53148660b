package dev.driftless.reconciler.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The explicit list of migrations and the folder they live in never drift apart. */
class BundledMigrationsTest {

    private static final Path FOLDER = Path.of("src/main/resources/db/migration");

    private static List<String> filesInFolder() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void listsEveryScriptOfTheFolderAndNothingElse() throws IOException {
        assertThat(BundledMigrations.FILES)
                .as("BundledMigrations.FILES against %s: a script missing from the list is never applied", FOLDER)
                .containsExactlyInAnyOrderElementsOf(filesInFolder());
    }

    @Test
    void everyNameIsAVersionedFlywayNameAndTheListIsInVersionOrder() {
        List<Migration> migrations = BundledMigrations.FILES.stream().map(Migration::named).toList();

        assertThat(migrations).extracting(Migration::version).doesNotHaveDuplicates();
        assertThat(migrations)
                .isSortedAccordingTo(Comparator.comparing(Migration::version, Migration::compareVersions));
    }

    @Test
    void noScriptUsesDollarQuotingWhichTheSplitterDoesNotUnderstand() throws IOException {
        for (String name : filesInFolder()) {
            assertThat(Files.readString(FOLDER.resolve(name))).as(name).doesNotContain("$$");
        }
    }

    @Test
    void everyListedScriptLoadsFromTheClasspathWithItsVersionAndDescription() {
        List<MigrationScript> scripts = BundledMigrations.load(getClass().getClassLoader());

        assertThat(scripts).hasSameSizeAs(BundledMigrations.FILES);
        assertThat(scripts.get(5).migration())
                .isEqualTo(new Migration("11", "leader lease and fencing log",
                        "V11__leader_lease_and_fencing_log.sql"));
    }

    @Test
    void refusesANameThatIsNotVersionedLikeFlyways() {
        for (String name : List.of("V1_missing_underscore.sql", "v1__lower.sql", "V01__leading_zero.sql",
                "V1__spaces in name.sql", "V1__x.SQL", "R__repeatable.sql", "V1.1__dotted.sql")) {
            assertThatThrownBy(() -> Migration.named(name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        }
    }

    @Test
    void comparesVersionsAsNumbers() {
        assertThat(Migration.compareVersions("2", "10")).isNegative();
        assertThat(Migration.compareVersions("10", "9")).isPositive();
        assertThat(Migration.compareVersions("1.1", "1")).isPositive();
        assertThat(Migration.compareVersions("1.0", "1")).isZero();
    }
}
