package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How a value reads in Java: the name of its local, once it has one, or else its expression,
 * with parentheses only where precedence needs them.
 */
final class Expressions {
    private final Placement placement;
    private final Names names;
    private final Function<Refs.Param, String> paramName;
    private final Function<Refs.Param, String> tangentName;
    private final Map<Node, String> locals = new HashMap<>();
    private int temps;
    /** The arrays borrowed from {@code ScratchArrays}, and the local holding this thread's instance. */
    private Set<Node> borrowed = Set.of();

    private String scratch;

    Expressions(
            Placement placement,
            Names names,
            Function<Refs.Param, String> paramName,
            Function<Refs.Param, String> tangentName) {
        this.placement = placement;
        this.names = names;
        this.paramName = paramName;
        this.tangentName = tangentName;
    }

    /** The arrays in {@code borrowed} are taken from the {@code ScratchArrays} in local {@code scratch}. */
    void borrowing(Set<Node> borrowed, String scratch) {
        this.borrowed = borrowed;
        this.scratch = scratch;
    }

    /** The local of {@code n}, named now if it has none yet. */
    String local(Node n) {
        return locals.computeIfAbsent(n, k -> fresh(k.hint()));
    }

    /** The local of {@code n}, or null if it has none (yet). */
    String localOf(Node n) {
        return locals.get(n);
    }

    /** Gives {@code n} the local {@code name}, which another value may share (a loop variable and its value after the loop). */
    void name(Node n, String name) {
        locals.put(n, name);
    }

    /** The locals of the nodes of {@code region} and of the regions nested in it. */
    Map<Node, String> namesIn(Region region) {
        Map<Node, String> out = new HashMap<>();
        Graph.forEach(region, n -> {
            String local = locals.get(n);
            if (local != null) out.put(n, local);
        });
        return out;
    }

    /**
     * Forgets the locals of the nodes of {@code region} and of the regions nested in it, then
     * gives them {@code names}: the region is about to be printed again, as another copy.
     */
    void renameIn(Region region, Map<Node, String> names) {
        Graph.forEach(region, locals::remove);
        locals.putAll(names);
    }

    /** A new local's name after the user's variable {@code hint}, or a numbered temporary. */
    String fresh(String hint) {
        return names.fresh(hint != null ? hint : "tmp" + ++temps);
    }

    Expr render(Node n) {
        String local = locals.get(n);
        if (local != null) return Expr.primary("$L", local);
        if (!placement.inline(n) && n.op != Op.PROJ)
            throw new IllegalStateException("used before it is computed: " + n);
        return expression(n);
    }

    /**
     * {@code switch (kind) { case "linear" -> 0; case "cubic", "quartic" -> 1; default -> -1; }}:
     * which case a switch on a String or an enum takes ({@link Refs.CaseIndex}); the selector is a
     * parameter, or a field the generated class names (never one read through a VarHandle).
     */
    private Expr caseIndex(Node n) {
        Refs.CaseIndex cases = n.method().cases();
        CodeBlock.Builder out = CodeBlock.builder().add("switch ($L) {", code(n.arg(0)));
        for (int i = 0; i < cases.labels().size(); i++) {
            if (!cases.labels().get(i).isEmpty())
                out.add(" case $L -> $L;", String.join(", ", cases.labels().get(i)), i);
        }
        out.add(" default -> -1; }");
        return new Expr(out.build(), Expr.TERNARY);
    }

    CodeBlock code(Node n) {
        return render(n).code();
    }

