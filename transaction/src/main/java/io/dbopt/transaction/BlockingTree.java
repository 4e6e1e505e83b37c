package io.dbopt.transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who waits for whom in the current database: each root is a session that blocks others without waiting itself
 * (the one to look at), its children wait for it, their children wait for them. Sessions caught in a cycle (a
 * deadlock the server has not resolved yet) appear under {@link #cycles()}. Immutable.
 *
 * @param roots sessions that block others and wait for nobody, most blocked sessions first
 * @param cycles sessions that wait for each other in a ring, as lists of session ids
 */
public record BlockingTree(List<Node> roots, List<List<String>> cycles) {

    /** Copies. */
    public BlockingTree {
        roots = List.copyOf(roots);
        cycles = cycles.stream().map(List::copyOf).toList();
    }

    /** Whether nobody waits. */
    public boolean isEmpty() {
        return roots.isEmpty() && cycles.isEmpty();
    }

    /** Builds the tree from the sessions the server reported (see {@link TransactionMonitor#serverTransactions()}). */
    public static BlockingTree of(List<ServerTransaction> sessions) {
        Map<String, ServerTransaction> byId = new LinkedHashMap<>();
        sessions.forEach(s -> byId.put(s.sessionId(), s));
        Map<String, List<String>> waiters = new LinkedHashMap<>();
        for (ServerTransaction s : sessions) {
            for (String blocker : s.blockedBy()) {
                waiters.computeIfAbsent(blocker, k -> new ArrayList<>()).add(s.sessionId());
            }
        }
        List<Node> roots = new ArrayList<>();
        for (String blocker : waiters.keySet()) {
            ServerTransaction session = byId.get(blocker);
            boolean waitsItself = session != null && session.isWaiting();
            if (!waitsItself) {
                roots.add(node(blocker, byId, waiters, new HashSet<>()));
            }
        }
        roots.sort(Comparator.comparingInt(Node::blockedCount).reversed().thenComparing(Node::sessionId));
        return new BlockingTree(roots, cycles(byId, waiters));
    }

    private static Node node(String id, Map<String, ServerTransaction> byId, Map<String, List<String>> waiters,
                             Set<String> path) {
        path.add(id);
        List<Node> children = new ArrayList<>();
        for (String waiter : waiters.getOrDefault(id, List.of())) {
            if (!path.contains(waiter)) {
                children.add(node(waiter, byId, waiters, path));
            }
        }
        path.remove(id);
        return new Node(id, java.util.Optional.ofNullable(byId.get(id)), children);
    }

    private static List<List<String>> cycles(Map<String, ServerTransaction> byId, Map<String, List<String>> waiters) {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (ServerTransaction s : byId.values()) {
            if (!s.isWaiting() || reported.contains(s.sessionId())) {
                continue;
            }
            List<String> path = new ArrayList<>();
            String current = s.sessionId();
            while (current != null && !path.contains(current)) {
                path.add(current);
                ServerTransaction next = byId.get(current);
                current = next == null || next.blockedBy().isEmpty() ? null : next.blockedBy().get(0);
            }
            if (current != null) {
                List<String> ring = path.subList(path.indexOf(current), path.size());
                if (ring.stream().noneMatch(reported::contains)) {
                    reported.addAll(ring);
                    cycles.add(List.copyOf(ring));
                }
            }
        }
        return cycles;
    }

    /** The tree as indented lines, one per session: {@code 123 idle in transaction 45 s: UPDATE ...}. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        for (Node root : roots) {
            render(root, 0, lines);
        }
        for (List<String> cycle : cycles) {
            lines.add("cycle: " + String.join(" -> ", cycle) + " -> " + cycle.get(0));
        }
        return List.copyOf(lines);
    }

    private static void render(Node node, int depth, List<String> lines) {
        String detail = node.session().map(s -> s.state() + " " + s.transactionAge().toSeconds() + " s"
                        + (s.waitingFor().isEmpty() ? "" : ", waits for " + s.waitingFor())
                        + (s.query().isEmpty() ? "" : ": " + s.query()))
                .orElse("(not in this database)");
        lines.add("  ".repeat(depth) + node.sessionId() + " " + detail);
        node.blocked().forEach(child -> render(child, depth + 1, lines));
    }

    /**
     * One session in the tree.
     *
     * @param sessionId the server's session id
     * @param session what the server reported about it, empty when it is not in the current database
     * @param blocked the sessions waiting for it directly
     */
    public record Node(String sessionId, java.util.Optional<ServerTransaction> session, List<Node> blocked) {

        /** Validates and copies. */
        public Node {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(session, "session");
            blocked = List.copyOf(blocked);
        }

        /** How many distinct sessions wait for this one, directly or through others. */
        public int blockedCount() {
            Set<String> ids = new HashSet<>();
            collect(ids);
            return ids.size();
        }

        private void collect(Set<String> ids) {
            for (Node child : blocked) {
                if (ids.add(child.sessionId())) {
                    child.collect(ids);
                }
            }
        }

        /** How deep the chain under this session goes (1 when only direct waiters). */
        public int depth() {
            int deepest = 0;
            for (Node child : blocked) {
                deepest = Math.max(deepest, 1 + child.depth());
            }
            return deepest;
        }
    }
}
