package io.dbopt.bench.query;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A rental of {@link HibernateNPlusOneMain}'s application. */
@Entity
@Table(name = "bench_rentals")
public class OrmRental {

    @Id
    Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "customer_id")
    OrmCustomer customer;

    long cents;

    protected OrmRental() {
    }

    OrmRental(long id, OrmCustomer customer, long cents) {
        this.id = id;
        this.customer = customer;
        this.cents = cents;
    }
}
