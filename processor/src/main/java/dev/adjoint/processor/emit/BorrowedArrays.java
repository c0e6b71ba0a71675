package dev.adjoint.processor.emit;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Type;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which arrays a reverse-mode body borrows from {@code ScratchArrays} and gives back before it
 * returns, instead of allocating them: the {@code double[]} arrays the body's own block makes once
 * per call — the primal's local arrays and their adjoints — none of which leaves the method.
 */
final class BorrowedArrays {
    private BorrowedArrays() {}

    /**
     * The arrays borrowed; none when the body is cut into parts (a part's locals are gone by the
     * end). {@code resultAdjoints}: the parameters' adjoint arrays, which a method returns, are
     * borrowed too — for a Jacobian written into the caller's array, which copies each run's
     * adjoints into its row before they are given back.
     */
    static Set<Node> of(Graph graph, boolean resultAdjoints) {
        Set<Node> borrowed = new LinkedHashSet<>();
        for (Node n : graph.root.nodes) {
            if (n.type != Type.DOUBLE_ARRAY) continue;
            boolean adjoint = n.isScratchAdjoint();
            boolean local = n.op == Op.NEW_ARRAY && n.args.size() == 1;
            boolean result = graph.root.results.contains(n);
            // a method's result leaves the method: it is never borrowed, but for a parameter's adjoint that is copied
            // out
            if (result) {
                if (resultAdjoints && n.op == Op.ZEROS_LIKE && n.backward) borrowed.add(n);
            } else if (adjoint || local) borrowed.add(n);
        }
        return borrowed;
    }
}
