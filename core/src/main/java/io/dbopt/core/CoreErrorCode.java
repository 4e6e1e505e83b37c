package io.dbopt.core;

/** Error codes raised by dbopt-core. */
public enum CoreErrorCode implements ErrorCode {
    /** An identifier (table, column, index name) cannot be used: empty, NUL, too long or not encodable. */
    INVALID_IDENTIFIER,
    /** The connected server, or one of its features, is not supported by dbopt. */
    UNSUPPORTED_DATABASE,
    /** A configuration value is missing or cannot be parsed. */
    INVALID_CONFIGURATION,
    /** A connection could not be obtained from the data source. */
    CONNECTION_FAILED,
    /** A SQL statement issued by dbopt failed. */
    SQL_FAILED,
    /** A bundled SQL resource or other classpath resource is missing. */
    RESOURCE_MISSING,
    /** The calling thread was interrupted while dbopt waited. */
    INTERRUPTED,
    /** A report could not be rendered. */
    REPORT_FAILED;

    @Override
    public String code() {
        return "CORE_" + name();
    }
}
