package dev.adjoint.processor.modes.reverse;

import static dev.adjoint.processor.analysis.LoopShapes.hasClosedExit;
import static dev.adjoint.processor.modes.Transform.projections;

import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Replay;
import dev.adjoint.processor.graph.SavedValues;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.RegionCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recomputation, the other half of store-versus-recompute: the backward sweep of a loop
 * re-creates each iteration's step from the values that iteration started with, rather than
 * saving every intermediate. This class knows which values of a step a recomputation would get
 * wrong (elements of arrays a later iteration may overwrite, outputs of inner loops reading
 * them), or would pay a call for (exp, tanh…), so that the forward sweep saves those; and it
 * re-creates a step with the saved values standing in for them.
 */
final class Recomputation {
    private final GraphBuilder b;
    private final SavedValues saves;
    private final ClosedForms closedForms;
    /** What each forward loop saved, by the loop (a recomputed inner loop is added under its copy). */
    private final Map<Node, SavedLoop> savedLoops;
    /** Saved values standing in, in a recomputed step, for an inner loop's output. */
    private final Map<Node, Node> outputStandIns;
    /** For each saved math call standing in a recomputed step, the argument its adjoint goes to. */
    private final Map<Node, Node> savedCallArguments;

    private final Predicate<Node> isActive;
    /** Copies of active values, which are active too. */
    private final Set<Node> activeCopies;
    /** Copies nothing writes ({@link ReadsSavedOnce}); their saved contents join them. */
    private final Set<Node> readCopies;

    Recomputation(
            GraphBuilder b,
            ClosedForms closedForms,
            Map<Node, SavedLoop> savedLoops,
            Map<Node, Node> outputStandIns,
            Map<Node, Node> savedCallArguments,
            Predicate<Node> isActive,
            Set<Node> activeCopies,
            Set<Node> readCopies) {
        this.b = b;
        this.readCopies = readCopies;
        this.saves = new SavedValues(b);
        this.closedForms = closedForms;
        this.savedLoops = savedLoops;
        this.outputStandIns = outputStandIns;
        this.savedCallArguments = savedCallArguments;
        this.isActive = isActive;
        this.activeCopies = activeCopies;
    }

    /**
     * Values of a loop step that recomputing the step would get wrong: elements read from arrays
     * created outside the step (later iterations may have overwritten them), and the outputs of
     * inner loops that read such elements.
     */
    void collectUnrecomputable(Region region, Region step, List<Node> out) {
        for (Node n : region.nodes) {
            if (readsOutside(n, step) || savesItsResult(n)) out.add(n);
            if (n.op == Op.SELECT) for (Region b : n.branches) collectUnrecomputable(b, step, out);
            // an inner loop's outputs are saved rather than recomputed when it reads such elements,
            // or when it writes nothing (then saving them spares re-running it on the way back)
            if (n.op == Op.LOOP && (loopReadsOutside(n.branches.get(0), step) || !writes(n))) {
                int carried = savedLoops.get(n).slots().size();
                for (Node p : projections(n)) if (p.index() < carried && !hasClosedExit(n, p.index())) out.add(p);
            }
        }
    }

    /**
     * A call whose derivative is a function of its result (exp, tanh, sqrt), or a call of a
     * scalar helper whose {@code fAdd} takes its adjoint ({@link ForwardSweep#addsInBackward}):
     * saved, so the backward iteration reads it instead of calling it again (a stack slot against
     * a call, the helper's whole body for the other); a save nothing takes back is pruned.
     */
    static boolean savesItsResult(Node n) {
        if (n.op == Op.CALL) return n.type == Type.DOUBLE && ForwardSweep.addsInBackward(n);
        return n.op == Op.MATH
                && n.type == Type.DOUBLE
                && n.mathCall().function().derivativeFromResult();
    }

    private static boolean writes(Node structured) {
        for (Region r : structured.branches) {
            for (Node n : r.nodes) {
                if (n.op == Op.ARRAY_STORE || (n.op.isStructured() && writes(n))) return true;
            }
        }
        return false;
    }

    /** An element read from, or a copy made of, an array created outside the step that may change. */
    private static boolean readsOutside(Node n, Region step) {
        boolean read = n.op == Op.ARRAY_READ && !n.type.isArray() || n.op == Op.COPY;
        return read && ArrayValues.isMutable(n.arg(0)) && !step.encloses(ArrayValues.base(n.arg(0)).region);
    }

