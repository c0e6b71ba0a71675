package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A straight-line block of nodes in evaluation order. The method body is the root region; each
 * branch of a SELECT is a nested region whose {@link #results} are the SELECT's outputs when
 * that branch is taken. A node may use nodes of its own region and of enclosing regions.
 */
public final class Region {
    /** The enclosing block; changes only when {@link dev.adjoint.processor.rewrite.LoopFusion LoopFusion} moves the node owning this one. */
    public Region parent;
    /** The SELECT this region is a branch of; null for the root. */
    public final Node owner;

    public final List<Node> nodes = new ArrayList<>();
    public final List<Node> results = new ArrayList<>();

    Region(Region parent, Node owner) {
        this.parent = parent;
        this.owner = owner;
    }

    /** True when code in {@code inner} can read the values of this region. */
    public boolean encloses(Region inner) {
        for (Region r = inner; r != null; r = r.parent) {
            if (r == this) return true;
        }
        return false;
    }

    public int depth() {
        int d = 0;
        for (Region r = parent; r != null; r = r.parent) d++;
        return d;
    }

    /** Replaces, here and in every region nested in this one, each use of a key of {@code map} by its value. */
    public void replaceUses(Map<Node, Node> map) {
        results.replaceAll(r -> map.getOrDefault(r, r));
        for (Node n : nodes) {
            n.args.replaceAll(a -> map.getOrDefault(a, a));
            for (Region r : n.branches) r.replaceUses(map);
        }
    }
}
