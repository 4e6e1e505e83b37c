package io.dbopt.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.table.NamedConstraint;

/** Turns one JSqlParser {@link AlterExpression} into the {@link Ddl.Action}s it stands for. */
final class AlterActions {

    private final AstConverter converter;
    private final StatementParser.Lifted lifted;

    AlterActions(AstConverter converter, StatementParser.Lifted lifted) {
        this.converter = converter;
        this.lifted = lifted;
    }

    List<Ddl.Action> of(AlterExpression e) {
        return switch (e.getOperation()) {
            case ADD -> add(e);
            case ALTER -> alter(e);
            case DROP -> List.of(drop(e));
            case DROP_PRIMARY_KEY -> List.of(new Ddl.DropPrimaryKey());
            case DROP_FOREIGN_KEY -> List.of(new Ddl.DropConstraint(converter.identifier(e.getConstraintName()), true));
            case DROP_UNIQUE -> List.of(new Ddl.DropConstraint(converter.identifier(e.getConstraintName()), false));
            case MODIFY -> columnDefinitions(e).stream().<Ddl.Action>map(Ddl.ModifyColumn::new).toList();
            case CHANGE -> change(e);
            case RENAME -> List.of(new Ddl.RenameColumn(converter.identifier(e.getColumnOldName()),
                    converter.identifier(e.getColumnName())));
            case RENAME_TABLE -> List.of(new Ddl.RenameTable(converter.nameOf(e.getNewTableName())));
            case CONVERT -> List.of(new Ddl.ConvertCharset(String.valueOf(e.getCharacterSet())));
            case UNSPECIFIC -> unspecific(e);
            default -> List.of(new Ddl.OtherAction(e.getOperation().name()));
        };
    }

    private List<Ddl.ColumnSpec> columnDefinitions(AlterExpression e) {
        List<Ddl.ColumnSpec> columns = new ArrayList<>();
        if (e.getColDataTypeList() != null) {
            for (AlterExpression.ColumnDataType c : e.getColDataTypeList()) {
                columns.add(converter.column(c.getColumnName(), c.getColDataType(), c.getColumnSpecs()));
            }
        }
        return columns;
    }

    private List<Ddl.Action> add(AlterExpression e) {
        if (e.getColDataTypeList() != null && !e.getColDataTypeList().isEmpty()) {
            return columnDefinitions(e).stream()
                    .<Ddl.Action>map(c -> new Ddl.AddColumn(c, e.isUseIfNotExists())).toList();
        }
        Index index = e.getIndex();
        Optional<String> name = Optional.ofNullable(index == null ? e.getConstraintName() : index.getName())
                .map(converter::identifier);
        if (index instanceof ForeignKeyIndex fk) {
            return constraint(Ddl.ConstraintKind.FOREIGN_KEY, name, converter.columns(index),
                    Optional.of(converter.name(fk.getTable())), converter.identifiers(fk.getReferencedColumnNames()));
        }
        if (index instanceof CheckConstraint) {
            return constraint(Ddl.ConstraintKind.CHECK, name, List.of(), Optional.empty(), List.of());
        }
        if (index != null) {
            String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
            if (type.contains("PRIMARY")) {
                return constraint(Ddl.ConstraintKind.PRIMARY_KEY, name, converter.columns(index), Optional.empty(),
                        List.of());
            }
            if (index instanceof NamedConstraint && type.contains("UNIQUE")) {
                return constraint(Ddl.ConstraintKind.UNIQUE, name, converter.columns(index), Optional.empty(), List.of());
            }
            return List.of(new Ddl.AddIndex(new Ddl.IndexSpec(name, converter.columns(index),
                    type.contains("UNIQUE"))));
        }
        if (e.getFkColumns() != null) {
            return constraint(Ddl.ConstraintKind.FOREIGN_KEY, name, converter.identifiers(e.getFkColumns()),
                    Optional.ofNullable(e.getFkSourceTable()).map(converter::nameOf),
                    converter.identifiers(e.getFkSourceColumns()));
        }
        if (e.getUkColumns() != null) {
            return constraint(Ddl.ConstraintKind.UNIQUE, Optional.ofNullable(e.getUkName()).map(converter::identifier)
                    .or(() -> name), lifted.usingIndex.isPresent() ? List.of() : converter.identifiers(e.getUkColumns()),
                    Optional.empty(), List.of());
        }
        if (e.getPkColumns() != null) {
            return constraint(Ddl.ConstraintKind.PRIMARY_KEY, name,
                    lifted.usingIndex.isPresent() ? List.of() : converter.identifiers(e.getPkColumns()),
                    Optional.empty(), List.of());
        }
        return List.of(new Ddl.OtherAction("ADD"));
    }

