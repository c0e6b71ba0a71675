package dev.adjoint.processor.modes.reverse;

import static dev.adjoint.processor.analysis.LoopShapes.plainTest;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.AffineAccesses;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.RegionCopy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-place reversal of a loop whose iterations are independent ({@link IndependentIterations}):
 * each iteration of the forward sweep ends with its own backward sweep, seeded with the
 * accumulators' constant adjoints, so the stacks hold one iteration's values at a time and the
 * backward sweep proper has only the accumulators' starts and the sums left to do for the loop.
 */
abstract class InPlaceReversal extends ForwardSweep {
    /** The differentiated parameters, by index. */
    final Map<Integer, Refs.Param> differentiated;

    /** Loops of the primal whose iterations are reversed one by one: seeds by slot. */
    private final Map<Node, Map<Integer, AccumulatorSeed>> independent;

    /** For each loop reversed in place, the arrays each iteration rewrites before reading. */
    final Map<Node, Set<Node>> iterationLocal = new HashMap<>();

    /**
     * A forward loop whose iterations were reversed in place: the seed of each accumulator slot,
     * and the values outside the loop that received adjoint terms, with the slots summing them.
     */
    record ReversedInPlace(
            Map<Integer, AccumulatorSeed> seeds, Map<Integer, Node> built, List<Node> outside, List<Integer> sums) {}

    final Map<Node, ReversedInPlace> reversedInPlace = new HashMap<>();

    InPlaceReversal(Map<Integer, Refs.Param> differentiated, Map<Node, Map<Integer, AccumulatorSeed>> independent) {
        this.differentiated = differentiated;
        this.independent = independent;
    }

    /** Whether {@code loop}'s iterations are reversed one by one, inside the forward loop. */
    boolean reversedEachIteration(Node loop) {
        return independent.containsKey(loop);
    }

    /** A loop whose iterations are independent is reversed in place; any other saves what its backward sweep needs. */
    @Override
    protected void copyLoop(Node loop) {
        if (independent.containsKey(loop)) copyReversingEachIteration(loop, independent.get(loop));
        else super.copyLoop(loop);
    }

    /**
     * The forward sweep of a loop whose iterations are independent ({@link IndependentIterations}):
     * the primal loop saves nothing of its own, and each iteration ends with its own backward
     * sweep, seeded with the accumulators' constant adjoints. The stacks hold one iteration's
     * values at a time, and the backward sweep proper has nothing left to do for the loop.
     */
    private void copyReversingEachIteration(Node loop, Map<Integer, AccumulatorSeed> seeds) {
        // each seed computed once, before the loop
        Map<Integer, Node> built = new LinkedHashMap<>();
        for (var e : seeds.entrySet()) built.put(e.getKey(), e.getValue().build(b));
        Node copy = RegionCopy.loop(
                b, loop, new ArrayList<>(copiesOf(loop.args)), this::remember, this::copyRegion, this::copyOf);
        Region newStep = copy.branches.get(0);
        for (Node p : projections(loop)) remember(p, b.project(copy, p.index(), p.type));
        // the arrays each iteration rewrites before reading, asked again of the copy as it stands
        Set<Node> local = new HashSet<>();
        Graph.forEach(newStep, n -> {
            Node array = n.op == Op.ARRAY_STORE ? ArrayValues.base(n.arg(0)) : null;
            if (array != null && !newStep.encloses(array.region) && AffineAccesses.iterationLocal(copy, array))
                local.add(array);
        });
        iterationLocal.put(copy, local);

        activity = Activity.of(target, differentiated.keySet());
        b.at(0); // bookkeeping, of no one source line
        adjointArraysBefore(copy);
        b.at(loop.line);
        indexForward();
        horizon = copy;
        boolean wasBackward = b.backward(true);
        b.derivatives(true);
        Node test = plainTest(copy);
        Region body = test.branches.get(0);
        List<Node> forward = List.copyOf(body.nodes);
        Map<Node, List<Node>> leftover = b.in(body, () -> {
            pending.push(new LinkedHashMap<>());
            for (var e : seeds.entrySet()) {
                Node result =
                        body.results.get(newStep.results.get(e.getKey() + 1).index());
                addTerm(result, built.get(e.getKey()));
            }
            sweep(forward);
            return pending.pop();
        });
        // an accumulator's own adjoint passes through each iteration unchanged: its seed
        for (var e : seeds.entrySet()) {
            List<Node> terms = leftover.remove(loopParams(copy).get(e.getKey()));
            if (terms == null) continue;
            requireSeed(b.in(body, () -> sum(terms)), e.getValue(), built.get(e.getKey()), copy);
        }
        List<Node> outside = new ArrayList<>();
        List<Integer> sums = new ArrayList<>();
        for (var e : leftover.entrySet()) {
            outside.add(e.getKey());
            sums.add(carrySum(copy, test, newStep, e.getKey(), e.getValue()).index());
        }
        b.derivatives(false);
        b.backward(wasBackward);
        horizon = null;
        forwardOrder.clear();
        forwardStores.clear();
        reversedInPlace.put(copy, new ReversedInPlace(seeds, built, outside, sums));
    }

