package io.dbopt.bench.query;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A customer of {@link HibernateNPlusOneMain}'s application, with a lazy collection of rentals. */
@Entity
@Table(name = "bench_customers")
public class OrmCustomer {

    @Id
    Long id;

    String name;

    @OneToMany(mappedBy = "customer")
    List<OrmRental> rentals = new ArrayList<>();

    protected OrmCustomer() {
    }

    OrmCustomer(long id, String name) {
        this.id = id;
        this.name = name;
    }

    List<OrmRental> rentals() {
        return rentals;
    }
}
