package dev.adjoint.processor.rewrite;

import dev.adjoint.processor.analysis.AffineAccesses;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses adjacent counted loops over the same range, on the primal graph before either mode:
 * {@code for (i = a; i < n; i++) A(i); for (i = a; i < n; i++) B(i);} becomes one loop running
 * {@code A(i); B(i);} (GMM's {@code subtract} and {@code Qtimesx} loops, as a hand-written
 * gradient has them). An element the first loop writes and the second reads is then written and
 * read in one iteration, so reverse mode computes it again instead of saving it, and the backward
 * sweep runs one loop where it ran two.
 *
 * <p>Fused only when the order of the work that matters cannot change: both loops are counted
 * ({@code while (i < n)}, the same start, bound and step), call nothing and hold no inner loop;
 * the second reads nothing the first computes but array elements; and every array one of them
 * writes and the other touches is a local array whose dependences fusion keeps: no later
 * iteration of the first loop touches an element that an iteration of the second touches, one of
 * them writing it ({@link AffineAccesses#fusionKeepsOrder}).
 */
public final class LoopFusion {
    private final Graph graph;
    private final GraphBuilder b;

    private LoopFusion(Graph graph) {
        this.graph = graph;
        this.b = new GraphBuilder(graph);
    }

    public static void fuse(Graph graph) {
        new LoopFusion(graph).inRegion(graph.root);
    }

    private void inRegion(Region region) {
        for (Node n : List.copyOf(region.nodes)) for (Region r : n.branches) inRegion(r);
        for (int k = 0; k < region.nodes.size(); k++) {
            Node first = region.nodes.get(k);
            if (first.op != Op.LOOP) continue;
            Node second;
            while ((second = nextLoop(region, k)) != null && fusable(first, second)) merge(first, second);
        }
    }

    /** The loop right after {@code region.nodes[k]}, a loop, with only that loop's outputs between; or null. */
    private static Node nextLoop(Region region, int k) {
        Node first = region.nodes.get(k);
        for (Node n : region.nodes.subList(k + 1, region.nodes.size())) {
            if (n.op == Op.LOOP) return n;
            if (n.op != Op.PROJ || n.arg(0) != first) return null;
        }
        return null;
    }

    private static boolean fusable(Node first, Node second) {
        Shape one = Shape.of(first), two = Shape.of(second);
        if (one == null || two == null) return false;
        LoopShapes.Counted c1 = one.counted, c2 = two.counted;
        if (c1.step() != c2.step() || c1.op() != c2.op() || !sameValue(c1.bound(), c2.bound(), one.step, two.step))
            return false;
        if (first.arg(c1.counter()) != second.arg(c2.counter())) return false;
        for (Node a : second.args) if (a.op == Op.PROJ && a.arg(0) == first) return false;
        if (reads(two.step, first)) return false;
        return independentArrays(one, two, first, second) && independentArrays(two, one, first, second);
    }

    /** A counted loop whose step is its test and a body with no call and no inner loop. */
    private record Shape(Node loop, Region step, Node test, LoopShapes.Counted counted, Node counter) {
        static Shape of(Node loop) {
            Node test = LoopShapes.plainTest(loop);
            LoopShapes.Counted counted = LoopShapes.countedShape(loop, test);
            if (counted == null) return null;
            Region step = loop.branches.get(0);
            List<Node> bound = new ArrayList<>();
            tree(counted.bound(), step, bound);
            for (Node n : step.nodes) {
                boolean ours =
                        n.op == Op.LOOP_PARAM || n == test || n == test.arg(0) || (n.op == Op.PROJ && n.arg(0) == test);
                if (!ours && !bound.contains(n))
                    return null; // the test computes nothing but the comparison and its bound
            }
            if (!plainBody(test.branches.get(0))) return null;
            return new Shape(loop, step, test, counted, LoopShapes.params(loop).get(counted.counter()));
        }

        private static boolean plainBody(Region region) {
            for (Node n : region.nodes) {
                if (n.op.isCall() || n.op == Op.LOOP) return false;
                for (Region r : n.branches) if (!plainBody(r)) return false;
            }
            return true;
        }
    }

    /** The nodes of {@code value}'s computation that stand in {@code step} ({@code a.length} in {@code i < a.length}). */
    private static void tree(Node value, Region step, List<Node> into) {
        if (!step.encloses(value.region) || into.contains(value)) return;
        into.add(value);
        for (Node a : value.args) tree(a, step, into);
    }

    /** Whether {@code x}, of {@code s1}, and {@code y}, of {@code s2}, compute the same from the same values before their loops. */
    private static boolean sameValue(Node x, Node y, Region s1, Region s2) {
        if (x == y) return true;
        if (!s1.encloses(x.region) || !s2.encloses(y.region) || x.op != y.op || x.type != y.type) return false;
        if (x.op == Op.LOOP_PARAM || !x.sameDetail(y) || x.args.size() != y.args.size()) return false;
        for (int k = 0; k < x.args.size(); k++) if (!sameValue(x.arg(k), y.arg(k), s1, s2)) return false;
        return true;
    }

    /** Maps each node of {@code y}'s computation in {@code s2} to its twin in {@code x}'s ({@link #sameValue}). */
    private static void twins(Node x, Node y, Region s2, Map<Node, Node> map) {
        if (!s2.encloses(y.region)) return;
        map.put(y, x);
        for (int k = 0; k < y.args.size(); k++) twins(x.arg(k), y.arg(k), s2, map);
    }

    /** Whether anything in {@code region} uses an output of {@code loop}. */
    private static boolean reads(Region region, Node loop) {
        for (Node n : region.nodes) {
            for (Node a : n.args) if (a.op == Op.PROJ && a.arg(0) == loop) return true;
            for (Region r : n.branches) if (reads(r, loop)) return true;
        }
        for (Node r : region.results) if (r.op == Op.PROJ && r.arg(0) == loop) return true;
        return false;
    }

    /**
     * Whether each array that {@code writer} stores into and {@code other} reads or writes is an
     * array the method created (so it is no other array), whose dependences fusing {@code first}
     * and {@code second} keeps ({@link AffineAccesses#fusionKeepsOrder}: iteration i of either
     * touches what the other's iteration i, or an earlier one, leaves for it).
     */
    private static boolean independentArrays(Shape writer, Shape other, Node first, Node second) {
        List<Node> mine = new ArrayList<>(), theirs = new ArrayList<>();
        accesses(writer.step, mine);
        accesses(other.step, theirs);
        Set<Node> written = new HashSet<>();
        for (Node n : mine) if (n.op == Op.ARRAY_STORE) written.add(ArrayValues.base(n.arg(0)));
        for (Node base : written) if (base.op != Op.NEW_ARRAY && base.op != Op.COPY) return false;
        if (written.isEmpty()) return true;
        for (Node n : theirs) {
            Node base = ArrayValues.base(n.arg(0));
            if (!knownOrigin(base)) return false; // chosen by ?:, or returned by a call: it may be one of those written
            if (written.contains(base) && !AffineAccesses.fusionKeepsOrder(first, second, writer.counted.step(), base))
                return false;
        }
        return true;
    }

    /** Arrays that are no other array: the method's own ({@code new}, copies) and its parameters and fields, never written. */
    private static boolean knownOrigin(Node base) {
        return base.op == Op.NEW_ARRAY || base.op == Op.COPY || base.op == Op.PARAM || base.op == Op.FIELD;
    }

    /** The element reads and stores in {@code region}, and its copies ({@code a.clone()} reads all of {@code a}). */
    private static void accesses(Region region, List<Node> into) {
        for (Node n : region.nodes) {
            if (n.op == Op.ARRAY_READ || n.op == Op.ARRAY_STORE || n.op == Op.COPY) into.add(n);
            for (Region r : n.branches) accesses(r, into);
        }
    }

    /** Moves {@code second}'s body to the end of {@code first}'s, which takes over its carried values and outputs. */
    private void merge(Node first, Node second) {
        Shape one = Shape.of(first), two = Shape.of(second);
        Region body = one.test.branches.get(0), otherwise = one.test.branches.get(1);
        Region moved = two.test.branches.get(0);
        Map<Node, Node> map = new HashMap<>();
        map.put(two.counter, one.counter);
        map.put(two.test.arg(0), one.test.arg(0));
        twins(one.counted.bound(), two.counted.bound(), two.step, map); // a.length, if the body reads it too
        List<Node> params = LoopShapes.params(second);
        Map<Integer, Integer> slotOf = new HashMap<>();
        slotOf.put(two.counted.counter(), one.counted.counter());
        for (Node p : params) {
            int s = p.index();
            if (s == two.counted.counter()) continue;
            Node np = b.carry(first, second.arg(s));
            if (p.hint() != null) np.nameAfter(p.hint());
            map.put(p, np);
            slotOf.put(s, first.args.size() - 1);
        }
        for (Node n : moved.nodes) {
            n.region = body;
            for (Region r : n.branches) r.parent = body;
            body.nodes.add(n);
        }
        body.replaceUses(map);
        for (Node p : params) {
            int s = p.index();
            if (s == two.counted.counter()) continue;
            Node np = map.get(p);
            Node next = two.step.results.get(s + 1);
            if (next == p) {
                one.step.results.add(np);
                continue;
            }
            Node value = moved.results.get(next.index());
            body.results.add(map.getOrDefault(value, value));
            otherwise.results.add(np);
            one.step.results.add(b.project(one.test, body.results.size() - 1, p.type));
        }
        forwardStores(body, moved.nodes); // after the results: a forwarded read may be one of them
        Region region = second.region;
        Map<Node, Node> outputs = new HashMap<>();
        for (Node out : List.copyOf(region.nodes)) {
            if (out.op != Op.PROJ || out.arg(0) != second) continue;
            int slot = slotOf.get(out.index());
            Node replacement = region.nodes.stream()
                    .filter(o -> o.op == Op.PROJ && o.arg(0) == first && o.index() == slot)
                    .findFirst()
                    .orElseGet(() -> b.project(first, slot, out.type)); // the emitter names one output per slot
            if (out.hint() != null) replacement.nameAfter(out.hint());
            outputs.put(out, replacement);
            region.nodes.remove(out);
        }
        region.nodes.remove(second);
        graph.root.replaceUses(outputs);
    }

    /**
     * Each of the {@code moved} reads of an element that the fused body stored before it (with no
     * branch, call or store into a possibly same array between) becomes the stored value: GMM's
     * {@code xcentered[id]}, stored by the first loop's part and read by the second's, is then just
     * {@code x - mean}.
     */
    private static void forwardStores(Region body, List<Node> moved) {
        Map<Node, Node> forwarded = new HashMap<>();
        for (Node read : List.copyOf(moved)) {
            if (read.op != Op.ARRAY_READ) continue;
            List<Node> nodes = body.nodes;
            for (int k = nodes.indexOf(read) - 1; k >= 0; k--) {
                Node n = nodes.get(k);
                if (n.op == Op.ARRAY_STORE
                        && n.arg(0) == read.arg(0)
                        && n.arg(1) == read.arg(1)
                        && n.arg(2).type == read.type) {
                    Node value = n.arg(2);
                    while (forwarded.containsKey(value)) value = forwarded.get(value); // b[i] = a[i], itself forwarded
                    forwarded.put(read, value);
                    body.nodes.remove(read);
                    break;
                }
                if (n.op == Op.ARRAY_STORE && distinct(ArrayValues.base(n.arg(0)), ArrayValues.base(read.arg(0))))
                    continue;
                if (n.op.isEffect() || n.op.isStructured() || n.op.isCall()) break;
            }
        }
        body.replaceUses(forwarded);
    }

    /** Two arrays the method created separately: no store into one changes the other. */
    private static boolean distinct(Node one, Node other) {
        boolean created =
                (one.op == Op.NEW_ARRAY || one.op == Op.COPY) && (other.op == Op.NEW_ARRAY || other.op == Op.COPY);
        return created && one != other;
    }
}