    /**
     * Allocates, before {@code loop}, the adjoint arrays its iterations' backward sweeps add to:
     * the gradient's arrays, and those of the active arrays created before it.
     */
    private void adjointArraysBefore(Node loop) {
        List<Node> root = target.root.nodes;
        List<Node> arrays = new ArrayList<>();
        for (Node n : root.subList(0, root.indexOf(loop))) {
            // a vector-valued callee's result too: its adjoint is the seed of the callee's fVjp
            boolean created = n.op == Op.NEW_ARRAY
                    || n.op == Op.COPY
                    || (n.op == Op.CALL && n.callee().vector());
            if (created && isActive(n) && !adjointArrays.containsKey(n)) arrays.add(n);
        }
        Set<Node> before = new HashSet<>(root);
        gradientArrays();
        for (Node n : arrays) {
            Node bar = b.adjointArrayLike(n);
            if (n.hint() != null) bar.nameAfter(n.hint() + "Bar");
            adjointArrays.put(n, bar);
        }
        // new leaves (a parameter seen for the first time) go first by themselves; the arrays move before the loop
        List<Node> made = new ArrayList<>();
        for (Node n : root) if (!before.contains(n) && !n.op.isLeaf()) made.add(n);
        root.removeAll(made);
        root.addAll(root.indexOf(loop), made);
    }

    /** The adjoint arrays of the differentiated array parameters: the gradient's arrays. */
    void gradientArrays() {
        for (Refs.Param p : differentiated.values()) {
            if (p.type() != Type.DOUBLE) {
                Node array = b.zerosLike(b.param(p));
                array.nameAfter(p.name() + "Bar");
                adjointArrays.put(b.param(p), array);
            }
        }
    }

    private static void requireSeed(Node total, AccumulatorSeed seed, Node built, Node loop) {
        if (!seed.is(total, built))
            throw new IllegalStateException(
                    "an accumulator's adjoint is " + total + ", not its seed " + seed + ": " + loop);
    }

    /** The backward sweep of a loop reversed in place: only its accumulators' starts and its sums remain. */
    void sweepReversedInPlace(Node loop, ReversedInPlace reversed) {
        for (Node p : projections(loop)) {
            List<Node> terms = pending.peek().remove(p);
            AccumulatorSeed seed = reversed.seeds().get(p.index());
            if (terms == null && (seed == null || seed.constant() == 0.0)) continue;
            if (terms == null || seed == null)
                throw new IllegalStateException("an output of a loop reversed in place is not its seed: " + p);
            // a seed with factors reaches the output along the backward sweep's own route (its
            // factors in another order, folded otherwise): the analysis that found it is the check
            if (seed.isConstant())
                requireSeed(sum(terms), seed, reversed.built().get(p.index()), loop);
        }
        for (var e : reversed.seeds().entrySet()) {
            if (e.getValue().constant() != 0.0)
                addTerm(loop.arg(e.getKey()), reversed.built().get(e.getKey()));
        }
        for (int k = 0; k < reversed.outside().size(); k++) {
            addTerm(reversed.outside().get(k), b.project(loop, reversed.sums().get(k), Type.DOUBLE));
        }
    }
}
