package io.dbopt.migration.dependency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle in a {@link DependencyGraph} and returns it as a path that starts and ends on the same node. */
final class CyclicDependencyDetector {

    private enum Mark { VISITING, DONE }

    private CyclicDependencyDetector() {
    }

    static Optional<List<DependencyGraph.Node>> findCycle(DependencyGraph graph) {
        Map<DependencyGraph.Node, Mark> marks = new HashMap<>();
        for (DependencyGraph.Node start : graph.nodes()) {
            if (marks.containsKey(start)) {
                continue;
            }
            List<DependencyGraph.Node> stack = new ArrayList<>();
            Optional<List<DependencyGraph.Node>> cycle = visit(graph, start, marks, stack);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    /** Depth-first search, iterative over successors but recursive over depth; depth is bounded by node count. */
    private static Optional<List<DependencyGraph.Node>> visit(DependencyGraph graph, DependencyGraph.Node node,
                                                              Map<DependencyGraph.Node, Mark> marks,
                                                              List<DependencyGraph.Node> stack) {
        marks.put(node, Mark.VISITING);
        stack.add(node);
        for (DependencyGraph.Node next : graph.successors(node)) {
            Mark mark = marks.get(next);
            if (mark == Mark.VISITING) {
                List<DependencyGraph.Node> cycle = new ArrayList<>(stack.subList(stack.indexOf(next), stack.size()));
                cycle.add(next);
                return Optional.of(cycle);
            }
            if (mark == null) {
                Optional<List<DependencyGraph.Node>> found = visit(graph, next, marks, stack);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        stack.remove(stack.size() - 1);
        marks.put(node, Mark.DONE);
        return Optional.empty();
    }
}
