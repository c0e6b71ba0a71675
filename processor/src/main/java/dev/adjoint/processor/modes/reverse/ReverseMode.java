package dev.adjoint.processor.modes.reverse;

import static dev.adjoint.processor.analysis.LoopShapes.inductionStep;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.IterationLocalArrays;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Scopes;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adjoint mode, the back-propagation of Goodfellow, Bengio and Courville, <i>Deep Learning</i>,
 * §6.5: a forward sweep that computes the primal and keeps every intermediate
 * ({@link ForwardSweep}), then a backward sweep that visits the nodes in reverse order and builds
 * each adjoint x̄ = Σ over consumers y of ∂y/∂x · ȳ exactly once (the grad table), after all of
 * its consumers ({@link AdjointSweep}). This class reverses loops: a backward loop takes back what
 * each iteration saved ({@link ClosedForms} spares some of it, {@link Recomputation} does the
 * rest again); loops whose iterations are independent are reversed in place instead
 * ({@link InPlaceReversal}); a loop marked {@code @Checkpointed} keeps snapshots and runs its
 * segments again ({@link Checkpointing}). Both operands of {@code x * x} are treated as distinct, so x̄ sums two terms.
 *
 * <p>A SELECT's backward sweep is a SELECT on the same condition whose branches run the
 * branches' backward sweeps; what they contribute to values outside the branch leaves through
 * its outputs. Root results: the value, then one gradient per differentiated parameter.
 */
public final class ReverseMode extends Checkpointing {
    private ReverseMode(Input input) {
        super(input.differentiated(), input.independent().seedsByLoop());
    }

    /** What reverse mode is given: the differentiated parameters by index, and the loops it may reverse in place. */
    public record Input(Map<Integer, Refs.Param> differentiated, IndependentIterations.Found independent) {}

    /** The graph of the reverse method, and what the arrays of its loops reversed in place are. */
    public record Result(Graph graph, IterationLocalArrays iterationLocalArrays) {}

    /** The graph of the reverse method: the forward sweep, then the backward sweep. */
    public static Result of(Graph primal, Input input) {
        ReverseMode r = new ReverseMode(input);
        r.copyRegion(primal.root);
        r.indexForward();
        Node value = r.copyOf(primal.root.results.get(0));
        // the backward sweep puts back what the forward sweep overwrote: a returned array is copied first
        if (value.type == Type.DOUBLE_ARRAY && ArrayValues.isMutable(value)) value = r.b.copy(value);
        value.nameAfter("value");
        r.activity = Activity.of(r.target, r.differentiated.keySet());
        r.backwardSweep(value);
        Scopes.repair(r.b);
        return new Result(r.target, new IterationLocalArrays(r.iterationLocal));
    }

    private void backwardSweep(Node value) {
        List<Node> forward = List.copyOf(target.root.nodes);
        b.beginBackward();
        b.derivatives(true);
        b.at(0); // bookkeeping, of no one source line
        gradientArrays();
        pending.push(new LinkedHashMap<>());
        if (value.type == Type.DOUBLE) addTerm(value, b.constant(1));
        else seedOutput(value);
        sweep(forward);
        target.root.results.add(value);
        for (Refs.Param p : differentiated.values()) {
            Node param = b.param(p);
            target.root.results.add(
                    p.type() == Type.DOUBLE ? adjoints.getOrDefault(param, b.constant(0)) : adjointArrays.get(param));
        }
    }

    /** The cotangent parameter that {@code fVjp} takes after the method's own, for a {@code double[]} output. */
    public static final Refs.Param SEED = new Refs.Param(-1, "seed", Type.DOUBLE_ARRAY);

    /** {@code checkedSeed(seed, value)}: the seed, once its length is checked against the output's. */
    public static final Refs.Method CHECKED_SEED =
            new Refs.Method(ClassName.get("dev.adjoint.runtime.internal", "Jacobians"), "checkedSeed");

    /**
     * A {@code double[]} output's adjoint starts as the seed (seedᵀ·J is wanted), checked first to
     * have the output's length; the array the seed goes into is the output's own adjoint array.
     */
    private void seedOutput(Node value) {
        Node seed = b.callConst(CHECKED_SEED, Type.DOUBLE_ARRAY, List.of(b.param(SEED), value));
        if (!isActive(value)) {
            // nothing flows back, yet the seed is checked all the same: this sum keeps the check alive
            b.accumulateScaled(b.adjointArrayLike(value), seed, b.constant(1));
            return;
        }
        boolean created = value.op == Op.NEW_ARRAY || value.op == Op.COPY || value.op == Op.CALL;
        if (created && !adjointArrays.containsKey(value)) {
            Node bar = b.adjointArrayLike(value);
            bar.nameAfter("valueBar");
            adjointArrays.put(value, bar);
        }
        b.accumulateScaled(adjointArray(value), seed, b.constant(1));
    }

