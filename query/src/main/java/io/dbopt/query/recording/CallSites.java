package io.dbopt.query.recording;

import io.dbopt.query.CallSite;
import io.dbopt.query.LoadTrigger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the call site of a statement with {@link StackWalker}: the first frame whose class is not in an excluded
 * package (the JDK and its reflection, drivers, pools, ORMs, Spring Data and AOP, JDBC proxies and dbopt's library
 * modules; dbopt's CLI and examples count as callers) and is not generated (JDK, CGLIB, ByteBuddy and Javassist
 * proxies, Hibernate's entity proxies and the methods it adds to enhanced entities, lambdas). The frames walked past
 * tell what triggered the statement ({@link LoadTrigger}). The walk stops a few frames after the application frame
 * instead of running to the bottom of the stack; decisions are cached per class. Thread-safe.
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
            "com.vladmihalcea.flexypool.", "net.bytebuddy.", "javassist.", "org.aopalliance.",
            "org.junit.platform.", "org.junit.jupiter.engine.",
            "io.dbopt.core.", "io.dbopt.query.", "io.dbopt.pool.", "io.dbopt.transaction.", "io.dbopt.bulk.",
            "io.dbopt.index.", "io.dbopt.json.", "io.dbopt.health.", "io.dbopt.migration.", "io.dbopt.testkit.");

    /** Parts of generated class names: Hibernate's proxies, ByteBuddy, Javassist, CGLIB and JDK proxies. */
    private static final List<String> GENERATED = List.of("$$", "$HibernateProxy", "$ByteBuddy$", "_$$_jvst",
            "$Proxy", "$MockitoMock$");

    /** Interfaces that Hibernate's proxies and enhanced entities implement. */
    private static final List<String> ORM_INTERFACES = List.of("org.hibernate.proxy.HibernateProxy",
            "org.hibernate.proxy.ProxyConfiguration", "org.hibernate.engine.spi.PersistentAttributeInterceptable");

    /** What frames of a class tell about the trigger, decided once per class. */
    private static final ClassValue<Triggers.ClassTrigger> TRIGGERS = new ClassValue<>() {
        @Override
        protected Triggers.ClassTrigger computeValue(Class<?> type) {
            return Triggers.forClass(type);
        }
    };

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Application callers kept above the call site. */
    private static final int CALLERS = 2;
    /** Frames looked at above the call site for its callers before the walk stops. */
    private static final int CALLER_SCAN = 8;

    /** Whether any stack walked so far showed an ORM between the application and the JDBC call. */
    private volatile boolean ormSeen;
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
        return captureWithTrigger().site();
    }

    /** The call site and what triggered the statement. */
    Capture captureWithTrigger() {
        return WALKER.walk(this::read);
    }

    private Capture read(java.util.stream.Stream<StackWalker.StackFrame> stream) {
        Iterator<StackWalker.StackFrame> frames = stream.iterator();
        LoadTrigger trigger = null;
        StackWalker.StackFrame first = null;
        List<String> callers = List.of();
        int scanned = 0;
        while (frames.hasNext()) {
            StackWalker.StackFrame f = frames.next();
            boolean skip = excluded.get(f.getDeclaringClass()) || excludedMethod(f);
            if (first == null) {
                if (skip) {
                    Triggers.ClassTrigger ct = TRIGGERS.get(f.getDeclaringClass());
                    trigger = Triggers.combine(trigger, ct.byMethod()
                            ? Triggers.of(f.getClassName(), f.getMethodName()) : ct.trigger());
                } else {
                    first = f;
                }
                continue;
            }
            if (!skip) {
                if (callers.isEmpty()) {
                    callers = new ArrayList<>(CALLERS);
                }
                callers.add(new CallSite(f.getClassName(), f.getMethodName(),
                        Objects.requireNonNullElse(f.getFileName(), ""), f.getLineNumber()).frame());
                if (callers.size() == CALLERS) {
                    break;
                }
            }
            if (++scanned == CALLER_SCAN) {
                break;
            }
        }
        LoadTrigger t = trigger == null ? LoadTrigger.APPLICATION : trigger;
        if (t != LoadTrigger.APPLICATION && !ormSeen) {
            ormSeen = true;
        }
        if (first == null) {
            return new Capture(CallSite.UNKNOWN, t);
        }
        return new Capture(new CallSite(first.getClassName(), first.getMethodName(),
                Objects.requireNonNullElse(first.getFileName(), ""), first.getLineNumber(), callers), t);
    }

    /**
     * Whether an ORM ran statements through this profiler, as the walked stacks showed (the first executions of every
     * fingerprint are walked): until then, nothing outside scopes and transactions can be a lazy load.
     */
    boolean ormSeen() {
        return ormSeen;
    }

    /** User exclusions may name methods too: {@code com.acme.Db.run} skips that method only. */
    private boolean excludedMethod(StackWalker.StackFrame f) {
        String method = f.getMethodName();
        if (method.startsWith("$$_hibernate_")) {
            return true; // added to enhanced entities by Hibernate's bytecode enhancement
        }
        if (methodExclusions.isEmpty()) {
            return false;
        }
        String qualified = f.getClassName() + "." + method;
        for (String prefix : methodExclusions) {
            if (qualified.equals(prefix) || qualified.startsWith(prefix) && prefix.endsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private boolean isExcluded(Class<?> type) {
        String name = type.getName();
        if (type.isHidden() || type.isSynthetic()) {
            return true; // lambdas and generated classes
        }
        for (String part : GENERATED) {
            if (name.contains(part)) {
                return true;
            }
        }
        for (String prefix : exclusions) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return implementsOrmInterface(type);
    }

    private static boolean implementsOrmInterface(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (ORM_INTERFACES.contains(i.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A call site and what triggered the statement run from it.
     *
     * @param site the first application frame
     * @param trigger what made the statement run
     */
    record Capture(CallSite site, LoadTrigger trigger) {

        /** Equal site and trigger, without the record's generated method-handle equality (a hot path). */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Capture c && trigger == c.trigger && site.equals(c.site);
        }

        @Override
        public int hashCode() {
            return 31 * site.hashCode() + trigger.hashCode();
        }
    }
}
