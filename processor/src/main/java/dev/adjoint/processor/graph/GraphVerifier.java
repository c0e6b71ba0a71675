package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the invariants every pass relies on and must keep, so that a pass that breaks one is
 * caught where it did it instead of as wrong code three passes later:
 *
 * <ul>
 *   <li>regions are consistent: each node's {@link Node#region} holds it, exactly once; each
 *       branch's {@link Region#owner} is the node that owns it and its {@link Region#parent} the
 *       region that node stands in;
 *   <li>every argument and every result is visible where it is used: defined earlier in the same
 *       region or in an enclosing one;
 *   <li>structured nodes are well formed: a SELECT has two branches with as many results, a LOOP
 *       one step whose results are the flag then one value per carried value and whose
 *       LOOP_PARAMs number its carried values once each, and every PROJ and LOOP_PARAM index is
 *       in range.
 * </ul>
 */
public final class GraphVerifier {
    private final List<String> problems = new ArrayList<>();
    private final Map<Node, Integer> position = new HashMap<>();
    private final Set<Node> placed = new HashSet<>();

    private GraphVerifier() {}

    /** What is wrong with {@code graph}, one sentence per problem; empty when it is well formed. */
    public static List<String> problems(Graph graph) {
        GraphVerifier v = new GraphVerifier();
        Region root = graph.root;
        if (root.parent != null || root.owner != null) v.problem("the root region has a parent or an owner");
        v.place(root);
        v.checkUses(root);
        return v.problems;
    }

    /** Records where every node stands, checking that regions and their links agree. */
    private void place(Region region) {
        List<Node> nodes = region.nodes;
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n == null) {
                problem("a region holds null at position " + i);
                continue;
            }
            if (!placed.add(n)) problem(n + " stands in the graph twice");
            position.put(n, i);
            if (n.region != region) problem(n + " stands in a region other than its own (its region field is stale)");
            int expected = switch (n.op) {
                case SELECT -> 2;
                case LOOP -> 1;
                default -> 0;
            };
            if (n.branches.size() != expected) problem(n + " owns " + n.branches.size() + " regions, not " + expected);
            for (Region branch : n.branches) {
                if (branch.owner != n) problem("a region of " + n + " names another owner: " + branch.owner);
                if (branch.parent != region)
                    problem("a region of " + n + " names a parent other than the region " + n + " stands in");
                place(branch);
            }
        }
    }

    private void checkUses(Region region) {
        for (Node n : region.nodes) {
            if (n == null) continue;
            for (Node a : n.args) {
                if (a == null) problem(n + " has a null argument");
                else if (!visible(a, n.region, position.get(n))) problem(n + " uses " + a + where(a));
            }
            checkShape(n);
            for (Region branch : n.branches) checkUses(branch);
        }
        for (Node r : region.results) {
            if (r == null) problem("a region of " + region.owner + " has a null result");
            else if (!visible(r, region, region.nodes.size()))
                problem("a region of " + region.owner + " returns " + r + where(r));
        }
    }

    private String where(Node a) {
        if (!placed.contains(a)) return ", which stands in no region of the graph";
        return ", which is not defined before it in its region or an enclosing one";
    }

    /** Whether {@code a} is defined before position {@code at} of {@code region}, or before the node holding it. */
    private boolean visible(Node a, Region region, int at) {
        if (!placed.contains(a)) return false;
        Region r = region;
        int p = at;
        while (r != a.region) {
            Node owner = r.owner;
            if (owner == null || !placed.contains(owner)) return false;
            p = position.get(owner);
            r = owner.region;
        }
        return position.get(a) < p;
    }

    private void checkShape(Node n) {
        switch (n.op) {
            case SELECT -> {
                if (n.branches.size() == 2
                        && n.branches.get(0).results.size()
                                != n.branches.get(1).results.size()) {
                    problem(n + " has branches with "
                            + n.branches.get(0).results.size() + " and "
                            + n.branches.get(1).results.size() + " results");
                }
            }
            case LOOP -> {
                if (n.branches.size() != 1) return;
                Region step = n.branches.get(0);
                if (step.results.size() != n.args.size() + 1) {
                    problem(n + " carries " + n.args.size() + " values but its step has " + step.results.size()
                            + " results");
                } else if (step.results.get(0) != null && step.results.get(0).type != Type.BOOLEAN) {
                    problem(n + " has a step whose first result (whether to go on) is not a boolean");
                }
                Set<Integer> slots = new HashSet<>();
                for (Node p : step.nodes) {
                    if (p != null && p.op == Op.LOOP_PARAM && !slots.add(p.index()))
                        problem(n + " has two LOOP_PARAMs for slot " + p.index());
                }
            }
            case PROJ -> {
                Node of = n.args.size() == 1 ? n.arg(0) : null;
                if (of == null || !of.op.isStructured()) {
                    problem(n + " projects something other than one SELECT or LOOP");
                } else if (n.index() < 0 || n.index() >= outputs(of)) {
                    problem(n + " reads output " + n.index() + " of " + of + ", which has " + outputs(of));
                }
            }
            case LOOP_PARAM -> {
                Node loop = n.region.owner;
                if (loop == null || loop.op != Op.LOOP) problem(n + " stands outside a loop's step");
                else if (n.index() < 0 || n.index() >= loop.args.size())
                    problem(n + " is slot " + n.index() + " of " + loop + ", which carries " + loop.args.size());
            }
            default -> {}
        }
    }

    private static int outputs(Node structured) {
        if (structured.op == Op.LOOP) return structured.args.size();
        return structured.branches.isEmpty()
                ? 0
                : structured.branches.get(0).results.size();
    }

    private void problem(String sentence) {
        problems.add(sentence);
    }
}
