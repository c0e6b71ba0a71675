package dev.adjoint.processor.rewrite;

import dev.adjoint.processor.analysis.AffineAccesses;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Replay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Hoists loop-invariant element reads out of loops, on the primal graph before either mode sees
 * it: a read that every iteration makes at an array and index from outside the loop, of an
 * element the loop does not write, is made once before the loop (GMM's {@code xcentered[i]} in the inner
 * {@code j} loop of {@code Qtimesx}). The forward sweep then reads it once instead of once per
 * iteration, and the backward sweep sums its adjoint in a local, adding it to the array's once.
 *
 * <p>A read in the body of a {@code while (c)} loop is made before the loop only if {@code c} holds
 * on entry (else it yields 0, unused): the body may never run, and its index may then be out of
 * bounds. A read in the step itself, which runs at least once, is hoisted as it is.
 */
public final class InvariantReads {
    private final GraphBuilder b;

    private InvariantReads(Graph graph) {
        this.b = new GraphBuilder(graph); // a builder of its own: it merges nothing with existing nodes
    }

    public static void hoist(Graph graph) {
        new InvariantReads(graph).inRegion(graph.root);
    }

    private void inRegion(Region region) {
        for (Node n : List.copyOf(region.nodes)) {
            for (Region r : n.branches) inRegion(r); // inner loops first: what they hoist may go further out
            if (n.op == Op.LOOP) hoistFrom(n);
        }
    }

    private void hoistFrom(Node loop) {
        Region step = loop.branches.get(0);
        if (callsAnything(step)) return;
        for (Node read : List.copyOf(step.nodes)) {
            if (invariant(read, loop))
                replace(step, read, named(inFront(loop, () -> b.unmergedRead(read.arg(0), read.arg(1))), read));
        }
        Node test = LoopShapes.plainTest(loop);
        if (test == null) return;
        List<Node> reads = new ArrayList<>();
        for (Node n : List.copyOf(test.branches.get(0).nodes)) {
            if (!invariant(n, loop)) continue;
            if (inBounds(n)) replace(step, n, named(inFront(loop, () -> b.unmergedRead(n.arg(0), n.arg(1))), n));
            else reads.add(n);
        }
        if (reads.isEmpty()) return;
        Node onEntry = inFront(loop, () -> rebuild(test.arg(0), step, initialValues(loop)));
        if (onEntry.isConst() && Boolean.FALSE.equals(onEntry.constValue())) return; // never runs: nothing to gain
        List<Node> values = inFront(loop, () -> guardedReads(reads, onEntry.isConst() ? null : onEntry));
        for (int k = 0; k < reads.size(); k++) replace(step, reads.get(k), named(values.get(k), reads.get(k)));
    }

    /** Names a hoisted read after its array: {@code xElement} for {@code x[i]}, its adjoint {@code xElementBar}. */
    private static Node named(Node value, Node read) {
        Node array = read.arg(0);
        String name = array.op == Op.PARAM ? array.param().name() : array.hint();
        if (name != null) value.nameAfter(name + "Element");
        return value;
    }

    /** {@code guard ? array[index] : 0} for each read, under one choice; the plain reads with no guard. */
    private List<Node> guardedReads(List<Node> reads, Node guard) {
        List<Node> out = new ArrayList<>();
        if (guard == null) {
            for (Node r : reads) out.add(b.unmergedRead(r.arg(0), r.arg(1)));
            return out;
        }
        Node choice = b.select(guard);
        Region yes = choice.branches.get(0), no = choice.branches.get(1);
        for (Node r : reads) {
            b.in(yes, () -> yes.results.add(b.unmergedRead(r.arg(0), r.arg(1))));
            b.in(no, () -> no.results.add(b.zero(r.type)));
        }
        for (int k = 0; k < reads.size(); k++) out.add(b.project(choice, k, reads.get(k).type));
        return out;
    }

    /**
     * A scalar element read standing in the step's own block, at an array and index from outside,
     * that nothing in the step may change: no store into another array that may be this one, and
     * no store into this one that may reach the element ({@link AffineAccesses#mayWriteAt}: a loop
     * that writes {@code z[r]} for {@code r} in {@code [1, d)} leaves {@code z[0]} as it was).
     */
    private static boolean invariant(Node read, Node loop) {
        Region step = loop.branches.get(0);
        if (read.op != Op.ARRAY_READ
                || read.type.isArray()
                || step.encloses(read.arg(0).region)
                || step.encloses(read.arg(1).region)) return false;
        Node base = ArrayValues.base(read.arg(0));
        if (mayStoreIntoAnother(step, base)) return false;
        // a row of a matrix: any store into the matrix may change it
        if (read.arg(0) != base) return !storesInto(step, base);
        return !AffineAccesses.mayWriteAt(loop, base, read.arg(1));
    }

