package io.dbopt.query.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.LoadTrigger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TriggersTest {

    private static LoadTrigger walk(String... frames) {
        LoadTrigger t = null;
        for (String f : frames) {
            int dot = f.lastIndexOf('.');
            t = Triggers.next(t, f.substring(0, dot), f.substring(dot + 1));
        }
        return t;
    }

    @Test
    void theNearestOrmCauseWins() {
        assertThat(walk("org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl.executeQuery",
                "org.hibernate.loader.ast.internal.CollectionBatchLoaderArrayParam.load",
                "org.hibernate.event.internal.DefaultInitializeCollectionEventListener.onInitializeCollection",
                "org.hibernate.collection.spi.AbstractPersistentCollection.initialize"))
                .isEqualTo(LoadTrigger.BATCH_LOADER);
        assertThat(walk("org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl.executeQuery",
                "org.hibernate.collection.spi.AbstractPersistentCollection.read"))
                .isEqualTo(LoadTrigger.LAZY_COLLECTION);
        assertThat(walk("org.hibernate.loader.ast.internal.SingleIdEntityLoaderStandardImpl.load",
                "org.hibernate.proxy.AbstractLazyInitializer.initialize",
                "com.acme.Film$HibernateProxy$x1.getTitle"))
                .isEqualTo(LoadTrigger.TO_ONE_PROXY);
        assertThat(walk("org.hibernate.query.sqm.internal.QuerySqmImpl.list")).isEqualTo(LoadTrigger.ORM_QUERY);
    }

    @Test
    void aCollectionInitialisedForAnEagerFetchIsAnEagerFollowUp() {
        assertThat(walk("org.hibernate.collection.spi.AbstractPersistentCollection.initialize",
                "org.hibernate.engine.internal.StatefulPersistenceContext.initializeNonLazyCollections"))
                .isEqualTo(LoadTrigger.EAGER_FOLLOW_UP);
        assertThat(walk("org.hibernate.loader.ast.internal.SingleIdEntityLoaderStandardImpl.load",
                "org.hibernate.sql.results.graph.entity.internal.EntitySelectFetchInitializer.resolveInstance"))
                .isEqualTo(LoadTrigger.EAGER_FOLLOW_UP);
    }

    @Test
    void aClassDecidesOnceUnlessItsMethodDecides() {
        // every frame of these classes tells the same, so a stack walk does not ask them for their method names
        assertThat(Triggers.forClass(org.hibernate.collection.spi.AbstractPersistentCollection.class))
                .isEqualTo(new Triggers.ClassTrigger(LoadTrigger.LAZY_COLLECTION, false));
        assertThat(Triggers.forClass(org.hibernate.query.sqm.internal.QuerySqmImpl.class))
                .isEqualTo(new Triggers.ClassTrigger(LoadTrigger.ORM_QUERY, false));
        assertThat(Triggers.forClass(String.class)).isEqualTo(new Triggers.ClassTrigger(null, false));
        // the class that declares initializeNonLazyCollections answers by method, as the walk by names did
        Triggers.ClassTrigger context = Triggers.forClass(
                org.hibernate.engine.internal.StatefulPersistenceContext.class);
        assertThat(context.byMethod()).isTrue();
        assertThat(context.trigger()).isEqualTo(LoadTrigger.ORM_QUERY);
        assertThat(Triggers.of("org.hibernate.engine.internal.StatefulPersistenceContext", Triggers.NON_LAZY_INIT))
                .isEqualTo(LoadTrigger.EAGER_FOLLOW_UP);
    }

    @Test
    void plainJdbcFramesTellNothing() {
        assertThat(walk("com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery")).isNull();
    }

    @Test
    void countsTheKeysOfAnInListOfParameters() {
        assertThat(Shape.inListKeys("select * from t where customer_id in (?, ?,?, ?, ?)")).isEqualTo(5);
        assertThat(Shape.inListKeys("select * from t where a in (?) and b = ?")).isZero();
        assertThat(Shape.inListKeys("select * from t where a = any (?)")).isZero();
        assertThat(Shape.inListKeys("select * from t where name = 'in (?, ?)'")).isZero();
    }
}
