package io.dbopt.pool;

import io.dbopt.core.ErrorCode;

/** Error codes raised by dbopt-pool; {@link #code()} is stable across releases ({@code POOL_EXHAUSTED}, ...). */
public enum PoolErrorCode implements ErrorCode {
    /** Every connection was in use for the whole acquire timeout. */
    EXHAUSTED,
    /** The calling thread already held a connection and waited for another one that never came free. */
    NESTED_BORROWING,
    /** No new connection could be opened: the server is down, unreachable or not answering. */
    DATABASE_UNREACHABLE,
    /** The server refused new sessions because its connection limit (or the role's) is reached. */
    SERVER_OUT_OF_CONNECTIONS,
    /** The server rejected the credentials or the user lacks the privilege to connect. */
    AUTHENTICATION_FAILED,
    /** A tenant already holds its share of the pool. */
    TENANT_LIMIT_EXCEEDED,
    /** The pool was closed. */
    CLOSED,
    /** The calling thread was interrupted while waiting for a connection. */
    INTERRUPTED,
    /** A setting is missing, out of range or contradicts another one. */
    INVALID_CONFIGURATION,
    /** A setting would let a failure hang the application (a socket timeout of 0) and unsafe settings are refused. */
    UNSAFE_CONFIGURATION,
    /** A statement run inside a scope helper failed. */
    SQL_FAILED;

    @Override
    public String code() {
        return "POOL_" + name();
    }
}
