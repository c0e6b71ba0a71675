package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backward loop whose every contribution is scaled by one adjoint that stays the same in every
 * iteration does nothing when that adjoint is zero: its trip count becomes 0 then. In a ReLU
 * layer, a unit that was off has {@code s̄ = 0}, and its loop over the unit's inputs ({@code
 * w̄[j][i] += x[i] * s̄}) is skipped, as a hand-written back-propagation skips it.
 *
 * <p>This is the rule derivative folding already applies to constant zeros (a term with an
 * exactly zero factor contributes nothing), applied to a zero known only at run time. It differs
 * from running the loop only where a skipped term is {@code 0 * ±Inf} or {@code 0 * NaN}: the
 * loop would add NaN, the skip adds nothing; such a point already has a non-finite intermediate.
 * Only loops the backward sweep built are changed; the primal is exact.
 */
public final class ZeroAdjointLoops {
    private final GraphBuilder b;

    private ZeroAdjointLoops(Graph graph) {
        this.b = new GraphBuilder(graph);
        b.beginBackward();
    }

    public static void skipWhenZero(Graph graph) {
        new ZeroAdjointLoops(graph).visit(graph.root);
    }

    private void visit(Region region) {
        for (Node n : List.copyOf(region.nodes)) {
            for (Region r : n.branches) visit(r);
            if (n.op == Op.LOOP && n.backward) guard(n);
        }
    }

    /** {@code while (remaining > 0) { body }}: finds the body's common scale and guards the count with it. */
    private void guard(Node loop) {
        Node test = LoopShapes.whileTest(loop, n -> true);
        if (test == null || loop.args.isEmpty()) return;
        Region step = loop.branches.get(0), body = test.branches.get(0);
        List<Node> params =
                step.nodes.stream().filter(n -> n.op == Op.LOOP_PARAM).toList();
        Node remaining = params.stream().filter(p -> p.index() == 0).findFirst().orElse(null);
        Node condition = test.arg(0);
        boolean counted = remaining != null
                && remaining.type == Type.INT
                && condition.op == Op.GT
                && condition.arg(0) == remaining
                && condition.arg(1).isConst()
                && Integer.valueOf(0).equals(condition.arg(1).constValue());
        if (!counted) return;
        for (Node scale : params) {
            if (scale.type != Type.DOUBLE || resultInBody(loop, test, scale) != scale) continue;
            if (!everythingScaledBy(scale, loop, test, body, step)) continue;
            Node from = loop.arg(scale.index());
            if (from.isConst()) return; // a constant scale is never zero here: derivative folding drops zero terms
            Region r = loop.region;
            Set<Node> before = Collections.newSetFromMap(new IdentityHashMap<>());
            before.addAll(r.nodes);
            Node guarded =
                    b.in(r, () -> b.choose(b.compare(Op.NE, from, b.constant(0)), loop.arg(0), b.zero(Type.INT)));
            // made at the end of the region (constants at the root's start), the guard belongs before the loop
            List<Node> made = new ArrayList<>();
            for (Node n : r.nodes) if (!before.contains(n) && !n.op.isLeaf() && n.op != Op.CONST) made.add(n);
            r.nodes.removeAll(made);
            r.nodes.addAll(r.nodes.indexOf(loop), made);
            loop.args.set(0, guarded);
            return;
        }
    }

    /** What an iteration that runs the body leaves in the slot of {@code param}. */
    private static Node resultInBody(Node loop, Node test, Node param) {
        Node r = loop.branches.get(0).results.get(param.index() + 1);
        if (r == param) return param;
        if (r.op != Op.PROJ || r.arg(0) != test) return null;
        return test.branches.get(0).results.get(r.index());
    }

    /**
     * Whether every effect of the body and every change of a carried value is a multiple of
     * {@code scale}: no stores, saved values or calls; accumulations of multiples; carried values
     * passed on, or increased by multiples.
     */
    private static boolean everythingScaledBy(Node scale, Node loop, Node test, Region body, Region step) {
        Map<Node, Boolean> memo = new HashMap<>();
        for (Region r : List.of(step, body)) {
            for (Node n : r.nodes) {
                if (n == test || n.op == Op.LOOP_PARAM || n.op == Op.PROJ) continue;
                if (n.op.isStructured() || n.op.isCall() || n.op == Op.POP || n.op == Op.PUSH) return false;
                if (n.op.isEffect() && (n.op != Op.ACCUMULATE || !multiple(n.arg(2), scale, memo))) return false;
            }
        }
        for (Node p : step.nodes) {
            if (p.op != Op.LOOP_PARAM || p.index() == 0) continue;
            Node next = resultInBody(loop, test, p);
            if (next == p) continue;
            boolean increased = next != null
                    && (next.op == Op.ADD || next.op == Op.SUB)
                    && next.arg(0) == p
                    && multiple(next.arg(1), scale, memo);
            if (!increased) return false;
        }
        return true;
    }

    /** Whether {@code v} is zero whenever {@code scale} is (up to non-finite factors). */
    private static boolean multiple(Node v, Node scale, Map<Node, Boolean> memo) {
        if (v == scale) return true;
        Boolean known = memo.get(v);
        if (known != null) return known;
        boolean m = switch (v.op) {
            case MUL -> multiple(v.arg(0), scale, memo) || multiple(v.arg(1), scale, memo);
            case DIV, NEG -> multiple(v.arg(0), scale, memo);
            case ADD, SUB -> multiple(v.arg(0), scale, memo) && multiple(v.arg(1), scale, memo);
            case CHOOSE -> zeroOrMultiple(v.arg(1), scale, memo) && zeroOrMultiple(v.arg(2), scale, memo);
            default -> false;
        };
        memo.put(v, m);
        return m;
    }

    private static boolean zeroOrMultiple(Node v, Node scale, Map<Node, Boolean> memo) {
        return v.isConst(0) || multiple(v, scale, memo);
    }
}
