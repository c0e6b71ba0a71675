package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;

/**
 * Whether the arrays a call of the primal is given still hold, when the backward sweep reaches
 * the call, the elements they held at the call; then the backward sweep may call the callee's
 * {@code fAdd} with them (see {@link ForwardSweep#addsInBackward}).
 *
 * <p>A parameter or a field is never written. An array the method makes is settled when every
 * store into it comes before the call, in the same run of the array: in the innermost block
 * holding both, the statement holding the store stands before the one holding the call, and no
 * loop lies between that block and the array's own (a later iteration would store into the same
 * array after the call). The backward sweep then sees it as the forward sweep left it: it runs
 * the statements after the call, none of which stores into it, backwards before the call's, and
 * a loop step computed again runs all its statements before any of their backward sweeps. Any
 * other use that might write the array or give it another name (stored as a row, passed to a
 * plain method, chosen by {@code ?:}, carried by a loop) leaves it unsettled.
 */
final class SettledArguments {
    private SettledArguments() {}

    static boolean settled(Node call) {
        for (Node a : call.args) {
            if (a.type.isArray() && ArrayValues.isMutable(a) && !settled(ArrayValues.base(a), call)) return false;
        }
        return true;
    }

    private static boolean settled(Node array, Node call) {
        if (array.op != Op.NEW_ARRAY && array.op != Op.COPY) return false;
        Region root = call.region;
        while (root.parent != null) root = root.parent;
        return settledIn(root, array, call);
    }

    private static boolean settledIn(Region region, Node array, Node call) {
        for (Node r : region.results) if (ArrayValues.base(r) == array) return false;
        for (Node n : region.nodes) {
            for (int i = 0; i < n.args.size(); i++) {
                if (!n.arg(i).type.isArray() || ArrayValues.base(n.arg(i)) != array) continue;
                boolean reads = switch (n.op) {
                    case ARRAY_READ, ARRAY_LENGTH, CALL -> true;
                    case COPY -> i == 0;
                    case ARRAY_STORE -> i == 0 && storedBefore(n, call, array.region);
                    default -> false;
                };
                if (!reads) return false;
            }
            for (Region b : n.branches) if (!settledIn(b, array, call)) return false;
        }
        return true;
    }

    /** Whether {@code store} runs before {@code call} each time the array made in {@code home} is stored into. */
    private static boolean storedBefore(Node store, Node call, Region home) {
        Region common = store.region;
        while (!common.encloses(call.region)) common = common.parent;
        int s = common.nodes.indexOf(statementIn(common, store));
        int c = common.nodes.indexOf(statementIn(common, call));
        if (s < 0 || c < 0 || s >= c) return false;
        for (Region r = common; r != home; r = r.parent) {
            if (r == null || (r.owner != null && r.owner.op == Op.LOOP)) return false;
        }
        return true;
    }

    /** The statement of {@code region} that {@code n} is, or stands inside. */
    private static Node statementIn(Region region, Node n) {
        Node at = n;
        while (at.region != region) at = at.region.owner;
        return at;
    }
}
