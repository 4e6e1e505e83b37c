package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A payment of a customer. */
@Entity
@Table(name = "payments")
public class Payment {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    private long cents;

    protected Payment() {
    }

    Payment(long id, Customer customer, long cents) {
        this.id = id;
        this.customer = customer;
        this.cents = cents;
    }

    public long getCents() {
        return cents;
    }
}
