package io.dbopt.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.shop.RepositoryPages;
import com.example.shop.Shop;
import io.dbopt.query.assertions.QueryAssertions;
import io.dbopt.query.orm.EntityMappings;
import io.dbopt.testkit.DbTest;
import io.dbopt.testkit.DialectTest;
import io.dbopt.testkit.TestDatabase;
import io.dbopt.testkit.TestDialect;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * N+1 detection and advice with a real Hibernate 6.6 application (lazy and EAGER associations, a lazy proxy, batch
 * fetching, JOIN FETCH, an entity graph, open session in view) and a Spring Data JPA repository, on both servers.
 * One SessionFactory per dialect for the whole class.
 */
@DbTest
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HibernateNPlusOneIT {

    private static final int CUSTOMERS = 12;
    private static final Map<TestDialect, App> APPS = new EnumMap<>(TestDialect.class);

    /** One profiled Hibernate application per dialect; the profiler starts every test empty. */
    private record App(QueryProfiler profiler, Shop shop) {
    }

    private static App app(TestDatabase db) {
        App app = APPS.computeIfAbsent(db.testDialect(), d -> {
            QueryProfiler profiler = QueryProfiler.builder().build(); // default threshold: 10
            Shop shop = new Shop(profiler.instrument(db.dataSource()));
            shop.populate(CUSTOMERS, 3, CUSTOMERS);
            profiler.useEntityMappings(EntityMappings.of(shop.sessionFactory()));
            return new App(profiler, shop);
        });
        app.profiler().reset();
        return app;
    }

    @AfterAll
    static void close() {
        APPS.values().forEach(a -> a.shop().close());
        APPS.clear();
    }

    @DialectTest
    void namesTheApplicationLineAndTheAssociationOfALazyCollection(TestDatabase db) {
        App app = app(db);
        try (ProfilerScope page = app.profiler().scope("customers")) {
            assertThat(app.shop().rentalCountsLazily(CUSTOMERS)).hasSize(CUSTOMERS).containsOnly(3);
            assertThat(page.nPlusOne()).singleElement().satisfies(n -> {
                assertThat(n.trigger()).isEqualTo(LoadTrigger.LAZY_COLLECTION);
                assertThat(n.batched()).isFalse();
                assertThat(n.executions()).isEqualTo(CUSTOMERS);
                assertThat(n.callSite().className()).isEqualTo(Shop.class.getName());
                assertThat(n.callSite().methodName()).isEqualTo("rentalCountsLazily");
                assertThat(n.association()).isEqualTo("Customer.rentals");
                assertThat(n.suggestion()).contains("JOIN FETCH c.rentals")
                        .contains("@EntityGraph(attributePaths = \"rentals\")").contains("@BatchSize")
                        .doesNotContain("any(?)");
                assertThat(n.sqlSuggestion()).contains(db.testDialect() == TestDialect.POSTGRESQL
                        ? "customer_id = any(?)" : "customer_id in (?, ?, ...)");
            });
        }
        assertThat(app.profiler().findings(0)).filteredOn(f -> f.check().value().equals("query.n-plus-one"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("Customer.rentals"));
    }

    @DialectTest
    void namesTheLineThatTouchedALazyProxyNotTheProxy(TestDatabase db) {
        App app = app(db);
        try (ProfilerScope page = app.profiler().scope("rentals")) {
            assertThat(app.shop().customerNamesOfRentals()).hasSize(CUSTOMERS * 3);
            assertThat(page.nPlusOne()).filteredOn(n -> n.trigger() == LoadTrigger.TO_ONE_PROXY).singleElement()
                    .satisfies(n -> {
                        assertThat(n.callSite().className()).isEqualTo(Shop.class.getName());
                        assertThat(n.callSite().methodName()).isEqualTo("customerNamesOfRentals");
                        assertThat(n.callSite().toString()).doesNotContain("HibernateProxy");
                        // customers are the target of Rental.customer and Payment.customer: the SQL cannot tell
                        assertThat(n.association()).isEqualTo("Payment.customer or Rental.customer");
                        assertThat(n.suggestion()).contains("lazy Customer").contains("JOIN FETCH")
                                .contains("@BatchSize(size = 50) on the Customer entity");
                    });
        }
    }

    @DialectTest
    void tellsAnEagerDefaultBehindAHiddenNPlusOneAndSuggestsLazy(TestDatabase db) {
        App app = app(db);
        try (ProfilerScope page = app.profiler().scope("rentals")) {
            app.shop().customerNamesOfRentals();
            assertThat(page.nPlusOne()).filteredOn(n -> n.trigger() == LoadTrigger.EAGER_FOLLOW_UP).singleElement()
                    .satisfies(n -> {
                        assertThat(n.association()).isEqualTo("Rental.film");
                        assertThat(n.suggestion()).contains("EAGER").contains("FetchType.LAZY")
                                .contains("JOIN FETCH r.film");
                        assertThat(n.callSite().className()).isEqualTo(Shop.class.getName());
                    });
        }
        try (ProfilerScope fixed = app.profiler().scope("rentals fetched")) {
            assertThat(app.shop().customerNamesWithJoinFetch()).hasSize(CUSTOMERS * 3);
            QueryAssertions.assertThat(fixed).hasNoNPlusOne(3).hasSelectCount(1);
        }
    }

    @DialectTest
    void joinFetchAndEntityGraphPassWithALowThreshold(TestDatabase db) {
        App app = app(db);
        try (ProfilerScope page = app.profiler().scope("join fetch")) {
            assertThat(app.shop().rentalCountsWithJoinFetch()).containsOnly(3);
            QueryAssertions.assertThat(page).hasNoNPlusOne(3).hasSelectCount(1);
        }
        try (ProfilerScope page = app.profiler().scope("entity graph")) {
            assertThat(app.shop().rentalCountsWithEntityGraph()).containsOnly(3);
            QueryAssertions.assertThat(page).hasNoNPlusOne(3).hasSelectCount(1);
        }
    }

    @DialectTest
    void aTestSizedNPlusOneIsMissedAtTheDefaultThresholdButCaughtAtThree(TestDatabase db) {
        App app = app(db);
        try (ProfilerScope page = app.profiler().scope("five customers")) {
            app.shop().rentalCountsLazily(5);
            QueryAssertions.assertThat(page).hasNoNPlusOne(); // 5 loads: below the profiler's 10
            assertThatThrownBy(() -> QueryAssertions.assertThat(page).hasNoNPlusOne(3))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("Customer.rentals")
                    .hasMessageContaining("Shop.rentalCountsLazily(");
            QueryAssertions.assertThat(page).allowingCallSite("com.example.shop.Shop.rentalCountsLazily")
                    .hasNoNPlusOne(3);
        }
    }

    @DialectTest
    void reportsBatchFetchingAsRoundTripsOfManyKeysWhichATestCanAccept(TestDatabase db) {
        App app = app(db);
        try (ProfilerScope page = app.profiler().scope("payments")) {
            assertThat(app.shop().paymentTotals()).hasSize(CUSTOMERS);
            assertThat(page.nPlusOne(3)).singleElement().satisfies(n -> {
                assertThat(n.batched()).isTrue();
                assertThat(n.trigger()).isEqualTo(LoadTrigger.BATCH_LOADER);
                assertThat(n.executions()).isEqualTo(3); // 12 customers in batches of 5
                assertThat(n.association()).isEqualTo("Customer.payments");
                assertThat(n.describe()).contains("3 round trips of").doesNotContain("once per parent");
                assertThat(n.suggestion()).contains("batch fetching").doesNotContain("instead of one query per");
                if (db.testDialect() == TestDialect.MARIADB) {
                    assertThat(n.keysPerRoundTrip()).isEqualTo(5);
                }
            });
            assertThatThrownBy(() -> QueryAssertions.assertThat(page).hasNoNPlusOne(3))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("round trips");
            QueryAssertions.assertThat(page).acceptingBatchedLoading().hasNoNPlusOne(3);
        }
        try (ProfilerScope lazy = app.profiler().scope("rentals")) {
            app.shop().rentalCountsLazily(CUSTOMERS);
            assertThatThrownBy(() -> QueryAssertions.assertThat(lazy).acceptingBatchedLoading().hasNoNPlusOne(3))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("Customer.rentals");
        }
    }

    @DialectTest
    void aRepeatedIdenticalOrmQueryGetsAdvice(TestDatabase db) {
        App app = app(db);
        try (ProfilerScope page = app.profiler().scope("repeat")) {
            assertThat(app.shop().filmByTitleRepeatedly(10)).isEqualTo(10);
            assertThat(page.repeatedQueries()).singleElement().satisfies(r -> {
                assertThat(r.trigger()).isEqualTo(LoadTrigger.ORM_QUERY);
                assertThat(r.callSite().methodName()).isEqualTo("filmByTitleRepeatedly");
                assertThat(r.suggestion()).contains("persistence context").contains("query cache");
            });
            assertThatThrownBy(() -> QueryAssertions.assertThat(page).hasNoRepeatedQueries())
                    .hasMessageContaining("keep the first result");
        }
    }

    @DialectTest
    void findsLazyLoadsOutsideAnyTransactionGroupedByThread(TestDatabase db) {
        App app = app(db);
        assertThat(app.shop().rentalCountsInTheView()).containsOnly(3); // no named scope, loads after the commit
        assertThat(app.profiler().nPlusOne()).singleElement().satisfies(n -> {
            assertThat(n.scope()).isEqualTo("outside transaction");
            assertThat(n.trigger()).isEqualTo(LoadTrigger.LAZY_COLLECTION);
            assertThat(n.callSite().methodName()).isEqualTo("rentalCountsInTheView");
            assertThat(n.association()).isEqualTo("Customer.rentals");
        });
    }

    @DialectTest
    void keepsFindingTheNPlusOneOfEveryTransactionOnceItsCallSiteIsKnown(TestDatabase db) {
        App app = app(db);
        for (int i = 0; i < 40; i++) {
            app.shop().rentalCountsLazily(CUSTOMERS); // no named scope: each transaction is one
        }
        assertThat(app.profiler().nPlusOne()).singleElement().satisfies(n -> {
            assertThat(n.scope()).isEqualTo("transaction");
            assertThat(n.occurrences()).isEqualTo(40);
            assertThat(n.callSite().methodName()).isEqualTo("rentalCountsLazily");
            assertThat(n.trigger()).isEqualTo(LoadTrigger.LAZY_COLLECTION);
        });
    }

    @DialectTest
    void findsTheNPlusOneBehindASpringDataRepositoryAndNotWithItsEntityGraph(TestDatabase db) {
        App app = app(db);
        RepositoryPages pages = new RepositoryPages(app.shop().sessionFactory());
        try (ProfilerScope page = app.profiler().scope("repository")) {
            assertThat(pages.rentalCounts()).hasSize(CUSTOMERS);
            assertThat(page.nPlusOne()).singleElement().satisfies(n -> {
                assertThat(n.callSite().className()).isEqualTo(RepositoryPages.class.getName());
                assertThat(n.callSite().methodName()).isEqualTo("run");
                assertThat(n.trigger()).isEqualTo(LoadTrigger.LAZY_COLLECTION);
                assertThat(n.association()).isEqualTo("Customer.rentals");
            });
        }
        try (ProfilerScope page = app.profiler().scope("repository graph")) {
            assertThat(pages.rentalCountsWithEntityGraph()).containsOnly(3);
            QueryAssertions.assertThat(page).hasNoNPlusOne(3).hasSelectCount(1);
        }
    }
}
