package com.example.shop;

import jakarta.persistence.EntityGraph;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * A small Hibernate application over a {@link DataSource}: the code whose statements the profiler's ORM tests look
 * at. Each method is one "page" of the application, written the way users write them: lazily (N+1), with JOIN FETCH,
 * with an entity graph, with batch fetching, or reading lazy associations after the transaction ended.
 */
public final class Shop implements AutoCloseable {

    private final SessionFactory sessions;

    public Shop(DataSource dataSource) {
        Configuration cfg = new Configuration().addAnnotatedClass(Customer.class).addAnnotatedClass(Rental.class)
                .addAnnotatedClass(Film.class).addAnnotatedClass(Payment.class);
        cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "create-drop");
        cfg.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        cfg.setProperty(AvailableSettings.SHOW_SQL, "false");
        this.sessions = cfg.buildSessionFactory();
    }

    /** The session factory (an {@code EntityManagerFactory}). */
    public SessionFactory sessionFactory() {
        return sessions;
    }

    /** Stores {@code customers} customers with {@code perCustomer} rentals and payments each, over {@code films}. */
    public void populate(int customers, int perCustomer, int films) {
        sessions.inTransaction(s -> {
            List<Film> all = new ArrayList<>();
            for (int f = 1; f <= films; f++) {
                Film film = new Film(f, "film " + f);
                s.persist(film);
                all.add(film);
            }
            long id = 1;
            for (int c = 1; c <= customers; c++) {
                Customer customer = new Customer(c, "customer " + c);
                s.persist(customer);
                for (int r = 0; r < perCustomer; r++, id++) {
                    s.persist(new Rental(id, customer, all.get((int) (id % films))));
                    s.persist(new Payment(id, customer, 100 * r));
                }
            }
        });
    }

    /** Rentals per customer of the first {@code limit}, each customer's collection loaded when touched: an N+1. */
    public List<Integer> rentalCountsLazily(int limit) {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            List<Integer> counts = new ArrayList<>();
            for (Customer c : s.createQuery("from Customer c order by c.id", Customer.class).setMaxResults(limit)
                    .getResultList()) {
                counts.add(c.getRentals().size());
            }
            s.getTransaction().commit();
            return counts;
        }
    }

    /** Rentals per customer in one query with JOIN FETCH. */
    public List<Integer> rentalCountsWithJoinFetch() {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            List<Integer> counts = new ArrayList<>();
            for (Customer c : s.createQuery("select distinct c from Customer c left join fetch c.rentals r "
                    + "left join fetch r.film order by c.id", Customer.class).getResultList()) {
                counts.add(c.getRentals().size());
            }
            s.getTransaction().commit();
            return counts;
        }
    }

    /** Rentals per customer in one query with an entity graph. */
    public List<Integer> rentalCountsWithEntityGraph() {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            EntityGraph<Customer> graph = s.createEntityGraph(Customer.class);
            graph.addSubgraph("rentals").addAttributeNodes("film");
            List<Integer> counts = new ArrayList<>();
            for (Customer c : s.createQuery("select distinct c from Customer c order by c.id", Customer.class)
                    .setHint("jakarta.persistence.fetchgraph", graph).getResultList()) {
                counts.add(c.getRentals().size());
            }
            s.getTransaction().commit();
            return counts;
        }
    }

    /** The customer of every rental through its lazy proxy; each rental's EAGER film loads by a select of its own. */
    public List<String> customerNamesOfRentals() {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            List<String> names = new ArrayList<>();
            List<Rental> rentals = s.createQuery("from Rental r order by r.id", Rental.class).getResultList();
            for (Rental r : rentals) {
                names.add(r.getCustomer().getName());
            }
            s.getTransaction().commit();
            return names;
        }
    }

    /** The films and customers of every rental, fetched in the query: no follow-up select. */
    public List<String> customerNamesWithJoinFetch() {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            List<String> names = new ArrayList<>();
            for (Rental r : s.createQuery("from Rental r join fetch r.film join fetch r.customer order by r.id",
                    Rental.class).getResultList()) {
                names.add(r.getCustomer().getName() + " " + r.getFilm().getTitle());
            }
            s.getTransaction().commit();
            return names;
        }
    }

    /** Payments per customer: the collection has {@code @BatchSize(size = 5)}, so they load 5 customers at a time. */
    public List<Long> paymentTotals() {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            List<Long> totals = new ArrayList<>();
            for (Customer c : s.createQuery("from Customer c order by c.id", Customer.class).getResultList()) {
                totals.add(c.getPayments().stream().mapToLong(Payment::getCents).sum());
            }
            s.getTransaction().commit();
            return totals;
        }
    }

    /** The same film looked up by title again and again. */
    public int filmByTitleRepeatedly(int times) {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            int found = 0;
            for (int i = 0; i < times; i++) {
                found += s.createQuery("from Film f where f.title = :title", Film.class)
                        .setParameter("title", "film 1").getResultList().size();
            }
            s.getTransaction().commit();
            return found;
        }
    }

    /**
     * Open session in view: customers loaded in a transaction, their rentals read by the "view" after it committed,
     * with the session still open (each lazy load runs outside any transaction).
     */
    public List<Integer> rentalCountsInTheView() {
        try (Session s = sessions.openSession()) {
            s.beginTransaction();
            List<Customer> customers = s.createQuery("from Customer c order by c.id", Customer.class).getResultList();
            s.getTransaction().commit();
            List<Integer> counts = new ArrayList<>();
            for (Customer c : customers) {
                counts.add(c.getRentals().size());
            }
            return counts;
        }
    }

    @Override
    public void close() {
        sessions.close();
    }
}
