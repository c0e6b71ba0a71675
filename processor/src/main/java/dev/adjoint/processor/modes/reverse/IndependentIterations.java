package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.LoopShapes;
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
 *   <li>it is a {@code while (c) { body }} loop with no calls inside;
 *   <li>each active value it carries is an accumulator ({@code s = s ± x}, {@code s} used nowhere
 *       else in the loop), and the method's value depends on it linearly with a constant
 *       coefficient (its adjoint, the seed each iteration starts from, is known before the loop);
 *   <li>each array it writes (created before it) is used nowhere after it, and every element an
 *       iteration reads of it was written earlier in that iteration or by no iteration at all
 *       ({@link #isIterationLocal});
 *   <li>nothing after it writes an array it reads, so its adjoint contributions can be added early.
 * </ul>
 */
public final class IndependentIterations {
    private final Graph graph;
    private final Activity activity;
    private final Map<Node, List<Node>> users = new IdentityHashMap<>();
    /** Nodes that are results of a region other than the root's value. */
    private final Map<Node, Boolean> escapes = new IdentityHashMap<>();

    private final Map<Node, Double> constantAdjoints = new HashMap<>();

    private IndependentIterations(Graph graph, Activity activity) {
        this.graph = graph;
        this.activity = activity;
        for (Node n : graph.nodes())
            for (Node a : n.args)
                users.computeIfAbsent(a, k -> new ArrayList<>()).add(n);
        markEscapes(graph.root);
    }

    /** The loops found: for each qualifying loop of the primal's root region, the seed (constant adjoint) of each active carried slot. */
    public record Found(Map<Node, Map<Integer, Double>> seedsByLoop) {}

    /** The loops of {@code primal} whose iterations reverse mode may reverse in place, given which values are active. */
    public static Found find(Graph primal, Activity activity) {
        Map<Node, Map<Integer, Double>> found = new LinkedHashMap<>();
        // a vector-valued method's output adjoint is its seed, known only when the backward sweep starts
        if (primal.root.results.get(0).type != Type.DOUBLE) return new Found(found);
        for (Node n : primal.nodes()) {
            // arrays that alias others (a ?: between arrays, matrix rows, arrays carried by loops) are not tracked
            boolean alias =
                    n.type == Type.DOUBLE_MATRIX || (n.type.isArray() && (n.op == Op.PROJ || n.op == Op.LOOP_PARAM));
            if (alias) return new Found(found);
        }
        IndependentIterations analysis = new IndependentIterations(primal, activity);
        for (Node n : primal.root.nodes) {
            if (n.op != Op.LOOP) continue;
            Map<Integer, Double> seeds = analysis.seeds(n);
            // a loop none of whose sums reaches the value has no backward sweep to move
            if (seeds != null && seeds.values().stream().anyMatch(v -> v != 0.0)) found.put(n, seeds);
        }
        return new Found(found);
    }

    private Map<Integer, Double> seeds(Node loop) {
        Node test = LoopShapes.plainTest(loop);
        if (test == null) return null;
        Region step = loop.branches.get(0);
        List<Node> inside = new ArrayList<>();
        collect(step, inside);
        for (Node n : inside) {
            if (n.op.isCall() || (n.type.isArray() && n.op != Op.NEW_ARRAY)) return null;
        }
        Map<Integer, Double> seeds = new LinkedHashMap<>();
        for (Node p : step.nodes) {
            if (p.op != Op.LOOP_PARAM || !activity.isActive(p)) continue;
            int slot = p.index();
            if (!isAccumulator(p, step.results.get(slot + 1), test, inside)) return null;
            Double seed = 0.0;
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
            Node array = n.arg(0);
            if (step.encloses(array.region)) continue; // created by the iteration itself
            for (Node m : after) if (m.op == Op.ARRAY_STORE && m.arg(0) == array) return null;
            if (n.op != Op.ARRAY_STORE) continue;
            boolean local = array.op == Op.NEW_ARRAY || array.op == Op.COPY;
            for (Node m : after) if (m.args.contains(array) && m.op != Op.ARRAY_LENGTH) local = false;
            if (!local || !isIterationLocal(array, step, inside)) return null;
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
    private Double constantAdjoint(Node n) {
        if (constantAdjoints.containsKey(n)) return constantAdjoints.get(n);
        Double result = null;
        if (!escapes.containsKey(n)) {
            double total = graph.root.results.get(0) == n ? 1.0 : 0.0;
            boolean known = true;
            for (Node u : users.getOrDefault(n, List.of())) {
                Double partial = u.region == graph.root ? linearPartial(u, n) : null;
                Double ahead = partial == null ? null : constantAdjoint(u);
                if (ahead == null) {
                    known = false;
                    break;
                }
                total += partial * ahead;
            }
            if (known) result = total;
        }
        constantAdjoints.put(n, result);
        return result;
    }

    private static Double linearPartial(Node u, Node n) {
        if (u.type != Type.DOUBLE || u.args.stream().filter(a -> a == n).count() != 1) return null;
        return switch (u.op) {
            case ADD -> 1.0;
            case SUB -> u.arg(0) == n ? 1.0 : -1.0;
            case NEG -> -1.0;
            case MUL -> {
                Node other = u.arg(0) == n ? u.arg(1) : u.arg(0);
                yield other.isConst() ? other.constDouble() : null;
            }
            default -> null;
        };
    }

    /**
     * Whether every element of {@code array} that an iteration reads was written earlier in the
     * same iteration, or by no iteration at all. Shown by a covering write W: a counted loop
     * {@code for (c = s; c < h; c++) array[c] = v} with s a constant and h fixed before the loop
     * under study, standing directly in a block P that holds every access to the array, before all
     * the others; and every other store into the array is at an index in [s, h). Then each time P
     * runs, W rewrites [s, h) before anything reads it, and no element outside [s, h) is ever
     * written.
     */
    private boolean isIterationLocal(Node array, Region step, List<Node> inside) {
        List<Node> accesses = new ArrayList<>();
        for (Node n : inside) {
            if (!n.args.contains(array)) continue;
            boolean plain = (n.op == Op.ARRAY_READ || n.op == Op.ARRAY_STORE || n.op == Op.ARRAY_LENGTH)
                    && n.arg(0) == array
                    && n.args.indexOf(array) == 0
                    && n.args.lastIndexOf(array) == 0;
            if (!plain) return false;
            if (n.op != Op.ARRAY_LENGTH) accesses.add(n);
        }
        for (Node w : inside) {
            if (w.op != Op.LOOP) continue;
            Node store = coveringStore(w, array, step);
            if (store != null && coveredAfter(w, store, accesses, step)) return true;
        }
        return false;
    }

    /** The store {@code array[c] = v} of W when W is a covering write of {@code array} (see above); else null. */
    private static Node coveringStore(Node w, Node array, Region outerStep) {
        Counter c = Counter.of(w);
        if (c == null || !c.start().isConst() || outerStep.encloses(c.bound().region)) return null;
        List<Node> inW = new ArrayList<>();
        collect(w.branches.get(0), inW);
        Node store = null;
        for (Node n : inW) {
            if (!n.args.contains(array)) continue;
            if (store != null || n.op != Op.ARRAY_STORE || n.region != c.body() || n.arg(1) != c.param()) return null;
            store = n;
        }
        return store;
    }

    private static boolean coveredAfter(Node w, Node store, List<Node> accesses, Region step) {
        Counter c = Counter.of(w);
        Region block = w.region;
        int at = block.nodes.indexOf(w);
        for (Node a : accesses) {
            if (a == store) continue;
            Node top = a;
            while (top != null && top.region != block) top = top.region.owner;
            if (top == null || block.nodes.indexOf(top) <= at) return false;
            if (a.op == Op.ARRAY_STORE && !inRange(a.arg(1), a, c.start().constInt(), c.bound())) return false;
        }
        return true;
    }

    /** Whether {@code index}, where {@code at} stands, is a counter known to be in [low, bound). */
    private static boolean inRange(Node index, Node at, int low, Node bound) {
        if (index.op != Op.LOOP_PARAM) return false;
        Node loop = index.region.owner;
        Counter c = Counter.of(loop);
        if (c == null || c.param() != index || c.bound() != bound || !c.body().encloses(at.region)) return false;
        Integer lowest = lowerBound(c.start());
        return lowest != null && lowest >= low;
    }

    /** A lower bound of an int: constants, counters of counted loops, and a counter plus 0 or 1. */
    private static Integer lowerBound(Node n) {
        if (n.isConst() && n.type == Type.INT) return n.constInt();
        if (n.op == Op.LOOP_PARAM) {
            Counter c = Counter.of(n.region.owner);
            return c != null && c.param() == n ? lowerBound(c.start()) : null;
        }
        if (n.op == Op.ADD && n.arg(1).isConst() && n.arg(0).op == Op.LOOP_PARAM) {
            // a counter below its bound, plus 1, cannot overflow
            Counter c = Counter.of(n.arg(0).region.owner);
            int plus = n.arg(1).constInt();
            Integer base = lowerBound(n.arg(0));
            return c != null && c.param() == n.arg(0) && (plus == 0 || plus == 1) && base != null ? base + plus : null;
        }
        return null;
    }

    /** A {@code while (c < bound) { body; c++ }} loop's counter, start, bound and body. */
    private record Counter(Node param, Node start, Node bound, Region body) {
        static Counter of(Node loop) {
            if (loop == null || loop.op != Op.LOOP) return null;
            Node test = LoopShapes.plainTest(loop);
            if (test == null || test.arg(0).op != Op.LT) return null;
            Node param = test.arg(0).arg(0), bound = test.arg(0).arg(1);
            if (param.op != Op.LOOP_PARAM || param.region != loop.branches.get(0) || param.type != Type.INT)
                return null;
            if (loop.branches.get(0).encloses(bound.region)) return null;
            Node result = loop.branches.get(0).results.get(param.index() + 1);
            if (result.op != Op.PROJ || result.arg(0) != test) return null;
            Integer step = LoopShapes.advance(test.branches.get(0).results.get(result.index()), param);
            if (step == null || step != 1) return null;
            return new Counter(param, loop.arg(param.index()), bound, test.branches.get(0));
        }
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
