package dev.adjoint.processor.analysis;

import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.modes.DerivativeRules;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward activity: a node is active when its value depends differentiably on a differentiated
 * parameter. Inactive nodes (integers, booleans, constants, piecewise-constant functions and
 * everything computed from them only) get no tangent and no adjoint. A value carried by a loop
 * is active when its initial value is, or when the step makes it so: found by iterating the
 * step until nothing changes (activity only grows, so this ends).
 */
public final class Activity {
    private final Set<Node> active = new HashSet<>();
    private final Set<Integer> differentiated;
    /** The PUSH of each saved value (reverse-mode graphs): a POP is active when what was pushed is. */
    private final Map<Refs.Saved, Node> pushes = new HashMap<>();
    /**
     * Whether the partials a callee's record holds ({@code dx()}) depend on its arguments as its
     * value does: they do, but only second order differentiates them (see {@link #ofReverseGraph}).
     */
    private final boolean callPartials;

    private Activity(Set<Integer> differentiated, boolean callPartials) {
        this.differentiated = differentiated;
        this.callPartials = callPartials;
    }

    public static Activity of(Graph graph, Set<Integer> differentiatedParams) {
        return of(graph, differentiatedParams, false);
    }

    /**
     * The activity of a finished reverse-mode graph as forward mode over it sees it: a callee's
     * partials are active with its arguments, because their tangents are the callee's H·v.
     */
    public static Activity ofReverseGraph(Graph graph, Set<Integer> differentiatedParams) {
        return of(graph, differentiatedParams, true);
    }

    private static Activity of(Graph graph, Set<Integer> differentiatedParams, boolean callPartials) {
        Activity a = new Activity(differentiatedParams, callPartials);
        for (Node n : graph.nodes()) if (n.op == Op.PUSH) a.pushes.put(n.saved(), n);
        // an array becomes active when an active value is stored into it, wherever the store is:
        // repeat until no store adds an array (the active set only grows)
        boolean changed = true;
        while (changed) {
            a.region(graph.root);
            changed = false;
            for (Node n : graph.nodes()) {
                // (an ACCUMULATE or ACCUMULATE_SCALED, found only in reverse-mode graphs, adds into an adjoint array
                // likewise)
                boolean store = n.op == Op.ARRAY_STORE || n.op == Op.ACCUMULATE;
                boolean adds = store
                        ? a.active.contains(n.arg(2))
                        : n.op == Op.ACCUMULATE_SCALED && (a.active.contains(n.arg(1)) || a.active.contains(n.arg(2)));
                if (adds && a.active.add(ArrayValues.base(n.arg(0)))) changed = true;
                // second order: an addition into an adjoint array chosen by phase (swapped buffers) adds into
                // either array, so both have tangents
                if (adds && callPartials) {
                    for (Node chosen : chosenArrays(ArrayValues.base(n.arg(0))))
                        if (a.active.add(chosen)) changed = true;
                }
            }
        }
        return a;
    }

    /** The arrays {@code array} may be: the alternatives of a choice between arrays, in a CHOOSE or a SELECT's output. */
    private static List<Node> chosenArrays(Node array) {
        List<Node> out = new ArrayList<>();
        if (array.op == Op.CHOOSE) {
            out.addAll(chosenArrays(ArrayValues.base(array.arg(1))));
            out.addAll(chosenArrays(ArrayValues.base(array.arg(2))));
        } else if (array.op == Op.PROJ && array.arg(0).op == Op.SELECT) {
            for (Region branch : array.arg(0).branches)
                out.addAll(chosenArrays(ArrayValues.base(branch.results.get(array.index()))));
        } else {
            out.add(array);
        }
        return out;
    }

    public boolean isActive(Node n) {
        return active.contains(n);
    }

    private void region(Region r) {
        for (Node n : r.nodes) {
            switch (n.op) {
                case SELECT -> n.branches.forEach(this::region);
                case LOOP -> loop(n);
                default -> {
                    if (computeActive(n)) active.add(n);
                }
            }
        }
    }

    private void loop(Node loop) {
        Region step = loop.branches.get(0);
        for (Node p : step.nodes) {
            if (p.op == Op.LOOP_PARAM && active.contains(loop.arg(p.index()))) active.add(p);
        }
        boolean changed = true;
        while (changed) {
            region(step);
            changed = false;
            for (Node p : step.nodes) {
                if (p.op == Op.LOOP_PARAM && !active.contains(p) && active.contains(step.results.get(p.index() + 1))) {
                    active.add(p);
                    changed = true;
                }
            }
        }
    }

    /**
     * Whether {@code record} is the record of a call with an active argument: the call itself, or
     * the output of a branch that hands the record of a call made there to the backward sweep.
     */
    private boolean activeCall(Node record) {
        if (record.op == Op.CALL_REVERSE) return record.args.stream().anyMatch(active::contains);
        if (record.op != Op.PROJ || record.arg(0).op != Op.SELECT) return false;
        return record.arg(0).branches.stream().anyMatch(b -> activeCall(b.results.get(record.index())));
    }

    /** The carried value {@code index} of a LOOP, at the start of each iteration. */
    public static Node loopParam(Node loop, int index) {
        for (Node p : loop.branches.get(0).nodes) {
            if (p.op == Op.LOOP_PARAM && p.index() == index) return p;
        }
        return null;
    }

    private boolean computeActive(Node n) {
        if (!n.type.isFloating()) return false;
        return switch (n.op) {
            case PARAM -> differentiated.contains(n.param().index());
            case LOOP_PARAM, NEW_ARRAY, ZEROS_LIKE -> active.contains(n);
            // a derivative rule's choice between values (reverse-mode graphs): active when either is
            case CHOOSE -> active.contains(n.arg(1)) || active.contains(n.arg(2));
            // reverse-mode graphs: a value taken back is active when the value saved was
            case POP ->
                pushes.containsKey(n.saved())
                        && active.contains(pushes.get(n.saved()).arg(1));
            case SAVED_READ, SAVED_COPY, SAVED_MATH -> active.contains(n.arg(0));
            // where its adjoint goes: the call's arguments, as for the call itself
            case SAVED_CALL -> n.args.subList(1, n.args.size()).stream().anyMatch(active::contains);
            case COPY -> active.contains(n) || active.contains(n.arg(0));
            case ARRAY_READ -> active.contains(n.arg(0));
            case CALL -> n.args.stream().anyMatch(active::contains);
            // fVjp's seed, once checked: second order of a double[]-valued callee gives the seed a tangent;
            // a @DerivativeOf rule that second order differentiates from its body (its value may be an array)
            case CALL_CONST ->
                n.method().equals(ReverseMode.CHECKED_SEED)
                        ? active.contains(n.arg(0))
                        : (DerivativeRules.isDifferentiable(n) || n.method().body() != null)
                                && n.args.stream().anyMatch(active::contains);
            case GET ->
                callPartials
                        ? activeCall(n.arg(0))
                        : "value".equals(n.accessor())
                                && n.arg(0).op == Op.CALL_REVERSE
                                && n.arg(0).args.stream().anyMatch(active::contains);
            case PROJ -> {
                Node owner = n.arg(0);
                int k = n.index();
                if (owner.op == Op.LOOP) yield active.contains(loopParam(owner, k));
                yield owner.branches.stream().anyMatch(b -> active.contains(b.results.get(k)));
            }
            default -> DerivativeRules.isDifferentiable(n) && n.args.stream().anyMatch(active::contains);
        };
    }
}
