package dev.adjoint.processor.rewrite;

import dev.adjoint.processor.analysis.ArrayStores;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes every node that the results do not need (dead code). On the primal graph this leaves
 * the G' of Goodfellow et al. §6.5 plus what the value itself needs: a value computed but never used, such as
 * {@code double unused = Math.acos(2 * x);}, disappears with its derivative and cannot turn the
 * gradient into NaN. A value saved for the backward sweep (PUSH) stays exactly when the backward
 * sweep takes it back (POP) and uses it: this is what keeps the stacks down to the values the
 * backward sweep reads after they were overwritten. A store into an array the method owns is
 * needed only when a needed read may see it ({@link ArrayStores}).
 */
public final class Pruning {
    private final Set<Node> live = new HashSet<>();
    private final Graph graph;
    private final GraphBuilder zeros;

    private Pruning(Graph graph) {
        this.graph = graph;
        this.zeros = new GraphBuilder(graph);
    }

    /** Removes what {@code graph}'s results do not need; {@code stores} tells which stores a read may see. */
    public static void prune(Graph graph, ArrayStores stores) {
        prune(graph, stores, true);
    }

    /**
     * As {@link #prune}, but a derivative call kept for what it may throw stays as it is: for a
     * reverse graph that second order differentiates again, where forward over reverse lowers it
     * to the callee's {@code Hvp} (it differentiates no call made for its value alone).
     */
    public static void pruneBeforeSecondOrder(Graph graph, ArrayStores stores) {
        prune(graph, stores, false);
    }

    /**
     * As {@link #prune}, and a loop's carried value that nothing reads goes too (it becomes zero,
     * and what computed it dies): for an {@code fAdd}, whose value nobody reads.
     */
    public static void pruneDeadCarries(Graph graph, ArrayStores stores) {
        prune(graph, stores, true, true);
    }

    private static void prune(Graph graph, ArrayStores stores, boolean valueOnlyCalls) {
        prune(graph, stores, valueOnlyCalls, false);
    }

    private static void prune(Graph graph, ArrayStores stores, boolean valueOnlyCalls, boolean deadCarries) {
        Pruning p = new Pruning(graph);
        p.deadCarries = deadCarries;
        p.indexPops(graph.root);
        p.liveStores = stores.alwaysKept();
        // a store is needed once a needed read may observe it, and what it stores is then needed too
        do {
            p.live.clear();
            p.markRegion(graph.root, true);
        } while (p.liveStores.addAll(stores.observedBy(p.live)));
        if (valueOnlyCalls) p.callsForTheirValueOnly(graph.root);
        p.sweep(graph.root);
    }

    /** Whether a loop's carried values count only when read ({@link #markLoopByCarry}). */
    private boolean deadCarries;

    /** The array stores known to be needed so far (see {@link ArrayStores}). */
    private Set<Node> liveStores;