    Expr expression(Node n) {
        return switch (n.op) {
            case CONST -> Literals.of(n);
            case PARAM -> Expr.primary("$L", paramName.apply(n.param()));
            case TANGENT_PARAM -> Expr.primary("$L", tangentName.apply(n.param()));
            case FIELD ->
                switch (n.field().access()) {
                    case STATIC ->
                        Expr.primary("$T.$L", n.field().owner(), n.field().name());
                    case RECEIVER ->
                        Expr.primary("$L.$L", JavaEmitter.RECEIVER, n.field().name());
                    case RECEIVER_HANDLE ->
                        Expr.primary(
                                "(($T) $L.get($L))",
                                FieldHandles.javaType(n),
                                n.field().handleName(),
                                JavaEmitter.RECEIVER);
                    case COPIED_TABLE -> Expr.primary("$L", n.field().handleName());
                    case STATIC_HANDLE ->
                        Expr.primary(
                                "(($T) $L.get())",
                                FieldHandles.javaType(n),
                                n.field().handleName());
                };
            case ADD -> binary(n, "+", Expr.ADDITIVE);
            case BITWISE ->
                binary(
                        n,
                        n.bitOperator(),
                        switch (n.bitOperator()) {
                            case "&" -> Expr.BIT_AND;
                            case "^" -> Expr.BIT_XOR;
                            case "|" -> Expr.BIT_OR;
                            default -> Expr.SHIFT;
                        });
            case SUB -> binary(n, "-", Expr.ADDITIVE);
            case MUL -> product(n);
            case DIV -> binary(n, "/", Expr.MULTIPLICATIVE);
            case REM -> binary(n, "%", Expr.MULTIPLICATIVE);
            case LT -> binary(n, "<", Expr.RELATIONAL);
            case LE -> binary(n, "<=", Expr.RELATIONAL);
            case GT -> binary(n, ">", Expr.RELATIONAL);
            case GE -> binary(n, ">=", Expr.RELATIONAL);
            case EQ -> binary(n, "==", Expr.EQUALITY);
            case NE -> binary(n, "!=", Expr.EQUALITY);
            case NEG -> new Expr(CodeBlock.of("-$L", render(n.arg(0)).atLeast(Expr.PRIMARY)), Expr.UNARY);
            case NOT -> new Expr(CodeBlock.of("!$L", render(n.arg(0)).atLeast(Expr.PRIMARY)), Expr.UNARY);
            case CAST ->
                new Expr(
                        CodeBlock.of(
                                "($T) $L", n.type.javaType, render(n.arg(0)).atLeast(Expr.PRIMARY)),
                        Expr.UNARY);
            case CHOOSE -> ternary(render(n.arg(0)), render(n.arg(1)), render(n.arg(2)));
            case MATH -> {
                MathFunction.Call call = n.mathCall();
                ClassName owner = call.library() != null
                        ? ClassName.bestGuess(call.library())
                        : call.strict() ? JavaEmitter.STRICT_MATH : JavaEmitter.MATH;
                yield Expr.primary("$T.$L($L)", owner, call.function().javaName(), arguments(n.args));
            }
            case ARRAY_READ -> Expr.primary("$L[$L]", render(n.arg(0)).atLeast(Expr.PRIMARY), code(n.arg(1)));
            case ARRAY_LENGTH -> Expr.primary("$L.length", render(n.arg(0)).atLeast(Expr.PRIMARY));
            // a private method of the receiver: the accessor takes the receiver first
            case CALL_CONST ->
                n.method().cases() != null
                        ? caseIndex(n)
                        : n.method().hidden() != null && n.method().onReceiver()
                                ? Expr.primary(
                                        "$T.$L($L)",
                                        n.method().owner(),
                                        n.method().name(),
                                        receiverFirst(n.args, true))
                                : n.method().onReceiver()
                                        ? Expr.primary(
                                                "$L.$L($L)",
                                                JavaEmitter.RECEIVER,
                                                n.method().name(),
                                                arguments(n.args))
                                        : Expr.primary(
                                                "$T.$L($L)",
                                                n.method().owner(),
                                                n.method().name(),
                                                arguments(n.args));
            // a vector-valued callee, or a scalar one whose fAdd the backward sweep calls, called for its
            // value in reverse mode's forward sweep
            // (an instance method of the receiver: self.f(...), the primal itself)
            case CALL ->
                n.callee().onReceiver()
                        ? Expr.primary(
                                "$L.$L($L)", JavaEmitter.RECEIVER, n.callee().method(), arguments(n.args))
                        : Expr.primary(
                                "$T.$L($L)",
                                n.callee().vector()
                                        ? n.callee().vectorOwner()
                                        : n.callee().valueOwner(),
                                n.callee().method(),
                                receiverFirst(n));
            case CALL_ADJOINT ->
                Expr.primary("$T.$L($L)", n.callee().gradClass(), n.callee().method(), receiverFirst(n));
            case CALL_REVERSE ->
                Expr.primary("$T.$L($L)", n.callee().gradClass(), n.callee().method(), receiverFirst(n));
            case CALL_TANGENT ->
                Expr.primary("$T.$L($L)", n.callee().gradClass(), n.callee().tangentMethod(), receiverFirst(n));
            case GET -> Expr.primary("$L.$L()", render(n.arg(0)).atLeast(Expr.PRIMARY), n.accessor());
            case ZEROS_LIKE ->
                borrowed.contains(n)
                        ? Expr.primary(
                                "$L.zeros($L.length)", scratch, render(n.arg(0)).atLeast(Expr.PRIMARY))
                        : n.isZeroTangent()
                                ? Expr.primary("$T.zeroTangent($L)", JavaEmitter.ADJOINTS, code(n.arg(0)))
                                : n.type == Type.DOUBLE_ARRAY
                                        ? Expr.primary(
                                                "new double[$L.length]",
                                                render(n.arg(0)).atLeast(Expr.PRIMARY))
                                        : Expr.primary("$T.zerosLike($L)", JavaEmitter.ADJOINTS, code(n.arg(0)));
            case PROJ -> selectExpression(n);
            case AND -> binary(n, "&", Expr.BIT_AND);
            case SAVED_READ, SAVED_COPY, SAVED_MATH, SAVED_CALL -> render(n.arg(0));
            case NEW_ARRAY -> {
                if (borrowed.contains(n)) yield Expr.primary("$L.zeros($L)", scratch, code(n.arg(0)));
                CodeBlock.Builder dims = CodeBlock.builder();
                for (Node d : n.args) dims.add("[$L]", code(d));
                TypeName element = n.type == Type.INT_ARRAY ? TypeName.INT : TypeName.DOUBLE;
                yield Expr.primary("new $T$L", element, dims.build());
            }
            case COPY -> {
                if (n.type == Type.DOUBLE_MATRIX)
                    yield Expr.primary("$T.copy($L)", JavaEmitter.ADJOINTS, code(n.arg(0)));
                Expr copy = Expr.primary("$L.clone()", render(n.arg(0)).atLeast(Expr.PRIMARY));
                // an int[] (…) parameter the method writes may be null where the caller wants no output
                // (lgamma(z, null)): the copy is null too, and the write throws where the method's does
                if (!n.type.isFloating() && n.isCopyOfWrittenParameter())
                    yield new Expr(
                            CodeBlock.of(
                                    "$L == null ? null : $L", render(n.arg(0)).atLeast(Expr.EQUALITY), copy.code()),
                            Expr.TERNARY);
                yield copy;
            }
            case OR -> binary(n, "|", Expr.BIT_OR);
            case SELECT, LOOP, LOOP_PARAM, STACK, PUSH, POP, ACCUMULATE, ACCUMULATE_SCALED, ARRAY_STORE, ERROR ->
                throw new IllegalStateException("not an expression: " + n);
        };
    }