    @Override
    protected void afterCopy(Node original, Node copy) {}

    /**
     * The backward sweep of a loop: a loop running as many iterations backwards. Each takes back
     * the values its forward iteration started from, recomputes that iteration's step from them,
     * and runs the step's backward sweep: the adjoints of the carried values flow from one
     * iteration to the one before, and what reaches values defined outside the loop is summed in
     * accumulators carried by the backward loop.
     */
    @Override
    void sweepLoop(Node loop) {
        Checkpoint checkpoint = checkpoints.get(loop);
        if (checkpoint != null) {
            sweepCheckpointed(loop, checkpoint);
            return;
        }
        ReversedInPlace reversed = reversedInPlace.get(loop);
        if (reversed != null) {
            sweepReversedInPlace(loop, reversed);
            return;
        }
        List<Node> params = loopParams(loop);
        SavedLoop saved = savedLoops.get(loop);
        int carried = saved.slots().size();
        Map<Integer, Node> outputBars = new HashMap<>();
        for (Node p : projections(loop)) {
            List<Node> terms = new ArrayList<>();
            List<Node> direct = pending.peek().remove(p);
            if (direct != null) terms.addAll(direct);
            Node standIn = outputStandIns.get(p);
            List<Node> viaStandIn = standIn == null ? null : pending.peek().remove(standIn);
            if (viaStandIn != null) terms.addAll(viaStandIn);
            if (!terms.isEmpty() && p.index() < carried) outputBars.put(p.index(), sum(terms));
        }
        if (outputBars.isEmpty() && !storesActive(loop)) return;
        if (saved.plainTest() != null) {
            sweepPlainLoop(loop, saved, outputBars);
            return;
        }
        BackLoop frame = backLoop(params, carried, saved, outputBars, null, List.of());
        List<Node> activeSlots = frame.activeSlots(), barParams = frame.barParams();
        Node back = frame.loop(), remaining = frame.remaining();
        Region backStep = back.branches.get(0);
        List<Node> accumulators = new ArrayList<>();
        List<Node> outside = new ArrayList<>();
        b.in(backStep, () -> {
            Map<Node, Node> recomputed = new HashMap<>();
            Map<Node, Node> overrides = takeBack(loop, saved, remaining, recomputed, Map.of(), Map.of());
            int first = backStep.nodes.size();
            // the primal's own folding rules, so that each recomputed node is the copy of one original
            b.derivatives(false);
            Region outer = b.recomputeIn(backStep);
            recomputation.recompute(loop.branches.get(0), recomputed, overrides);
            b.recomputeIn(outer);
            b.derivatives(true);
            List<Node> step = List.copyOf(backStep.nodes.subList(first, backStep.nodes.size()));
            pending.push(new LinkedHashMap<>());
            for (int j = 0; j < activeSlots.size(); j++) {
                Node original =
                        loop.branches.get(0).results.get(activeSlots.get(j).index() + 1);
                Node result = recomputed.getOrDefault(original, original);
                addTerm(result, barParams.get(j));
            }
            sweep(step);
            Map<Node, List<Node>> leftover = pending.pop();
            backStep.results.add(b.compare(Op.GT, remaining, b.constant(Type.INT, 1)));
            backStep.results.add(b.sub(remaining, b.constant(Type.INT, 1)));
            for (Node slot : activeSlots) {
                List<Node> terms = leftover.remove(recomputed.get(slot));
                backStep.results.add(terms == null ? b.zero(Type.DOUBLE) : sum(terms));
            }
            for (var e : leftover.entrySet()) {
                Node acc = b.carry(back, b.zero(Type.DOUBLE));
                String name = nameOf(e.getKey());
                if (name != null) acc.nameAfter(name + "Bar");
                backStep.results.add(b.add(acc, sum(e.getValue())));
                accumulators.add(acc);
                outside.add(e.getKey());
            }
        });
        for (int j = 0; j < activeSlots.size(); j++) {
            addTerm(loop.arg(activeSlots.get(j).index()), b.project(back, 1 + j, Type.DOUBLE));
        }
        for (int a = 0; a < accumulators.size(); a++) {
            addTerm(outside.get(a), b.project(back, accumulators.get(a).index(), Type.DOUBLE));
        }
    }

    /**
     * A backward loop as it starts: carrying the iterations left, then one adjoint per active
     * slot, then the ints undone by {@link IntAdvances} (by slot: the value the forward iteration
     * after this one started from).
     */
    private record BackLoop(
            Node loop, Node remaining, List<Node> activeSlots, List<Node> barParams, Map<Integer, Node> undone) {}