    /** Marks what {@code region} needs; returns whether it holds anything that must run (an effect). */
    private boolean markRegion(Region region, boolean resultsLive) {
        if (resultsLive) live.addAll(region.results);
        boolean any = false;
        List<Node> nodes = region.nodes;
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            if (n.op.isEffect() && (n.op != Op.ARRAY_STORE || liveStores.contains(n))) live.add(n);
            if (n.isStatementCall()) live.add(n); // an argument check runs for the exceptions it throws
            if (mayThrow(n)) live.add(n);
            if (n.op == Op.PUSH && live.contains(popOf(n))) live.add(n);
            if (n.op == Op.SELECT) {
                // only the outputs someone reads are computed: results of other outputs may die
                Set<Integer> read = new HashSet<>();
                for (Node p : region.nodes)
                    if (p.op == Op.PROJ && p.arg(0) == n && live.contains(p)) read.add(p.index());
                boolean effects = false;
                for (Region b : n.branches) {
                    for (int i : read) live.add(b.results.get(i));
                    effects |= markRegion(b, false);
                }
                if (effects || !read.isEmpty()) live.add(n);
            } else if (n.op == Op.LOOP && deadCarries) {
                markLoopByCarry(n);
            } else if (n.op == Op.LOOP) {
                boolean needed = live.contains(n);
                boolean effects = markRegion(n.branches.get(0), needed);
                if (effects && !needed) {
                    live.add(n);
                    markRegion(n.branches.get(0), true);
                }
                if (n.op == Op.LOOP && live.contains(n)) {
                    for (Node p : n.branches.get(0).nodes) if (p.op == Op.LOOP_PARAM) live.add(p);
                }
            }
            if (live.contains(n)) {
                any = true;
                live.addAll(n.args);
            }
        }
        return any;
    }

    /**
     * Marks what a loop needs when each carried value counts only if read: after the loop (its PROJ)
     * or by a needed node of the step, till no more become needed. A carried value nobody reads,
     * such as a running sum whose total is not wanted, then goes with what computes it, where
     * marking every carried value needed would keep a chain of dependent additions in the loop.
     */
    private void markLoopByCarry(Node loop) {
        Region step = loop.branches.get(0);
        Set<Integer> carried = new HashSet<>();
        for (Node p : loop.region.nodes)
            if (p.op == Op.PROJ && p.arg(0) == loop && live.contains(p)) carried.add(p.index());
        boolean effects = markRegion(step, false);
        if (!effects && carried.isEmpty() && !live.contains(loop)) return;
        live.add(loop);
        live.add(step.results.get(0)); // the flag: whether another iteration runs
        boolean more = true;
        while (more) {
            for (int k : carried) live.add(step.results.get(k + 1));
            markRegion(step, false);
            more = false;
            for (Node p : step.nodes) if (p.op == Op.LOOP_PARAM && live.contains(p)) more |= carried.add(p.index());
        }
    }

    /**
     * Whether {@code n} is a call of another method of this build (annotated or implicit callee) in
     * the primal or the forward sweep: kept even when its value is dead, since Java evaluates it for
     * the exceptions it may throw (an argument check in the callee) and the derivative methods must
     * throw what the method throws at the same inputs. A dead call's value feeds no derivative, so it
     * costs the callee's own derivative call only where a mode lowers it so. A Math function never
     * throws; a constant call ({@code CALL_CONST}) is kept only as a statement ({@link Node#isStatementCall}),
     * or when it is a switch's case index ({@link Refs.CaseIndex}), which throws for a null selector.
     */
    private static boolean mayThrow(Node n) {
        if (n.backward) return false;
        return n.op == Op.CALL
                || n.op == Op.CALL_REVERSE
                || n.op == Op.CALL_TANGENT
                || n.op == Op.CALL_CONST && n.method().cases() != null;
    }

    /**
     * A derivative call kept only for what it may throw ({@link #mayThrow}: its record or Dual is read
     * by no needed node) becomes a call of the method itself, for its value, where the callee is
     * callable so: the derivative work it would do is dead. The callee throws the same exceptions at
     * the same arguments, since its derivative methods must throw what it throws.
     */
    private void callsForTheirValueOnly(Region root) {
        Set<Node> read = new HashSet<>();
        collectReads(root, read);
        replaceDeadCalls(root, read);
    }

    /** Every node a needed node reads, and every region's results (conservatively: read). */
    private void collectReads(Region region, Set<Node> read) {
        read.addAll(region.results);
        for (Node n : region.nodes) {
            if (live.contains(n)) read.addAll(n.args);
            for (Region b : n.branches) collectReads(b, read);
        }
    }

    private void replaceDeadCalls(Region region, Set<Node> read) {
        for (Node n : List.copyOf(region.nodes)) {
            for (Region b : n.branches) replaceDeadCalls(b, read);
            boolean derivative = n.op == Op.CALL_REVERSE || n.op == Op.CALL_TANGENT;
            // a kept CALL_CONST (a switch's case index) is already the value call it would become
            if (!live.contains(n) || read.contains(n) || !mayThrow(n) || !derivative) continue;
            Refs.Callee callee = n.callee();
            if (!callee.vector() && callee.valueOwner() == null) continue; // not callable here for its value
            List<Node> args = n.args;
            String hint = n.hint();
            if (n.op == Op.CALL_TANGENT) {
                // fTangent's arguments: each differentiated parameter followed by its tangent
                args = new ArrayList<>();
                int k = 0;
                for (Refs.CalleeParam p : callee.params()) {
                    args.add(n.arg(k++));
                    if (p.differentiated()) k++;
                }
                if (k != n.args.size()) continue;
            } else if (n.args.size() != callee.params().size()) {
                continue;
            }
            if (hint != null && (hint.endsWith("Grad") || hint.endsWith("Dual")))
                hint = hint.substring(0, hint.length() - 4);
            Type type = callee.vector() ? Type.DOUBLE_ARRAY : Type.DOUBLE;
            live.add(graph.replaceByValueCall(n, callee, type, args, hint));
        }
    }

    /**
     * A call of a derivative method, which a value call may stand in for; not a CALL (one already),
     * nor a CALL_CONST (a switch on a String or enum selector, mapped to its case: no callee).
     */
    private static boolean derivativeCall(Op op) {
        return op == Op.CALL_REVERSE || op == Op.CALL_TANGENT || op == Op.CALL_ADJOINT || op == Op.SAVED_CALL;
    }

    private final Map<Refs.Saved, Node> pops = new HashMap<>();

    private Node popOf(Node push) {
        return pops.get(push.saved());
    }

    private void sweep(Region region) {
        region.nodes.removeIf(n -> !live.contains(n));
        // an output nobody reads keeps its place, as a zero, so the other outputs keep their numbers
        region.results.replaceAll(r -> live.contains(r) ? r : zeros.zero(r.type));
        for (Node n : List.copyOf(region.nodes)) for (Region b : n.branches) sweep(b);
    }

    private void indexPops(Region region) {
        for (Node n : region.nodes) {
            if (n.op == Op.POP) pops.put(n.saved(), n);
            for (Region b : n.branches) indexPops(b);
        }
    }
}
