package dev.adjoint.processor.modes.reverse;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.analysis.AffineAccesses;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Replay;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.RegionCopy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checkpointing of a loop marked {@code @Checkpointed} (Griewank and Walther's snapshots, with
 * segments of ⌈√n⌉ iterations by default). The forward sweep runs the loop as the primal does,
 * saving nothing per iteration, but at the start of each segment a snapshot of its state: the
 * contents of the arrays it writes (and of those it reads that are written after it), then its
 * carried values. The backward sweep is a loop over the segments, last to first: take back the
 * segment's snapshot, run the segment again as an ordinary forward sweep would (saving what each
 * of its iterations' backward sweeps needs, {@link ForwardSweep}), then sweep it backwards
 * ({@link ReverseMode}); the adjoints of the carried values pass from one segment to the one
 * before. The stacks hold the snapshots and one segment's values, never the whole run's.
 */
abstract class Checkpointing extends InPlaceReversal {
    private static final ClassName CHECKPOINTS = ClassName.get("dev.adjoint.runtime.internal", "Checkpoints");
    private static final Refs.Method INTERVAL = new Refs.Method(CHECKPOINTS, "interval");
    private static final Refs.Method SEGMENTS = new Refs.Method(CHECKPOINTS, "segments");
    private static final Refs.Method SEGMENT_BOUND = new Refs.Method(CHECKPOINTS, "segmentBound");

    /**
     * A checkpointed loop of the forward sweep: the primal loop and its shape, where its counter
     * started and its bound, the segment length, the iterations it ran, the arrays and slots each
     * snapshot saves (arrays first), and the forward copy of each primal node (for activity).
     */
    record Checkpoint(
            Node primal,
            LoopShapes.Counted counted,
            Node bound,
            Node every,
            Node done,
            List<Node> arrays,
            List<Refs.Saved> arraySaves,
            List<Refs.Saved> slotSaves,
            Map<Node, Node> forwardCopies) {}

    final Map<Node, Checkpoint> checkpoints = new HashMap<>();

    /** While a checkpointed loop is copied for the forward sweep: each primal node's copy. */
    private Map<Node, Node> copyingPlainly;

    /** While a segment is run again in the backward sweep: the forward copies, whose activity its nodes share. */
    private Map<Node, Node> copyingSegment;

    Checkpointing(Map<Integer, Refs.Param> differentiated, Map<Node, Map<Integer, AccumulatorSeed>> independent) {
        super(differentiated, independent);
    }

    @Override
    protected void remember(Node original, Node copy) {
        super.remember(original, copy);
        if (copyingPlainly != null) copyingPlainly.put(original, copy);
        if (copyingSegment != null) {
            Node forward = copyingSegment.get(original);
            if (forward != null && activity.isActive(forward)) activeCopies.add(copy);
        }
    }

    @Override
    protected void copyLoop(Node loop) {
        if (copyingPlainly != null) {
            // a loop inside a checkpointed one: the primal only; the segment's run saves its values
            Node copy = RegionCopy.loop(
                    b, loop, new ArrayList<>(copiesOf(loop.args)), this::remember, this::copyRegion, this::copyOf);
            for (Node p : projections(loop)) remember(p, b.project(copy, p.index(), p.type));
            return;
        }
        LoopShapes.Counted counted = LoopShapes.countedShape(loop, LoopShapes.plainTest(loop));
        boolean checkpointed = loop.checkpointEvery >= 0
                && loop.region.owner == null
                && counted != null
                && Math.abs(counted.step()) == 1
                && !reversedEachIteration(loop);
        if (checkpointed) copyCheckpointed(loop, counted);
        else super.copyLoop(loop);
    }

    /** The test of the checkpointed loop being copied, whose body starts with {@link #takeSnapshot}. */
    private Node snapshotAt;

    private Runnable takeSnapshot;

    @Override
    protected void copySelect(Node select) {
        if (select != snapshotAt) {
            super.copySelect(select);
            return;
        }
        Region body = select.branches.get(0);
        Node copy = RegionCopy.select(
                b,
                select,
                copyOf(select.arg(0)),
                region -> {
                    // the body's first act, at each segment's start: the snapshot
                    if (region == body) takeSnapshot.run();
                    copyRegion(region);
                },
                this::copyOf);
        for (Node p : projections(select)) remember(p, b.project(copy, p.index(), p.type));
    }

