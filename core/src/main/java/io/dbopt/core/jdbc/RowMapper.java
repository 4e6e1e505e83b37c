package io.dbopt.core.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a result set to a value.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface RowMapper<T> {

    /** Maps the current row; must not advance the result set. */
    T map(ResultSet row) throws SQLException;
}
