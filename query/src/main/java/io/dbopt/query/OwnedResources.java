package io.dbopt.query;

import io.dbopt.core.jdbc.OwnedDataSource;
import io.dbopt.core.metrics.MetricsRecorder;
import io.dbopt.query.cache.QueryCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link QueryOptimizer} opened itself and therefore closes: the data source opened from the configuration, a
 * cache built from {@code cache.*} settings, the meters registered in a registry. Closing closes each once, in the
 * reverse order of opening, and rethrows the first failure with the others suppressed. Confined to the builder until
 * the optimizer is built; closed once.
 */
final class OwnedResources {

    private final List<Runnable> opened = new ArrayList<>();
    private OwnedDataSource dataSource;

    OwnedDataSource dataSource(OwnedDataSource value) {
        this.dataSource = value;
        opened.add(value::close);
        return value;
    }

    QueryCache cache(QueryCache value) {
        opened.add(value::close);
        return value;
    }

    MetricsRecorder metrics(MetricsRecorder value) {
        opened.add(value::close);
        return value;
    }

    /** What backs the data source it opened, for logs; empty when the data source is the user's. */
    Optional<String> describe() {
        return Optional.ofNullable(dataSource).map(OwnedDataSource::describe);
    }

    /** Closes everything, rethrowing the first failure with the later ones suppressed. */
    void close() {
        RuntimeException failure = closeAll();
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes everything after {@code primary} made building fail, adding close failures to it. */
    void closeAfter(RuntimeException primary) {
        RuntimeException failure = closeAll();
        if (failure != null) {
            primary.addSuppressed(failure);
        }
    }

    private RuntimeException closeAll() {
        RuntimeException failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        opened.clear();
        return failure;
    }
}