    @Override
    protected void copyCall(Node call) {
        if (copyingPlainly != null)
            throw new IllegalStateException("a call in a @Checkpointed loop, which the front end rejects: " + call);
        super.copyCall(call);
    }

    /** The forward sweep of a checkpointed loop: the primal loop, taking a snapshot at each segment's start. */
    private void copyCheckpointed(Node loop, LoopShapes.Counted counted) {
        List<Node> params = loopParams(loop);
        int k = counted.counter();
        Node start = copyOf(loop.arg(k));
        Node bound = before(counted.bound());
        Node every = b.callConst(
                INTERVAL,
                Type.INT,
                List.of(iterationsBetween(start, bound, counted), b.constant(Type.INT, loop.checkpointEvery)));
        every.nameAfter("checkpointEvery");
        List<Node> arrays = new ArrayList<>();
        for (Node a : snapshotArrays(loop)) arrays.add(copyOf(a));
        List<Refs.Saved> arraySaves = new ArrayList<>(), slotSaves = new ArrayList<>();
        Map<Node, Node> forwardCopies = new HashMap<>();
        copyingPlainly = forwardCopies;
        snapshotAt = LoopShapes.plainTest(loop);
        takeSnapshot = () -> {
            Node counter = copyOf(params.get(k));
            Node ran = counted.step() > 0 ? b.sub(counter, start) : b.sub(start, counter);
            Node snapshot = b.select(b.compare(Op.EQ, b.rem(ran, every), b.constant(Type.INT, 0)));
            snapshot.checkpointEvery = 0; // its pushes are not made every iteration (see Tapes)
            b.in(snapshot.branches.get(0), () -> {
                for (Node a : arrays) arraySaves.add(push(a));
                for (Node p : params) slotSaves.add(push(copyOf(p)));
            });
        };
        Node copy = RegionCopy.loop(
                b, loop, new ArrayList<>(copiesOf(loop.args)), this::remember, this::copyRegion, this::copyOf);
        snapshotAt = null;
        takeSnapshot = null;
        copyingPlainly = null;
        for (Node p : projections(loop)) remember(p, b.project(copy, p.index(), p.type));
        Node end = b.project(copy, k, Type.INT);
        Node done = counted.step() > 0 ? b.sub(end, start) : b.sub(start, end);
        checkpoints.put(
                copy, new Checkpoint(loop, counted, bound, every, done, arrays, arraySaves, slotSaves, forwardCopies));
    }

    /**
     * The copy of {@code n}, a value fixed before a loop, at the loop's start: a value computed in
     * the loop's step from values outside it (the bound {@code a.length}) is computed again.
     */
    private Node before(Node n) {
        if (n.region.owner == null) return copyOf(n);
        List<Node> args = new ArrayList<>();
        for (Node a : n.args) args.add(before(a));
        return Replay.apply(b, n, args);
    }

    private Refs.Saved push(Node value) {
        Refs.Saved s = new Refs.Saved();
        saves.push(value, s);
        return s;
    }

    /** The trip count of a counted loop from {@code start} to {@code bound} (0 or less when it does not run). */
    private Node iterationsBetween(Node start, Node bound, LoopShapes.Counted counted) {
        Node span = counted.step() > 0 ? b.sub(bound, start) : b.sub(start, bound);
        boolean inclusive = counted.op() == Op.LE || counted.op() == Op.GE;
        return inclusive ? b.add(span, b.constant(Type.INT, 1)) : span;
    }

