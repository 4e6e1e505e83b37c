package io.dbopt.core.doctor;

import io.dbopt.core.DatabaseInfo;
import io.dbopt.core.Dialect;
import io.dbopt.core.catalog.SchemaTables;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a {@link DoctorSection} gets: the data source, the detected server, the time budget per statement, and
 * typed attachments that one part of the program hands to sections (the CLI's demo attaches its recorded
 * workload, for example), and the catalog reads the sections of one run share ({@link #tables()}). Immutable and
 * thread-safe (the shared reads are synchronized).
 *
 * @param dataSource where to borrow connections
 * @param info the detected server
 * @param statementTimeout the longest any single catalog query may run
 * @param attachments values keyed by their type
 * @param tables where the sections take MariaDB's {@code information_schema.TABLES} of a database from: read once
 *     per run ({@link SchemaTables.Source#shared()}) by the context {@link Doctor} makes for each run
 */
public record DoctorContext(DataSource dataSource, DatabaseInfo info, Duration statementTimeout,
                            Map<Class<?>, Object> attachments, SchemaTables.Source tables) {

    /** Validates and copies. */
    public DoctorContext {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(tables, "tables");
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive, was " + statementTimeout);
        }
        attachments = Map.copyOf(attachments);
        attachments.forEach((type, value) -> {
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("Attachment for " + type.getName() + " is a "
                        + value.getClass().getName());
            }
        });
    }

    /** A context whose sections share one read of each database's {@link SchemaTables}, as a doctor run's do. */
    public DoctorContext(DataSource dataSource, DatabaseInfo info, Duration statementTimeout,
                         Map<Class<?>, Object> attachments) {
        this(dataSource, info, statementTimeout, attachments, SchemaTables.Source.shared());
    }

    /** The dialect of the server. */
    public Dialect dialect() {
        return info.dialect();
    }

    /** The attachment of the given type, if one was provided. */
    public <T> Optional<T> attachment(Class<T> type) {
        return Optional.ofNullable(type.cast(attachments.get(type)));
    }
}
