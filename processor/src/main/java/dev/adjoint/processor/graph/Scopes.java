package dev.adjoint.processor.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes every use of a value legal in the generated Java: a node may only be read from its own
 * region or a region nested in it. The backward sweep of a branch reads values that the
 * forward sweep computed in the same branch, but from another Java block; such a value becomes
 * an extra output of its SELECT (zero on the other branch, which never reads it), and the use
 * reads that output instead. This is the "store" choice of store-versus-recompute.
 */
public final class Scopes {
    private final GraphBuilder builder;
    private final Map<Node, Node> exported = new HashMap<>();

    private Scopes(GraphBuilder builder) {
        this.builder = builder;
    }

    public static void repair(GraphBuilder builder) {
        Scopes s = new Scopes(builder);
        List<Node> all = builder.graph().nodes();
        for (Node n : all) {
            for (int i = 0; i < n.args.size(); i++) n.args.set(i, s.visibleIn(n.args.get(i), n.region));
            for (Region branch : n.branches) s.repairResults(branch);
        }
        s.repairResults(builder.graph().root);
    }

    /** {@code value}, carried out of the branches it is computed in until code in {@code target} can read it. */
    public static Node export(GraphBuilder builder, Node value, Region target) {
        return new Scopes(builder).visibleIn(value, target);
    }

    private void repairResults(Region region) {
        region.results.replaceAll(r -> visibleIn(r, region));
    }

    /** {@code value}, or the SELECT output that carries it out to where {@code user} can see it. */
    private Node visibleIn(Node value, Region user) {
        Node v = value;
        while (!v.region.encloses(user)) v = exportOneLevel(v);
        return v;
    }

    private Node exportOneLevel(Node v) {
        Node known = exported.get(v);
        if (known != null) return known;
        Node select = v.region.owner;
        if (select.op != Op.SELECT) throw new IllegalStateException("a loop's value read outside its iteration: " + v);
        // Readers of an export run only on the path where its branch was taken, so an existing
        // output that carries v on that branch serves them as well.
        for (Node n : select.region.nodes) {
            if (n.op == Op.PROJ && n.arg(0) == select && v.region.results.get(n.index()) == v) {
                exported.put(v, n);
                return n;
            }
        }
        int index = select.branches.get(0).results.size();
        for (Region branch : select.branches) {
            branch.results.add(branch == v.region ? v : builder.zero(v.type));
        }
        Node out = builder.project(select, index, v.type);
        exported.put(v, out);
        return out;
    }
}
