package io.dbopt.core.doctor;

import io.dbopt.core.Redaction;
import io.dbopt.core.finding.ReportSection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the doctor's sections group by group for one run: a group of one on the calling thread, a larger group (its
 * sections may run alongside each other) on as many doctor threads, each section borrowing its own kept connection.
 * Progress is told on the calling thread, for every section of a group before the group starts. Results are added in
 * the sections' order whatever order they finish in. After each group the run's connections are
 * checked ({@link RunConnections#sectionDone}) and all but one kept connection closed, so that a section running alone
 * next sees no second session of the doctor. Used by one thread, the run's.
 */
final class SectionRuns {

    private static final Logger LOG = LoggerFactory.getLogger(SectionRuns.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DoctorContext context;
    private final RunConnections connections;
    private final Doctor.Progress progress;
    private final int total;
    private final int validationSeconds;

    SectionRuns(DoctorContext context, RunConnections connections, Doctor.Progress progress, int total,
                int validationSeconds) {
        this.context = context;
        this.connections = connections;
        this.progress = progress;
        this.total = total;
        this.validationSeconds = validationSeconds;
    }

    /** Runs one group and adds its sections' results; false when the run was interrupted (stop there). */
    boolean run(List<DoctorSection> group, List<ReportSection> results) {
        for (int i = 0; i < group.size(); i++) {
            progress.sectionStarted(group.get(i).title(), results.size() + 1 + i, total);
        }
        List<Outcome> outcomes = group.size() == 1
                ? List.of(runOne(group.get(0)))
                : runTogether(group);
        boolean failed = false;
        boolean interrupted = false;
        for (Outcome outcome : outcomes) {
            results.add(outcome.section());
            failed |= outcome.failed();
            interrupted |= outcome.interrupted();
        }
        connections.sectionDone(failed, validationSeconds);
        connections.keepAtMost(1);
        return !interrupted;
    }

    private List<Outcome> runTogether(List<DoctorSection> group) {
        ExecutorService threads = Executors.newFixedThreadPool(group.size(), task -> {
            Thread t = new Thread(task, "dbopt-doctor-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> running = new ArrayList<>();
            for (DoctorSection section : group) {
                running.add(threads.submit(() -> runOne(section)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                outcomes.add(outcome(group.get(i), running.get(i)));
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Outcome outcome(DoctorSection section, Future<Outcome> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return new Outcome(ReportSection.failed(section.title(), "interrupted"), true, true);
        } catch (ExecutionException e) {
            // runOne catches every exception; an Error escaped it
            throw new IllegalStateException("doctor section " + section.title() + " ended abruptly", e.getCause());
        }
    }

    private Outcome runOne(DoctorSection section) {
        long start = System.nanoTime();
        try {
            ReportSection result = section.run(context);
            LOG.debug("doctor - section {} took {} ms", section.title(), (System.nanoTime() - start) / 1_000_000);
            return new Outcome(result, false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(ReportSection.failed(section.title(), "interrupted"), true, true);
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName() + ": " + Redaction.redactDriverText(e);
            LOG.warn("doctor - section {} failed: {}", section.title(), reason);
            return new Outcome(ReportSection.failed(section.title(), reason), true, false);
        }
    }

    private record Outcome(ReportSection section, boolean failed, boolean interrupted) {
    }
}
