package dev.driftless.reconciler.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements at {@code ;}, for the portable SQL our migrations are
 * written in: {@code --} line comments and {@code /* *}{@code /} block comments (either may hold
 * an apostrophe or a {@code ;}), single-quoted strings with {@code ''} escapes, double-quoted
 * identifiers, and a last statement without {@code ;}. Comments are left out of the statements.
 * PostgreSQL's dollar-quoted bodies ({@code $$ ... $$}) are not understood: a script that needs
 * them is refused by the migration list's test.
 */
public final class SqlScript {

    private SqlScript() {
    }

    /** The statements of {@code text}, in order; empty when it holds only comments and blanks. */
    public static List<SqlStatement> statements(String text) {
        List<SqlStatement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? text.length() : end + 2;
                line += count(text, i, stop);
                current.append(' ');
                i = stop;
                continue;
            }
            if (c == ';') {
                add(statements, startLine, current);
                startLine = 0;
                i++;
                continue;
            }
            if (startLine == 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (c == '\'' || c == '"') {
                int stop = quoted(text, i, c);
                line += count(text, i, stop);
                current.append(text, i, stop);
                i = stop;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            if (startLine != 0) {
                current.append(c);
            }
            i++;
        }
        add(statements, startLine, current);
        return List.copyOf(statements);
    }

    /** The index just past the quoted text that starts at {@code open}; a doubled quote is an escape. */
    private static int quoted(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static void add(List<SqlStatement> statements, int startLine, StringBuilder current) {
        String sql = current.toString().strip();
        if (startLine != 0 && !sql.isEmpty()) {
            statements.add(new SqlStatement(startLine, sql));
        }
        current.setLength(0);
    }
}
