package io.dbopt.core.jdbc;

import java.sql.CallableStatement;

/**
 * A {@link CallableStatement} that forwards every call to a delegate: the {@link java.sql.Statement} methods through
 * {@link ForwardingStatement}, the prepared-statement methods through {@link PreparedStatementForwarding}, OUT
 * parameters, their getters and the setters by name through {@link CallableStatementForwarding}. A subclass overrides
 * only the calls it changes; every other method, JDBC 4.3's default methods included, calls the delegate with the
 * same arguments and returns its result or throws its exception unchanged. Like any statement, not meant for
 * concurrent use.
 */
public abstract class ForwardingCallableStatement extends ForwardingPreparedStatement<CallableStatement>
        implements CallableStatementForwarding {

    /** Wraps {@code delegate}, which must not be null. */
    protected ForwardingCallableStatement(CallableStatement delegate) {
        super(delegate);
    }
}
