package io.dbopt.transaction.doctor;

import io.dbopt.core.Dialect;
import io.dbopt.core.ErrorKind;
import io.dbopt.core.MariaDbDialect;
import io.dbopt.core.SqlErrors;
import io.dbopt.core.doctor.DoctorContext;
import io.dbopt.core.doctor.DoctorSection;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.ReportSection;
import io.dbopt.core.finding.ReportSection.Fact;
import io.dbopt.core.jdbc.Jdbc;
import io.dbopt.core.jdbc.SqlResource;
import io.dbopt.transaction.BlockingTree;
import io.dbopt.transaction.IsolationAdvisor;
import io.dbopt.transaction.ServerTransaction;
import io.dbopt.transaction.TransactionException;
import io.dbopt.transaction.TransactionManager;
import io.dbopt.transaction.TransactionMonitor;
import io.dbopt.transaction.TransactionStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The doctor's "Transactions" section: who blocks whom right now ({@code transaction.blocking-chain}), transactions
 * open too long ({@code transaction.long-running}), deadlocks ({@code transaction.deadlocks} on PostgreSQL, the
 * server's {@code transaction.latest-deadlock} on MariaDB), and, when a {@link TransactionManager} or an
 * {@link IsolationAdvisor} is attached to the doctor, their findings. Sessions idle in a transaction are core's
 * {@code server.idle-in-transaction}; this section reports them only when they block others. Stateless.
 */
public final class TransactionSection implements DoctorSection {

    @Override
    public String title() {
        return "Transactions";
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public ReportSection run(DoctorContext context) throws Exception {
        Dialect dialect = context.dialect();
        TransactionManager manager = TransactionManager.builder().name("doctor").dataSource(context.dataSource())
                .dialect(dialect).catalogQueryTimeout(context.statementTimeout()).captureServerDeadlocks(false)
                .build();
        List<Fact> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        TransactionFindings advice = new TransactionFindings(dialect);
        facts.add(new Fact("default isolation", Jdbc.withConnection(context.dataSource(), "reading the default "
                + "isolation", c -> Jdbc.query(c, context.statementTimeout(),
                SqlResource.load("transaction", dialect, "default-isolation"), rs -> rs.getString(1)))
                .stream().findFirst().orElse("unknown")));
        sessions(manager, advice, facts, findings);
        deadlocks(manager, advice, context.info().currentSchema(), facts, findings);
        attachments(context, advice, facts, findings);
        return ReportSection.of(title(), facts, findings);
    }

    private static void sessions(TransactionManager manager, TransactionFindings advice, List<Fact> facts,
                                 List<Finding> findings) {
        visible(() -> manager.monitor().serverTransactions(), facts, "open transactions").ifPresent(list -> {
            facts.add(new Fact("open transactions", Long.toString(list.stream()
                    .filter(s -> !s.transactionAge().isZero()).count())));
            facts.add(new Fact("sessions waiting for locks", Long.toString(list.stream()
                    .filter(ServerTransaction::isWaiting).count())));
            list.stream().map(ServerTransaction::transactionAge).max(Comparator.naturalOrder())
                    .ifPresent(age -> facts.add(new Fact("oldest transaction", age.toSeconds() + " s")));
            findings.addAll(advice.blockingChains(BlockingTree.of(list)));
            findings.addAll(advice.longRunning(list));
        });
    }

    private static void deadlocks(TransactionManager manager, TransactionFindings advice, String database,
                                  List<Fact> facts, List<Finding> findings) {
        boolean mariaDb = manager.dialect() instanceof MariaDbDialect;
        visible(manager.deadlockDetector()::serverDeadlockCount, facts, "deadlocks").ifPresent(count -> {
            facts.add(new Fact(mariaDb ? "deadlocks since server start (all databases)"
                    : "deadlocks since statistics reset", Long.toString(count)));
            if (!mariaDb) {
                advice.deadlockCount(count, database).ifPresent(findings::add);
            }
        });
        if (mariaDb) {
            visible(manager.deadlockDetector()::latestServerDeadlock, facts, "latest deadlock").ifPresent(latest ->
                    latest.filter(r -> TransactionFindings.involves(r, database))
                            .ifPresent(r -> findings.add(advice.latestDeadlock(r, Instant.now()))));
        }
    }

    private static void attachments(DoctorContext context, TransactionFindings advice, List<Fact> facts,
                                    List<Finding> findings) {
        Set<IsolationAdvisor> advisors = Collections.newSetFromMap(new IdentityHashMap<>());
        context.attachment(TransactionManager.class).ifPresent(attached -> {
            TransactionStats stats = attached.monitor().stats();
            facts.add(new Fact("this process", stats.commits() + " commit(s), " + stats.totalRetries()
                    + " retr(ies), " + String.format(Locale.ROOT, "%.3f", stats.retriesPerCommit())
                    + " retries per commit"));
            findings.addAll(attached.monitor().findings(TransactionMonitor.DEFAULT_LONG_RUNNING));
            attached.deadlockDetector().recentDeadlocks().stream().findFirst()
                    .ifPresent(r -> findings.add(advice.latestDeadlock(r, Instant.now())));
            attached.isolationAdvisor().ifPresent(advisors::add);
        });
        context.attachment(IsolationAdvisor.class).ifPresent(advisors::add);
        advisors.forEach(a -> findings.addAll(a.findings()));
    }

    /** Runs a catalog read; a missing privilege becomes a fact saying what to grant, other failures propagate. */
    private static <T> Optional<T> visible(java.util.function.Supplier<T> read, List<Fact> facts, String what) {
        try {
            return Optional.of(read.get());
        } catch (TransactionException e) {
            if (SqlErrors.classify(e) == ErrorKind.PERMISSION_DENIED) {
                facts.add(new Fact(what, "not visible to this user (grant pg_read_all_stats on PostgreSQL, "
                        + "PROCESS on MariaDB)"));
                return Optional.empty();
            }
            throw e;
        }
    }

}
