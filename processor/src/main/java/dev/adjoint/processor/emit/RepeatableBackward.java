package dev.adjoint.processor.emit;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the backward sweep of a reverse-mode graph may run several times after one forward
 * sweep, each time from another cotangent of the output — which is how a Jacobian gets its rows
 * without redoing the forward sweep (Goodfellow, Bengio and Courville, <i>Deep Learning</i>, §6.5:
 * back-propagation reads the forward sweep's values and changes none of them).
 *
 * <p>That holds when the backward sweep only reads what the forward sweep left: it saves nothing
 * on a stack (that would overwrite what the next run takes off again; the stacks' tops are rewound
 * before each run), saves and takes back single numbers only, calls no other reverse-mode method
 * when it uses stacks, and writes into no array but those it makes itself (the adjoints). A
 * backward sweep that restores a primal array, or whose adjoint arrays are not made anew in each
 * run (they become the Jacobian's rows), fails the test, as does a body cut into parts; its
 * Jacobian is then assembled from whole passes.
 */
final class RepeatableBackward {
    private RepeatableBackward() {}

    static boolean holds(Graph graph) {
        // each run's adjoint arrays become a row of the Jacobian: they must be new ones every run
        List<Node> results = graph.root.results;
        for (Node r : results.subList(1, results.size()))
            if (r.type.isArray() && !madeInBackward(r, new HashSet<>())) return false;
        // a call to another reverse-mode method uses the stacks above their top, where a later run reads
        if (has(graph.root, Op.STACK) && has(graph.root, Op.CALL_REVERSE)) return false;
        return repeatable(graph.root);
    }

    private static boolean has(Region region, Op op) {
        for (Node n : region.nodes) {
            if (n.op == op) return true;
            for (Region b : n.branches) if (has(b, op)) return true;
        }
        return false;
    }

    private static boolean repeatable(Region region) {
        for (Node n : region.nodes) {
            // the stacks are rewound before each run: the forward sweep alone may save, one number at a time
            if (n.op == Op.PUSH && (n.backward || n.arg(1).type.isArray())) return false;
            if (n.op == Op.POP && n.type.isArray()) return false;
            if (n.backward && writesInto(n) && !madeInBackward(n.arg(0), new HashSet<>())) return false;
            for (Region b : n.branches) if (!repeatable(b)) return false;
        }
        return true;
    }

    private static boolean writesInto(Node n) {
        return n.op == Op.ARRAY_STORE || n.op == Op.ACCUMULATE || n.op == Op.ACCUMULATE_SCALED;
    }

    /**
     * Whether every array {@code array} can be is a fresh one of the backward sweep: made there
     * (an adjoint), or carried through a loop or chosen by a branch from only such arrays.
     */
    private static boolean madeInBackward(Node array, Set<Node> seen) {
        if (!seen.add(array)) return true;
        if (!array.backward) return false;
        switch (array.op) {
            case ZEROS_LIKE, NEW_ARRAY:
                return true;
            case LOOP_PARAM: {
                Node loop = array.region.owner;
                return loop != null
                        && madeInBackward(loop.arg(array.index()), seen)
                        && madeInBackward(array.region.results.get(array.index() + 1), seen);
            }
            case PROJ: {
                Node owner = array.arg(0);
                if (owner.op == Op.LOOP)
                    return madeInBackward(owner.arg(array.index()), seen)
                            && madeInBackward(owner.branches.get(0).results.get(array.index() + 1), seen);
                for (Region b : owner.branches) if (!madeInBackward(b.results.get(array.index()), seen)) return false;
                return true;
            }
            default:
                return false;
        }
    }
}
