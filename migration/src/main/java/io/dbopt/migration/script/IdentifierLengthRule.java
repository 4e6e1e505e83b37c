package io.dbopt.migration.script;

import io.dbopt.core.Dialect;
import io.dbopt.core.finding.DbObject;
import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import io.dbopt.core.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A name longer than the server stores. */
final class IdentifierLengthRule implements LintRule {

    private static final RuleInfo INFO = RuleInfo.both("migration.identifier-too-long", Severity.ERROR,
            "PostgreSQL silently truncates names to 63 bytes, so two long names can collide and later scripts "
                    + "that use the full name fail; MariaDB rejects names over 64 characters",
            "a shorter name (abbreviate the table part of index and constraint names)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(LintContext context, LintContext.Entry entry, List<Finding> out) {
        for (String name : namesCreated(entry.ddl())) {
            int length = context.dialect().identifierLengthUnit() == Dialect.IdentifierLengthUnit.BYTES
                    ? name.getBytes(StandardCharsets.UTF_8).length : name.codePointCount(0, name.length());
            if (length > context.dialect().maxIdentifierLength()) {
                String unit = context.dialect().identifierLengthUnit() == Dialect.IdentifierLengthUnit.BYTES
                        ? "bytes" : "characters";
                out.add(context.finding(INFO, entry, DbObject.of(ObjectType.OTHER, name))
                        .message("Name " + name + " is " + length + " " + unit + "; the server keeps "
                                + context.dialect().maxIdentifierLength())
                        .evidence("length", length)
                        .fix(Fix.advice("choose a name of at most " + context.dialect().maxIdentifierLength() + " " + unit))
                        .build());
            }
        }
    }

    static List<String> namesCreated(Ddl ddl) {
        List<String> names = new ArrayList<>();
        if (ddl instanceof Ddl.CreateTable ct) {
            names.add(ct.table().name());
            ct.columns().forEach(c -> names.add(c.name()));
            ct.constraints().forEach(c -> c.name().ifPresent(names::add));
            ct.indexes().forEach(i -> i.name().ifPresent(names::add));
        } else if (ddl instanceof Ddl.CreateIndex ci) {
            names.add(ci.name());
        } else if (ddl instanceof Ddl.CreateView v) {
            names.add(v.view().name());
        } else if (ddl instanceof Ddl.CreateSequence s) {
            names.add(s.sequence().name());
        } else if (ddl instanceof Ddl.RenameTables r) {
            r.to().forEach(n -> names.add(n.name()));
        } else if (ddl instanceof Ddl.AlterTable at) {
            for (Ddl.Action a : at.actions()) {
                if (a instanceof Ddl.AddColumn add) {
                    names.add(add.column().name());
                } else if (a instanceof Ddl.ChangeColumn c) {
                    names.add(c.column().name());
                } else if (a instanceof Ddl.AddConstraint c) {
                    c.constraint().name().ifPresent(names::add);
                } else if (a instanceof Ddl.AddIndex i) {
                    i.index().name().ifPresent(names::add);
                } else if (a instanceof Ddl.RenameColumn r) {
                    names.add(r.to());
                } else if (a instanceof Ddl.RenameTable r) {
                    names.add(r.to().name());
                }
            }
        }
        return names;
    }
}
