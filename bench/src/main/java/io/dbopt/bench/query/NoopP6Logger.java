package io.dbopt.bench.query;

import com.p6spy.engine.logging.Category;
import com.p6spy.engine.spy.appender.P6Logger;

/** P6Spy with logging off: every category disabled, so P6Spy wraps and times but never formats a message. */
public final class NoopP6Logger implements P6Logger {

    @Override
    public void logSQL(int connectionId, String now, long elapsed, Category category, String prepared, String sql,
                       String url) {
        // logging is off in this benchmark
    }

    @Override
    public void logException(Exception e) {
        // logging is off in this benchmark
    }

    @Override
    public void logText(String text) {
        // logging is off in this benchmark
    }

    @Override
    public boolean isCategoryEnabled(Category category) {
        return false;
    }
}
