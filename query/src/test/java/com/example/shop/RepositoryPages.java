package com.example.shop;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/** Pages of the sample shop written over a Spring Data JPA repository (Spring Data without Spring Boot). */
public final class RepositoryPages {

    private final SessionFactory sessions;

    public RepositoryPages(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Rentals per customer from {@code findAll()}: each collection loads when touched. */
    public List<Integer> rentalCounts() {
        return run(false);
    }

    /** Rentals per customer from a repository method with an entity graph. */
    public List<Integer> rentalCountsWithEntityGraph() {
        return run(true);
    }

    private List<Integer> run(boolean graph) {
        EntityManager em = sessions.createEntityManager();
        try {
            em.getTransaction().begin();
            CustomerRepository customers = new JpaRepositoryFactory(em).getRepository(CustomerRepository.class);
            List<Integer> counts = new ArrayList<>();
            for (Customer c : graph ? customers.findAllWithRentals() : customers.findAll()) {
                counts.add(c.getRentals().size());
            }
            em.getTransaction().commit();
            return counts;
        } finally {
            em.close();
        }
    }
}
