package dev.adjoint.processor.emit;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a large method body is cut into parts, each printed as a helper method small enough for
 * HotSpot to JIT-compile (it never compiles a method over 8,000 bytes of bytecode). The cuts
 * fall between the statements of the body's top level, every {@link #PART_BYTES} estimated bytes;
 * a loop or branch is never cut. A value computed in one part and used in a later one travels
 * through a frame: an array of doubles, and one of objects for everything else.
 */
final class Segments {
    /**
     * Estimated bytes of bytecode past which a body is cut, and at which a part ends. Measured on
     * generated code: about 9 bytes per graph node, but about 17 for a straight run of more than
     * 200 top-level values, whose locals no longer fit one-byte slot numbers, and frame loads and
     * stores at a part's edges; the margins keep every method well under 8,000 bytes.
     */
    static final int SPLIT_ABOVE = 6_500;

    static final int PART_BYTES = 3_500;

    /** The top-level nodes of each part, in order. */
    final List<List<Node>> parts = new ArrayList<>();

    private final Map<Node, Integer> partOf = new IdentityHashMap<>();
    /** The frame slot of each value used in a later part than its own, in the order of definition. */
    final Map<Node, Integer> slots = new LinkedHashMap<>();

    int doubleSlots;
    int objectSlots;

    private Segments() {}

    /** The parts of {@code graph}'s body; a single part when it is small enough as it is. */
    static Segments of(Graph graph) {
        return of(graph, SPLIT_ABOVE, PART_BYTES);
    }

    /** No cuts: the body as one method. */
    static Segments whole() {
        return new Segments();
    }

    static Segments of(Graph graph, int splitAbove, int partBytes) {
        Segments s = new Segments();
        if (estimate(graph.root.nodes) <= splitAbove) {
            s.parts.add(graph.root.nodes);
        } else {
            List<Node> current = new ArrayList<>();
            for (Node n : graph.root.nodes) {
                // a loop's or branch's outputs (PROJ) stay with it: they are read by name after it
                if (!current.isEmpty()
                        && !n.op.isLeaf()
                        && n.op != Op.PROJ
                        && estimate(current) + cost(n, current.size()) > partBytes) {
                    s.parts.add(current);
                    current = new ArrayList<>();
                }
                current.add(n);
            }
            s.parts.add(current);
        }
        for (int p = 0; p < s.parts.size(); p++) for (Node n : s.parts.get(p)) s.partOf.put(n, p);
        if (s.parts.size() > 1) s.findCrossings(graph);
        return s;
    }

    /** Estimated bytecode of a run of top-level nodes. */
    static int estimate(List<Node> nodes) {
        int bytes = 0;
        for (int k = 0; k < nodes.size(); k++) bytes += cost(nodes.get(k), k);
        return bytes;
    }

    private static int cost(Node n, int position) {
        if (n.op.isLeaf()) return 0;
        if (n.op.isStructured()) return 9 * weight(n);
        return position > 200 ? 17 : 9;
    }

    boolean split() {
        return parts.size() > 1;
    }

    /** Whether {@code n} is used in a later part than its own (so it needs a local and a slot). */
    boolean crosses(Node n) {
        return slots.containsKey(n);
    }

    int partOf(Node topLevel) {
        return partOf.get(topLevel);
    }

    /** Values defined in part {@code p} that later parts read. */
    List<Node> exports(int p) {
        return byPart(exports, p);
    }

    /** Values part {@code p} reads from earlier parts. */
    List<Node> imports(int p) {
        return byPart(imports, p);
    }

    private final Map<Integer, List<Node>> exports = new java.util.HashMap<>();
    private final Map<Integer, List<Node>> imports = new java.util.HashMap<>();

    private static List<Node> byPart(Map<Integer, List<Node>> lists, int p) {
        return lists.getOrDefault(p, List.of());
    }

    static boolean isDoubleSlot(Node n) {
        return n.type == Type.DOUBLE;
    }

    private final Map<Node, List<Integer>> usedIn = new IdentityHashMap<>();

    private void findCrossings(Graph graph) {
        for (int p = 0; p < parts.size(); p++) {
            for (Node top : parts.get(p)) {
                final int part = p;
                visit(top, n -> {
                    for (Node a : n.args) use(a, part);
                });
                for (Region r : top.branches) visitResults(r, part);
            }
        }
        for (Node r : graph.root.results) use(r, parts.size() - 1);
        for (Node n : slots.keySet()) {
            exports.computeIfAbsent(partOf.get(n), k -> new ArrayList<>()).add(n);
            for (int p : usedIn.get(n))
                imports.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
        }
    }

    private void visitResults(Region r, int part) {
        for (Node res : r.results) use(res, part);
        for (Node n : r.nodes) for (Region b : n.branches) visitResults(b, part);
    }

    private void use(Node value, int part) {
        Integer home = partOf.get(value);
        if (home == null || home >= part || value.op.isLeaf() || value.op == Op.STACK || value.op.isStructured())
            return;
        if (!slots.containsKey(value)) slots.put(value, isDoubleSlot(value) ? doubleSlots++ : objectSlots++);
        List<Integer> parts = usedIn.computeIfAbsent(value, k -> new ArrayList<>());
        if (!parts.contains(part)) parts.add(part);
    }

    private static void visit(Node n, java.util.function.Consumer<Node> action) {
        action.accept(n);
        for (Region r : n.branches) for (Node m : r.nodes) visit(m, action);
    }

    /** Graph nodes in {@code n}, counting everything inside a loop or branch. */
    static int weight(Node n) {
        int w = 1;
        for (Region r : n.branches) for (Node m : r.nodes) w += weight(m);
        return w;
    }

    /** The largest piece no cut can divide: a top-level statement with everything inside it. */
    static int largestUnit(Graph graph) {
        int max = 0;
        for (Node n : graph.root.nodes) max = Math.max(max, weight(n));
        return max;
    }
}
