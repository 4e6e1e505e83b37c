package io.dbopt.transaction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dbopt.core.DatabaseProduct;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import io.dbopt.transaction.isolation.StatementShape;
import io.dbopt.transaction.jdbc.RecordingDataSource;
import io.dbopt.transaction.server.ReportedSql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Flags transactions whose statement pattern is unsafe at the isolation level they ran at, as findings:
 * <ul>
 *   <li>{@code transaction.lost-update-risk}: a row is read without {@code FOR UPDATE} and then written with an
 *       absolute value ({@code SET balance = ?}), at a level where a concurrent transaction's update can be lost
 *       (READ COMMITTED; on MariaDB also REPEATABLE READ).</li>
 *   <li>{@code transaction.write-skew-risk}: a condition is checked without locking (an aggregate or EXISTS, or a
 *       plain read followed by an insert into the same table) and then acted on, below SERIALIZABLE, where two
 *       transactions can both pass the check.</li>
 * </ul>
 * It learns from {@link TransactionTrace}s: {@link TransactionManager} feeds it every committed transaction when
 * configured with it, {@link #wrap(DataSource)} records the transactions of plain JDBC code, and another statement
 * recorder can call {@link #observe(TransactionTrace)}. Statements are parsed with JSqlParser once per distinct text
 * (a bounded cache); memory is bounded by {@value #MAX_PATTERNS} distinct findings. Thread-safe.
 */
public final class IsolationAdvisor {

    /** The most distinct (check, transaction, table) patterns kept; later new ones are counted as dropped. */
    public static final int MAX_PATTERNS = 500;

    private final Cache<String, StatementShape> shapes = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Map<Key, Pattern> patterns = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder observed = new LongAdder();

    private IsolationAdvisor() {
    }

    /** Creates an advisor with nothing observed yet. */
    public static IsolationAdvisor create() {
        return new IsolationAdvisor();
    }

    /**
     * Wraps a data source so that every transaction committed through its connections (auto-commit off, then
     * {@code commit()}) is observed, named after the application method that committed it. The wrapper adds no
     * round trip per statement; it reads the server's default isolation once.
     */
    public DataSource wrap(DataSource dataSource) {
        return RecordingDataSource.wrap(dataSource, this::observe);
    }

    /** Analyses one committed transaction. */
    public void observe(TransactionTrace trace) {
        Objects.requireNonNull(trace, "trace");
        observed.increment();
        for (Risk risk : analyse(trace)) {
            Key key = new Key(risk.check(), trace.name(), risk.table());
            Pattern pattern = patterns.get(key);
            if (pattern == null) {
                if (patterns.size() >= MAX_PATTERNS) {
                    dropped.increment();
                    continue;
                }
                pattern = patterns.computeIfAbsent(key, k -> new Pattern(risk, trace.isolation(), trace.product()));
            }
            pattern.count.increment();
        }
    }

    /** How many transactions were observed. */
    public long observedTransactions() {
        return observed.sum();
    }

    /** Forgets everything observed. */
    public void reset() {
        patterns.clear();
        dropped.reset();
        observed.reset();
    }

    /** The risks found so far, most frequent first. */
    public List<Finding> findings() {
        List<Map.Entry<Key, Pattern>> entries = new ArrayList<>(patterns.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<Key, Pattern> e) -> e.getValue().count.sum()).reversed()
                .thenComparing(e -> e.getKey().toString()));
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<Key, Pattern> e : entries) {
            findings.add(e.getValue().toFinding(e.getKey(), e.getValue().count.sum()));
        }
        return List.copyOf(findings);
    }

    /** The risky read-then-write pairs in one transaction (package-private for tests). */
    List<Risk> analyse(TransactionTrace trace) {
        boolean lostUpdatePossible = trace.isolation() == Isolation.READ_COMMITTED
                || (trace.product() != DatabaseProduct.POSTGRESQL && trace.isolation() == Isolation.REPEATABLE_READ);
        boolean writeSkewPossible = trace.isolation() != Isolation.SERIALIZABLE;
        if (!writeSkewPossible) {
            return List.of();
        }
        Map<String, String> unlockedReads = new HashMap<>();
        Map<String, Boolean> readWasCheck = new HashMap<>();
        List<Risk> risks = new ArrayList<>();
        for (String sql : trace.statements()) {
            StatementShape shape = shapes.get(sql, StatementShape::of);
            switch (shape.kind()) {
                case SELECT -> {
                    for (String table : shape.tables()) {
                        if (shape.locking()) {
                            unlockedReads.remove(table);
                        } else if (!unlockedReads.containsKey(table)) {
                            unlockedReads.put(table, sql);
                            readWasCheck.put(table, shape.check());
                        }
                    }
                }
                case UPDATE, INSERT, DELETE -> {
                    for (String table : shape.tables()) {
                        String read = unlockedReads.get(table);
                        if (read == null) {
                            continue;
                        }
                        boolean check = readWasCheck.get(table);
                        if (check || shape.kind() == StatementShape.Kind.INSERT) {
                            risks.add(new Risk(Check.WRITE_SKEW, table, read, sql));
                            unlockedReads.remove(table);
                        } else if (shape.kind() == StatementShape.Kind.UPDATE && shape.absoluteAssignment()
                                && lostUpdatePossible) {
                            risks.add(new Risk(Check.LOST_UPDATE, table, read, sql));
                            unlockedReads.remove(table);
                        }
                    }
                }
                default -> {
                    // other statements neither read nor write rows the advisor tracks
                }
            }
        }
        return risks;
    }

    /** The two checks. */
    enum Check {
        LOST_UPDATE("transaction.lost-update-risk"),
        WRITE_SKEW("transaction.write-skew-risk");

        final String id;

        Check(String id) {
            this.id = id;
        }
    }

    /**
     * One risky pair of statements.
     *
     * @param check which risk
     * @param table the table read and written
     * @param read the read without a lock
     * @param write the write that depends on it
     */
    record Risk(Check check, String table, String read, String write) {
    }

    private record Key(Check check, String transaction, String table) {
    }

    /** Aggregated occurrences of one risk in one transaction. */
    private static final class Pattern {
        final Risk example;
        final Isolation isolation;
        final DatabaseProduct product;
        final LongAdder count = new LongAdder();

        Pattern(Risk example, Isolation isolation, DatabaseProduct product) {
            this.example = example;
            this.isolation = isolation;
            this.product = product;
        }

        Finding toFinding(Key key, long occurrences) {
            boolean maria = product != DatabaseProduct.POSTGRESQL;
            String read = ReportedSql.mask(example.read(), maria);
            String write = ReportedSql.mask(example.write(), maria);
            Finding.Builder b = key.check() == Check.LOST_UPDATE
                    ? Finding.builder(key.check().id, Severity.WARNING)
                            .message("Transaction " + key.transaction() + " reads " + key.table() + " without FOR "
                                    + "UPDATE and then overwrites it at " + isolation.sql() + ": concurrent runs can "
                                    + "lose each other's update")
                            .fix(Fix.advice("lock the row when reading it (SELECT ... FOR UPDATE), or update "
                                    + "relatively (SET c = c + ?), or run " + key.transaction() + " at "
                                    + (maria ? "SERIALIZABLE" : "REPEATABLE READ or SERIALIZABLE")
                                    + " with retries (IsolationLevelSelector.forName)"))
                    : Finding.builder(key.check().id, Severity.WARNING)
                            .message("Transaction " + key.transaction() + " checks " + key.table() + " without a lock "
                                    + "and then writes based on the check at " + isolation.sql() + ": two concurrent "
                                    + "runs can both pass the check (write skew)")
                            .fix(Fix.advice("run " + key.transaction() + " at SERIALIZABLE with retries "
                                    + "(IsolationLevelSelector.forName), or lock the checked rows with FOR UPDATE, "
                                    + "or enforce the rule with a constraint"));
            return b.object(DbObject.of(ObjectType.TRANSACTION, key.transaction()))
                    .evidence("table", key.table())
                    .evidence("isolation", isolation.name())
                    .evidence("occurrences", occurrences)
                    .evidence("read_statement", read)
                    .evidence("write_statement", write)
                    .build();
        }
    }
}
