package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The computational graph of one method: a tree of regions holding nodes in evaluation order.
 * The root region's {@link Region#results} are what the generated method returns.
 */
public final class Graph {
    public final Region root = new Region(null, null);
    int nextId;

    /** Every node, regions first-to-last and depth-first, i.e. in an order valid for evaluation. */
    public List<Node> nodes() {
        List<Node> all = new ArrayList<>();
        forEach(root, all::add);
        return all;
    }

    public static void forEach(Region region, Consumer<Node> action) {
        for (Node n : region.nodes) {
            action.accept(n);
            for (Region branch : n.branches) forEach(branch, action);
        }
    }
}
