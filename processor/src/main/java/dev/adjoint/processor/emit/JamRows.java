package dev.adjoint.processor.emit;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A nest that {@link Loops} prints {@link #WIDTH} outer iterations at a time, their inner loops
 * jammed into one whose element updates chain through locals: {@code for (i < m) { x = f(i); for
 * (j < n) p[j] = p[j] + x · w[i·n + j]; }} (a layer accumulated row by row, an {@code axpy} per
 * row) becomes {@code for (j < n) { v0 = p[j] + x0 · w[r0 + j]; v1 = v0 + x1 · w[r1 + j]; …; p[j]
 * = v3 + x3 · w[r3 + j]; }}: one load and one store of {@code p[j]} per four rows instead of per
 * row. Each element still receives the same operations in the same order: the values are the
 * same bits.
 *
 * <p>What the reordering needs, checked here: the outer loop carries only its counter, and its
 * body is pure code then the inner loop, nothing after; the inner loop is a counted {@code for (j
 * = a; j < n; j++)} with {@code a} and {@code n} fixed before the nest, carrying only its counter,
 * with a straight-line body. Every array the inner body stores into was made by the method (so no
 * other array is the same), is stored into once, at {@code j} or {@code j + k} with {@code k}
 * fixed before the nest (a different element for each {@code j}), and is read nowhere in the
 * nest but at that same index before the store. Then iteration {@code (i, j)} touches, of the
 * arrays written, only elements no {@code (i', j')} with {@code j' ≠ j} touches, so running rows
 * {@code i … i + 3} of one {@code j} together keeps every dependence; and the value the next row
 * would read back is the one just computed, kept in a local. Where a read would fail, the jammed
 * rows may throw at another read than the rows one at a time would have, having left some
 * stores undone: both throw, and the arrays are the method's own.
 */
record JamRows(
        Region body,
        Node counter,
        Node bound,
        Node inner,
        Node innerTest,
        Node innerCounter,
        List<Node> pre,
        Map<Node, Node> storeOfRead) {
    /** Outer iterations per jammed iteration. */
    static final int WIDTH = 4;

    /** The nest of {@code loop}, a {@code for (i = a; i < bound; i++)} loop with counter {@code counter}, or null. */
    static JamRows of(Node loop, Node test, Node counter, Placement placement) {
        Region step = loop.branches.get(0);
        Node bound = JamNest.outerBound(loop, test, counter);
        if (bound == null) return null;
        Region body = test.branches.get(0);
        int at = -1;
        for (int k = 0; k < body.nodes.size(); k++) {
            Node n = body.nodes.get(k);
            if (at >= 0) {
                // after the inner loop, nothing but its outputs and the counter's next value
                boolean output = n.op == Op.PROJ && n.arg(0) == body.nodes.get(at);
                boolean inlineArithmetic = computes(n.op) && n.op != Op.ARRAY_READ && placement.inline(n);
                if (!output && !inlineArithmetic) return null;
            } else if (n.op == Op.LOOP) {
                at = k;
            } else if (n.backward || !computes(n.op)) {
                return null;
            }
        }
        if (at < 0) return null;
        Node inner = body.nodes.get(at);
        if (LoopShapes.params(inner).size() != 1) return null;
        Node innerTest = JamNest.innerForTest(inner, step, placement);
        if (innerTest == null) return null;
        Node innerCounter = innerTest.arg(0).arg(0);
        for (Node p : Placement.projections(inner)) if (placement.isUsed(p)) return null;
        List<Node> pre = body.nodes.subList(0, at);
        Region innerBody = innerTest.branches.get(0);
        Map<Node, Node> storeOf = new LinkedHashMap<>();
        for (Node n : innerBody.nodes) {
            if (n.backward || !(computes(n.op) || n.op == Op.ARRAY_STORE)) return null;
            if (n.op != Op.ARRAY_STORE) continue;
            Node array = n.arg(0);
            boolean fresh = array.op == Op.NEW_ARRAY || array.op == Op.COPY || array.op == Op.ZEROS_LIKE;
            if (!fresh || storeOf.containsKey(array) || !distinctPerRow(n.arg(1), innerCounter, step)) return null;
            storeOf.put(array, n);
        }
        if (storeOf.isEmpty()) return null;
        Map<Node, Node> storeOfRead = new LinkedHashMap<>();
        Set<Node> stored = new HashSet<>();
        List<Node> nest = new ArrayList<>(pre);
        nest.addAll(innerBody.nodes);
        for (Node n : nest) {
            if (n.op == Op.ARRAY_STORE) stored.add(n);
            if (n.op != Op.ARRAY_READ) continue;
            if (!LoopDistribution.knownArray(ArrayValues.base(n.arg(0)))) return null;
            Node store = storeOf.get(ArrayValues.base(n.arg(0)));
            if (store == null) continue; // an array nothing in the nest writes
            boolean sameElement = n.region == innerBody && n.arg(0) == store.arg(0) && n.arg(1) == store.arg(1);
            if (!sameElement || stored.contains(store)) return null;
            storeOfRead.put(n, store);
        }
        return new JamRows(body, counter, bound, inner, innerTest, innerCounter, List.copyOf(pre), storeOfRead);
    }

    /** {@code j} or {@code j ± k}, {@code k} fixed before the nest: one element per inner iteration, the same in every row. */
    private static boolean distinctPerRow(Node index, Node innerCounter, Region outer) {
        if (index == innerCounter) return true;
        if (index.op != Op.ADD && index.op != Op.SUB) return false;
        if (index.arg(0) == innerCounter) return LoopShapes.isFixedBefore(index.arg(1), outer);
        return index.op == Op.ADD && index.arg(1) == innerCounter && LoopShapes.isFixedBefore(index.arg(0), outer);
    }

    /** An operation that only computes a value from its arguments (reading array elements included). */
    static boolean computes(Op op) {
        return switch (op) {
            case CONST, PARAM, TANGENT_PARAM, FIELD, LOOP_PARAM, MATH, CAST, BITWISE -> true;
            case ADD, SUB, MUL, DIV, REM, NEG, NOT, LT, LE, GT, GE, EQ, NE, AND, OR -> true;
            case ARRAY_READ, ARRAY_LENGTH -> true;
            default -> false;
        };
    }
}
