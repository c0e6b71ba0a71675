package dev.adjoint.processor.modes;

import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Type;

/**
 * The table of derivative rules that serves both modes: for a node {@code y = op(x0, x1, …)},
 * {@link #partial} builds ∂y/∂x_i as graph nodes. Forward mode emits ẏ = Σ ∂y/∂x_i · ẋ_i;
 * reverse mode emits x̄_i += ∂y/∂x_i · ȳ. Math functions take their row from
 * {@link MathFunction}, calls with user-written rules ({@code @DerivativeOf}) theirs from the
 * rule methods; calls to other differentiable methods and array reads are handled by
 * the modes, which reach through the generated API and adjoint arrays.
 */
public final class DerivativeRules {
    private DerivativeRules() {}

    /** Whether {@code y} depends differentiably on its arguments at all. */
    public static boolean isDifferentiable(Node y) {
        return switch (y.op) {
            case ADD, SUB, MUL, DIV, REM, NEG -> y.type == Type.DOUBLE;
            case CAST -> y.type == Type.DOUBLE && y.arg(0).type == Type.DOUBLE;
            case MATH -> y.mathCall().function().hasDerivative();
            case CALL_CONST -> y.type == Type.DOUBLE && y.method().hasRules();
            default -> false;
        };
    }

    /** ∂y/∂x_i, built in the builder's current region. Only called for active arguments. */
    public static Node partial(GraphBuilder b, Node y, int i) {
        return switch (y.op) {
            case ADD -> b.constant(1);
            case SUB -> b.constant(i == 0 ? 1 : -1);
            case MUL -> y.arg(1 - i);
            // y = a / b: ∂a = 1/b, ∂b = -a/b² = -y/b
            case DIV -> i == 0 ? b.div(b.constant(1), y.arg(1)) : b.neg(b.div(y, y.arg(1)));
            // y = a % b = a - b·trunc(a/b): ∂a = 1, ∂b = -trunc(a/b) = -(a - y)/b
            case REM -> i == 0 ? b.constant(1) : b.neg(b.div(b.sub(y.arg(0), y), y.arg(1)));
            case NEG -> b.constant(-1);
            case CAST -> b.constant(1);
            case MATH -> y.mathCall().function().partial(b, y, i);
            // a user's rule (@DerivativeOf): the same arguments, ∂y/∂x_i out; a double[] for an array
            // argument, which the modes take element-wise (forward: a dot product with the tangent)
            case CALL_CONST -> b.callConst(y.method().partial(i), y.arg(i).type, y.args);
            default -> throw new IllegalArgumentException("no derivative rule for " + y);
        };
    }
}
