package dev.adjoint.processor.frontend;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import java.util.List;

/**
 * {@code @Checkpointed} on the counter of a {@code for} loop: where the front end finds it, and
 * what the loop must be for reverse mode to checkpoint it ({@code modes/reverse/Checkpointing}):
 * a counted loop of the method's body itself, calling no other method, in a method that returns a
 * {@code double} and is differentiated once. Each violation is a reason, reported at the loop.
 */
final class CheckpointedLoops {
    private CheckpointedLoops() {}

    /** The {@code @Checkpointed} annotation on the counter of {@code loop}, or null. */
    static AnnotationTree annotation(ForLoopTree loop) {
        for (StatementTree init : loop.getInitializer()) {
            if (!(init instanceof VariableTree v)) continue;
            for (AnnotationTree a : v.getModifiers().getAnnotations()) {
                String name = a.getAnnotationType().toString();
                if (name.equals("Checkpointed") || name.equals("dev.adjoint.Checkpointed")) return a;
            }
        }
        return null;
    }

    /** The expression given as {@code every}, or null for the default. */
    static ExpressionTree every(AnnotationTree a) {
        for (ExpressionTree arg : a.getArguments()) {
            if (arg instanceof AssignmentTree assign) return assign.getExpression();
        }
        return null;
    }

    /**
     * Why {@code loop}, just built, cannot be checkpointed, or null when it can. {@code nested}:
     * it stands inside another loop or a branch; {@code vector}: the method returns
     * {@code double[]}; {@code twice}: the method is differentiated twice.
     */
    static String whyNot(Node loop, boolean nested, boolean vector, boolean twice) {
        if (nested)
            return "a loop inside another loop or a branch (an earlier return or throw puts the rest of the body in one)|put it on the outermost time loop of the method's body, before any early return or throw (move argument checks that throw after the loop, or into the caller)";
        if (vector)
            return "a method that returns double[]|its Jacobian runs the backward sweep once per output, which a checkpointed loop cannot replay; return a double";
        if (twice)
            return "a method differentiated twice (order = 2, or called by one)|remove @Checkpointed, or order = 2";
        LoopShapes.Counted counted = LoopShapes.countedShape(loop, LoopShapes.plainTest(loop));
        if (counted == null || Math.abs(counted.step()) != 1)
            return "a loop that is not counted|write it for (int i = a; i < n; i++) (or <=, or i-- against > or >=) with n fixed before the loop (a bound that calls a method or uses ?: is evaluated again at every test: compute it into a local before the loop, int n = ...;)";
        List<Node> calls = new java.util.ArrayList<>();
        Graph.forEach(loop.branches.get(0), n -> {
            if (n.op == Op.CALL || n.op == Op.CALL_REVERSE) calls.add(n);
        });
        if (!calls.isEmpty())
            return "a loop that calls another method|write the callee's computation in the loop's body, or leave the loop unannotated";
        return null;
    }
}
