package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.AffineAccesses;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the loops whose iterations reverse mode may reverse one at a time, right after each runs
 * (Tapenade's independent-iterations loops): a loss summed over data points, {@code for (i...)
 * total += f(θ, x_i)}, where the backward sweep of iteration i needs nothing from the others.
 * The stacks then hold one iteration's values instead of all of them. A loop of the method body
 * qualifies when:
 *
 * <ul>
 *   <li>the method's arrays are tracked: no array is chosen by {@code ?:} or carried by a loop;
 *       a row {@code m[i]} counts as a part of {@code m}, and a row given to a callee belongs to
 *       an inactive matrix parameter whose rows are only read ({@link #readOnly});
 *   <li>it is a {@code while (c) { body }} loop whose only calls are of scalar callees whose
 *       {@code fAdd} a backward sweep calls ({@link ForwardSweep#addsInBackward}): the arrays
 *       they are given are stored into only before the call, and a callee writes none, so the
 *       iteration's own backward sweep sees them as the backward sweep proper would;
 *   <li>each active value it carries is an accumulator ({@code s = s ± x}, {@code s} used nowhere
 *       else in the loop), and the method's value depends on it linearly with a coefficient
 *       computed from parameters and constants alone ({@link AccumulatorSeed}: its adjoint, the
 *       seed each iteration starts from, is known before the loop);
 *   <li>each array it writes (created before it) is used nowhere after it, and every element an
 *       iteration reads of it was written earlier in that iteration or by no iteration at all,
 *       at whatever depth of inner loops ({@link AffineAccesses#iterationLocal});
 *   <li>nothing after it writes an array it reads, so its adjoint contributions can be added early.
 * </ul>
 */
public final class IndependentIterations {
    private final Graph graph;
    private final Activity activity;
    private final Map<Node, List<Node>> users = new IdentityHashMap<>();
    /** Nodes that are results of a region other than the root's value. */
    private final Map<Node, Boolean> escapes = new IdentityHashMap<>();

    private final Map<Node, AccumulatorSeed> constantAdjoints = new HashMap<>();

    private IndependentIterations(Graph graph, Activity activity) {
        this.graph = graph;
        this.activity = activity;
        for (Node n : graph.nodes())
            for (Node a : n.args)
                users.computeIfAbsent(a, k -> new ArrayList<>()).add(n);
        markEscapes(graph.root);
    }

    /** The loops found: for each qualifying loop of the primal's root region, the seed (constant adjoint) of each active carried slot. */
    public record Found(Map<Node, Map<Integer, AccumulatorSeed>> seedsByLoop) {}

    /** The loops of {@code primal} whose iterations reverse mode may reverse in place, given which values are active. */
    public static Found find(Graph primal, Activity activity) {
        Map<Node, Map<Integer, AccumulatorSeed>> found = new LinkedHashMap<>();
        // a vector-valued method's output adjoint is its seed, known only when the backward sweep starts
        if (primal.root.results.get(0).type != Type.DOUBLE) return new Found(found);
        IndependentIterations analysis = new IndependentIterations(primal, activity);
        for (Node n : primal.nodes()) {
            // arrays that may be one of several (a ?: between arrays, arrays carried by loops) are not
            // tracked; a matrix row m[i] is a part of m, never of another (rows are assigned element
            // by element only), so accesses through it are counted as accesses of m
            boolean alias = n.type.isArray() && (n.op == Op.PROJ || n.op == Op.LOOP_PARAM);
            if (alias) return new Found(found);
        }
        for (Node n : primal.root.nodes) {
            if (n.op != Op.LOOP) continue;
            Map<Integer, AccumulatorSeed> seeds = analysis.seeds(n);
            // a loop none of whose sums reaches the value has no backward sweep to move
            if (seeds != null && seeds.values().stream().anyMatch(v -> v.constant() != 0.0)) found.put(n, seeds);
        }
        return new Found(found);
    }

    /**
     * A matrix parameter, inactive, whose elements and rows only element reads, lengths and calls
     * of {@code @Differentiable} callees (which write none of their arguments) use: its rows are
     * names of arrays nothing writes.
     */
    private boolean readOnly(Node matrix) {
        if (matrix.op != Op.PARAM || activity.isActive(matrix)) return false;
        for (Node row : users.getOrDefault(matrix, List.of())) {
            boolean element = row.op == Op.ARRAY_READ && row.arg(0) == matrix && row.arg(1) != matrix;
            if (!element && row.op != Op.ARRAY_LENGTH) return false;
            if (!row.type.isArray()) continue;
            for (Node u : users.getOrDefault(row, List.of())) {
                boolean read = (u.op == Op.ARRAY_READ && u.arg(0) == row && u.arg(1) != row)
                        || u.op == Op.ARRAY_LENGTH
                        || (u.op == Op.CALL && ForwardSweep.addsInBackward(u));
                if (!read || escapes.containsKey(row)) return false;
            }
        }
        return true;
    }

    private boolean isRowOfReadOnly(Node n) {
        return n.op == Op.ARRAY_READ && n.arg(0).type == Type.DOUBLE_MATRIX && readOnly(n.arg(0));
    }

    private Map<Integer, AccumulatorSeed> seeds(Node loop) {
        Node test = LoopShapes.plainTest(loop);
        if (test == null) return null;
        Region step = loop.branches.get(0);
        List<Node> inside = new ArrayList<>();
        collect(step, inside);
        for (Node n : inside) {
            boolean adds = n.op == Op.CALL && ForwardSweep.addsInBackward(n);
            boolean row = n.op == Op.ARRAY_READ && n.type.isArray();
            if ((n.op.isCall() && !adds) || (n.type.isArray() && n.op != Op.NEW_ARRAY && !row)) return null;
            // a callee is given rows only of matrices nothing writes: what it reads through a row of
            // another matrix is not among the accesses counted here
            if (adds)
                for (Node a : n.args) if (a.op == Op.ARRAY_READ && a.type.isArray() && !isRowOfReadOnly(a)) return null;
        }
        Map<Integer, AccumulatorSeed> seeds = new LinkedHashMap<>();
        for (Node p : step.nodes) {
            if (p.op != Op.LOOP_PARAM || !activity.isActive(p)) continue;
            int slot = p.index();
            if (!isAccumulator(p, step.results.get(slot + 1), test, inside)) return null;
            AccumulatorSeed seed = AccumulatorSeed.of(0.0);
            for (Node out : graph.root.nodes) {
                if (out.op == Op.PROJ && out.arg(0) == loop && out.index() == slot) seed = constantAdjoint(out);
            }
            if (seed == null) return null;
            seeds.put(slot, seed);
        }
        List<Node> after = after(loop);
        for (Node n : inside) {
            boolean access = n.op == Op.ARRAY_READ || n.op == Op.ARRAY_STORE || n.op == Op.ARRAY_LENGTH;
            if (!access) continue;
            Node array = ArrayValues.base(n.arg(0));
            if (step.encloses(array.region)) continue; // created by the iteration itself
            for (Node m : after) if (m.op == Op.ARRAY_STORE && ArrayValues.base(m.arg(0)) == array) return null;
            if (n.op != Op.ARRAY_STORE) continue;
            // a store into a row: the analysis of elements follows one level of index only
            boolean local = (array.op == Op.NEW_ARRAY || array.op == Op.COPY) && n.arg(0) == array;
            for (Node m : after) if (m.args.contains(array) && m.op != Op.ARRAY_LENGTH) local = false;
            if (!local || !AffineAccesses.iterationLocal(loop, array)) return null;
        }
        return seeds;
    }

    /** {@code s = s ± x} in the body, {@code s} unchanged when the loop ends, and no other use of {@code s}, old or new, in the loop. */
    private static boolean isAccumulator(Node param, Node result, Node test, List<Node> inside) {
        if (result.op != Op.PROJ || result.arg(0) != test) return false;
        Node sum = test.branches.get(0).results.get(result.index());
        boolean shaped = (sum.op == Op.ADD && (sum.arg(0) == param) != (sum.arg(1) == param))
                || (sum.op == Op.SUB && sum.arg(0) == param && sum.arg(1) != param);
        if (!shaped) return false;
        // neither the old value nor the new one is read by anything else (x++; a -= x reads the new x)
        for (Node n : inside) if ((n != sum && n.args.contains(param)) || n.args.contains(sum)) return false;
        for (Region branch : test.branches) {
            for (int k = 0; k < branch.results.size(); k++) {
                boolean passthrough = branch == test.branches.get(1) && k == result.index();
                boolean itself = branch == test.branches.get(0) && k == result.index();
                if (branch.results.get(k) == param && !passthrough) return false;
                if (branch.results.get(k) == sum && !itself) return false;
            }
        }
        return true;
    }

    /**
     * ∂value/∂n when it is a constant: n reaches the method's value only through root-region sums,
     * differences, negations and products with constants. Null otherwise.
     */
    private AccumulatorSeed constantAdjoint(Node n) {
        if (constantAdjoints.containsKey(n)) return constantAdjoints.get(n);
        AccumulatorSeed result = null;
        if (!escapes.containsKey(n)) {
            AccumulatorSeed total = AccumulatorSeed.of(graph.root.results.get(0) == n ? 1.0 : 0.0);
            for (Node u : users.getOrDefault(n, List.of())) {
                AccumulatorSeed partial = u.region == graph.root ? linearPartial(u, n) : null;
                AccumulatorSeed ahead = partial == null ? null : constantAdjoint(u);
                total = ahead == null ? null : total.plus(partial.times(ahead));
                if (total == null) break;
            }
            result = total;
        }
        constantAdjoints.put(n, result);
        return result;
    }

    private static AccumulatorSeed linearPartial(Node u, Node n) {
        if (u.type != Type.DOUBLE || u.args.stream().filter(a -> a == n).count() != 1) return null;
        return switch (u.op) {
            case ADD -> AccumulatorSeed.of(1.0);
            case SUB -> AccumulatorSeed.of(u.arg(0) == n ? 1.0 : -1.0);
            case NEG -> AccumulatorSeed.of(-1.0);
            case MUL -> {
                Node other = u.arg(0) == n ? u.arg(1) : u.arg(0);
                if (other.isConst()) yield AccumulatorSeed.of(other.constDouble());
                yield AccumulatorSeed.fixed(other) ? new AccumulatorSeed(1.0, List.of(other), List.of()) : null;
            }
            // n / d: 1 / d, with d fixed (a constant d too: the same division the backward sweep does)
            case DIV ->
                u.arg(0) == n && AccumulatorSeed.fixed(u.arg(1))
                        ? new AccumulatorSeed(1.0, List.of(), List.of(u.arg(1)))
                        : null;
            default -> null;
        };
    }

    /** The nodes after {@code loop} in the root region, and everything inside them. */
    private List<Node> after(Node loop) {
        List<Node> root = graph.root.nodes;
        List<Node> out = new ArrayList<>();
        for (Node n : root.subList(root.indexOf(loop) + 1, root.size())) {
            out.add(n);
            for (Region r : n.branches) collect(r, out);
        }
        return out;
    }

    private static void collect(Region region, List<Node> out) {
        for (Node n : region.nodes) {
            out.add(n);
            for (Region r : n.branches) collect(r, out);
        }
    }

    private void markEscapes(Region region) {
        for (int k = 0; k < region.results.size(); k++) {
            if (region != graph.root || k != 0) escapes.put(region.results.get(k), true);
        }
        for (Node n : region.nodes) for (Region r : n.branches) markEscapes(r);
    }
}
