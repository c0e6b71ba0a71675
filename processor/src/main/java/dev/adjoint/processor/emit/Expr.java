package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;

/** Java source for an expression and its operator precedence, so parentheses go only where needed. */
record Expr(CodeBlock code, int precedence) {
    static final int TERNARY = 2,
            OR = 3,
            AND = 4,
            BIT_OR = 5,
            BIT_XOR = 6,
            BIT_AND = 7,
            EQUALITY = 8,
            RELATIONAL = 9,
            SHIFT = 10,
            ADDITIVE = 11,
            MULTIPLICATIVE = 12,
            UNARY = 14,
            PRIMARY = 15;

    static Expr primary(String format, Object... args) {
        return new Expr(CodeBlock.of(format, args), PRIMARY);
    }

    /** This expression as an operand needing at least {@code min} precedence. */
    CodeBlock atLeast(int min) {
        return precedence >= min ? code : CodeBlock.of("($L)", code);
    }
}
