package dev.adjoint.processor.emit;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A nest that {@link Loops} prints {@link #WIDTH} outer iterations at a time, their inner loops
 * jammed into one: {@code for (j < n) { pre; s = s0; for (i < m) s = s + f(j, i); tail }}, a
 * dense layer's dot products. A sum is a chain of dependent additions that HotSpot's C2 must keep
 * in Java's order, so one sum at a time waits the adder's latency at every element; four sums in
 * one loop overlap. Each sum still adds its terms in the same order: the values are the same bits.
 *
 * <p>What the reordering needs, checked here: the inner loops and what comes before them only
 * compute (no stores, saves, calls or nested loops), from arrays the tails do not write, so that
 * running copy k + 1's inner loop before copy k's tail changes nothing those read; the tails
 * store only into arrays the method made (a parameter's or a field's array is never written, see
 * {@link ArrayValues}) and save values in the same order as before. The inner loop's range is
 * fixed before the nest, the same for every copy. Where a read would fail, the copies may throw
 * at another read than the loops one at a time would have: both throw.
 */
record JamNest(
        Region body,
        Node counter,
        Node bound,
        Node inner,
        Node innerTest,
        Node innerCounter,
        List<Node> pre,
        List<Node> tail) {
    /** Outer iterations per jammed iteration. */
    static final int WIDTH = 4;

    /** The nest of {@code loop}, a {@code for (j = a; j < bound; j++)} loop with counter {@code counter}, or null. */
    static JamNest of(Node loop, Node test, Node counter, Placement placement) {
        Region step = loop.branches.get(0);
        Node bound = outerBound(loop, test, counter);
        if (bound == null) return null;
        Region body = test.branches.get(0);
        int at = -1;
        for (int k = 0; k < body.nodes.size(); k++) {
            if (!body.nodes.get(k).op.isStructured()) continue;
            if (at >= 0 || body.nodes.get(k).op != Op.LOOP) return null;
            at = k;
        }
        if (at < 0) return null;
        Node inner = body.nodes.get(at);
        Node innerTest = innerForTest(inner, step, placement);
        if (innerTest == null) return null;
        Node innerCounter = innerTest.arg(0).arg(0);
        boolean sums = false;
        for (Node p : LoopShapes.params(inner)) sums |= p != innerCounter && p.type == Type.DOUBLE;
        for (Node p : Placement.projections(inner))
            if (p.index() == innerCounter.index() && placement.isUsed(p)) return null;
        List<Node> pre = body.nodes.subList(0, at), tail = body.nodes.subList(at + 1, body.nodes.size());
        Set<Node> read = new HashSet<>();
        Set<Node> written = new HashSet<>();
        for (Node n : pre) if (!computes(n, read)) return null;
        for (Region r : List.of(inner.branches.get(0), innerTest.branches.get(0)))
            for (Node n : r.nodes) if (n != innerTest && n.op != Op.PROJ && !computes(n, read)) return null;
        for (Node n : tail) if (!endsIteration(n, written)) return null;
        for (Node a : read) {
            boolean unwritten = a.op == Op.PARAM || a.op == Op.TANGENT_PARAM || a.op == Op.FIELD || fresh(a);
            if (!unwritten || written.contains(a)) return null;
        }
        return sums ? new JamNest(body, counter, bound, inner, innerTest, innerCounter, pre, tail) : null;
    }

    /**
     * The bound of {@code loop} when it is a forward {@code for (i = a; i < bound; i++)} that
     * carries nothing but its counter {@code counter}, the bound fixed before it; or null.
     */
    static Node outerBound(Node loop, Node test, Node counter) {
        Node condition = test.arg(0);
        if (loop.backward || LoopShapes.params(loop).size() != 1) return null;
        if (condition.op != Op.LT || condition.arg(0) != counter) return null;
        Node bound = condition.arg(1);
        return LoopShapes.isFixedBefore(bound, loop.branches.get(0)) ? bound : null;
    }

    /**
     * The test of {@code inner} when it is a forward {@code for (j = a; j < n; j++)} whose test
     * reads {@code j < n} as the header prints it, {@code a} and {@code n} fixed before the loop
     * whose step is {@code outer} (the same for every outer iteration); or null.
     */
    static Node innerForTest(Node inner, Region outer, Placement placement) {
        Node innerTest = LoopShapes.whileTest(inner, placement::inline);
        LoopShapes.Counted counted = LoopShapes.countedShape(inner, innerTest);
        if (inner.backward || counted == null || counted.step() != 1 || counted.op() != Op.LT) return null;
        Node innerCounter = LoopShapes.params(inner).get(counted.counter());
        if (innerTest.arg(0).arg(0) != innerCounter) return null;
        if (!LoopShapes.isFixedBefore(counted.bound(), outer)
                || !LoopShapes.isFixedBefore(inner.arg(counted.counter()), outer)) return null;
        return innerTest;
    }

    /** Whether {@code n} only computes a value; the arrays it reads go into {@code read}. */
    private static boolean computes(Node n, Set<Node> read) {
        if (n.backward) return false;
        switch (n.op) {
            case ARRAY_READ, ARRAY_LENGTH -> read.add(ArrayValues.base(n.arg(0)));
            case CONST, PARAM, TANGENT_PARAM, FIELD, LOOP_PARAM, MATH, CHOOSE, CAST, BITWISE -> {}
            case ADD, SUB, MUL, DIV, REM, NEG, NOT, LT, LE, GT, GE, EQ, NE, AND, OR -> {}
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code n} may stand in a tail: it computes, saves a value, or stores into an array the
     * method made (into {@code written}). The tails run in their order: what they read is theirs.
     */
    private static boolean endsIteration(Node n, Set<Node> written) {
        if (n.backward) return false;
        switch (n.op) {
            case PROJ, PUSH -> {
                return true;
            }
            case ARRAY_STORE, ACCUMULATE -> {
                Node target = ArrayValues.base(n.arg(0));
                written.add(target);
                return fresh(target);
            }
            case SELECT -> {
                for (Region b : n.branches) for (Node m : b.nodes) if (!endsIteration(m, written)) return false;
                return true;
            }
            default -> {
                return computes(n, new HashSet<>());
            }
        }
    }

    /** An array the method made: no parameter's array is the same. */
    private static boolean fresh(Node array) {
        return array.op == Op.NEW_ARRAY || array.op == Op.COPY || array.op == Op.ZEROS_LIKE;
    }
}
