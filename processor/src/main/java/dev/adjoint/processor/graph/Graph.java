package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * A copy of this graph with nodes of the same ids and details, for a method that writes a
     * variant of it (an {@code fAdd} whose value is dead) while the original is still emitted.
     */
    public Graph copy() {
        Graph copy = new Graph();
        copy.nextId = nextId;
        copyInto(root, copy.root, new IdentityHashMap<>());
        return copy;
    }

    private static void copyInto(Region from, Region to, Map<Node, Node> copies) {
        for (Node n : from.nodes) {
            List<Node> args = new ArrayList<>(n.args.size());
            for (Node a : n.args) args.add(copies.getOrDefault(a, a));
            Node c = n.copyIn(to, args);
            copies.put(n, c);
            to.nodes.add(c);
            for (Region b : n.branches) {
                Region branch = new Region(to, c);
                c.branches.add(branch);
                copyInto(b, branch, copies);
            }
        }
        for (Node r : from.results) to.results.add(copies.getOrDefault(r, r));
    }

    public static void forEach(Region region, Consumer<Node> action) {
        for (Node n : region.nodes) {
            action.accept(n);
            for (Region branch : n.branches) forEach(branch, action);
        }
    }
}