    /**
     * {@code trips}: the trip count computed again, or null to take back the saved one;
     * {@code undone}: the int slots to carry backwards from their saved final values.
     */
    private BackLoop backLoop(
            List<Node> params,
            int carried,
            SavedLoop saved,
            Map<Integer, Node> outputBars,
            Node trips,
            List<Integer> undone) {
        List<Node> activeSlots = new ArrayList<>();
        for (int k = 0; k < carried; k++) if (isActive(params.get(k))) activeSlots.add(params.get(k));
        // saved last, so taken back first
        List<Node> finals = new ArrayList<>();
        for (int k : undone) finals.add(null);
        for (int u = undone.size() - 1; u >= 0; u--) {
            Node end = saves.pop(Type.INT, saved.finals().get(undone.get(u)));
            if (params.get(undone.get(u)).hint() != null)
                end.nameAfter(params.get(undone.get(u)).hint() + "End");
            finals.set(u, end);
        }
        List<Node> init = new ArrayList<>();
        if (trips == null && saved.count() == null)
            throw new IllegalStateException("a counted loop lost its shape: " + saved.forward());
        init.add(trips != null ? trips : saves.pop(Type.INT, saved.count()));
        for (Node p : activeSlots) init.add(outputBars.getOrDefault(p.index(), b.zero(Type.DOUBLE)));
        init.addAll(finals);
        Node back = b.loop(init);
        Node remaining = b.loopParam(back, 0, Type.INT);
        remaining.nameAfter("iteration");
        List<Node> barParams = new ArrayList<>();
        for (int j = 0; j < activeSlots.size(); j++) {
            Node bp = b.loopParam(back, 1 + j, Type.DOUBLE);
            Node slot = activeSlots.get(j);
            if (slot.hint() != null) bp.nameAfter(slot.hint() + "Bar");
            barParams.add(bp);
        }
        Map<Integer, Node> later = new LinkedHashMap<>();
        for (int u = 0; u < undone.size(); u++) {
            Node lp = b.loopParam(back, 1 + activeSlots.size() + u, Type.INT);
            Node slot = params.get(undone.get(u));
            if (slot.hint() != null) lp.nameAfter(slot.hint() + "Later");
            later.put(undone.get(u), lp);
        }
        return new BackLoop(back, remaining, activeSlots, barParams, later);
    }

    /**
     * Takes back, in the reverse of the order they were saved, what one iteration saved: the
     * carried values it started from (a counter advancing by a constant was not saved: it is
     * recomputed from the iteration number, i = i0 + c·(iteration − 1)), then the elements it
     * read that a recomputation would get wrong. Fills {@code recomputed} with the carried
     * values; returns the elements' stand-ins.
     */
    private Map<Node, Node> takeBack(
            Node loop,
            SavedLoop saved,
            Node remaining,
            Map<Node, Node> recomputed,
            Map<Integer, Node> undone,
            Map<Integer, List<IntAdvances.Term>> advances) {
        List<Node> params = loopParams(loop);
        int carried = saved.slots().size();
        for (int k = carried - 1; k >= 0; k--) {
            if (inductionStep(loop, k) != null || undone.containsKey(k)) continue;
            if (ClosedForms.unchangedInt(loop, k)) {
                recomputed.put(params.get(k), loop.arg(k));
                continue;
            }
            Node popped = saves.pop(params.get(k).type, saved.slots().get(k));
            if (params.get(k).hint() != null) popped.nameAfter(params.get(k).hint());
            recomputed.put(params.get(k), popped);
            if (isActive(params.get(k))) activeCopies.add(popped);
        }
        if (params.size() > carried)
            recomputed.put(params.get(carried), b.zero(Type.INT)); // the trip count is not needed again
        for (int k = 0; k < carried; k++) {
            Integer c = inductionStep(loop, k);
            if (c == null) continue;
            recomputed.put(params.get(k), closedForms.counterAt(loop, k, c, remaining));
        }
        for (var e : undone.entrySet()) {
            Node before = closedForms.undoAdvance(e.getValue(), loop, advances.get(e.getKey()), remaining);
            if (params.get(e.getKey()).hint() != null)
                before.nameAfter(params.get(e.getKey()).hint());
            recomputed.put(params.get(e.getKey()), before);
        }
        Map<Node, Node> overrides = new HashMap<>();
        for (int v = saved.values().size() - 1; v >= 0; v--) {
            Node original = saved.values().get(v);
            // an element nothing overwrites later is simply read again (its save is then pruned)
            boolean readOrCopy = original.op == Op.ARRAY_READ || original.op == Op.COPY;
            if (readOrCopy && rereadable(ArrayValues.base(original.arg(0)), saved.forward())) continue;
            Node popped = saves.pop(original.type, saved.valueSaves().get(v));
            overrides.put(original, popped);
            // a saved result is not where its adjoint goes: that is the call's arguments (SAVED_MATH, SAVED_CALL)
            if (isActive(original) && original.op != Op.MATH && original.op != Op.CALL) activeCopies.add(popped);
        }
        return overrides;
    }

