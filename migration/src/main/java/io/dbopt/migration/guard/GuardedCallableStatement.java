package io.dbopt.migration.guard;

import io.dbopt.core.jdbc.CallableStatementForwarding;
import java.sql.CallableStatement;

/** A callable statement of a {@link GuardedConnection}: executions through the healer. Not thread-safe. */
final class GuardedCallableStatement extends GuardedPreparedStatement<CallableStatement>
        implements CallableStatementForwarding {

    GuardedCallableStatement(CallableStatement delegate, GuardedConnection connection) {
        super(delegate, connection);
    }
}
