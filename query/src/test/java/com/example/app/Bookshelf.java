package com.example.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Application code outside dbopt's packages, so that the profiler reports it as the call site of its N+1 loop. */
public final class Bookshelf {

    private Bookshelf() {
    }

    /** The classic N+1: the authors, then each author's titles with one query per author. */
    public static List<String> titlesOneByOne(Connection c) throws SQLException {
        List<Integer> authors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM authors ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                authors.add(rs.getInt(1));
            }
        }
        List<String> titles = new ArrayList<>();
        for (int author : authors) {
            try (PreparedStatement ps = c.prepareStatement("SELECT title FROM books WHERE author_id = ?")) {
                ps.setInt(1, author);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        titles.add(rs.getString(1));
                    }
                }
            }
        }
        return titles;
    }
}
