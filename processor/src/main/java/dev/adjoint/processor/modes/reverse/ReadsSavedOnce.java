package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.analysis.AffineAccesses;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.modes.Transform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Save each overwritten value once (issue 17): a loop that reads neighbouring elements of an
 * array overwritten later ({@code u[i - 1]}, {@code u[i]}, {@code u[i + 1]} of a state copied
 * back after the loop) would save each read, three doubles per element. Instead the forward
 * sweep copies the array once just before the reads and they read the copy, which nothing
 * writes: the copy is saved once where the loop around it saves what it read (its elements,
 * then its length), and the backward sweep reads the saved copy again instead of saving each
 * read ({@link ForwardSweep#rereadable}).
 *
 * <p>The choice is made per element by {@link AffineAccesses#readsEveryElementTwicePerIteration}:
 * the loop's iterations read every element of the array, each at least two, so the copy holds no
 * element that was not read and costs no more than the reads it replaces. The reads of the same
 * array just before the loop in the same block (boundary values {@code u[0]}, {@code u[n - 1]})
 * read the copy too, when nothing in between can touch the array.
 */
final class ReadsSavedOnce {
    private ReadsSavedOnce() {}

    /** From {@code start} to {@code loop} (both in one block), reads of {@code array} read a copy made before {@code start}. */
    record Span(Node start, Node loop, Node array) {}

    /** The spans of {@code region} (of the primal graph), in no particular order. */
    static List<Span> in(Region region) {
        List<Span> spans = new ArrayList<>();
        // a @Checkpointed loop reruns its segments inside the backward sweep, where the saved copy's
        // pushes and pops would not pair up: inside one, reads are saved one by one as before
        for (Region r = region; r != null; r = r.parent)
            if (r.owner != null && r.owner.op == Op.LOOP && r.owner.checkpointEvery >= 0) return spans;
        Region root = region;
        while (root.parent != null) root = root.parent;
        for (int k = 0; k < region.nodes.size(); k++) {
            Node loop = region.nodes.get(k);
            if (loop.op != Op.LOOP) continue;
            Set<Node> calls = arraysGivenToCalls(loop);
            Set<Node> arrays = arraysRead(loop);
            arrays.addAll(calls);
            for (Node array : arrays) {
                // a call's reads are not seen: the copy is what keeps a callee computed again right
                if (!calls.contains(array) && !AffineAccesses.readsEveryElementTwicePerIteration(loop, array)) continue;
                Set<Node> names = names(array, root);
                if (names == null || stores(loop, names) || !overwrittenAfter(loop, array, names)) continue;
                spans.add(new Span(start(region, k, array, names), loop, array));
            }
        }
        return spans;
    }

    private static Set<Node> arraysRead(Node loop) {
        Set<Node> arrays = new LinkedHashSet<>();
        Graph.forEach(loop.branches.get(0), n -> {
            if (n.op != Op.ARRAY_READ || n.type.isArray()) return;
            if (n.arg(0).op == Op.NEW_ARRAY || n.arg(0).op == Op.COPY) arrays.add(n.arg(0));
        });
        return arrays;
    }

    /**
     * The arrays the method made that a call in the loop is given: the backward sweep calls the
     * callee again (its record, or its {@code fAdd}) with the array as it is by then, so an array
     * overwritten after the loop must be copied before it, whatever the callee reads of it.
     */
    private static Set<Node> arraysGivenToCalls(Node loop) {
        Set<Node> arrays = new LinkedHashSet<>();
        Graph.forEach(loop.branches.get(0), n -> {
            if (n.op != Op.CALL) return;
            for (Node a : n.args) if (a.op == Op.NEW_ARRAY || a.op == Op.COPY) arrays.add(a);
        });
        return arrays;
    }

    /**
     * Every value that may be {@code array}: itself, and the outputs and carried values of the
     * choices and loops it flows through. Null when it is used otherwise than by element reads and
     * stores, its length, a copy, a call, or flowing on that way (a row of a matrix, a result):
     * then something the analysis does not see may write it.
     */
    private static Set<Node> names(Node array, Region root) {
        List<Node> all = new ArrayList<>();
        Graph.forEach(root, all::add);
        Set<Node> names = new HashSet<>(Set.of(array));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Node n : all) {
                if (n.op != Op.SELECT && n.op != Op.LOOP) continue;
                for (Node p : Transform.projections(n)) {
                    if (!names.contains(p) && flowsInto(n, p.index(), names)) grew |= names.add(p);
                }
                if (n.op == Op.LOOP) {
                    for (Node p : n.branches.get(0).nodes) {
                        if (p.op == Op.LOOP_PARAM && !names.contains(p) && flowsInto(n, p.index(), names))
                            grew |= names.add(p);
                    }
                }
            }
        }
        if (root.results.stream().anyMatch(names::contains)) return null;
        for (Node n : all) {
            for (int a = 0; a < n.args.size(); a++) {
                if (!names.contains(n.arg(a))) continue;
                boolean plain = switch (n.op) {
                    case ARRAY_READ -> a == 0 && !names.contains(n.arg(1));
                    case ARRAY_STORE -> a == 0 && !names.contains(n.arg(2)) && !names.contains(n.arg(1));
                    // a callee writes none of its arguments (the front end rejects one that does)
                    case ARRAY_LENGTH, COPY, LOOP, CALL -> true;
                    default -> false;
                };
                if (!plain) return null;
            }
        }
        return names;
    }

    /** Whether output {@code k} of the choice or loop {@code n} may be one of {@code names}. */
    private static boolean flowsInto(Node n, int k, Set<Node> names) {
        if (n.op == Op.LOOP) {
            Region step = n.branches.get(0);
            return names.contains(n.arg(k)) || (k + 1 < step.results.size() && names.contains(step.results.get(k + 1)));
        }
        for (Region b : n.branches) if (k < b.results.size() && names.contains(b.results.get(k))) return true;
        return false;
    }

    /**
     * Whether a store into the array may run after {@code loop} starts: later, or in a loop around
     * it. Not in a loop around the block that makes the array, when it has no other name: each
     * iteration of that loop makes an array of its own.
     */
    private static boolean overwrittenAfter(Node loop, Node array, Set<Node> names) {
        for (Node x = loop; ; ) {
            Region r = x.region;
            for (int j = r.nodes.indexOf(x) + 1; j < r.nodes.size(); j++)
                if (stores(r.nodes.get(j), names)) return true;
            if (r == array.region && names.size() == 1) return false;
            Node owner = r.owner;
            if (owner == null) return false;
            if (owner.op == Op.LOOP && stores(owner, names)) return true;
            x = owner;
        }
    }

    private static boolean stores(Node n, Set<Node> names) {
        if (n.op == Op.ARRAY_STORE && names.contains(ArrayValues.base(n.arg(0)))) return true;
        for (Region b : n.branches) for (Node m : b.nodes) if (stores(m, names)) return true;
        return false;
    }

    /** The earliest read of {@code array} in the block before the loop that nothing between touches. */
    private static Node start(Region region, int loopAt, Node array, Set<Node> names) {
        Node start = region.nodes.get(loopAt);
        for (int j = loopAt - 1; j >= 0; j--) {
            Node m = region.nodes.get(j);
            if (m.op == Op.ARRAY_READ && m.arg(0) == array && !names.contains(m.arg(1))) start = m;
            else if (touches(m, names)) break;
        }
        return start;
    }

    private static boolean touches(Node n, Set<Node> names) {
        if (names.contains(n)) return true;
        for (Node a : n.args) if (names.contains(a)) return true;
        for (Region b : n.branches) {
            for (Node m : b.nodes) if (touches(m, names)) return true;
            for (Node r : b.results) if (names.contains(r)) return true;
        }
        return false;
    }
}