    private List<Ddl.Action> constraint(Ddl.ConstraintKind kind, Optional<String> name, List<String> columns,
                                        Optional<Ddl.Name> refTable, List<String> refColumns) {
        return List.of(new Ddl.AddConstraint(new Ddl.ConstraintSpec(kind, name, columns, refTable, refColumns,
                lifted.usingIndex, Optional.empty(), lifted.notValid, false), lifted.notValid));
    }

    private List<Ddl.Action> alter(AlterExpression e) {
        List<Ddl.Action> actions = new ArrayList<>();
        if (e.getColumnSetDefaultList() != null) {
            e.getColumnSetDefaultList().forEach(d -> actions.add(new Ddl.SetDefault(
                    converter.identifier(d.getColumnName()), d.getDefaultValue())));
        }
        if (e.getColumnDropDefaultList() != null) {
            e.getColumnDropDefaultList().forEach(d -> actions.add(new Ddl.DropDefault(
                    converter.identifier(d.getColumnName()))));
        }
        if (e.getColumnDropNotNullList() != null) {
            e.getColumnDropNotNullList().forEach(d -> actions.add(new Ddl.DropNotNull(
                    converter.identifier(d.getColumnName()))));
        }
        if (e.getColDataTypeList() != null) {
            for (AlterExpression.ColumnDataType c : e.getColDataTypeList()) {
                actions.add(alterColumn(c));
            }
        }
        if (actions.isEmpty()) {
            actions.add(new Ddl.OtherAction("ALTER"));
        }
        return actions;
    }

    private Ddl.Action alterColumn(AlterExpression.ColumnDataType c) {
        String column = converter.identifier(c.getColumnName());
        List<String> specs = c.getColumnSpecs() == null ? List.of() : c.getColumnSpecs();
        String type = c.getColDataType() == null || c.getColDataType().getDataType() == null ? ""
                : c.getColDataType().getDataType().toUpperCase(Locale.ROOT);
        String spec = String.join(" ", specs).toUpperCase(Locale.ROOT);
        if (spec.startsWith("DROP NOT NULL")) {
            return new Ddl.DropNotNull(column);
        }
        if (type.equals("SET") && spec.startsWith("NOT NULL")) {
            return new Ddl.SetNotNull(column);
        }
        if (type.isEmpty() || type.equals("SET") || type.equals("DROP")) {
            return new Ddl.OtherAction("ALTER COLUMN");
        }
        return new Ddl.AlterColumnType(column, converter.column(c.getColumnName(), c.getColDataType(), specs).fullType());
    }

    private Ddl.Action drop(AlterExpression e) {
        if (e.getColumnName() != null) {
            return new Ddl.DropColumn(converter.identifier(e.getColumnName()));
        }
        if (e.getConstraintName() != null) {
            String name = converter.identifier(e.getConstraintName());
            return new Ddl.DropConstraint(name, lifted.droppedForeignKeys.contains(name));
        }
        if (e.getIndex() != null && e.getIndex().getName() != null) {
            return new Ddl.DropIndex(converter.identifier(e.getIndex().getName()));
        }
        return new Ddl.OtherAction("DROP");
    }

    private List<Ddl.Action> change(AlterExpression e) {
        String old = e.getColumnOldName();
        return columnDefinitions(e).stream()
                .<Ddl.Action>map(c -> new Ddl.ChangeColumn(converter.identifier(old), c)).toList();
    }

    private List<Ddl.Action> unspecific(AlterExpression e) {
        String spec = e.getOptionalSpecifier() == null ? "" : e.getOptionalSpecifier().strip();
        if (spec.toUpperCase(Locale.ROOT).startsWith("VALIDATE CONSTRAINT")) {
            return List.of(new Ddl.ValidateConstraint(converter.identifier(spec.substring(
                    "VALIDATE CONSTRAINT".length()).strip())));
        }
        return List.of(new Ddl.OtherAction(spec.isEmpty() ? "UNSPECIFIC" : spec.split("\\s+")[0]));
    }
}
