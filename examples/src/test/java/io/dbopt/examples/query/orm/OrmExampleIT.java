package io.dbopt.examples.query.orm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbopt.query.LoadTrigger;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The ORM example on PostgreSQL (the query module's own Hibernate tests run on both servers). */
@DbTest(TestDialect.POSTGRESQL)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrmExampleIT {

    @DialectTest
    void namesTheAssociationTheLineAndTheJpaFixAndFindsNothingWithJoinFetch(TestDatabase db) {
        OrmExample.Result result = OrmExample.run(db.dataSource());
        assertThat(result.lazy()).singleElement().satisfies(n -> {
            assertThat(n.association()).isEqualTo("Author.books");
            assertThat(n.trigger()).isEqualTo(LoadTrigger.LAZY_COLLECTION);
            assertThat(n.executions()).isEqualTo(20);
            assertThat(n.callSite().methodName()).isEqualTo("booksPerAuthorLazily");
            assertThat(n.suggestion()).contains("JOIN FETCH a.books");
        });
        assertThat(result.fetched()).isEmpty();
    }
}
