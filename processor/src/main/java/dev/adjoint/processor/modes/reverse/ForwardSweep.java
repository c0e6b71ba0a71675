package dev.adjoint.processor.modes.reverse;

import static dev.adjoint.processor.analysis.LoopShapes.countedShape;
import static dev.adjoint.processor.analysis.LoopShapes.plainTest;

import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.SavedValues;
import dev.adjoint.processor.graph.Scopes;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The forward sweep of reverse mode: the primal, copied, keeping what the backward sweep will
 * need. Straight-line code and branches keep every intermediate in place (the backward sweep
 * reads them where they stand); a loop overwrites its values each iteration, so it saves, per
 * iteration, the values it started from and those a recomputation would get wrong
 * ({@link Recomputation}), and after it, what {@link ClosedForms} cannot compute again.
 */
abstract class ForwardSweep extends AdjointSweep {
    /** The forward sweep's nodes in evaluation order, and its stores, for deciding what can be re-read. */
    final Map<Node, Integer> forwardOrder = new HashMap<>();

    final List<Node> forwardStores = new ArrayList<>();

    /** What each forward loop saved (see {@link SavedLoop}). */
    final Map<Node, SavedLoop> savedLoops = new HashMap<>();

    /** Saved values standing in, in a recomputed step, for an inner loop's output. */
    final Map<Node, Node> outputStandIns = new HashMap<>();

    /** While an iteration is reversed in place: that loop, where {@link #rereadable} stops looking outwards. */
    Node horizon;

    /**
     * Copies of arrays made so that a loop's reads of an array overwritten later are saved once
     * ({@link ReadsSavedOnce}), and their saved contents standing in for them in recomputed steps:
     * nothing ever writes them, so the backward sweep reads them again instead of saving reads.
     */
    final Set<Node> readCopies = new HashSet<>();

    /** The spans of each block copied so far, and the copy each array had before its span began. */
    private final Map<Region, List<ReadsSavedOnce.Span>> spans = new HashMap<>();

    private final Map<ReadsSavedOnce.Span, Node> beforeSpan = new HashMap<>();

    /** The stacks, pushes and pops that save values for the backward sweep. */
    final SavedValues saves = new SavedValues(b);

    /** Trip counts, counters and running indices the backward sweep computes instead of saving. */
    final ClosedForms closedForms = new ClosedForms(b);

    /** Loop steps computed again in the backward sweep, from what was saved. */
    final Recomputation recomputation = new Recomputation(
            b, closedForms, savedLoops, outputStandIns, savedCallArguments, this::isActive, activeCopies, readCopies);

    /** Where a span of {@link ReadsSavedOnce} starts: the array is copied, and its reads read the copy. */
    @Override
    protected void beforeCopy(Node original) {
        for (ReadsSavedOnce.Span s : spans.computeIfAbsent(original.region, ReadsSavedOnce::in)) {
            if (s.start() != original) continue;
            Node before = copyOf(s.array());
            Node copy = b.copy(before);
            if (s.array().hint() != null) copy.nameAfter(s.array().hint() + "Read");
            readCopies.add(copy);
            beforeSpan.put(s, before);
            remember(s.array(), copy);
        }
    }

    /** Where a span ends, with its loop: the array's reads read the array again. */
    @Override
    protected void afterCopyOf(Node original) {
        if (original.op != Op.LOOP) return;
        for (ReadsSavedOnce.Span s : spans.getOrDefault(original.region, List.of())) {
            if (s.loop() == original) remember(s.array(), beforeSpan.remove(s));
        }
    }

    /** The forward sweep's nodes as they stand now, in evaluation order, and its stores. */
    void indexForward() {
        forwardOrder.clear();
        forwardStores.clear();
        List<Node> forward = target.nodes();
        for (int i = 0; i < forward.size(); i++) {
            forwardOrder.put(forward.get(i), i);
            if (forward.get(i).op == Op.ARRAY_STORE) forwardStores.add(forward.get(i));
        }
    }