    /**
     * The arrays made before {@code loop} whose contents a segment's run needs as they were at
     * the segment's start: those the loop writes, unless each iteration writes every element it
     * reads before reading it ({@link AffineAccesses#iterationLocal}: a scratch array), and those
     * it reads that anything after the loop writes.
     */
    private static Set<Node> snapshotArrays(Node loop) {
        Region step = loop.branches.get(0);
        Set<Node> written = new LinkedHashSet<>(), read = new LinkedHashSet<>();
        Graph.forEach(step, n -> {
            if (n.op != Op.ARRAY_STORE && n.op != Op.ARRAY_READ) return;
            Node array = ArrayValues.base(n.arg(0));
            if (step.encloses(array.region)) return;
            (n.op == Op.ARRAY_STORE ? written : read).add(array);
        });
        Set<Node> snapshot = new LinkedHashSet<>();
        for (Node array : written) if (!AffineAccesses.iterationLocal(loop, array)) snapshot.add(array);
        List<Node> root = loop.region.nodes;
        for (Node later : root.subList(root.indexOf(loop) + 1, root.size())) {
            forEachStore(later, array -> {
                if (read.contains(array)) snapshot.add(array);
            });
        }
        return snapshot;
    }

    private static void forEachStore(Node n, java.util.function.Consumer<Node> array) {
        if (n.op == Op.ARRAY_STORE) array.accept(ArrayValues.base(n.arg(0)));
        for (Region r : n.branches) for (Node inner : r.nodes) forEachStore(inner, array);
    }

    /**
     * The backward sweep of a checkpointed loop: a loop over its segments, last to first, each
     * taking back its snapshot, running the segment again with an ordinary forward sweep and
     * sweeping that backwards, the carried values' adjoints passed on to the segment before.
     */
    void sweepCheckpointed(Node copy, Checkpoint cp) {
        List<Node> params = loopParams(copy);
        Map<Integer, Node> outputBars = new HashMap<>();
        for (Node p : projections(copy)) {
            List<Node> terms = pending.peek().remove(p);
            if (terms != null && p.index() < params.size()) outputBars.put(p.index(), sum(terms));
        }
        if (outputBars.isEmpty() && !storesActive(copy)) return;
        List<Node> activeSlots = new ArrayList<>();
        for (Node p : params) if (isActive(p)) activeSlots.add(p);
        List<Node> init = new ArrayList<>();
        init.add(b.callConst(SEGMENTS, Type.INT, List.of(cp.done(), cp.every())));
        for (Node p : activeSlots) init.add(outputBars.getOrDefault(p.index(), b.zero(Type.DOUBLE)));
        Node back = b.loop(init);
        Node remaining = b.loopParam(back, 0, Type.INT);
        remaining.nameAfter("segment");
        List<Node> barParams = new ArrayList<>();
        for (int j = 0; j < activeSlots.size(); j++) {
            Node bp = b.loopParam(back, 1 + j, Type.DOUBLE);
            if (activeSlots.get(j).hint() != null)
                bp.nameAfter(activeSlots.get(j).hint() + "Bar");
            barParams.add(bp);
        }
        Region backStep = back.branches.get(0);
        List<Node> outside = new ArrayList<>();
        b.in(backStep, () -> {
            Node running = b.select(b.compare(Op.GT, remaining, b.constant(Type.INT, 0)));
            Region iteration = running.branches.get(0), skipped = running.branches.get(1);
            Map<Node, List<Node>> leftover = b.in(iteration, () -> {
                Node[] popped = new Node[params.size()];
                for (int k = params.size() - 1; k >= 0; k--) {
                    popped[k] = saves.pop(params.get(k).type, cp.slotSaves().get(k));
                    if (params.get(k).hint() != null)
                        popped[k].nameAfter(params.get(k).hint());
                    if (isActive(params.get(k))) activeCopies.add(popped[k]);
                }
                for (int a = cp.arrays().size() - 1; a >= 0; a--) {
                    restore(
                            cp.arrays().get(a),
                            saves.pop(Type.DOUBLE_ARRAY, cp.arraySaves().get(a)));
                }
                Node limit = b.callConst(
                        SEGMENT_BOUND,
                        Type.INT,
                        List.of(popped[cp.counted().counter()], cp.bound(), cp.every(), testCode(cp.counted())));
                limit.nameAfter("segmentBound");
                int first = iteration.nodes.size();
                Node segment = runSegment(cp, popped, limit, iteration);
                List<Node> ends = new ArrayList<>();
                for (Node slot : activeSlots) {
                    Node end = b.project(segment, slot.index(), Type.DOUBLE);
                    activeCopies.add(end);
                    ends.add(end);
                }
                List<Node> nodes = List.copyOf(iteration.nodes.subList(first, iteration.nodes.size()));
                pending.push(new LinkedHashMap<>());
                for (int j = 0; j < activeSlots.size(); j++) addTerm(ends.get(j), barParams.get(j));
                sweep(nodes);
                Map<Node, List<Node>> left = pending.pop();
                iteration.results.add(b.constant(Type.BOOLEAN, true));
                iteration.results.add(b.sub(remaining, b.constant(Type.INT, 1)));
                for (Node slot : activeSlots) {
                    List<Node> terms = left.remove(popped[slot.index()]);
                    iteration.results.add(terms == null ? b.zero(Type.DOUBLE) : sum(terms));
                }
                return left;
            });
            skipped.results.add(b.constant(Type.BOOLEAN, false));
            skipped.results.add(remaining);
            skipped.results.addAll(barParams);
            backStep.results.add(b.project(running, 0, Type.BOOLEAN));
            backStep.results.add(b.project(running, 1, Type.INT));
            for (int j = 0; j < activeSlots.size(); j++) backStep.results.add(b.project(running, 2 + j, Type.DOUBLE));
            for (var e : leftover.entrySet()) {
                outside.add(e.getKey());
                outside.add(carrySum(back, running, backStep, e.getKey(), e.getValue()));
            }
        });
        for (int j = 0; j < activeSlots.size(); j++) {
            addTerm(copy.arg(activeSlots.get(j).index()), b.project(back, 1 + j, Type.DOUBLE));
        }
        for (int a = 0; a < outside.size(); a += 2) {
            addTerm(outside.get(a), b.project(back, outside.get(a + 1).index(), Type.DOUBLE));
        }
    }

