package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scalar promotion of adjoint accumulations: {@code bar[i] += v} made by every iteration of a
 * loop at an element fixed before the loop becomes a sum carried by the loop, added to the
 * element once after it ({@code s = 0; while (..) { s += v } bar[i] += s}). Nothing else in the
 * loop may touch the array (no other element, read, store or alias), so no one can see the
 * element in between. The JIT cannot do this itself: it cannot tell that the loop's other arrays
 * are not the same array, so it keeps a load and a store of the element in every iteration. In
 * GMM's backward triangle this is the adjoint of {@code xc[i]} summed over {@code j}.
 */
public final class LoopAccumulators {
    private final GraphBuilder b;

    private LoopAccumulators(Graph graph) {
        this.b = new GraphBuilder(graph);
        b.beginBackward();
        b.derivatives(true);
    }

    /** Promotes every such accumulation of {@code graph}, innermost loops first. */
    public static void promote(Graph graph) {
        new LoopAccumulators(graph).visit(graph.root);
    }

    private void visit(Region region) {
        for (Node n : List.copyOf(region.nodes)) {
            for (Region r : n.branches) visit(r);
            if (n.op == Op.LOOP) promoteIn(n);
        }
    }

    private void promoteIn(Node loop) {
        Region step = loop.branches.get(0);
        Node test = LoopShapes.whileTest(loop, n -> true);
        // a while loop's iteration is its test's first branch; any other loop's is the whole step
        Region body = test != null ? test.branches.get(0) : step;
        Map<Element, List<Node>> candidates = new LinkedHashMap<>();
        for (Node n : body.nodes) {
            if (n.op == Op.ACCUMULATE && !step.encloses(n.arg(0).region) && !step.encloses(n.arg(1).region)) {
                candidates
                        .computeIfAbsent(new Element(n.arg(0), n.arg(1)), e -> new ArrayList<>())
                        .add(n);
            }
        }
        if (candidates.isEmpty()) return;
        Map<Node, Element> touched = new HashMap<>();
        boolean[] aliased = {false};
        uses(step, candidates, touched, aliased);
        if (aliased[0]) return;
        for (var entry : candidates.entrySet()) {
            Element e = entry.getKey();
            Node base = ArrayValues.base(e.array());
            if (!e.equals(touched.get(base)) || base.op == Op.PROJ) continue;
            carrySum(loop, test, body, e, entry.getValue());
        }
    }

    /**
     * Records in {@code touched} the element through which each array is used in {@code region}:
     * the element of a candidate, or {@link #ANYWHERE} for any other use. Sets {@code aliased} on
     * an access through an array chosen by {@code ?:}, which may be any of them.
     */
    private static void uses(
            Region region, Map<Element, List<Node>> candidates, Map<Node, Element> touched, boolean[] aliased) {
        for (Node n : region.nodes) {
            boolean harmless = n.op == Op.ARRAY_LENGTH || n.op == Op.ZEROS_LIKE;
            for (int i = 0; i < n.args.size() && !harmless; i++) {
                Node a = n.arg(i);
                if (!a.type.isArray()) continue;
                Node base = ArrayValues.base(a);
                if (base.op == Op.PROJ) aliased[0] = true;
                Element use = n.op == Op.ACCUMULATE && i == 0 ? new Element(n.arg(0), n.arg(1)) : ANYWHERE;
                if (!candidates.containsKey(use)) use = ANYWHERE;
                Element before = touched.putIfAbsent(base, use);
                if (before != null && !before.equals(use)) touched.put(base, ANYWHERE);
            }
            for (Region r : n.branches) uses(r, candidates, touched, aliased);
        }
    }

    /** Replaces {@code accumulations} of {@code e} in the loop by a carried sum, added to it after the loop. */
    private void carrySum(Node loop, Node test, Region body, Element e, List<Node> accumulations) {
        Region step = loop.branches.get(0);
        Node sum = b.carry(loop, b.zero(Type.DOUBLE));
        String name = e.array().hint();
        if (name != null) sum.nameAfter(name + "Sum");
        Node next = b.in(body, () -> {
            Node total = sum;
            for (Node acc : accumulations) {
                body.nodes.remove(acc);
                total = b.add(total, acc.arg(2));
            }
            return total;
        });
        int slot = sum.index();
        if (test == null) {
            step.results.add(next);
        } else {
            body.results.add(next);
            test.branches.get(1).results.add(sum);
            step.results.add(b.project(test, body.results.size() - 1, Type.DOUBLE));
        }
        Node total = b.project(loop, slot, Type.DOUBLE);
        Region outside = loop.region;
        Node add = b.in(outside, () -> b.accumulate(e.array(), e.index(), total));
        outside.nodes.remove(add);
        outside.nodes.add(outside.nodes.indexOf(total) + 1, add);
    }

    /** An element {@code array[index]}, by the nodes that name it. */
    private record Element(Node array, Node index) {}

    private static final Element ANYWHERE = new Element(null, null);
}
