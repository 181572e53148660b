package dev.driftless.reconciler.store;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned migration as Flyway names it: {@code V11__leader_lease_and_fencing_log.sql} is
 * version "11", description "leader lease and fencing log". The history table keeps exactly these
 * strings, so a store migrated by Flyway and one migrated by {@link SchemaMigrator} look the same.
 *
 * @param version     the version as written in the file name, without leading zeros
 * @param description the words of the file name, underscores as spaces
 * @param script      the file name under {@code db/migration/}
 */
public record Migration(String version, String description, String script) {

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)\\.sql");

    public Migration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }

    /**
     * Reads a migration's version and description from its file name.
     *
     * @throws IllegalArgumentException when the name is not {@code V<int>__<words>.sql}
     */
    public static Migration named(String script) {
        Matcher name = NAME.matcher(script);
        if (!name.matches()) {
            throw new IllegalArgumentException("migration file name '" + script
                    + "' is not V<int>__<words>.sql (e.g. V15__app_notes.sql)");
        }
        return new Migration(name.group(1), name.group(2).replace('_', ' '), script);
    }

    /**
     * Compares two history versions numerically, part by dotted part, as Flyway does: 2 before 10,
     * and 1.1 between 1 and 2 (a store Flyway migrated may hold such versions).
     */
    public static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            BigInteger l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
            BigInteger r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
            int order = l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
