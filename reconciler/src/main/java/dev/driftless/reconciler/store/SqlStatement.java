package dev.driftless.reconciler.store;

/**
 * One statement of a migration script, with the line it starts on, so that a failure names the
 * place in the file a person has to look at.
 *
 * @param line the 1-based line of the statement's first character (comments before it excluded)
 * @param sql  the statement without its {@code ;} and without comments
 */
public record SqlStatement(int line, String sql) {

    public SqlStatement {
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be blank");
        }
    }
}
