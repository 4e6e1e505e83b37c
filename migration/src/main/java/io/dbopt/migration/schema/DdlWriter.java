package io.dbopt.migration.schema;

import io.dbopt.core.Dialect;
import io.dbopt.core.PostgresDialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the DDL that applies a {@link SchemaDiff}, in an order the server accepts: views, foreign keys, other
 * constraints and indexes, columns and tables are dropped before sequences, tables, columns, constraints,
 * indexes, foreign keys and views are created. Every name is quoted by the dialect; expressions (defaults, checks,
 * view bodies, PostgreSQL index and constraint definitions) are the server's own text from the catalog.
 */
final class DdlWriter {

    private static final Pattern PREFIX_LENGTH = Pattern.compile("(.+)\\((\\d+)\\)");

    private final Dialect dialect;
    private final boolean postgres;

    DdlWriter(Dialect dialect) {
        this.dialect = dialect;
        this.postgres = dialect instanceof PostgresDialect;
    }

    List<String> write(SchemaDiff diff) {
        List<String> out = new ArrayList<>();
        List<SchemaChange> changes = diff.changes();
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ViewRemoved v) {
                out.add("DROP VIEW " + q(v.view().name()));
            }
        }
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ConstraintRemoved r && r.constraint().type() == ConstraintSchema.Type.FOREIGN_KEY) {
                out.add(dropConstraint(r.table(), r.constraint()));
            }
        }
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ConstraintRemoved r && r.constraint().type() != ConstraintSchema.Type.FOREIGN_KEY) {
                out.add(dropConstraint(r.table(), r.constraint()));
            } else if (c instanceof SchemaChange.IndexRemoved r) {
                out.add(postgres ? "DROP INDEX " + q(r.index().name())
                        : "DROP INDEX " + q(r.index().name()) + " ON " + q(r.table()));
            }
        }
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ColumnRemoved r) {
                out.add("ALTER TABLE " + q(r.table()) + " DROP COLUMN " + q(r.column().name()));
            }
        }
        List<TableSchema> removed = changes.stream().filter(SchemaChange.TableRemoved.class::isInstance)
                .map(c -> ((SchemaChange.TableRemoved) c).table()).toList();
        for (TableSchema t : referencingFirst(removed)) {
            out.add("DROP TABLE " + q(t.name()));
        }
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.SequenceRemoved s) {
                out.add("DROP SEQUENCE " + q(s.sequence()));
            } else if (c instanceof SchemaChange.SequenceAdded s) {
                out.add("CREATE SEQUENCE " + q(s.sequence()));
            }
        }
        writeCreations(changes, out);
        return out;
    }

    private void writeCreations(List<SchemaChange> changes, List<String> out) {
        List<String> constraints = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.TableAdded a) {
                out.add(createTable(a.table()));
                for (ConstraintSchema k : a.table().constraints()) {
                    if (k.type() == ConstraintSchema.Type.FOREIGN_KEY) {
                        foreignKeys.add(addConstraint(a.table().name(), k));
                    } else if (k.type() != ConstraintSchema.Type.PRIMARY_KEY) {
                        constraints.add(addConstraint(a.table().name(), k));
                    }
                }
                a.table().indexes().forEach(i -> constraints.add(createIndex(a.table().name(), i)));
            }
        }
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ColumnAdded a) {
                out.add("ALTER TABLE " + q(a.table()) + " ADD COLUMN " + column(a.column()));
            }
        }
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ColumnChanged ch) {
                out.addAll(changeColumn(ch));
            }
        }
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ConstraintAdded a) {
                (a.constraint().type() == ConstraintSchema.Type.FOREIGN_KEY ? foreignKeys : constraints)
                        .add(addConstraint(a.table(), a.constraint()));
            } else if (c instanceof SchemaChange.IndexAdded a) {
                constraints.add(createIndex(a.table(), a.index()));
            }
        }
        out.addAll(constraints);
        out.addAll(foreignKeys);
        for (SchemaChange c : changes) {
            if (c instanceof SchemaChange.ViewAdded v) {
                out.add("CREATE VIEW " + q(v.view().name()) + " AS " + stripSemicolon(v.view().definition()));
            }
        }
    }

    /** Tables that reference others come first, so dropping in this order never breaks a foreign key. */
    private static List<TableSchema> referencingFirst(List<TableSchema> tables) {
        List<TableSchema> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        List<TableSchema> remaining = new ArrayList<>(tables);
        remaining.sort(Comparator.comparing(TableSchema::name));
        while (!remaining.isEmpty()) {
            TableSchema next = remaining.stream().filter(t -> remaining.stream().noneMatch(other -> other != t
                    && !placed.contains(other.name()) && references(other, t.name()))).findFirst()
                    .orElse(remaining.get(0));
            ordered.add(next);
            placed.add(next.name());
            remaining.remove(next);
        }
        return ordered;
    }

    private static boolean references(TableSchema table, String target) {
        return table.constraints().stream().anyMatch(c -> c.type() == ConstraintSchema.Type.FOREIGN_KEY
                && c.referencedTable().filter(target::equals).isPresent() && !table.name().equals(target));
    }

    private String createTable(TableSchema table) {
        List<String> parts = new ArrayList<>();
        table.columns().forEach(c -> parts.add(column(c)));
        table.primaryKey().ifPresent(pk -> parts.add((postgres ? "CONSTRAINT " + q(pk.name()) + " " : "")
                + "PRIMARY KEY (" + columns(pk.columns()) + ")"));
        return "CREATE TABLE " + q(table.name()) + " (" + String.join(", ", parts) + ")";
    }

    String column(ColumnSchema c) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (postgres) {
            if (c.generation() == ColumnSchema.Generation.IDENTITY_ALWAYS) {
                sb.append(" GENERATED ALWAYS AS IDENTITY");
            } else if (c.generation() == ColumnSchema.Generation.IDENTITY_BY_DEFAULT) {
                sb.append(" GENERATED BY DEFAULT AS IDENTITY");
            }
            c.defaultExpression().ifPresent(d -> sb.append(" DEFAULT ").append(d));
            if (!c.nullable()) {
                sb.append(" NOT NULL");
            }
        } else {
            sb.append(c.nullable() ? " NULL" : " NOT NULL");
            c.defaultExpression().ifPresent(d -> sb.append(" DEFAULT ").append(d));
            if (c.generation() == ColumnSchema.Generation.AUTO_INCREMENT) {
                sb.append(" AUTO_INCREMENT");
            }
        }
        return sb.toString();
    }

    private List<String> changeColumn(SchemaChange.ColumnChanged ch) {
        String table = q(ch.table());
        ColumnSchema before = ch.before();
        ColumnSchema after = ch.after();
        if (!postgres) {
            return List.of("ALTER TABLE " + table + " MODIFY COLUMN " + column(after));
        }
        List<String> out = new ArrayList<>();
        String col = q(after.name());
        String alter = "ALTER TABLE " + table + " ALTER COLUMN " + col;
        if (!TypeNames.normalise("postgresql", before.type()).equals(TypeNames.normalise("postgresql", after.type()))) {
            String type = plainType(after.type());
            out.add(alter + " TYPE " + type + " USING " + col + "::" + type);
        }
        if (!before.defaultExpression().equals(after.defaultExpression())) {
            out.add(after.defaultExpression().map(d -> alter + " SET DEFAULT " + d).orElse(alter + " DROP DEFAULT"));
        }
        if (before.nullable() != after.nullable()) {
            out.add(alter + (after.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (before.generation() != after.generation()) {
            if (before.generation() != ColumnSchema.Generation.NONE) {
                out.add(alter + " DROP IDENTITY IF EXISTS");
            }
            if (after.generation() == ColumnSchema.Generation.IDENTITY_ALWAYS) {
                out.add(alter + " ADD GENERATED ALWAYS AS IDENTITY");
            } else if (after.generation() == ColumnSchema.Generation.IDENTITY_BY_DEFAULT) {
                out.add(alter + " ADD GENERATED BY DEFAULT AS IDENTITY");
            }
        }
        return out;
    }

    private static String plainType(String type) {
        return switch (type) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> type;
        };
    }

    private String addConstraint(String table, ConstraintSchema c) {
        String prefix = "ALTER TABLE " + q(table) + " ADD ";
        if (postgres && !c.definition().isEmpty()) {
            return prefix + "CONSTRAINT " + q(c.name()) + " " + c.definition();
        }
        return switch (c.type()) {
            case PRIMARY_KEY -> prefix + (postgres ? "CONSTRAINT " + q(c.name()) + " " : "")
                    + "PRIMARY KEY (" + columns(c.columns()) + ")";
            case UNIQUE -> prefix + "CONSTRAINT " + q(c.name()) + " UNIQUE (" + columns(c.columns()) + ")";
            case CHECK -> prefix + "CONSTRAINT " + q(c.name()) + " CHECK (" + c.checkExpression().orElse("true") + ")";
            case FOREIGN_KEY -> prefix + "CONSTRAINT " + q(c.name()) + " FOREIGN KEY (" + columns(c.columns())
                    + ") REFERENCES " + q(c.referencedTable().orElseThrow()) + " (" + columns(c.referencedColumns()) + ")"
                    + c.onDelete().filter(r -> !r.equalsIgnoreCase("NO ACTION") && !r.equalsIgnoreCase("RESTRICT"))
                    .map(r -> " ON DELETE " + r).orElse("");
        };
    }

    private String dropConstraint(String table, ConstraintSchema c) {
        String prefix = "ALTER TABLE " + q(table) + " ";
        if (postgres) {
            return prefix + "DROP CONSTRAINT " + q(c.name());
        }
        return switch (c.type()) {
            case PRIMARY_KEY -> prefix + "DROP PRIMARY KEY";
            case FOREIGN_KEY -> prefix + "DROP FOREIGN KEY " + q(c.name());
            case UNIQUE -> prefix + "DROP INDEX " + q(c.name());
            case CHECK -> prefix + "DROP CONSTRAINT " + q(c.name());
        };
    }

    private String createIndex(String table, IndexSchema i) {
        if (postgres && !i.definition().isEmpty()) {
            return i.definition();
        }
        return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + q(i.name()) + " ON " + q(table) + " ("
                + columns(i.columns()) + ")" + i.predicate().map(p -> " WHERE " + p).orElse("");
    }

    private String columns(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            Matcher m = PREFIX_LENGTH.matcher(n);
            quoted.add(!postgres && m.matches() ? q(m.group(1)) + "(" + m.group(2) + ")" : q(n));
        }
        return String.join(", ", quoted);
    }

    private String q(String name) {
        return dialect.quote(name);
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }
}
