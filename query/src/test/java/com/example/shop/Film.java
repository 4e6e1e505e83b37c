package com.example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A film of the sample shop. */
@Entity
@Table(name = "films")
public class Film {

    @Id
    private Long id;

    private String title;

    protected Film() {
    }

    Film(long id, String title) {
        this.id = id;
        this.title = title;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }
}
