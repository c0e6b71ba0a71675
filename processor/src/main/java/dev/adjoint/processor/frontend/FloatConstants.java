package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Float constants: the one use of {@code float} the subset computes with. A float literal, or a
 * constant variable of type float (JLS 4.12.4: {@code final float Y = 0.0891f;}, a local or a field),
 * is a named float literal: next to a double Java widens it exactly, so the graph holds its value as a
 * double constant. Float arithmetic (a float next to a float or an integer) rounds to float, which the
 * graph does not model: that stays an error, at the expression.
 */
final class FloatConstants {
    private FloatConstants() {}

    /** The value of a float literal, signed or parenthesized; null for any other expression. */
    static Float literal(ExpressionTree e) {
        return switch (e.getKind()) {
            case FLOAT_LITERAL -> (Float) ((LiteralTree) e).getValue();
            case PARENTHESIZED -> literal(((ParenthesizedTree) e).getExpression());
            case UNARY_PLUS -> literal(((UnaryTree) e).getExpression());
            case UNARY_MINUS -> {
                Float f = literal(((UnaryTree) e).getExpression());
                yield f == null ? null : -f;
            }
            default -> null;
        };
    }

    /** The value of a local declared {@code final float NAME = <float literal>}; null for any other declaration. */
    static Float declared(VariableTree v) {
        boolean isFloat = v.getType() instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.FLOAT;
        if (!isFloat || !v.getModifiers().getFlags().contains(Modifier.FINAL) || v.getInitializer() == null)
            return null;
        return literal(v.getInitializer());
    }

    /** The value of a constant field of type float ({@code static final float C = 1.5f;}); null otherwise. */
    static Float field(VariableElement field) {
        return field.asType().getKind() == TypeKind.FLOAT && field.getConstantValue() instanceof Float f ? f : null;
    }
}
