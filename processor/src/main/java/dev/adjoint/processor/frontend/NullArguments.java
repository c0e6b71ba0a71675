package dev.adjoint.processor.frontend;

import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Type;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code null} passed for an array parameter that carries no derivative ({@code int[]},
 * {@code long[]}, {@code boolean[]}, …), as Boost's {@code lgamma(z, null)} says "no sign wanted":
 * a constant, the null array of the parameter's type. For a {@code double[]} or {@code double[][]}
 * parameter it stays an error: its adjoint would have no shape to take.
 */
final class NullArguments {
    static final String HINT = "pass an actual array (null is accepted only for an int[], long[], boolean[], "
            + "short[], char[] or byte[] parameter, which carries no derivative)";

    private NullArguments() {}

    /** Puts the null array of its parameter's type at each of {@code nulls}; false when one's parameter is not such an array. */
    static boolean typed(GraphBuilder b, ExecutableElement m, List<Node> args, List<Integer> nulls) {
        for (int i : nulls) {
            Type t = Types2.of(m.getParameters().get(i).asType());
            if (t == null || !t.isArray() || t.isFloating()) return false;
            args.set(i, b.zero(t));
        }
        return true;
    }
}
