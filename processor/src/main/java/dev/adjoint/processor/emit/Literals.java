package dev.adjoint.processor.emit;

import dev.adjoint.processor.graph.Node;

/** Java literals for constants, spelled the way a person would write them. */
final class Literals {
    private Literals() {}

    static Expr of(Node c) {
        if (c.constValue() == null) return Expr.primary("null");
        if (c.type == dev.adjoint.processor.graph.Type.REFERENCE) return Expr.primary("$S", c.constValue());
        String text = switch (c.type) {
            case DOUBLE -> doubleLiteral(c.constDouble());
            case LONG -> c.constValue() + "L";
            default -> c.constValue().toString();
        };
        return new Expr(
                com.palantir.javapoet.CodeBlock.of("$L", text), text.startsWith("-") ? Expr.UNARY : Expr.PRIMARY);
    }

    private static String doubleLiteral(double v) {
        if (Double.isNaN(v)) return "Double.NaN";
        if (v == Double.POSITIVE_INFINITY) return "Double.POSITIVE_INFINITY";
        if (v == Double.NEGATIVE_INFINITY) return "Double.NEGATIVE_INFINITY";
        return Double.toString(v);
    }
}
