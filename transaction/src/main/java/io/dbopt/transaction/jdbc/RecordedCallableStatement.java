package io.dbopt.transaction.jdbc;

import io.dbopt.core.jdbc.CallableStatementForwarding;
import java.sql.CallableStatement;
import java.sql.Connection;

/**
 * A callable statement that reports like a {@link RecordedPreparedStatement}; OUT parameters, their getters and the
 * setters by name come from {@link CallableStatementForwarding}. Not meant for concurrent use.
 */
final class RecordedCallableStatement extends RecordedPreparedStatement<CallableStatement>
        implements CallableStatementForwarding {

    RecordedCallableStatement(CallableStatement delegate, String sql, StatementSink sink, Connection owner) {
        super(delegate, sql, sink, owner);
    }
}
