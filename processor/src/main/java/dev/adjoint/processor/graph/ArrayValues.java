package dev.adjoint.processor.graph;

import java.util.List;

/**
 * Which arrays a method may write: those it creates or copies, never a parameter or a field; and
 * the shared zero tangent of an array without one.
 */
public final class ArrayValues {
    private ArrayValues() {}

    /** The array a row or element read starts from: {@code m} for {@code m[i]}. */
    /** Marks a ZEROS_LIKE that is the tangent of an array given to a scalar callee's {@code fTangent}: see {@link #zeroTangent}. */
    public static final String ZERO_TANGENT = "zeroTangent";

    /**
     * The tangent of an array without one, given to a scalar callee's {@code fTangent}, which only
     * reads it: the runtime hands out the same zeros of a length again ({@code Adjoints.zeroTangent}).
     */
    public static Node zeroTangent(GraphBuilder b, Node array) {
        return b.fresh(Op.ZEROS_LIKE, array.type, ZERO_TANGENT, List.of(array));
    }

    public static Node base(Node array) {
        Node a = array;
        while (a.op == Op.ARRAY_READ) a = a.arg(0);
        return a;
    }

    /** Whether the contents of {@code array} can change while the method runs. */
    public static boolean isMutable(Node array) {
        Node base = base(array);
        return switch (base.op) {
            case NEW_ARRAY, COPY, ZEROS_LIKE, SAVED_COPY -> true;
            case PROJ -> true; // an array chosen by ?: may be one of those
            default -> false;
        };
    }
}
