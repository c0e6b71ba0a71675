package dev.adjoint.processor.frontend;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import java.util.HashSet;
import java.util.Set;

/**
 * Which values depend on the differentiated parameters in any way, through integers and bits
 * too: activity stops at an {@code int}, {@code long} or {@code boolean} (piecewise constant, so
 * derivative zero), but {@code Double.longBitsToDouble(Double.doubleToRawLongBits(x) + 1)} is a
 * smooth function of {@code x} that passes through a {@code long}. Taking it for a constant would
 * give a silently wrong zero, so the front end asks this analysis whether the bits a double is
 * rebuilt from come from a differentiated value, and reports it. Data dependence only: a branch
 * taken on such a value is piecewise constant like any other.
 */
final class BitDependence {
    private final Set<Node> dependent = new HashSet<>();

    private BitDependence() {}

    /** The functions that make a floating-point value of the bits of an integer. */
    static final java.util.Set<String> FROM_BITS =
            java.util.Set.of("java.lang.Double.longBitsToDouble", "java.lang.Float.intBitsToFloat");

    static BitDependence of(Graph graph, Activity activity) {
        BitDependence d = new BitDependence();
        boolean changed = true;
        while (changed) { // loops carry values around, so repeat until nothing is added
            changed = false;
            for (Node n : graph.nodes()) {
                if (!d.dependent.contains(n) && d.computeDependent(n, activity)) {
                    d.dependent.add(n);
                    changed = true;
                }
                if (n.op == Op.ARRAY_STORE
                        && d.dependent.contains(n.arg(2))
                        && d.dependent.add(ArrayValues.base(n.arg(0)))) changed = true;
                if (n.op == Op.LOOP) changed |= d.carry(n);
            }
        }
        return d;
    }

    boolean dependsOnInputs(Node n) {
        return dependent.contains(n);
    }

    private boolean computeDependent(Node n, Activity activity) {
        if (activity.isActive(n) || n.args.stream().anyMatch(dependent::contains)) return true;
        if (n.op == Op.PROJ && n.arg(0).op == Op.SELECT) {
            return n.arg(0).branches.stream().anyMatch(b -> dependent.contains(b.results.get(n.index())));
        }
        if (n.op == Op.PROJ && n.arg(0).op == Op.LOOP) {
            Node p = Activity.loopParam(n.arg(0), n.index());
            return p != null && dependent.contains(p);
        }
        return false;
    }

    /** A loop's carried value depends on the inputs when its initial value or its next value does. */
    private boolean carry(Node loop) {
        boolean changed = false;
        var step = loop.branches.get(0);
        for (Node p : step.nodes) {
            if (p.op != Op.LOOP_PARAM || dependent.contains(p)) continue;
            int k = p.index();
            boolean initial = k < loop.args.size() && dependent.contains(loop.arg(k));
            boolean next = k + 1 < step.results.size() && dependent.contains(step.results.get(k + 1));
            if (initial || next) changed |= dependent.add(p);
        }
        return changed;
    }
}