    /**
     * The backward sweep of a {@code while (c) { body }} loop: {@code while (trips > 0) { take
     * back the values the iteration started from; recompute its body; sweep the body backwards;
     * trips-- }}. The test is not replayed: every saved iteration ran the body.
     */
    private void sweepPlainLoop(Node loop, SavedLoop saved, Map<Integer, Node> outputBars) {
        List<Node> params = loopParams(loop);
        int carried = saved.slots().size();
        Region step = loop.branches.get(0);
        Node test = saved.plainTest();
        Region body = test.branches.get(0);
        Map<Integer, List<IntAdvances.Term>> advances = new LinkedHashMap<>();
        for (int k = 0; k < carried && k < saved.finals().size(); k++) {
            List<IntAdvances.Term> advance = saved.finals().get(k) == null ? null : IntAdvances.of(loop, test, k);
            if (advance != null) advances.put(k, advance);
        }
        List<Integer> undo = List.copyOf(advances.keySet());
        BackLoop frame =
                backLoop(params, carried, saved, outputBars, closedForms.recountedTrips(loop, saved.plainTest()), undo);
        List<Node> activeSlots = frame.activeSlots(), barParams = frame.barParams();
        List<Node> later = List.copyOf(frame.undone().values());
        Node back = frame.loop(), remaining = frame.remaining();
        Region backStep = back.branches.get(0);
        List<Node> outside = new ArrayList<>();
        b.in(backStep, () -> {
            Node running = b.select(b.compare(Op.GT, remaining, b.constant(Type.INT, 0)));
            Region iteration = running.branches.get(0), done = running.branches.get(1);
            Map<Node, Node> recomputed = new HashMap<>();
            Map<Node, List<Node>> leftover = b.in(iteration, () -> {
                Map<Node, Node> overrides = takeBack(loop, saved, remaining, recomputed, frame.undone(), advances);
                int first = iteration.nodes.size();
                b.derivatives(false);
                Region outer = b.recomputeIn(iteration);
                // the test's own code, then the body in place of the test: this iteration ran it
                for (Node n : List.copyOf(step.nodes)) {
                    if (n == test || n.op == Op.LOOP_PARAM || (n.op == Op.PROJ && n.arg(0) == test)) continue;
                    recomputation.recomputeNode(n, recomputed, overrides);
                }
                recomputation.recompute(body, recomputed, overrides);
                for (Node p : projections(test))
                    recomputed.put(
                            p, recomputed.getOrDefault(body.results.get(p.index()), body.results.get(p.index())));
                b.recomputeIn(outer);
                b.derivatives(true);
                List<Node> nodes = List.copyOf(iteration.nodes.subList(first, iteration.nodes.size()));
                pending.push(new LinkedHashMap<>());
                for (int j = 0; j < activeSlots.size(); j++) {
                    Node original = step.results.get(activeSlots.get(j).index() + 1);
                    addTerm(recomputed.getOrDefault(original, original), barParams.get(j));
                }
                sweep(nodes);
                Map<Node, List<Node>> left = pending.pop();
                iteration.results.add(b.constant(Type.BOOLEAN, true));
                iteration.results.add(b.sub(remaining, b.constant(Type.INT, 1)));
                for (Node slot : activeSlots) {
                    List<Node> terms = left.remove(recomputed.get(slot));
                    iteration.results.add(terms == null ? b.zero(Type.DOUBLE) : sum(terms));
                }
                for (int k : undo) iteration.results.add(recomputed.get(params.get(k)));
                return left;
            });
            done.results.add(b.constant(Type.BOOLEAN, false));
            done.results.add(remaining);
            done.results.addAll(barParams);
            done.results.addAll(later);
            backStep.results.add(b.project(running, 0, Type.BOOLEAN));
            backStep.results.add(b.project(running, 1, Type.INT));
            for (int j = 0; j < activeSlots.size(); j++) backStep.results.add(b.project(running, 2 + j, Type.DOUBLE));
            for (int u = 0; u < later.size(); u++)
                backStep.results.add(b.project(running, 2 + activeSlots.size() + u, Type.INT));
            for (var e : leftover.entrySet()) {
                outside.add(e.getKey());
                outside.add(carrySum(back, running, backStep, e.getKey(), e.getValue()));
            }
        });
        for (int j = 0; j < activeSlots.size(); j++) {
            addTerm(loop.arg(activeSlots.get(j).index()), b.project(back, 1 + j, Type.DOUBLE));
        }
        for (int a = 0; a < outside.size(); a += 2) {
            addTerm(outside.get(a), b.project(back, outside.get(a + 1).index(), Type.DOUBLE));
        }
    }
}
