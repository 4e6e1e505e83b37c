package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/** A customer of the sample shop: rentals loaded lazily one customer at a time, payments in batches of 5. */
@Entity
@Table(name = "customers")
public class Customer {

    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "customer")
    private List<Rental> rentals = new ArrayList<>();

    @OneToMany(mappedBy = "customer")
    @BatchSize(size = 5)
    private List<Payment> payments = new ArrayList<>();

    protected Customer() {
    }

    Customer(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Rental> getRentals() {
        return rentals;
    }

    public List<Payment> getPayments() {
        return payments;
    }
}