    /**
     * An integer product with a factor of one prints as the other factor: Java computes the same
     * int or long either way. A double product keeps its {@code 1.0 *}, which the graph folds
     * only where that gives the same bits.
     */
    private Expr product(Node n) {
        if (n.type == Type.INT || n.type == Type.LONG) {
            for (int k = 0; k < 2; k++) {
                Node one = n.arg(k), other = n.arg(1 - k);
                if (one.isConst() && ((Number) one.constValue()).longValue() == 1 && other.type == n.type)
                    return render(other);
            }
        }
        return binary(n, "*", Expr.MULTIPLICATIVE);
    }

    private Expr binary(Node n, String operator, int precedence) {
        // left-associative: an operand of equal precedence needs parentheses only on the right
        CodeBlock l = render(n.arg(0)).atLeast(precedence);
        CodeBlock r = render(n.arg(1)).atLeast(precedence + 1);
        return new Expr(CodeBlock.of("$L $L $L", l, operator, r), precedence);
    }

    private Expr ternary(Expr c, Expr a, Expr b) {
        return new Expr(
                CodeBlock.of("$L ? $L : $L", c.atLeast(Expr.OR), a.atLeast(Expr.OR), b.atLeast(Expr.OR)), Expr.TERNARY);
    }

    private Expr selectExpression(Node output) {
        Node select = output.arg(0);
        int k = output.index();
        Expr c = render(select.arg(0));
        Node r0 = select.branches.get(0).results.get(k),
                r1 = select.branches.get(1).results.get(k);
        if (r0.type == Type.BOOLEAN && r1.isConst() && Boolean.FALSE.equals(r1.constValue())) {
            return new Expr(
                    CodeBlock.of("$L && $L", c.atLeast(Expr.AND), render(r0).atLeast(Expr.AND + 1)), Expr.AND);
        }
        if (r0.type == Type.BOOLEAN && r0.isConst() && Boolean.TRUE.equals(r0.constValue())) {
            return new Expr(
                    CodeBlock.of("$L || $L", c.atLeast(Expr.OR), render(r1).atLeast(Expr.OR + 1)), Expr.OR);
        }
        return ternary(c, render(r0), render(r1));
    }

    /** A callee that is an instance method of the receiver takes the receiver first. */
    private CodeBlock receiverFirst(Node call) {
        return receiverFirst(call.args, call.callee().onReceiver());
    }

    private CodeBlock receiverFirst(List<Node> callArgs, boolean onReceiver) {
        CodeBlock args = arguments(callArgs);
        if (!onReceiver) return args;
        return callArgs.isEmpty()
                ? CodeBlock.of("$L", JavaEmitter.RECEIVER)
                : CodeBlock.of("$L, $L", JavaEmitter.RECEIVER, args);
    }

    private CodeBlock arguments(List<Node> args) {
        List<CodeBlock> parts = new ArrayList<>();
        for (Node a : args) parts.add(code(a));
        return CodeBlock.join(parts, ", ");
    }
}
