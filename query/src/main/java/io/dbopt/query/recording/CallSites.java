package io.dbopt.query.recording;

import io.dbopt.query.CallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Finds the call site of a statement with {@link StackWalker}: the first frame whose class is not in an excluded
 * package (the JDK, drivers, pools, ORMs, JDBC proxies and dbopt's library modules; dbopt's CLI and examples count
 * as callers) and is not generated (proxies, lambdas). Decisions are cached per class. A capture costs a few
 * microseconds, which is why the profiler samples it. Thread-safe.
 */
final class CallSites {

    /** Packages of the JDK, drivers, pools, ORMs, frameworks and JDBC proxies. */
    static final List<String> DEFAULT_EXCLUSIONS = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "jakarta.", "kotlin.", "scala.", "groovy.", "org.codehaus.groovy.",
            "org.postgresql.", "org.mariadb.", "com.mysql.", "com.zaxxer.hikari.", "org.apache.commons.dbcp",
            "org.apache.tomcat.jdbc.", "com.mchange.", "org.vibur.", "io.agroal.", "oracle.ucp.",
            "org.hibernate.", "org.eclipse.persistence.", "org.springframework.", "org.jooq.", "org.apache.ibatis.",
            "org.mybatis.", "org.jdbi.", "org.sql2o.", "io.ebean.", "com.querydsl.", "io.micronaut.data.",
            "io.quarkus.", "io.micrometer.", "io.opentelemetry.", "brave.", "net.ttddyy.", "com.p6spy.",
            "com.vladmihalcea.flexypool.", "net.bytebuddy.", "org.junit.platform.", "org.junit.jupiter.engine.",
            "io.dbopt.core.", "io.dbopt.query.", "io.dbopt.pool.", "io.dbopt.transaction.", "io.dbopt.bulk.",
            "io.dbopt.index.", "io.dbopt.json.", "io.dbopt.health.", "io.dbopt.migration.", "io.dbopt.testkit.");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private static final int FRAMES = 3;

    private final List<String> exclusions;
    private final List<String> methodExclusions;
    private final ClassValue<Boolean> excluded = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isExcluded(type);
        }
    };

    CallSites(List<String> extraExclusions) {
        this.exclusions = List.copyOf(concat(DEFAULT_EXCLUSIONS, extraExclusions));
        this.methodExclusions = List.copyOf(extraExclusions);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        ArrayList<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The caller of the current thread's statement, with up to two callers of its own, or {@link CallSite#UNKNOWN}. */
    CallSite capture() {
        List<StackWalker.StackFrame> frames = WALKER.walk(s -> s
                .filter(f -> !excluded.get(f.getDeclaringClass()) && !excludedMethod(f))
                .limit(FRAMES).collect(Collectors.toList()));
        if (frames.isEmpty()) {
            return CallSite.UNKNOWN;
        }
        StackWalker.StackFrame first = frames.get(0);
        List<String> callers = new ArrayList<>(frames.size() - 1);
        for (StackWalker.StackFrame f : frames.subList(1, frames.size())) {
            callers.add(new CallSite(f.getClassName(), f.getMethodName(),
                    Objects.requireNonNullElse(f.getFileName(), ""), f.getLineNumber()).frame());
        }
        return new CallSite(first.getClassName(), first.getMethodName(),
                Objects.requireNonNullElse(first.getFileName(), ""), first.getLineNumber(), callers);
    }

    /** User exclusions may name methods too: {@code com.acme.Db.run} skips that method only. */
    private boolean excludedMethod(StackWalker.StackFrame f) {
        if (methodExclusions.isEmpty()) {
            return false;
        }
        String qualified = f.getClassName() + "." + f.getMethodName();
        for (String prefix : methodExclusions) {
            if (qualified.equals(prefix) || qualified.startsWith(prefix) && prefix.endsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private boolean isExcluded(Class<?> type) {
        String name = type.getName();
        if (name.contains("$$") || name.startsWith("$Proxy") || type.isHidden()) {
            return true; // generated proxies and lambdas
        }
        for (String prefix : exclusions) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
