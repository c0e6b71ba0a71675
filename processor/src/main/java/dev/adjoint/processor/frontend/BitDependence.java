package dev.adjoint.processor.frontend;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Which values depend on the differentiated parameters in any way, through integers and bits
 * too: activity stops at an {@code int}, {@code long} or {@code boolean} (piecewise constant, so
 * derivative zero), but {@code Double.longBitsToDouble(Double.doubleToRawLongBits(x) + 1)} is a
 * smooth function of {@code x} that passes through a {@code long}. Taking it for a constant would
 * give a silently wrong zero, so the front end asks this analysis whether the bits a double is
 * rebuilt from come from a differentiated value, and reports it. Data dependence only: a branch
 * taken on such a value is piecewise constant like any other. One rebuilding is a rounding, not a
 * smooth function: clearing low mantissa bits ({@link #truncatesMantissa}).
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

    /**
     * Whether {@code bits} are {@code Double.doubleToRawLongBits(x) & MASK} (or {@code doubleToLongBits})
     * with a constant mask that keeps the sign and all eleven exponent bits: the double rebuilt from
     * them is {@code x} with its low mantissa bits cleared, a rounding toward zero to a shorter
     * mantissa. Like {@code Math.floor} or {@code Math.rint} that is piecewise constant in {@code x}, so
     * a constant is its derivative wherever it has one, not a silent wrong zero. It is how Dekker's
     * split and the accurate sums of Ogita, Rump and Oishi take a double apart ({@code aHigh},
     * {@code aLow = a - aHigh}): the derivative then flows through {@code aLow}, exactly.
     */
    static boolean truncatesMantissa(Node bits) {
        if (bits.op != Op.BITWISE || !bits.bitOperator().equals("&")) return false;
        for (int i = 0; i < 2; i++) {
            Node mask = bits.arg(i);
            boolean keepsSignAndExponent =
                    mask.isConst() && mask.type == Type.LONG && (mask.constLong() >>> 52) == 0xFFF;
            if (keepsSignAndExponent && isBitsOfDouble(bits.arg(1 - i))) return true;
        }
        return false;
    }

    private static boolean isBitsOfDouble(Node n) {
        if (n.op != Op.CALL_CONST || !n.method().owner().canonicalName().equals("java.lang.Double")) return false;
        String name = n.method().name();
        return name.equals("doubleToRawLongBits") || name.equals("doubleToLongBits");
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
