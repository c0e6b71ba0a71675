package dev.adjoint.processor.modes;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Replay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a primal graph into a new one, node by node in evaluation order, letting a mode add its
 * derivative nodes next to each copied node and lower calls its own way. Copying re-runs
 * merging and folding, so the copy is as small as the original.
 */
public abstract class Transform {
    protected final Graph target = new Graph();
    protected final GraphBuilder b = new GraphBuilder(target);
    private final Map<Node, Node> copies = new HashMap<>();

    protected Node copyOf(Node original) {
        Node c = copies.get(original);
        if (c == null) throw new IllegalStateException("not copied yet: " + original);
        return c;
    }

    protected List<Node> copiesOf(List<Node> originals) {
        List<Node> out = new ArrayList<>(originals.size());
        for (Node o : originals) out.add(copyOf(o));
        return out;
    }

    protected void remember(Node original, Node copy) {
        copies.put(original, copy);
        if (original.hint() != null) copy.nameAfter(original.hint());
    }

    protected void copyRegion(Region original) {
        for (Node n : List.copyOf(original.nodes)) {
            b.at(n.line); // the copy, and the derivative code added beside it, come from the original's line
            beforeCopy(n);
            switch (n.op) {
                case PROJ, LOOP_PARAM -> {} // created with their SELECT or LOOP
                case SELECT -> copySelect(n);
                case LOOP -> copyLoop(n);
                case CALL -> copyCall(n);
                case STACK, PUSH, POP, SAVED_READ, SAVED_COPY, SAVED_MATH, SAVED_CALL -> copySaved(n);
                default -> {
                    Node c = Replay.apply(b, n, copiesOf(n.args));
                    remember(n, c);
                    afterCopy(n, c);
                }
            }
            afterCopyOf(n);
        }
    }

    /** Called before any node of a region is copied (a mode may add nodes before its copy). */
    protected void beforeCopy(Node original) {}

    /** Called after any node of a region is copied, structured ones included. */
    protected void afterCopyOf(Node original) {}

    /** A copy of {@code select} with its branches copied, before its outputs are projected. */
    protected Node copyWithBranches(Node select) {
        return RegionCopy.select(b, select, copyOf(select.arg(0)), this::copyRegion, this::copyOf);
    }

    /** The LOOP_PARAM nodes of {@code loop}, in slot order. */
    protected static List<Node> loopParams(Node loop) {
        return LoopShapes.params(loop);
    }

    /** PROJ nodes that read the outputs of {@code select} (a SELECT or a LOOP), in output order. */
    public static List<Node> projections(Node select) {
        List<Node> out = new ArrayList<>();
        for (Node n : select.region.nodes) {
            if (n.op == Op.PROJ && n.arg(0) == select) out.add(n);
        }
        out.sort((x, y) -> Integer.compare(x.index(), y.index()));
        return out;
    }

    protected abstract void copySelect(Node select);

    protected abstract void copyLoop(Node loop);

    protected abstract void copyCall(Node call);

    /**
     * Copies a node that saves a value for a backward sweep or takes it back: only a graph that
     * has a backward sweep holds them, and only a transformation of such a graph copies them.
     */
    protected void copySaved(Node saved) {
        throw new IllegalArgumentException("saved values are copied only from reverse-mode graphs: " + saved);
    }

    /** Called after each plain node is copied. */
    protected abstract void afterCopy(Node original, Node copy);
}
