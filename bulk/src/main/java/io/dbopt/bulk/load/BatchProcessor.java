package io.dbopt.bulk.load;

import io.dbopt.bulk.checkpoint.CheckpointTable;
import io.dbopt.bulk.failure.BulkErrorCode;
import io.dbopt.bulk.progress.JobProgress;
import io.dbopt.core.DbOptException;
import io.dbopt.core.jdbc.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads rows into a table at COPY speed: PostgreSQL {@code COPY FROM STDIN} (binary or text), MariaDB
 * {@code LOAD DATA LOCAL INFILE} from a stream, or batched INSERTs, chosen per server and size unless the request
 * says ({@link LoadStrategy}). Rows are streamed in chunks of bounded size, one transaction each; counts are exact;
 * bad rows are found by splitting the failed chunk and reported with their input row number, column and a masked
 * reason; a load with a job id resumes after its last committed chunk. Upserts go through a staging table.
 *
 * <pre>{@code
 * LoadResult r = bulk.batchProcessor().load(LoadRequest.into("orders", ORDERS), RowSource.of(orders));
 * }</pre>
 *
 * <p>Thread-safe: loads may run concurrently, each on connections of its own. {@link #load} throws
 * {@link DbOptException} with a {@link BulkErrorCode}: {@code INVALID_REQUEST} (missing table or column, a strategy
 * for the other server), {@code STRATEGY_UNAVAILABLE}, {@code SOURCE_FAILED}, {@code TOO_MANY_BAD_ROWS},
 * {@code CHUNK_FAILED}, {@code CHECKPOINT_CONFLICT}; the chunks committed before a failure stay.
 */
public final class BatchProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    private final LoadSettings settings;
    private final Optional<DataSource> own;
    private final AtomicReference<Connection> idle = new AtomicReference<>();

    /** A processor working with these settings (the handler builds it); close it to close its own connection. */
    public BatchProcessor(LoadSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.own = settings.ownUrl().map(u -> LoaderConnections.ownDataSource(u, settings.dialect(),
                settings.statementTimeout()));
    }

    /** Closes the connection of its own kept between loads. */
    @Override
    public void close() {
        Connection c = idle.getAndSet(null);
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("bulk - closing the loader's connection failed: {}", e.toString());
            }
        }
    }

    /** Loads the rows of a collection or other iterable. */
    public <T> LoadResult load(LoadRequest<T> request, Iterable<? extends T> rows) {
        return load(request, RowSource.of(rows));
    }

    /**
     * Loads every row of the source into the request's table and closes the source.
     *
     * @throws DbOptException as the class says; rows committed before a failure stay
     */
    public <T> LoadResult load(LoadRequest<T> request, RowSource<? extends T> source) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        long t0 = System.nanoTime();
        boolean postgres = settings.dialect().resourceFolder().equals("postgresql");
        String name = request.jobId().orElse(request.table);
        RuntimeException failure = null;
        try (LoaderConnections connections = new LoaderConnections(settings.dataSource(), own, settings.dialect(),
                idle)) {
            TargetTable target = Jdbc.withConnection(settings.dataSource(), "reading the columns of " + request.table,
                    c -> TargetTable.read(c, settings.dialect(), Optional.ofNullable(request.schema), request.table,
                            request.mapping.columns()));
            OptionalLong expected = request.expected().isPresent() ? request.expected() : source.size();
            LoadStrategy strategy = choose(request, target, connections, expected, source, postgres);
            // COPY runs on the application's connections (pooled, and discarded after a failed COPY); LOAD DATA and
            // batched INSERTs on the loader's own, which carry the driver settings they need
            connections.useOwn(strategy == LoadStrategy.LOAD_DATA || strategy == LoadStrategy.BATCH_INSERT
                    || !pgjdbcShared(postgres));
            Loader.Plan plan = plan(request, target, strategy, name, postgres);
            CheckpointTable.Header header = prepare(connections, plan, request);
            int chunkRows = request.chunkRowsSet().orElse(settings.chunkRows());
            long maxErrors = request.maxErrors != null ? request.maxErrors : settings.maxErrors();
            boolean showValues = request.showValues != null ? request.showValues : settings.showValues();
            ChunkFiller<T> filler = new ChunkFiller<>(source, request.mapping, plan.encoder(), showValues, chunkRows,
                    settings.chunkBytes(), 0);
            long skipped = header == null ? 0 : filler.skip(header.nextLo());
            if (header != null && skipped < header.nextLo()) {
                LOG.warn("{} - the checkpoint says {} input rows were done, the source has only {}: nothing to load",
                        name, header.nextLo(), skipped);
            }
            JobProgress progress = settings.progress().start(name, "load", expected, false);
            if (header != null) {
                progress.alreadyDone(header.rowsDone(), header.rejected());
            }
            Loader<T> loader = new Loader<>(settings, plan, connections, filler, request.onBadRow, maxErrors,
                    showValues, progress);
            boolean ok = false;
            try {
                LOG.debug("{} - loading with {}", name, plan.writer().describe());
                loader.run((int) Math.min(settings.chunkBytes(), 4L << 20));
                finish(connections, plan);
                ok = true;
            } finally {
                progress.finish(ok);
            }
            long read = filler.inputRows() - skipped;
            return new LoadResult(request.table, strategy, read, skipped, loader.inserted(), loader.updated(),
                    loader.rejected(), loader.commits(), loader.retries(), Duration.ofNanos(System.nanoTime() - t0),
                    loader.keptBadRows());
        } catch (SQLException e) {
            failure = DbOptException.sqlFailed("loading " + name, e);
            throw failure;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            close(source, failure);
        }
    }

    private static void close(RowSource<?> source, RuntimeException failure) {
        try {
            source.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw new DbOptException(BulkErrorCode.SOURCE_FAILED, "Closing the row source failed after the "
                        + "load finished", e);
            }
        }
    }

    private LoadStrategy choose(LoadRequest<?> request, TargetTable target, LoaderConnections connections,
                                OptionalLong expected, RowSource<?> source, boolean postgres) throws SQLException {
        LoadStrategy wanted = request.strategy;
        if (postgres) {
            if (wanted == LoadStrategy.LOAD_DATA) {
                throw invalid("LOAD DATA is MariaDB's: use COPY_BINARY, COPY_TEXT or AUTO on PostgreSQL");
            }
            if (wanted == LoadStrategy.BATCH_INSERT) {
                return wanted;
            }
            boolean copy = connections.ownConnections() || pgjdbcShared(true);
            if (!copy) {
                if (wanted != LoadStrategy.AUTO) {
                    throw new DbOptException(BulkErrorCode.STRATEGY_UNAVAILABLE, "COPY needs a pgjdbc connection, and "
                            + "the data source does not give one: set database.url so the loader opens its own, or "
                            + "use LoadStrategy.BATCH_INSERT");
                }
                return LoadStrategy.BATCH_INSERT;
            }
            if (wanted == LoadStrategy.COPY_BINARY && !target.binaryCapable()) {
                throw invalid("Binary COPY cannot write columns of types " + target.types() + " of " + target.name()
                        + ": use COPY_TEXT or AUTO");
            }
            if (wanted != LoadStrategy.AUTO) {
                return wanted;
            }
            boolean text = source instanceof RowSource.CsvRows || !target.binaryCapable()
                    || expected.orElse(Long.MAX_VALUE) < settings.binaryMinRows();
            return text ? LoadStrategy.COPY_TEXT : LoadStrategy.COPY_BINARY;
        }
        if (wanted == LoadStrategy.COPY_BINARY || wanted == LoadStrategy.COPY_TEXT) {
            throw invalid("COPY is PostgreSQL's: use LOAD_DATA, BATCH_INSERT or AUTO on MariaDB");
        }
        if (wanted == LoadStrategy.BATCH_INSERT) {
            return wanted;
        }
        boolean infile = connections.ownConnections() && localInfileOn(connections);
        if (!infile && wanted == LoadStrategy.LOAD_DATA) {
            throw new DbOptException(BulkErrorCode.STRATEGY_UNAVAILABLE, connections.ownConnections()
                    ? "The server refuses LOAD DATA LOCAL INFILE (local_infile is OFF): set it ON, or use BATCH_INSERT"
                    : "LOAD DATA LOCAL INFILE runs only on the loader's own connection, never the application's: set "
                    + "database.url so the loader can open one, or use BATCH_INSERT");
        }
        return infile ? LoadStrategy.LOAD_DATA : LoadStrategy.BATCH_INSERT;
    }

    private volatile Boolean sharedIsPgjdbc;

    /** Whether the application's data source gives pgjdbc connections (asked once). */
    private boolean pgjdbcShared(boolean postgres) {
        if (!postgres) {
            return false;
        }
        if (sharedIsPgjdbc == null) {
            sharedIsPgjdbc = Jdbc.withConnection(settings.dataSource(), "checking for a pgjdbc connection",
                    CopyWriter::available);
        }
        return sharedIsPgjdbc;
    }

    private static boolean localInfileOn(LoaderConnections connections) throws SQLException {
        Connection c = connections.borrow();
        SQLException failure = null;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@local_infile")) {
            boolean on = rs.next() && rs.getInt(1) == 1;
            c.commit();
            return on;
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            connections.release(c, failure != null, failure);
        }
    }

    private Loader.Plan plan(LoadRequest<?> request, TargetTable target, LoadStrategy strategy, String name,
                             boolean postgres) {
        RowEncoder encoder = switch (strategy) {
            case COPY_BINARY -> new BinaryRowEncoder(target.types());
            case COPY_TEXT -> new TextRowEncoder(false);
            case LOAD_DATA -> new TextRowEncoder(true);
            default -> null;
        };
        Optional<Merge> merge = Optional.empty();
        if (!request.upsertKeys.isEmpty()) {
            List<String> updates = request.updateColumns != null ? request.updateColumns
                    : target.columns().stream().filter(c -> !request.upsertKeys.contains(c)).toList();
            merge = Optional.of(new Merge(settings.dialect(), target, request.upsertKeys, updates));
        }
        String into = merge.map(Merge::staging).orElse(target.quotedName());
        PieceWriter writer = switch (strategy) {
            case COPY_BINARY, COPY_TEXT -> new CopyWriter(into, target.columnList(settings.dialect()), encoder,
                    strategy == LoadStrategy.COPY_BINARY);
            case LOAD_DATA -> new InfileWriter(target, into, settings.dialect());
            default -> new BatchWriter(target, into, settings.dialect());
        };
        Set<String> known = new HashSet<>(target.columns());
        known.add(target.name());
        if (request.schema != null) {
            known.add(request.schema);
        }
        FailureAnalysis analysis = new FailureAnalysis(postgres, known,
                request.showValues != null ? request.showValues : settings.showValues());
        Optional<CheckpointTable> checkpoint = request.jobId().map(j -> new CheckpointTable(settings.dialect(),
                settings.checkpointTable()));
        Optional<String> reject = Optional.ofNullable(request.rejectTable).map(settings.dialect()::quote);
        return new Loader.Plan(name, strategy, writer, encoder, merge, analysis, checkpoint, request.jobId(), reject,
                postgres);
    }

    /** Creates the checkpoint and reject tables when needed and opens the job; the header when resumable. */
    private CheckpointTable.Header prepare(LoaderConnections connections, Loader.Plan plan, LoadRequest<?> request)
            throws SQLException {
        if (plan.jobId().isEmpty() && plan.rejectTable().isEmpty()) {
            return null;
        }
        Connection c = connections.borrow();
        SQLException failure = null;
        try {
            if (plan.rejectTable().isPresent()) {
                RejectTable.ensureExists(c, plan.rejectTable().get());
            }
            if (plan.jobId().isEmpty()) {
                return null;
            }
            CheckpointTable table = plan.checkpoint().get();
            table.ensureExists(c);
            return table.open(c, plan.jobId().get(), fingerprint(request), 0, 0);
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            connections.release(c, failure != null, failure);
        }
    }

    private static void finish(LoaderConnections connections, Loader.Plan plan) throws SQLException {
        if (plan.jobId().isEmpty()) {
            return;
        }
        Connection c = connections.borrow();
        SQLException failure = null;
        try {
            plan.checkpoint().get().finish(c, plan.jobId().get());
            c.commit();
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            connections.release(c, failure != null, failure);
        }
    }

    /** A stable digest of what the load writes: table, columns and upsert keys. */
    static String fingerprint(LoadRequest<?> request) {
        List<String> parts = new ArrayList<>();
        parts.add("load");
        parts.add(String.valueOf(request.schema));
        parts.add(request.table);
        parts.addAll(request.mapping.columns());
        parts.add("keys");
        parts.addAll(request.upsertKeys);
        return digest(String.join("\u0000", parts));
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static DbOptException invalid(String message) {
        return new DbOptException(BulkErrorCode.INVALID_REQUEST, message);
    }
}
