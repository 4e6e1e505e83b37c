package io.dbopt.query.orm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The entity associations of an ORM application, by table and key column, so that an N+1 found in SQL can be named
 * as the association that loaded ({@code Customer.rentals}) and fixed at that level. Read from a JPA metamodel with
 * {@link #of(Object)} (Hibernate's {@code SessionFactory} is one) and handed to
 * {@link io.dbopt.query.QueryProfiler#useEntityMappings(EntityMappings)}. Immutable and thread-safe.
 */
public final class EntityMappings {

    private static final EntityMappings NONE = new EntityMappings(List.of());

    private final List<Association> associations;

    /** Mappings of the given associations. */
    public EntityMappings(List<Association> associations) {
        this.associations = List.copyOf(associations);
    }

    /** No mapping known: advice names tables and key columns. */
    public static EntityMappings none() {
        return NONE;
    }

    /**
     * Reads the associations of every entity of a JPA metamodel: a {@code jakarta.persistence.EntityManagerFactory},
     * an {@code EntityManager} or a {@code jakarta.persistence.metamodel.Metamodel} (needs jakarta.persistence-api on
     * the class path). Table names come from {@code @Table} (else the entity name), key columns from
     * {@code @JoinColumn} (else JPA's default, attribute + "_" + the target's id column), fetch types and Hibernate's
     * {@code @BatchSize} from the mapping annotations.
     *
     * @throws IllegalArgumentException when the argument is none of those
     */
    public static EntityMappings of(Object jpa) {
        return JpaMetamodelReader.read(Objects.requireNonNull(jpa, "jpa"));
    }

    /** Every association known. */
    public List<Association> associations() {
        return associations;
    }

    /**
     * The association a statement on {@code table} filtered by {@code keyColumn} loads: a collection whose rows live
     * in that table and point to their owner by that column, else a to-one whose target is that table (looked up by
     * its id). Names compare case-insensitively, quotes removed, as mapped or in snake_case (Spring Boot's default
     * physical naming: {@code OrderLine} is {@code order_line}).
     */
    public Optional<Association> loadedBy(String table, String keyColumn, boolean collection) {
        return candidates(table, keyColumn, collection).stream().findFirst();
    }

    /**
     * Every association a statement on {@code table} filtered by {@code keyColumn} may load: several to-ones can
     * point to one entity ({@code Rental.customer}, {@code Payment.customer}), and its SQL does not say which.
     */
    public List<Association> candidates(String table, String keyColumn, boolean collection) {
        String t = plain(table);
        String k = plain(keyColumn);
        List<Association> found = new ArrayList<>();
        for (Association a : associations) {
            if (a.collection() == collection && same(a.table(), t) && same(a.keyColumn(), k)) {
                found.add(a);
            }
        }
        found.sort(java.util.Comparator.comparing(Association::path));
        return List.copyOf(found);
    }

    /** Whether a mapped name is the SQL name as is or as Spring Boot's default naming writes it (snake_case). */
    private static boolean same(String mapped, String sqlName) {
        String p = plain(mapped);
        return p.equals(sqlName) || snakeCase(mapped).equals(sqlName);
    }

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return plain(out.toString());
    }

    private static String plain(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        n = dot >= 0 ? n.substring(dot + 1) : n;
        return n.replace("\"", "").replace("`", "");
    }

    /**
     * One association of an entity.
     *
     * @param entity the owning entity's name ({@code Customer})
     * @param attribute the attribute ({@code rentals})
     * @param target the associated entity's name ({@code Rental})
     * @param collection whether it is a collection (one-to-many, many-to-many) rather than a to-one
     * @param table the table a load of it reads: the target's table
     * @param keyColumn the column that load filters by: the foreign key back to the owner for a collection, the
     *     target's id for a to-one
     * @param eager whether it is fetched EAGER (JPA's default for to-one associations)
     * @param batchSize the {@code @BatchSize} on it or its target, 0 when none
     */
    public record Association(String entity, String attribute, String target, boolean collection, String table,
                              String keyColumn, boolean eager, int batchSize) {

        /** Validates. */
        public Association {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(keyColumn, "keyColumn");
        }

        /** {@code Customer.rentals}. */
        public String path() {
            return entity + "." + attribute;
        }
    }
}
