package io.dbopt.core.jdbc;

import java.sql.PreparedStatement;

/**
 * A {@link PreparedStatement} that forwards every call to a delegate: the {@link java.sql.Statement} methods through
 * {@link ForwardingStatement}, the prepared-statement methods through {@link PreparedStatementForwarding}. A subclass
 * overrides only the calls it changes (a profiler the {@code execute*} methods and the setters whose values it
 * watches); every other method, JDBC 4.3's default methods included, calls the delegate with the same arguments and
 * returns its result or throws its exception unchanged. Like any statement, not meant for concurrent use.
 *
 * @param <S> the type of the delegate ({@link PreparedStatement}, or {@link java.sql.CallableStatement} for
 *     {@link ForwardingCallableStatement})
 */
public abstract class ForwardingPreparedStatement<S extends PreparedStatement> extends ForwardingStatement<S>
        implements PreparedStatementForwarding<S> {

    /** Wraps {@code delegate}, which must not be null. */
    protected ForwardingPreparedStatement(S delegate) {
        super(delegate);
    }
}
