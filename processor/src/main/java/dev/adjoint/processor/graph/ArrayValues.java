package dev.adjoint.processor.graph;

/** Which arrays a method may write: those it creates or copies, never a parameter or a field. */
public final class ArrayValues {
    private ArrayValues() {}

    /** The array a row or element read starts from: {@code m} for {@code m[i]}. */
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
