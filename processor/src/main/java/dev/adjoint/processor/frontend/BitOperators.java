package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Type;

/**
 * The bit operators ({@code & | ^ ~ << >> >>>} and their compound assignments): on integers they
 * are piecewise constant, like a cast to {@code int}, so they carry no derivative and take
 * values computed from differentiated ones freely; a {@code double} rebuilt from such bits is the
 * bit-reinterpretation error, as for any integer. On booleans, {@code & | ^} are the eager logical
 * operators.
 */
final class BitOperators {
    private BitOperators() {}

    /** The operator of a binary bit operator's tree or of its compound assignment; null for another kind. */
    static String of(Tree.Kind kind) {
        return switch (kind) {
            case AND, AND_ASSIGNMENT -> "&";
            case OR, OR_ASSIGNMENT -> "|";
            case XOR, XOR_ASSIGNMENT -> "^";
            case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> "<<";
            case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> ">>";
            case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
            default -> null;
        };
    }

    /** {@code l op r} as Java computes it, or null when Java would reject the operand types. */
    static Node apply(GraphBuilder b, String op, Node l, Node r) {
        boolean shift = op.startsWith("<") || op.startsWith(">");
        if (l.type == Type.BOOLEAN && r.type == Type.BOOLEAN && !shift) {
            return switch (op) {
                case "&" -> b.and(l, r);
                case "|" -> b.or(l, r);
                default -> b.compare(Op.NE, l, r);
            };
        }
        if (!integral(l.type) || !integral(r.type)) return null;
        // a shift has the type of the value shifted; the other operators promote both operands
        if (shift) return b.bitwise(op, l, r);
        Type common = Type.promote(l.type, r.type);
        return b.bitwise(op, b.cast(l, common), b.cast(r, common));
    }

    /** {@code ~v}: every bit flipped, {@code v ^ -1}. */
    static Node complement(GraphBuilder b, Node v) {
        if (!integral(v.type)) return null;
        return b.bitwise("^", v, b.constant(v.type, v.type == Type.INT ? (Object) (-1) : (Object) (-1L)));
    }

    private static boolean integral(Type t) {
        return t == Type.INT || t == Type.LONG;
    }
}
