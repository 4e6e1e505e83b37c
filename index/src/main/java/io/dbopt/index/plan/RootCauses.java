package io.dbopt.index.plan;

import io.dbopt.core.finding.Finding;
import io.dbopt.core.finding.Fix;
import io.dbopt.core.finding.ObjectType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Merges index findings that share a root cause into one finding with all the evidence and one fix, so that each
 * object appears once and no two fixes do the same thing:
 * <ul>
 *   <li>an index that is to be dropped (invalid, duplicate, redundant, unused, rarely used, in that order) absorbs
 *       every other finding about the same index;</li>
 *   <li>a duplicated foreign key absorbs the other findings about that constraint (its missing index, its type);</li>
 *   <li>a recommended index absorbs the foreign key it serves (its leading columns are the key's columns, in any
 *       order), the unserved predicates it leads with and the table's sequential scans; without a recommendation, a
 *       foreign key without index absorbs the unserved predicates on its leading column;</li>
 *   <li>a statement already in an earlier fix is not repeated: the later fix refers to the earlier finding.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RootCauses {

    private static final List<String> INDEX_DROPS = List.of("index.invalid", "index.duplicate", "index.redundant",
            "index.unused", "index.rarely-used");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private RootCauses() {
    }

    /** The findings with each root cause merged into one, in the order of their first finding. */
    public static List<Finding> merge(List<Finding> findings) {
        List<Finding> work = new ArrayList<>(findings);
        work = byObject(work, ObjectType.INDEX, INDEX_DROPS);
        work = byObject(work, ObjectType.CONSTRAINT, List.of("index.fk-duplicate"));
        work = missingIndexes(work);
        return distinctStatements(work);
    }

    private static List<Finding> byObject(List<Finding> findings, ObjectType type, List<String> primaries) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.object().type() == type) {
                groups.computeIfAbsent(f.object().name(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<Finding, Finding> replace = new IdentityHashMap<>();
        Set<Finding> absorbed = identitySet();
        for (List<Finding> group : groups.values()) {
            Finding primary = group.size() > 1 ? primary(group, primaries) : null;
            if (primary != null) {
                List<Finding> others = new ArrayList<>(group.size() - 1);
                for (Finding f : group) {
                    if (f != primary) {
                        others.add(f);
                    }
                }
                replace.put(primary, primary.absorbing(others));
                absorbed.addAll(others);
            }
        }
        return rebuild(findings, replace, absorbed);
    }

    /** The group's finding of the first of the primary checks that has one, or null. */
    private static Finding primary(List<Finding> group, List<String> primaries) {
        for (String id : primaries) {
            for (Finding f : group) {
                if (is(f, id)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static List<Finding> missingIndexes(List<Finding> findings) {
        // only findings about one table merge: grouped by table (in the findings' order), each recommendation and
        // foreign key looks at its table's findings, not at every finding of the schema
        Map<String, List<Finding>> byTable = new HashMap<>();
        for (Finding f : findings) {
            byTable.computeIfAbsent(tableOf(f), k -> new ArrayList<>()).add(f);
        }
        Map<Finding, List<Finding>> merges = new IdentityHashMap<>();
        Set<Finding> absorbed = identitySet();
        for (Finding rec : findings) {
            if (!is(rec, "index.recommended")) {
                continue;
            }
            List<String> columns = columns(rec);
            for (Finding f : byTable.getOrDefault(rec.object().name(), List.of())) {
                if (f == rec || absorbed.contains(f)) {
                    continue;
                }
                boolean serves = switch (f.check().value()) {
                    case "index.fk-without-index" -> leadsWith(columns, columns(f));
                    case "index.unserved-predicate" -> !columns.isEmpty() && columns(f).contains(columns.get(0));
                    case "index.seq-scan-heavy" -> true;
                    default -> false;
                };
                if (serves) {
                    merges.computeIfAbsent(rec, k -> new ArrayList<>()).add(f);
                    absorbed.add(f);
                }
            }
        }
        for (Finding fk : findings) {
            if (!is(fk, "index.fk-without-index") || absorbed.contains(fk)) {
                continue;
            }
            List<String> columns = columns(fk);
            for (Finding f : byTable.getOrDefault(tableOf(fk), List.of())) {
                if (is(f, "index.unserved-predicate") && !absorbed.contains(f) && !columns.isEmpty()
                        && columns(f).contains(columns.get(0))) {
                    merges.computeIfAbsent(fk, k -> new ArrayList<>()).add(f);
                    absorbed.add(f);
                }
            }
        }
        Map<Finding, Finding> replace = new IdentityHashMap<>();
        merges.forEach((primary, others) -> replace.put(primary, primary.absorbing(others)));
        return rebuild(findings, replace, absorbed);
    }

    private static List<Finding> distinctStatements(List<Finding> findings) {
        Map<String, Finding> firstBy = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            List<String> own = new ArrayList<>();
            Set<Finding> earlier = new LinkedHashSet<>();
            for (String statement : f.fix().statements()) {
                Finding first = firstBy.putIfAbsent(normalise(statement), f);
                if (first == null || first == f) {
                    own.add(statement);
                } else {
                    earlier.add(first);
                }
            }
            if (earlier.isEmpty()) {
                out.add(f);
            } else {
                String ref = earlier.stream().map(e -> e.check() + " " + e.object().name()).reduce((a, b) -> a + ", "
                        + b).orElse("");
                out.add(f.withFix(own.isEmpty() ? Fix.advice("fixed by the fix of " + ref)
                        : Fix.sql(f.fix().description() + " (the rest is in the fix of " + ref + ")",
                                own.toArray(String[]::new))));
            }
        }
        return out;
    }

    private static List<Finding> rebuild(List<Finding> findings, Map<Finding, Finding> replace,
                                         Set<Finding> absorbed) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!absorbed.contains(f)) {
                out.add(replace.getOrDefault(f, f));
            }
        }
        return out;
    }

    /**
     * A set of findings by identity: a finding's own hash code walks its evidence and fix, thousands of times per
     * report, and the merge only ever asks about the very findings it was given.
     */
    private static Set<Finding> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static boolean is(Finding f, String check) {
        return f.check().value().equals(check);
    }

    /** The table a finding is about: its object, or its {@code table} evidence. */
    private static String tableOf(Finding f) {
        return f.object().type() == ObjectType.TABLE ? f.object().name()
                : f.evidenceValue("table").map(Object::toString).orElse("");
    }

    private static List<String> columns(Finding f) {
        return f.evidenceValue("columns").map(v -> Arrays.stream(v.toString().split(",\\s*"))
                .map(c -> c.toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty()).toList()).orElse(List.of());
    }

    private static boolean leadsWith(List<String> indexColumns, List<String> keyColumns) {
        return !keyColumns.isEmpty() && indexColumns.size() >= keyColumns.size()
                && new HashSet<>(indexColumns.subList(0, keyColumns.size())).equals(new HashSet<>(keyColumns));
    }

    private static String normalise(String statement) {
        return WHITE_SPACE.matcher(statement.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