    /** The forward sweep calls the callee's reverse method once; the record holds its partials. */
    @Override
    protected void copyCall(Node call) {
        if (call.callee().vector()) {
            // its value by calling it; its fVjp runs in the backward sweep, once the seed (r̄) is summed
            Node value = b.call(Op.CALL, call.type, call.callee(), copiesOf(call.args));
            if (call.hint() != null) value.nameAfter(call.hint());
            remember(call, value);
            return;
        }
        if (addsInBackward(call)) {
            // the method itself for its value; its fAdd runs in the backward sweep, once the seed is summed
            Node value = b.call(Op.CALL, Type.DOUBLE, call.callee(), copiesOf(call.args));
            if (call.hint() != null) value.nameAfter(call.hint());
            remember(call, value);
            return;
        }
        Node record = b.call(Op.CALL_REVERSE, Type.OBJECT, call.callee(), copiesOf(call.args));
        record.nameAfter(
                call.hint() != null ? call.hint() + "Grad" : call.callee().method());
        Node value = b.get(record, "value", Type.DOUBLE);
        remember(call, value);
    }

    /**
     * Whether the backward sweep calls the scalar callee's {@code fAdd} instead of the forward sweep
     * calling its {@code f}: the callee has one and is callable here for its value, and the arrays it
     * is given are the same when the backward sweep comes ({@link SettledArguments}).
     * Its {@code f} would return partial arrays as large as the arrays given, for the caller to add
     * whole: a helper called per point or per layer on a slice of the parameters costs the size of
     * the parameters per call that way, and only what it touches through {@code fAdd}.
     */
    static boolean addsInBackward(Node call) {
        Refs.Callee callee = call.callee();
        return !callee.vector() && callee.primalOwner() != null && SettledArguments.settled(call);
    }

    @Override
    protected void copySelect(Node select) {
        Node copy = copyWithBranches(select);
        for (Node p : projections(select)) remember(p, b.project(copy, p.index(), p.type));
    }

    /**
     * The forward sweep of a loop: the primal loop, which also counts its iterations and, at the
     * end of each, saves the values it started from (a PUSH per carried value; those the backward
     * sweep never reads are pruned with their POP). The count is saved after the loop.
     */
    @Override
    protected void copyLoop(Node loop) {
        List<Node> params = loopParams(loop);
        Node copy = b.loop(new ArrayList<>(copiesOf(loop.args)));
        List<Node> newParams = new ArrayList<>();
        for (Node p : params) {
            Node np = b.loopParam(copy, p.index(), p.type);
            remember(p, np);
            newParams.add(np);
        }
        List<Refs.Saved> saved = new ArrayList<>();
        Region step = loop.branches.get(0);
        Region newStep = copy.branches.get(0);
        List<Node> values = new ArrayList<>();
        List<Refs.Saved> valueSaves = new ArrayList<>();
        // the copy's test when the loop is while (c) { body } (see plainTest), null otherwise
        Node test = b.in(newStep, () -> {
            copyRegion(step);
            recomputation.collectUnrecomputable(newStep, newStep, values);
            Node plain = plainTest(loop);
            Region body = plain == null
                    ? null
                    : copyOf(step.results.get(0)).arg(0).branches.get(0);
            // results saved only to spare a call: not worth giving up the plain shape for the test's own calls
            if (body != null) values.removeIf(v -> (v.op == Op.MATH || v.op == Op.CALL) && !body.encloses(v.region));
            if (body != null && values.stream().allMatch(v -> body.encloses(v.region))) {
                // while (c) { body }: only iterations that run the body are saved and counted; a
                // counted loop (see countedShape) is not counted at all: its trip count is computed again
                Node count = countedShape(loop, plain) != null ? null : iterationCounter(copy);
                Node copiedTest = copyOf(step.results.get(0)).arg(0);
                b.in(body, () -> {
                    savePushes(values, valueSaves, newParams, saved, body);
                    if (count != null) body.results.add(b.add(count, b.constant(Type.INT, 1)));
                });
                if (count != null) copiedTest.branches.get(1).results.add(count);
                for (Node r : step.results) newStep.results.add(copyOf(r));
                if (count != null) newStep.results.add(b.project(copiedTest, body.results.size() - 1, Type.INT));
                return copiedTest;
            }
            Node count = iterationCounter(copy);
            savePushes(values, valueSaves, newParams, saved, newStep);
            for (Node r : step.results) newStep.results.add(copyOf(r));
            newStep.results.add(b.add(count, b.constant(Type.INT, 1)));
            return null;
        });
        // a counted loop (see countedShape) is not counted: its trip count is computed again
        boolean counted = test != null && countedShape(loop, plainTest(loop)) != null;
        for (Node p : projections(loop)) remember(p, b.project(copy, p.index(), p.type));
        Refs.Saved countSaved = null;
        if (!counted) {
            countSaved = new Refs.Saved();
            saves.push(b.project(copy, params.size(), Type.INT), countSaved);
        }
        List<Refs.Saved> finals = test == null ? List.of() : saveFinals(loop, copy);
        savedLoops.put(copy, new SavedLoop(copy, saved, values, valueSaves, countSaved, test, finals));
    }

