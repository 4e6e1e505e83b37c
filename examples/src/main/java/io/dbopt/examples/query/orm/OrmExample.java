package io.dbopt.examples.query.orm;

import io.dbopt.query.NPlusOne;
import io.dbopt.query.ProfilerScope;
import io.dbopt.query.QueryProfiler;
import io.dbopt.query.orm.EntityMappings;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * dbopt-query for Hibernate / JPA users: the profiler wraps the data source Hibernate uses, learns the entity
 * mappings from the session factory, and names an N+1 as the association that caused it ({@code Author.books}),
 * with the line of application code that touched it and the JPA fix; the JOIN FETCH version is then clean.
 *
 * <pre>
 * java -cp ... io.dbopt.examples.query.orm.OrmExample jdbc:postgresql://127.0.0.1:5432/app postgres ""
 * </pre>
 */
public final class OrmExample {

    private static final int AUTHORS = 20;

    private OrmExample() {
    }

    /**
     * What the example saw.
     *
     * @param lazy the N+1 patterns of the page that reads each author's books lazily
     * @param fetched the N+1 patterns of the page that fetches them with JOIN FETCH (none)
     */
    public record Result(List<NPlusOne> lazy, List<NPlusOne> fetched) {
    }

    /** Runs the example on a database (the user needs CREATE TABLE; the example's tables are dropped after). */
    public static Result run(DataSource database) {
        QueryProfiler profiler = QueryProfiler.builder().build();
        Configuration cfg = new Configuration().addAnnotatedClass(Author.class).addAnnotatedClass(Book.class);
        cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, profiler.instrument(database));
        cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "create-drop");
        try (SessionFactory sessions = cfg.buildSessionFactory()) {
            profiler.useEntityMappings(EntityMappings.of(sessions));
            populate(sessions);
            List<NPlusOne> lazy;
            try (ProfilerScope page = profiler.scope("authors, lazily")) {
                booksPerAuthorLazily(sessions);
                lazy = page.nPlusOne();
            }
            List<NPlusOne> fetched;
            try (ProfilerScope page = profiler.scope("authors, JOIN FETCH")) {
                booksPerAuthorFetched(sessions);
                fetched = page.nPlusOne(3);
            }
            return new Result(lazy, fetched);
        }
    }

    private static void populate(SessionFactory sessions) {
        sessions.inTransaction(s -> {
            long id = 1;
            for (int a = 1; a <= AUTHORS; a++) {
                Author author = new Author(a, "author " + a);
                s.persist(author);
                for (int b = 0; b < 3; b++, id++) {
                    s.persist(new Book(id, author, "book " + id));
                }
            }
        });
    }

    /** Each author's books load when first touched: one query per author. */
    static int booksPerAuthorLazily(SessionFactory sessions) {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            int books = 0;
            for (Author a : s.createQuery("from Author a order by a.id", Author.class).getResultList()) {
                books += a.getBooks().size();
            }
            s.getTransaction().commit();
            return books;
        }
    }

    /** The books fetched with their authors in one query. */
    static int booksPerAuthorFetched(SessionFactory sessions) {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            int books = 0;
            for (Author a : s.createQuery("select distinct a from Author a left join fetch a.books order by a.id",
                    Author.class).getResultList()) {
                books += a.getBooks().size();
            }
            s.getTransaction().commit();
            return books;
        }
    }

    public static void main(String[] args) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres");
        ds.setUser(args.length > 1 ? args[1] : "postgres");
        ds.setPassword(args.length > 2 ? args[2] : "");
        Result result = run(ds);
        result.lazy().forEach(n -> System.out.println("N+1: " + n.describe()));
        System.out.println("with JOIN FETCH: " + result.fetched().size() + " N+1 patterns");
    }
}
