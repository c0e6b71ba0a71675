package dev.adjoint.processor.emit;

import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which values get a local of their own: those named by the user, used twice, read
 * across blocks or across the parts of a cut body; every other value is printed inline in the
 * expression that consumes it.
 */
final class Placement {
    private static final int MAX_INLINE_DEPTH = 24;

    private final Map<Node, Integer> uses = new HashMap<>();
    private final Map<Node, Node> soleUser = new HashMap<>();
    private final Map<Node, Region> soleRegion = new HashMap<>();
    private final Map<Node, Boolean> inlineMemo = new HashMap<>();
    private final Map<Node, Integer> depths = new HashMap<>();
    private Segments segments = Segments.whole();

    Placement(Graph graph) {
        for (Node n : graph.nodes()) {
            for (Node a : n.args) use(a, n, n.region);
            for (Region b : n.branches) for (Node r : b.results) use(r, n, b);
        }
        for (Node r : graph.root.results) use(r, null, graph.root);
    }

    /** The parts the body is cut into: a value a later part reads needs a local. */
    void cutInto(Segments segments) {
        this.segments = segments;
    }

    private void use(Node value, Node user, Region where) {
        uses.merge(value, 1, Integer::sum);
        soleUser.put(value, user);
        soleRegion.put(value, where);
    }

    /** Whether anything reads {@code n}. */
    boolean isUsed(Node n) {
        return uses.getOrDefault(n, 0) > 0;
    }

    /** Whether {@code n} is printed where it is used rather than computed into a local. */
    boolean inline(Node n) {
        Boolean known = inlineMemo.get(n);
        if (known != null) return known;
        boolean v = computeInline(n);
        inlineMemo.put(n, v);
        return v;
    }

    private boolean computeInline(Node n) {
        if (n.op.isLeaf()
                || n.op == Op.SAVED_READ
                || n.op == Op.SAVED_COPY
                || n.op == Op.SAVED_MATH
                || n.op == Op.SAVED_CALL) return true;
        if (segments.split() && segments.crosses(n)) return false; // a later part reads it from a frame
        // an array's length never changes: `x.length` reads as well as a local at each use
        if (n.op == Op.ARRAY_LENGTH && (n.arg(0).op.isLeaf() || !inline(n.arg(0)))) return true;
        switch (n.op) {
            case SELECT,
                    LOOP,
                    ACCUMULATE,
                    ACCUMULATE_SCALED,
                    CALL,
                    CALL_REVERSE,
                    CALL_ADJOINT,
                    CALL_TANGENT,
                    CALL_CONST,
                    ZEROS_LIKE,
                    STACK,
                    PUSH,
                    POP,
                    LOOP_PARAM,
                    NEW_ARRAY,
                    COPY,
                    ARRAY_STORE -> {
                return false;
            }
            case ARRAY_READ -> {
                // an element of an array the method writes is read where the read stands
                if (ArrayValues.isMutable(n.arg(0)) && !n.type.isArray()) return false;
            }
            case PROJ -> {
                if (!expressionSelect(n.arg(0))) return false;
            }
            default -> {}
        }
        if (uses.getOrDefault(n, 0) != 1) return false;
        Node user = soleUser.get(n);
        // a loop's flag is tested after its variables are assigned, so it is computed before
        if (user != null && user.op == Op.LOOP && user.branches.get(0).results.get(0) == n) return false;
        // a named value is kept, unless all it does is become a branch's output of the same name
        boolean namedOutput = user != null && user.op == Op.SELECT && soleRegion.get(n) == n.region;
        if (n.hint() != null && !namedOutput) return false;
        // a long chain of single-use values gets a local now and then: readable, and no deep recursion
        if (inlineDepth(n) > MAX_INLINE_DEPTH) return false;
        boolean sameSweep = user == null || user.backward == n.backward;
        return soleRegion.get(n) == n.region && sameSweep;
    }

    /** How deep the expression printed for {@code n} would nest, counting only inlined arguments. */
    private int inlineDepth(Node n) {
        Integer known = depths.get(n);
        if (known != null) return known;
        int d = 1;
        for (Node a : n.args) {
            Boolean aInline = inlineMemo.get(a);
            if (aInline != null && aInline) d = Math.max(d, 1 + depths.getOrDefault(a, 1));
        }
        depths.put(n, d);
        return d;
    }

    /** A SELECT with one output and nothing to compute but single expressions: printed as {@code ?:}. */
    boolean expressionSelect(Node select) {
        if (projections(select).size() != 1) return false;
        for (Region b : select.branches) {
            for (Node m : b.nodes) {
                boolean ok = m.op == Op.SELECT ? expressionSelect(m) : inline(m);
                if (!ok) return false;
            }
        }
        return true;
    }

    static List<Node> projections(Node select) {
        List<Node> out = new ArrayList<>();
        for (Node n : select.region.nodes) if (n.op == Op.PROJ && n.arg(0) == select) out.add(n);
        return out;
    }
}