    /**
     * The segment's run: the primal loop copied as the forward sweep copies any loop (saving what
     * its backward sweep needs), starting from the snapshot's values and stopping at {@code limit}.
     */
    private Node runSegment(Checkpoint cp, Node[] popped, Node limit, Region iteration) {
        int first = iteration.nodes.size();
        b.derivatives(false);
        Region outer = b.recomputeIn(iteration);
        copyingSegment = cp.forwardCopies();
        super.copyLoop(cp.primal());
        copyingSegment = null;
        b.recomputeIn(outer);
        b.derivatives(true);
        Node segment = null;
        for (Node n : iteration.nodes.subList(first, iteration.nodes.size())) if (n.op == Op.LOOP) segment = n;
        if (segment == null) throw new IllegalStateException("a segment's run made no loop: " + cp.primal());
        for (int k = 0; k < popped.length; k++) segment.args.set(k, popped[k]);
        // the loop's test, copied, compares the counter with the segment's bound instead of the loop's
        Node condition = LoopShapes.plainTest(cp.primal()).arg(0);
        Node copied = copyOf(condition);
        copied.args.set(condition.arg(1) == cp.counted().bound() ? 1 : 0, limit);
        return segment;
    }

    /** The comparison of {@code counter op bound}, as {@code Checkpoints.segmentBound} takes it. */
    private Node testCode(LoopShapes.Counted counted) {
        int code = switch (counted.op()) {
            case LT -> 0;
            case LE -> 1;
            case GT -> 2;
            default -> 3;
        };
        return b.constant(Type.INT, code);
    }

    /** {@code array[i] = saved[i]} for every element of the snapshot {@code saved}. */
    private void restore(Node array, Node saved) {
        Node length = b.arrayLength(saved);
        Node loop = b.loop(new ArrayList<>(List.of(b.constant(Type.INT, 0))));
        Node i = b.loopParam(loop, 0, Type.INT);
        Region step = loop.branches.get(0);
        b.in(step, () -> {
            Node test = b.select(b.compare(Op.LT, i, length));
            Region copying = test.branches.get(0), done = test.branches.get(1);
            b.in(copying, () -> {
                b.arrayStore(array, i, b.arrayRead(saved, i));
                copying.results.add(b.add(i, b.constant(Type.INT, 1)));
                copying.results.add(b.constant(Type.BOOLEAN, true));
            });
            done.results.add(i);
            done.results.add(b.constant(Type.BOOLEAN, false));
            Node next = b.project(test, 0, Type.INT);
            Node more = b.project(test, 1, Type.BOOLEAN);
            step.results.add(more);
            step.results.add(next);
        });
    }
}
