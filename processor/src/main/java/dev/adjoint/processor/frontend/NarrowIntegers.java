package dev.adjoint.processor.frontend;

import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Type;
import javax.lang.model.type.TypeKind;

/**
 * {@code short}, {@code char} and {@code byte}: integers, so piecewise constant like {@code int}.
 * Java computes with them as {@code int}s (every operand is promoted), so the graph holds such a
 * variable as an {@code int} and narrows what is stored into it (a cast, a compound assignment,
 * {@code ++}) with bit operations, exactly as the conversion does: {@code (short) v} is
 * {@code v << 16 >> 16}, {@code (byte) v} is {@code v << 24 >> 24}, {@code (char) v} is
 * {@code v & 0xFFFF}, after a {@code double} or {@code long} has become an {@code int} (JLS 5.1.3).
 * Arrays of them, and of {@code long} and {@code boolean}, are read as constants.
 */
final class NarrowIntegers {
    private NarrowIntegers() {}

    /** {@code short}, {@code char} or {@code byte} when {@code type} is one of them; else null. */
    static String of(Tree type) {
        return type instanceof PrimitiveTypeTree p ? of(p.getPrimitiveTypeKind()) : null;
    }

    static String of(TypeKind kind) {
        return switch (kind) {
            case SHORT -> "short";
            case CHAR -> "char";
            case BYTE -> "byte";
            default -> null;
        };
    }

    /** The array type read as a constant whose elements are of {@code kind}, or null. */
    static Type readOnlyArray(TypeKind kind) {
        return switch (kind) {
            case LONG -> Type.LONG_ARRAY;
            case BOOLEAN -> Type.BOOLEAN_ARRAY;
            case SHORT -> Type.SHORT_ARRAY;
            case CHAR -> Type.CHAR_ARRAY;
            case BYTE -> Type.BYTE_ARRAY;
            default -> null;
        };
    }

    /** {@code (narrow) v}, as an int; {@code v} is numeric. */
    static Node narrow(GraphBuilder b, Node v, String narrow) {
        if (isNarrowed(v, narrow)) return v; // (short) (short) v is (short) v: a cast stored into a short
        Node i = b.cast(v, Type.INT);
        return switch (narrow) {
            case "char" -> b.bitwise("&", i, b.constant(Type.INT, 0xFFFF));
            case "short" -> b.bitwise(">>", b.bitwise("<<", i, b.constant(Type.INT, 16)), b.constant(Type.INT, 16));
            default -> b.bitwise(">>", b.bitwise("<<", i, b.constant(Type.INT, 24)), b.constant(Type.INT, 24));
        };
    }

    /** Whether {@code v} is already the narrowing to {@code narrow} of some int. */
    private static boolean isNarrowed(Node v, String narrow) {
        if (v.op != Op.BITWISE) return false;
        if (narrow.equals("char")) return v.bitOperator().equals("&") && isInt(v.arg(1), 0xFFFF);
        int width = narrow.equals("short") ? 16 : 24;
        Node left = v.arg(0);
        return v.bitOperator().equals(">>")
                && isInt(v.arg(1), width)
                && left.op == Op.BITWISE
                && left.bitOperator().equals("<<")
                && isInt(left.arg(1), width);
    }

    private static boolean isInt(Node n, int value) {
        return n.isConst() && n.type == Type.INT && n.constInt() == value;
    }
}
