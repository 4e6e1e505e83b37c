package io.dbopt.migration.dependency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Orders a {@link DependencyGraph} so every migration comes after what it requires (Kahn's algorithm). Among the
 * migrations that are ready at the same time, the set registered first wins, so the order is the same on every
 * machine and every run. Call only on an acyclic graph.
 */
final class TopologicalSorter {

    private TopologicalSorter() {
    }

    static List<DependencyGraph.Node> sort(DependencyGraph graph) {
        Map<DependencyGraph.Node, Integer> incoming = new HashMap<>();
        graph.nodes().forEach(n -> incoming.putIfAbsent(n, 0));
        for (DependencyGraph.Node n : graph.nodes()) {
            for (DependencyGraph.Node next : graph.successors(n)) {
                incoming.merge(next, 1, Integer::sum);
            }
        }
        Comparator<DependencyGraph.Node> priority = Comparator.<DependencyGraph.Node>comparingInt(
                n -> graph.setOrder(n.set())).thenComparing(n -> MigrationVersion.fromVersion(n.version()));
        PriorityQueue<DependencyGraph.Node> ready = new PriorityQueue<>(priority);
        graph.nodes().stream().filter(n -> incoming.get(n) == 0).forEach(ready::add);
        List<DependencyGraph.Node> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            DependencyGraph.Node n = ready.poll();
            order.add(n);
            for (DependencyGraph.Node next : graph.successors(n)) {
                if (incoming.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (order.size() != graph.nodes().size()) {
            throw new IllegalStateException("the graph has a cycle; run CyclicDependencyDetector first");
        }
        return order;
    }
}
