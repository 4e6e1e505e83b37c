package io.dbopt.bulk.load;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The fields of a PostgreSQL error that locate a bad row ({@code WHERE}: {@code COPY t, line 3, column amount}) and
 * its column. Loaded only on PostgreSQL, so that pgjdbc stays optional.
 */
record PgErrorDetails(String message, Optional<String> detail, Optional<String> where, Optional<String> column) {

    static PgErrorDetails of(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage m = p.getServerErrorMessage();
                return new PgErrorDetails(m.getMessage() == null ? "" : m.getMessage(),
                        Optional.ofNullable(m.getDetail()), Optional.ofNullable(m.getWhere()),
                        Optional.ofNullable(m.getColumn()));
            }
        }
        return new PgErrorDetails(e.getMessage() == null ? "" : e.getMessage(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
