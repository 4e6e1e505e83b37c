package io.dbopt.query.recording;

import io.dbopt.query.LoadTrigger;

/**
 * Reads what triggered a statement from the frames between the JDBC call and the application's call site, nearest
 * first: Hibernate's batch loaders, the initialisers that run a select while reading another query's rows, lazy
 * collections, lazy to-one proxies and enhanced-entity interceptors, and any other ORM frame (a query the
 * application asked for). Stateless.
 */
final class Triggers {

    private Triggers() {
    }

    /**
     * The trigger once one more frame, further from the JDBC call than the ones seen, is taken into account.
     *
     * @param sofar what the nearer frames showed, null when nothing yet
     */
    static LoadTrigger next(LoadTrigger sofar, String className, String methodName) {
        LoadTrigger here = of(className, methodName);
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

    private static LoadTrigger of(String className, String methodName) {
        if (className.startsWith("org.hibernate.")) {
            if (className.startsWith("org.hibernate.loader.ast.internal.") && className.contains("BatchLoader")) {
                return LoadTrigger.BATCH_LOADER;
            }
            if (className.endsWith("SelectFetchInitializer") || className.endsWith("SelectEagerCollectionInitializer")
                    || methodName.equals("initializeNonLazyCollections")) {
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
