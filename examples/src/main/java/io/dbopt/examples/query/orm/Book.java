package io.dbopt.examples.query.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A book of {@link OrmExample}. */
@Entity
@Table(name = "example_orm_books")
public class Book {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_id")
    private Author author;

    private String title;

    protected Book() {
    }

    Book(long id, Author author, String title) {
        this.id = id;
        this.author = author;
        this.title = title;
    }

    public String getTitle() {
        return title;
    }
}
