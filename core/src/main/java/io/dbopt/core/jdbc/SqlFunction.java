package io.dbopt.core.jdbc;

import java.sql.SQLException;

/**
 * A function that may throw {@link SQLException}.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SqlFunction<T, R> {

    /** Applies the function. */
    R apply(T argument) throws SQLException;
}
