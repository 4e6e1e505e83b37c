package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A rental: its customer is a lazy proxy, its film an EAGER to-one (JPA's default for {@code @ManyToOne}). */
@Entity
@Table(name = "rentals")
public class Rental {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @ManyToOne
    @JoinColumn(name = "film_id")
    private Film film;

    protected Rental() {
    }

    Rental(long id, Customer customer, Film film) {
        this.id = id;
        this.customer = customer;
        this.film = film;
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public Film getFilm() {
        return film;
    }
}
