package io.dbopt.query.recording;

import io.dbopt.query.LoadTrigger;
import java.lang.reflect.Method;

/**
 * Reads what triggered a statement from the frames between the JDBC call and the application's call site, nearest
 * first: Hibernate's batch loaders, the initialisers that run a select while reading another query's rows, lazy
 * collections, lazy to-one proxies and enhanced-entity interceptors, and any other ORM frame (a query the
 * application asked for). Stateless.
 */
final class Triggers {

    /** Hibernate's method that initialises the collections an eager fetch asked for. */
    static final String NON_LAZY_INIT = "initializeNonLazyCollections";

    private Triggers() {
    }

    /**
     * The trigger once one more frame, further from the JDBC call than the ones seen, is taken into account.
     *
     * @param sofar what the nearer frames showed, null when nothing yet
     */
    static LoadTrigger next(LoadTrigger sofar, String className, String methodName) {
        return combine(sofar, of(className, methodName));
    }

    /**
     * The trigger once one more frame, which told {@code here} (null for nothing), is taken into account.
     *
     * @param sofar what the nearer frames showed, null when nothing yet
     */
    static LoadTrigger combine(LoadTrigger sofar, LoadTrigger here) {
        if (here == null) {
            return sofar;
        }
        if (sofar == null || sofar == LoadTrigger.ORM_QUERY) {
            return here;
        }
        // a collection or proxy initialised because another query's rows asked for it eagerly
        if (here == LoadTrigger.EAGER_FOLLOW_UP
                && (sofar == LoadTrigger.LAZY_COLLECTION || sofar == LoadTrigger.TO_ONE_PROXY)) {
            return here;
        }
        return sofar;
    }

    /**
     * What any frame of {@code type} tells, decided once per class so that a stack walk need not ask each frame for
     * its method name: only Hibernate classes that declare {@value #NON_LAZY_INIT} answer by method
     * ({@link ClassTrigger#byMethod()}).
     */
    static ClassTrigger forClass(Class<?> type) {
        String name = type.getName();
        return new ClassTrigger(of(name, ""), name.startsWith("org.hibernate.") && declares(type, NON_LAZY_INIT));
    }

    private static boolean declares(Class<?> type, String method) {
        try {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(method)) {
                    return true;
                }
            }
            return false;
        } catch (LinkageError | SecurityException e) {
            return true; // cannot tell: ask every frame of it for its method, as before
        }
    }

    /**
     * What frames of one class tell.
     *
     * @param trigger the trigger of any frame of the class, null for nothing
     * @param byMethod whether the method decides instead ({@link #of(String, String)} with the frame's method name)
     */
    record ClassTrigger(LoadTrigger trigger, boolean byMethod) {
    }

    static LoadTrigger of(String className, String methodName) {
        if (className.startsWith("org.hibernate.")) {
            if (className.startsWith("org.hibernate.loader.ast.internal.") && className.contains("BatchLoader")) {
                return LoadTrigger.BATCH_LOADER;
            }
            if (className.endsWith("SelectFetchInitializer") || className.endsWith("SelectEagerCollectionInitializer")
                    || methodName.equals(NON_LAZY_INIT)) {
                return LoadTrigger.EAGER_FOLLOW_UP;
            }
            if (className.startsWith("org.hibernate.collection.")
                    || className.endsWith("DefaultInitializeCollectionEventListener")) {
                return LoadTrigger.LAZY_COLLECTION;
            }
            if (className.startsWith("org.hibernate.proxy.")
                    || className.startsWith("org.hibernate.bytecode.enhance.spi.interceptor.")) {
                return LoadTrigger.TO_ONE_PROXY;
            }
            return LoadTrigger.ORM_QUERY;
        }
        if (className.contains("$HibernateProxy")) {
            return LoadTrigger.TO_ONE_PROXY;
        }
        if (className.startsWith("org.springframework.data.") || className.startsWith("org.eclipse.persistence.")) {
            return LoadTrigger.ORM_QUERY;
        }
        return null;
    }
}
