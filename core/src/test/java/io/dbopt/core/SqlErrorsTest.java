package io.dbopt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classification logic over the states and codes the servers document; provoked errors are in SqlErrorsIT. */
class SqlErrorsTest {

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource({
        "40P01, DEADLOCK", "40001, SERIALIZATION_FAILURE", "55P03, LOCK_TIMEOUT", "57014, STATEMENT_TIMEOUT",
        "08006, CONNECTION_LOST", "08003, CONNECTION_LOST", "08P01, CONNECTION_LOST", "57P01, CONNECTION_LOST",
        "57P02, CONNECTION_LOST", "57P03, SERVER_UNAVAILABLE", "08001, SERVER_UNAVAILABLE",
        "53300, TOO_MANY_CONNECTIONS", "25P03, IDLE_IN_TRANSACTION_TIMEOUT", "23505, UNIQUE_VIOLATION",
        "23503, FOREIGN_KEY_VIOLATION", "23502, NOT_NULL_VIOLATION", "23514, CHECK_VIOLATION",
        "23P01, INTEGRITY_VIOLATION", "42601, SYNTAX_ERROR", "42P01, UNDEFINED_OBJECT", "42703, UNDEFINED_OBJECT",
        "42P07, DUPLICATE_OBJECT", "42501, PERMISSION_DENIED", "28P01, PERMISSION_DENIED", "22012, OTHER"
    })
    void classifiesPostgresStates(String state, ErrorKind expected) {
        assertThat(SqlErrors.classify(new SQLException("x", state, 0))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "MariaDB {0}/{1} -> {2}")
    @CsvSource({
        "1213, 40001, DEADLOCK", "1020, HY000, SERIALIZATION_FAILURE", "1205, HY000, LOCK_TIMEOUT",
        "1969, 70100, STATEMENT_TIMEOUT", "1927, 70100, CONNECTION_LOST", "1040, 08004, TOO_MANY_CONNECTIONS",
        "2006, HY000, CONNECTION_LOST", "2013, HY000, CONNECTION_LOST", "1062, 23000, UNIQUE_VIOLATION",
        "1451, 23000, FOREIGN_KEY_VIOLATION", "1452, 23000, FOREIGN_KEY_VIOLATION",
        "1048, 23000, NOT_NULL_VIOLATION", "4025, 23000, CHECK_VIOLATION", "1064, 42000, SYNTAX_ERROR",
        "1146, 42S02, UNDEFINED_OBJECT", "1045, 28000, PERMISSION_DENIED"
    })
    void vendorCodeWinsOverSharedStates(int code, String state, ErrorKind expected) {
        assertThat(SqlErrors.classify(new SQLException("x", state, code))).isEqualTo(expected);
    }

    @Test
    void findsTheCauseInTheNextExceptionChainOfABatch() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 3 failed", null, 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key", "23505", 0));
        assertThat(SqlErrors.classify(batch)).isEqualTo(ErrorKind.UNIQUE_VIOLATION);
    }

    @Test
    void findsTheCauseThroughWrappingExceptions() {
        SQLException root = new SQLTransientConnectionException("gone", "08006");
        RuntimeException wrapped = new RuntimeException("pool", new IllegalStateException("outer", root));
        assertThat(SqlErrors.classify(wrapped)).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(SqlErrors.sqlState(wrapped)).contains("08006");
    }

    @Test
    void survivesCyclicChains() {
        SQLException a = new SQLException("a", "XX000", 0);
        SQLException b = new SQLException("b", "XX001", 0);
        a.setNextException(b);
        b.initCause(a);
        assertThat(SqlErrors.classify(a)).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    void nullAndNonSqlErrorsAreOther() {
        assertThat(SqlErrors.classify(null)).isEqualTo(ErrorKind.OTHER);
        assertThat(SqlErrors.classify(new IllegalStateException())).isEqualTo(ErrorKind.OTHER);
        assertThat(SqlErrors.classifyState("abc")).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    void retryableKindsAreExactlyTheTransientOnes() {
        assertThat(ErrorKind.DEADLOCK.retryable()).isTrue();
        assertThat(ErrorKind.SERIALIZATION_FAILURE.retryable()).isTrue();
        assertThat(ErrorKind.LOCK_TIMEOUT.retryable()).isTrue();
        assertThat(ErrorKind.CONNECTION_LOST.retryable()).isTrue();
        assertThat(ErrorKind.UNIQUE_VIOLATION.retryable()).isFalse();
        assertThat(ErrorKind.SYNTAX_ERROR.retryable()).isFalse();
        assertThat(ErrorKind.STATEMENT_TIMEOUT.retryable()).isFalse();
        assertThat(ErrorKind.CONNECTION_LOST.connectionBroken()).isTrue();
        assertThat(ErrorKind.DEADLOCK.connectionBroken()).isFalse();
    }
}
