package io.dbopt.json.storage;

import java.sql.Types;

/** Which JDBC types hold bytes rather than text. Stateless. */
public final class JdbcTypes {

    private JdbcTypes() {
    }

    /** Whether a JDBC type holds bytes. */
    public static boolean isBinary(int jdbcType) {
        return jdbcType == Types.BINARY || jdbcType == Types.VARBINARY || jdbcType == Types.LONGVARBINARY
                || jdbcType == Types.BLOB;
    }
}
