package io.dbopt.migration.dependency;

import io.dbopt.core.DbOptException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import io.dbopt.migration.MigrationErrorCode;
import io.dbopt.migration.MigrationSet;
import io.dbopt.migration.Requirement;

/**
 * The migrations of every set as nodes, with an edge from each migration to the next of its set and from each
 * required version to the first migration that requires it. Built once per plan; not thread-safe.
 */
public final class DependencyGraph {

    /** One migration: a set and a version. */
    public record Node(String set, String version) {
        @Override
        public String toString() {
            return set + ":" + version;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, Set<Node>> successors = new LinkedHashMap<>();
    private final Map<String, Integer> setOrder = new LinkedHashMap<>();

    private DependencyGraph() {
    }

    /**
     * Builds the graph.
     *
     * @param sets the registered sets, in registration order
     * @param versions every versioned migration of each set (applied or pending), in any order
     * @throws DbOptException {@link MigrationErrorCode#UNKNOWN_SET} or {@link MigrationErrorCode#MISSING_DEPENDENCY}
     *     naming the sets involved
     */
    public static DependencyGraph build(List<MigrationSet> sets, Map<String, List<String>> versions) {
        DependencyGraph g = new DependencyGraph();
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        for (MigrationSet s : sets) {
            g.setOrder.put(s.name(), g.setOrder.size());
            List<String> v = new ArrayList<>(versions.getOrDefault(s.name(), List.of()));
            v.sort((a, b) -> MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b)));
            sorted.put(s.name(), v);
            Node previous = null;
            for (String version : v) {
                Node n = new Node(s.name(), version);
                g.nodes.add(n);
                g.successors.put(n, new LinkedHashSet<>());
                if (previous != null) {
                    g.successors.get(previous).add(n);
                }
                previous = n;
            }
        }
        for (MigrationSet s : sets) {
            for (Requirement r : s.requirements()) {
                List<String> target = sorted.get(r.set());
                if (target == null) {
                    throw new DbOptException(MigrationErrorCode.UNKNOWN_SET, "Migration set " + s.name()
                            + " requires set '" + r.set() + "', which is not registered (registered: "
                            + String.join(", ", g.setOrder.keySet()) + "): register " + r.set()
                            + " or remove the requirement");
                }
                if (target.stream().noneMatch(v -> same(v, r.version()))) {
                    throw new DbOptException(MigrationErrorCode.MISSING_DEPENDENCY, "Migration set " + s.name()
                            + " requires " + r.set() + ":" + r.version() + ", but " + r.set() + " has no migration V"
                            + r.version() + " (its versions: " + (target.isEmpty() ? "none" : String.join(", ", target))
                            + "): fix the requirement or add the script");
                }
                String from = r.fromVersion().orElse(null);
                List<String> own = sorted.get(s.name());
                own.stream().filter(v -> from == null || MigrationVersion.fromVersion(v)
                                .compareTo(MigrationVersion.fromVersion(from)) >= 0)
                        .findFirst()
                        .ifPresent(first -> g.successors.get(new Node(r.set(), canonical(target, r.version())))
                                .add(new Node(s.name(), first)));
            }
        }
        return g;
    }

    private static boolean same(String a, String b) {
        return MigrationVersion.fromVersion(a).equals(MigrationVersion.fromVersion(b));
    }

    private static String canonical(List<String> versions, String wanted) {
        return versions.stream().filter(v -> same(v, wanted)).findFirst().orElse(wanted);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Set<Node> successors(Node n) {
        return successors.getOrDefault(n, Set.of());
    }

    /** The registration position of a set, for deterministic ordering. */
    public int setOrder(String set) {
        return setOrder.getOrDefault(set, Integer.MAX_VALUE);
    }

    /** A path of nodes as text, consecutive migrations of one set folded: {@code core:1..3 -> documents:1}. */
    public static String describe(List<Node> path) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < path.size()) {
            int j = i;
            while (j + 1 < path.size() && path.get(j + 1).set().equals(path.get(i).set())) {
                j++;
            }
            parts.add(j == i ? path.get(i).toString() : path.get(i) + ".." + path.get(j).version());
            i = j + 1;
        }
        return String.join(" -> ", parts);
    }

    /** The sets on a path, in order of appearance. */
    public static String setsOf(List<Node> path) {
        return path.stream().map(Node::set).distinct().collect(Collectors.joining(", "));
    }
}