    /**
     * Whether {@code read}, {@code a[i]}, is in bounds even where the loop it is taken out of never
     * runs: {@code i} is the counter of a loop around it, {@code for (i = c; i < n; i++)} with a
     * constant {@code c >= 0}, and {@code n} is {@code a.length} or the length {@code a} was created
     * with ({@code new double[n]}). Such a read needs no guard (GMM's {@code xcentered[i]}).
     */
    private static boolean inBounds(Node read) {
        Node array = read.arg(0), index = read.arg(1);
        if (index.op != Op.LOOP_PARAM) return false;
        Node counting = index.region.owner;
        Node test = LoopShapes.plainTest(counting);
        LoopShapes.Counted shape = LoopShapes.countedShape(counting, test);
        if (shape == null || shape.counter() != index.index() || shape.step() != 1 || shape.op() != Op.LT) return false;
        if (!test.branches.get(0).encloses(read.region)) return false; // read where the test held
        Node start = counting.arg(shape.counter());
        if (!start.isConst() || start.constInt() < 0) return false;
        Node n = shape.bound();
        boolean length = n.op == Op.ARRAY_LENGTH && n.arg(0) == array;
        boolean created = array.op == Op.NEW_ARRAY && array.args.size() == 1 && array.arg(0) == n;
        return length || created;
    }

    /** Calls may write any array they receive: a step with one hoists nothing. */
    private static boolean callsAnything(Region region) {
        for (Node n : region.nodes) {
            if (n.op.isCall()) return true;
            for (Region r : n.branches) if (callsAnything(r)) return true;
        }
        return false;
    }

    /**
     * Whether a store in {@code region} into an array other than {@code base} may write it.
     * Parameters and fields are never written, the method's own arrays ({@code new}, copies) only
     * by stores into them; an array chosen by {@code ?:} or returned by a call may be any of them.
     */
    private static boolean mayStoreIntoAnother(Region region, Node base) {
        for (Node n : region.nodes) {
            if (n.op == Op.ARRAY_STORE) {
                Node stored = ArrayValues.base(n.arg(0));
                boolean own = stored.op == Op.NEW_ARRAY || stored.op == Op.COPY;
                boolean fixed = base.op == Op.PARAM || base.op == Op.FIELD;
                if (stored != base && (!own || !(fixed || base.op == Op.NEW_ARRAY || base.op == Op.COPY))) return true;
            }
            for (Region r : n.branches) if (mayStoreIntoAnother(r, base)) return true;
        }
        return false;
    }

    private static boolean storesInto(Region region, Node base) {
        for (Node n : region.nodes) {
            if (n.op == Op.ARRAY_STORE && ArrayValues.base(n.arg(0)) == base) return true;
            for (Region r : n.branches) if (storesInto(r, base)) return true;
        }
        return false;
    }

    private static Map<Node, Node> initialValues(Node loop) {
        Map<Node, Node> before = new HashMap<>();
        for (Node n : loop.branches.get(0).nodes) {
            if (n.op == Op.LOOP_PARAM) before.put(n, loop.arg(n.index()));
        }
        return before;
    }

    /** {@code n}, a value of the step, computed from the values {@code before} the loop (a test's code is pure). */
    private Node rebuild(Node n, Region step, Map<Node, Node> before) {
        if (!step.encloses(n.region)) return n;
        Node done = before.get(n);
        if (done != null) return done;
        List<Node> args = new ArrayList<>();
        for (Node a : n.args) args.add(rebuild(a, step, before));
        Node c = n.op == Op.ARRAY_READ ? b.unmergedRead(args.get(0), args.get(1)) : Replay.apply(b, n, args);
        before.put(n, c);
        return c;
    }

    /** Runs {@code build} with new nodes going into the loop's region, then moves them to just before the loop. */
    private <T> T inFront(Node loop, Supplier<T> build) {
        Region region = loop.region;
        Set<Node> existing = Collections.newSetFromMap(new IdentityHashMap<>());
        existing.addAll(region.nodes);
        List<T> out = new ArrayList<>(1);
        b.in(region, () -> out.add(build.get()));
        List<Node> added = new ArrayList<>();
        for (Node n : region.nodes) if (!existing.contains(n) && !n.op.isLeaf()) added.add(n);
        region.nodes.removeAll(added);
        region.nodes.addAll(region.nodes.indexOf(loop), added);
        return out.get(0);
    }

    /** Every use of {@code read} in the step becomes {@code value}; the read itself goes. */
    private static void replace(Region step, Node read, Node value) {
        read.region.nodes.remove(read);
        step.replaceUses(Map.of(read, value));
    }
}