    /** A carried iteration count, starting at 0, added to the forward loop {@code copy}. */
    Node iterationCounter(Node copy) {
        Node count = b.carry(copy, b.constant(Type.INT, 0));
        count.nameAfter("iterations");
        return count;
    }

    /**
     * After a {@code while (c)} loop: the value each int slot that {@link IntAdvances} can undo
     * ended with, from which the backward sweep computes the earlier ones (null for the others).
     */
    private List<Refs.Saved> saveFinals(Node primal, Node copy) {
        List<Refs.Saved> finals = new ArrayList<>();
        Node test = plainTest(primal);
        for (Node p : loopParams(primal)) {
            Refs.Saved s = null;
            int k = p.index();
            if (IntAdvances.of(primal, test, k) != null) {
                s = new Refs.Saved();
                // the output the primal reads after the loop, if any: the emitter names one per slot
                Node end = projections(copy).stream()
                        .filter(o -> o.index() == k)
                        .findFirst()
                        .orElse(null);
                saves.push(end != null ? end : b.project(copy, k, Type.INT), s);
            }
            finals.add(s);
        }
        return finals;
    }

    private void savePushes(
            List<Node> values, List<Refs.Saved> valueSaves, List<Node> params, List<Refs.Saved> saved, Region at) {
        for (Node v : values) {
            Refs.Saved s = new Refs.Saved();
            valueSaves.add(s);
            // a copy may be written after it is made: what is saved is what it started as
            Node value = v.op == Op.COPY && !readCopies.contains(v) ? saves.snapshotOf(v) : v;
            saves.push(Scopes.export(b, value, at), s);
        }
        for (Node np : params) {
            Refs.Saved s = new Refs.Saved();
            saved.add(s);
            saves.push(np, s);
        }
    }

    /**
     * Whether the elements of {@code array} read in {@code loop} are still there when the
     * backward sweep recomputes the loop: nothing stores into the array after the loop starts
     * (later in the forward sweep, or in a loop around this one, whose later iterations would).
     */
    boolean rereadable(Node array, Node loop) {
        if (readCopies.contains(array)) return true;
        Integer loopAt = forwardOrder.get(loop);
        if (loopAt == null) return false;
        // an array the backward sweep made again, recomputing the step of an outer loop that makes
        // it, is none of the forward sweep's: that recomputation has already run the loop, whose
        // own stores (and any later ones) changed the elements it read
        if (!array.op.isLeaf() && !forwardOrder.containsKey(array)) return false;
        for (Node store : forwardStores) {
            if (ArrayValues.base(store.arg(0)) != array) continue;
            if (forwardOrder.get(store) > loopAt) return false;
            // a loop reversed in place runs its later iterations after this one's backward sweep
            for (Region r = loop.region; r.owner != null && r.owner != horizon; r = r.owner.region) {
                if (r.owner.op == Op.LOOP && r.encloses(store.region)) return false;
            }
        }
        return true;
    }
}
