package io.dbopt.core.finding;

import java.util.Objects;

/**
 * The object a finding is about, by type and display name. Names are as the catalog reports them, already quoted
 * where the server needs quotes (e.g. {@code public."Order Items"}), so they can be pasted into SQL.
 *
 * @param type the kind of object
 * @param name the display name, not blank
 */
public record DbObject(ObjectType type, String name) {

    /** Validates both parts. */
    public DbObject {
        Objects.requireNonNull(type, "type");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A " + type + " needs a name");
        }
    }

    /** The database as a whole, named after the server or database. */
    public static DbObject database(String name) {
        return new DbObject(ObjectType.DATABASE, name);
    }

    /** A table. */
    public static DbObject table(String name) {
        return new DbObject(ObjectType.TABLE, name);
    }

    /** An index. */
    public static DbObject index(String name) {
        return new DbObject(ObjectType.INDEX, name);
    }

    /** A column. */
    public static DbObject column(String table, String column) {
        return new DbObject(ObjectType.COLUMN, table + "." + column);
    }

    /** A server setting. */
    public static DbObject setting(String name) {
        return new DbObject(ObjectType.SETTING, name);
    }

    /** An object of any type. */
    public static DbObject of(ObjectType type, String name) {
        return new DbObject(type, name);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
