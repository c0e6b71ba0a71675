package dev.adjoint.processor.modes;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Region;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Copying a SELECT or a LOOP with its regions, the one way every copier does it: the modes
 * copying the primal ({@link Transform}) and reverse mode computing a loop step again. The caller
 * says how a region's nodes are copied ({@code fill}) and which copy stands for each of its
 * results ({@code resultOf}); the copy's outputs are the caller's to project.
 */
public final class RegionCopy {
    private RegionCopy() {}

    /** A SELECT on {@code condition} whose branches are {@code select}'s, each filled by {@code fill}, then given its results. */
    public static Node select(
            GraphBuilder b, Node select, Node condition, Consumer<Region> fill, UnaryOperator<Node> resultOf) {
        Node copy = b.select(condition);
        for (int j = 0; j < 2; j++) into(b, select.branches.get(j), copy.branches.get(j), fill, resultOf);
        return copy;
    }

    /**
     * A LOOP starting from {@code initial} whose step is {@code loop}'s: each LOOP_PARAM of
     * {@code loop} is handed with its copy to {@code param}, then the step is filled by {@code fill}
     * and given its results.
     */
    public static Node loop(
            GraphBuilder b,
            Node loop,
            List<Node> initial,
            BiConsumer<Node, Node> param,
            Consumer<Region> fill,
            UnaryOperator<Node> resultOf) {
        Node copy = b.loop(initial);
        for (Node p : LoopShapes.params(loop)) param.accept(p, b.loopParam(copy, p.index(), p.type));
        into(b, loop.branches.get(0), copy.branches.get(0), fill, resultOf);
        return copy;
    }

    private static void into(
            GraphBuilder b, Region from, Region to, Consumer<Region> fill, UnaryOperator<Node> resultOf) {
        b.in(to, () -> {
            fill.accept(from);
            for (Node r : from.results) to.results.add(resultOf.apply(r));
        });
    }
}
