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

    /**
     * A {@link Op#CALL} of {@code callee} for its value alone, standing where {@code old} stands (in
     * its region, at its place, with its line) named {@code hint}, and replacing it there: a derivative
     * call whose value nobody reads is kept only for what it may throw, which the method itself throws too.
     */
    public Node replaceByValueCall(Node old, Refs.Callee callee, Type type, List<Node> args, String hint) {
        Node n = new Node(nextId++, Op.CALL, type, callee, args, old.region, old.backward);
        n.line = old.line;
        n.hint = hint;
        List<Node> nodes = old.region.nodes;
        nodes.set(nodes.indexOf(old), n);
        return n;
    }

    public static void forEach(Region region, Consumer<Node> action) {
        for (Node n : region.nodes) {
            action.accept(n);
            for (Region branch : n.branches) forEach(branch, action);
        }
    }
}
