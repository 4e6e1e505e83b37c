package com.example.shop;

import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** A Spring Data JPA repository of the sample shop. */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

    /** Every customer with its rentals, fetched in the same query by an entity graph. */
    @EntityGraph(attributePaths = "rentals")
    @Query("select c from Customer c order by c.id")
    List<Customer> findAllWithRentals();
}
