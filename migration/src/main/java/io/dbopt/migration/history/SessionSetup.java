package io.dbopt.migration.history;

import io.dbopt.core.DbOptException;
import io.dbopt.core.jdbc.Jdbc;
import java.sql.SQLException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Sets the lock timeout on every connection Flyway opens (Flyway's {@code initSql} is deprecated). */
final class SessionSetup implements Callback {

    private final String sql;

    SessionSetup(String sql) {
        this.sql = sql;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_CONNECT && context.getConnection() != null;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Jdbc.execute(context.getConnection(), sql);
        } catch (SQLException e) {
            throw DbOptException.sqlFailed("setting the lock timeout of a migration session", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "dbopt-session-setup";
    }
}
