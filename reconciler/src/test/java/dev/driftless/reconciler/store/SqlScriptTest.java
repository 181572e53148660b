package dev.driftless.reconciler.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statement splitter, on the shapes our migrations are written in. */
class SqlScriptTest {

    @Test
    void splitsAtSemicolonsAndKeepsALastStatementWithoutOne() {
        List<SqlStatement> statements = SqlScript.statements("CREATE TABLE a (id INT);\nCREATE TABLE b (id INT)\n");

        assertThat(statements).containsExactly(new SqlStatement(1, "CREATE TABLE a (id INT)"),
                new SqlStatement(2, "CREATE TABLE b (id INT)"));
    }

    @Test
    void aLineCommentWithAnApostropheOrASemicolonDoesNotSplitOrOpenAString() {
        String script = """
                -- Expiry is computed by the database's clock; instances' clocks never have to agree
                CREATE TABLE a (id INT); -- the table's key
                -- what's next
                CREATE INDEX a_id ON a (id);
                """;

        assertThat(SqlScript.statements(script)).containsExactly(new SqlStatement(2, "CREATE TABLE a (id INT)"),
                new SqlStatement(4, "CREATE INDEX a_id ON a (id)"));
    }

    @Test
    void aBlockCommentSpanningLinesIsLeftOutAndLinesStillCount() {
        String script = "/* one;\n two's\n three */\nINSERT INTO a VALUES (1);\nINSERT /* x; */ INTO a VALUES (2);";

        assertThat(SqlScript.statements(script)).containsExactly(new SqlStatement(4, "INSERT INTO a VALUES (1)"),
                new SqlStatement(5, "INSERT   INTO a VALUES (2)"));
    }

    @Test
    void aStringMayHoldSemicolonsDashesAndEscapedQuotesAcrossLines() {
        String script = "INSERT INTO a VALUES ('it''s; -- not a comment\nstill the string /* */');\nSELECT 1;";

        assertThat(SqlScript.statements(script)).containsExactly(
                new SqlStatement(1, "INSERT INTO a VALUES ('it''s; -- not a comment\nstill the string /* */')"),
                new SqlStatement(3, "SELECT 1"));
    }

    @Test
    void aQuotedIdentifierMayHoldASemicolon() {
        assertThat(SqlScript.statements("CREATE TABLE \"odd;name\" (id INT);"))
                .containsExactly(new SqlStatement(1, "CREATE TABLE \"odd;name\" (id INT)"));
    }

    @Test
    void onlyCommentsAndBlanksAndEmptyStatementsGiveNothing() {
        assertThat(SqlScript.statements("-- nothing\n\n/* still nothing */ ;;\n  ")).isEmpty();
    }

    @Test
    void aStatementAfterABlankLineStartsOnItsOwnLine() {
        assertThat(SqlScript.statements("SELECT 1;\n\n\n   SELECT\n 2;"))
                .extracting(SqlStatement::line).containsExactly(1, 4);
    }

    @Test
    void everyBundledScriptSplitsIntoTheStatementsItWasWrittenWith() {
        List<MigrationScript> scripts = BundledMigrations.load(getClass().getClassLoader());

        assertThat(SqlScript.statements(scripts.get(5).text())).extracting(SqlStatement::line)
                .as("V11: the lease table, its row, the fencing log and its index").containsExactly(4, 12, 16, 25);
        for (MigrationScript script : scripts) {
            assertThat(SqlScript.statements(script.text())).as(script.migration().script())
                    .isNotEmpty().allSatisfy(s -> assertThat(s.sql()).doesNotContain("--"));
        }
    }
}