    private static boolean loopReadsOutside(Region region, Region step) {
        for (Node n : region.nodes) {
            if (readsOutside(n, step)) return true;
            for (Region b : n.branches) if (loopReadsOutside(b, step)) return true;
        }
        return false;
    }

    /**
     * Re-creates the nodes of a forward region in the current one, without its saves. Values in
     * {@code overrides} were saved instead. Stores are repeated, so that their adjoints run in the
     * backward sweep; nothing reads what they write again (such reads were saved).
     */
    void recompute(Region region, Map<Node, Node> copies, Map<Node, Node> overrides) {
        for (Node n : List.copyOf(region.nodes)) recomputeNode(n, copies, overrides);
    }

    void recomputeNode(Node n, Map<Node, Node> copies, Map<Node, Node> overrides) {
        Node saved = overrides.get(n);
        if (saved != null && n.op == Op.COPY) {
            // the saved contents, standing where the copy was made
            Node contents = saves.savedCopy(saved, copies.getOrDefault(n.arg(0), n.arg(0)));
            if (readCopies.contains(n)) readCopies.add(contents);
            copied(n, contents, copies);
            return;
        }
        if (saved != null && n.op == Op.MATH) {
            Node result = saves.savedMath(saved, n.mathCall());
            savedCallArguments.put(result, copies.getOrDefault(n.arg(0), n.arg(0)));
            copied(n, result, copies);
            return;
        }
        if (saved != null && n.op == Op.CALL) {
            // the saved result; the backward sweep calls fAdd with the arguments computed again
            List<Node> args = new ArrayList<>();
            for (Node a : n.args) args.add(copies.getOrDefault(a, a));
            copied(n, saves.savedCall(saved, n.callee(), args), copies);
            return;
        }
        if (saved != null && n.op == Op.ARRAY_READ) {
            // the saved value, standing where the read stood: its adjoint still goes to that element
            copied(
                    n,
                    saves.savedRead(
                            saved, copies.getOrDefault(n.arg(0), n.arg(0)), copies.getOrDefault(n.arg(1), n.arg(1))),
                    copies);
            return;
        }
        switch (n.op) {
            case LOOP_PARAM, PROJ, PUSH -> {}
            case SELECT -> {
                Node copy = RegionCopy.select(
                        b,
                        n,
                        copies.getOrDefault(n.arg(0), n.arg(0)),
                        from -> recompute(from, copies, overrides),
                        r -> copies.getOrDefault(r, r));
                copies.put(n, copy);
                for (Node p : projections(n)) copied(p, b.project(copy, p.index(), p.type), copies);
            }
            case LOOP -> {
                List<Node> init = new ArrayList<>();
                for (Node a : n.args) init.add(copies.getOrDefault(a, a));
                Node copy = RegionCopy.loop(
                        b,
                        n,
                        init,
                        (p, c) -> copied(p, c, copies),
                        step -> recompute(step, copies, overrides),
                        r -> copies.getOrDefault(r, r));
                for (Node p : projections(n)) {
                    Node out = b.project(copy, p.index(), p.type);
                    copied(p, out, copies);
                    if (overrides.containsKey(p)) {
                        copies.put(p, overrides.get(p)); // saved, not recomputed
                        outputStandIns.put(out, overrides.get(p));
                    } else if (hasClosedExit(n, p.index())) {
                        copies.put(
                                p, closedForms.closedExit(n, p.index(), copies)); // the loop need not run again for it
                    }
                }
                // the copy saved the same values, known now by their copies
                SavedLoop original = savedLoops.get(n);
                List<Node> values = new ArrayList<>();
                for (Node v : original.values()) values.add(copies.getOrDefault(v, v));
                Node test = original.plainTest() == null ? null : copies.get(original.plainTest());
                savedLoops.put(
                        copy,
                        new SavedLoop(
                                original.forward(),
                                original.slots(),
                                values,
                                original.valueSaves(),
                                original.count(),
                                test,
                                original.finals()));
            }
            default -> {
                // an argument check ran in the forward sweep: a recomputed iteration need not check again
                if (n.isStatementCall()) return;
                List<Node> args = new ArrayList<>();
                for (Node a : n.args) args.add(copies.getOrDefault(a, a));
                Node copy = Replay.apply(b, n, args);
                if (readCopies.contains(n) && copy.op == Op.COPY) readCopies.add(copy); // written by no one either
                copied(n, copy, copies);
            }
        }
    }

    private void copied(Node original, Node copy, Map<Node, Node> copies) {
        copies.put(original, copy);
        if (original.hint() != null) copy.nameAfter(original.hint());
        if (isActive.test(original)) activeCopies.add(copy);
    }
}
