package io.dbopt.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The hostile identifier list that every DDL builder and own-table name of dbopt is tested with: quotes, backticks,
 * {@code ;--} with a {@code DROP TABLE} of the canary
 * (also after a newline, which ends a line comment), dollar quoting, newline, tab, backslash, {@code %} and
 * {@code ?}, comments, unicode, reserved words and names at the server's length limit; plus the names the server
 * cannot hold (NUL, one and two units over the limit), which must be refused rather than truncated.
 */
public final class HostileNames {

    /** The canary table every hostile-name test creates and checks after each name. */
    public static final String CANARY = "hostile_canary";

    private HostileNames() {
    }

    /** Names every server can hold, ending with two names at and just under its length limit. */
    public static List<String> holdable(TestDatabase db) {
        List<String> names = new ArrayList<>(List.of("it's", "say \"hi\"", "back`tick",
                "x; DROP TABLE " + CANARY + ";--",
                "nl\n; DROP TABLE " + CANARY + "; --", "$$ SELECT 1 $$", "$tag$x", "new\nline", "tab\there",
                "ünï©ødé 表", "select", "order", CANARY + " \"", "a\\b", "-- comment", "/* c */", "50%_off",
                "q?mark"));
        int limit = db.dialect().maxIdentifierLength();
        names.add(ofLength(db, limit));
        names.add(ofLength(db, limit - 1));
        return names;
    }

    /** Names the server cannot hold: a NUL, and one and two units over the length limit. */
    public static List<String> unholdable(TestDatabase db) {
        int limit = db.dialect().maxIdentifierLength();
        return List.of("nul\0byte", ofLength(db, limit + 1), ofLength(db, limit + 2));
    }

    /**
     * A name of exactly {@code n} units of the server's limit: ASCII bytes on PostgreSQL, two-byte characters on
     * MariaDB (which counts characters, so 64 of them are 128 bytes).
     */
    public static String ofLength(TestDatabase db, int n) {
        return "n" + (db.testDialect() == TestDialect.POSTGRESQL ? "x" : "é").repeat(n - 1);
    }
}
