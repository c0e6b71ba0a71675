package dev.adjoint.processor.frontend;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The type of a switch expression, known before its arms are translated: the variable that
 * carries its value through the branches needs it. javac has not attributed the body, so the
 * values the expression yields are typed from their shape (literals, variables, casts,
 * arithmetic, Math functions), with Java's rule: any double value makes the whole double, else
 * long, else int. When a value's type cannot be told this way and no value is a double, the
 * type is unknown (null) and the switch is reported rather than guessed: a wrong guess of int
 * could silently turn a division into an integer one.
 */
final class SwitchValueType {
    /** Math functions that may return an int or a long; every other one returns a double. */
    private static final Set<String> INTEGRAL_MATH = Set.of(
            "abs",
            "max",
            "min",
            "round",
            "floorDiv",
            "floorMod",
            "ceilDiv",
            "toIntExact",
            "addExact",
            "subtractExact",
            "multiplyExact",
            "negateExact",
            "incrementExact",
            "decrementExact",
            "absExact");

    private final Map<String, Type> declaredInside = new HashMap<>();
    private final Function<String, Type> outside;
    private final Function<MethodInvocationTree, Type> calls;

    private SwitchValueType(Function<String, Type> outside, Function<MethodInvocationTree, Type> calls) {
        this.outside = outside;
        this.calls = calls;
    }

    /**
     * The type of {@code s}, or null when it cannot be told; {@code outside} types the variables in
     * scope, {@code calls} the calls of methods other than Math's (null when not told).
     */
    static Type of(SwitchExpressionTree s, Function<String, Type> outside, Function<MethodInvocationTree, Type> calls) {
        SwitchValueType typer = new SwitchValueType(outside, calls);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree v, Void unused) {
                Type t = Translation.typeOf(v.getType());
                if (t != null) typer.declaredInside.put(v.getName().toString(), t);
                return super.visitVariable(v, unused);
            }
        }.scan(s, null);
        return typer.combine(values(s));
    }

    /** The expressions {@code s} yields: the bodies of its expression arms and its yield statements. */
    static List<ExpressionTree> values(SwitchExpressionTree s) {
        List<ExpressionTree> values = new ArrayList<>();
        for (CaseTree c : s.getCases()) {
            if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree e) {
                values.add(e);
                continue;
            }
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitYield(YieldTree y, Void unused) {
                    values.add(y.getValue());
                    return null;
                }

                @Override
                public Void visitSwitchExpression(SwitchExpressionTree inner, Void unused) {
                    return null; // its yields are its own
                }

                @Override
                public Void visitLambdaExpression(LambdaExpressionTree l, Void unused) {
                    return null;
                }
            }.scan(c.getCaseKind() == CaseTree.CaseKind.RULE ? List.of(c.getBody()) : c.getStatements(), null);
        }
        return values;
    }

    private Type combine(List<? extends ExpressionTree> values) {
        List<Type> types = new ArrayList<>();
        for (ExpressionTree v : values) types.add(type(v));
        if (types.contains(Type.DOUBLE)) return Type.DOUBLE;
        if (types.isEmpty() || types.contains(null)) return null;
        Type first = types.get(0);
        if (types.stream().allMatch(t -> t == first)) return first;
        if (types.stream().allMatch(t -> t == Type.INT || t == Type.LONG)) return Type.LONG;
        return null;
    }

    private Type type(ExpressionTree e) {
        return switch (e.getKind()) {
            case PARENTHESIZED -> type(((ParenthesizedTree) e).getExpression());
            case INT_LITERAL -> Type.INT;
            case LONG_LITERAL -> Type.LONG;
            case DOUBLE_LITERAL -> Type.DOUBLE;
            case BOOLEAN_LITERAL,
                    LESS_THAN,
                    LESS_THAN_EQUAL,
                    GREATER_THAN,
                    GREATER_THAN_EQUAL,
                    EQUAL_TO,
                    NOT_EQUAL_TO,
                    CONDITIONAL_AND,
                    CONDITIONAL_OR,
                    LOGICAL_COMPLEMENT -> Type.BOOLEAN;
            case IDENTIFIER -> name(((IdentifierTree) e).getName().toString());
            case TYPE_CAST -> Translation.typeOf(((TypeCastTree) e).getType());
            case UNARY_MINUS, UNARY_PLUS, BITWISE_COMPLEMENT -> promoted(type(((UnaryTree) e).getExpression()));
            case AND, OR, XOR -> {
                // on ints the bit operators (the fuzzer found them untyped); on booleans the logical ones
                BinaryTree b = (BinaryTree) e;
                Type l = type(b.getLeftOperand());
                Type r = type(b.getRightOperand());
                yield l == Type.BOOLEAN && r == Type.BOOLEAN
                        ? Type.BOOLEAN
                        : integral(l) && integral(r) ? Type.promote(l, r) : null;
            }
            case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> {
                Type l = type(((BinaryTree) e).getLeftOperand()); // a shift has its left operand's type
                yield integral(l) ? promoted(l) : null;
            }
            case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
                BinaryTree b = (BinaryTree) e;
                yield combineNumeric(type(b.getLeftOperand()), type(b.getRightOperand()));
            }
            case CONDITIONAL_EXPRESSION -> {
                ConditionalExpressionTree c = (ConditionalExpressionTree) e;
                yield combine(List.of(c.getTrueExpression(), c.getFalseExpression()));
            }
            case ARRAY_ACCESS -> {
                Type array = type(((com.sun.source.tree.ArrayAccessTree) e).getExpression());
                yield array != null && array.isArray() ? array.element() : null;
            }
            case METHOD_INVOCATION -> {
                Type math = math((MethodInvocationTree) e);
                yield math != null ? math : calls.apply((MethodInvocationTree) e);
            }
            case SWITCH_EXPRESSION -> combine(values((SwitchExpressionTree) e));
            default -> null;
        };
    }

    private Type name(String name) {
        Type t = declaredInside.get(name);
        return t != null ? t : outside.apply(name);
    }

    private static boolean integral(Type t) {
        return t == Type.INT || t == Type.LONG;
    }

    /** Unary numeric promotion: the type itself, an int for narrower integers (already ints here). */
    private static Type promoted(Type t) {
        return t == null || !t.isNumeric() ? null : t;
    }

    private static Type combineNumeric(Type a, Type b) {
        if (a == Type.DOUBLE || b == Type.DOUBLE) return Type.DOUBLE;
        if (a == null || b == null || !a.isNumeric() || !b.isNumeric()) return null;
        return Type.promote(a, b);
    }

    /**
     * {@code Math.sin(x)} and the like are double; {@code abs}, {@code max} and {@code min} have
     * the type of their arguments, {@code round} Java's overload's; anything else is not told here.
     */
    private Type math(MethodInvocationTree call) {
        if (!(call.getMethodSelect() instanceof MemberSelectTree s)) return null;
        String owner = s.getExpression().toString();
        if (!owner.equals("Math") && !owner.equals("StrictMath") && !owner.endsWith("FastMath")) return null;
        String name = s.getIdentifier().toString();
        if (!INTEGRAL_MATH.contains(name)) return Type.DOUBLE;
        List<? extends ExpressionTree> args = call.getArguments();
        if (name.equals("round") && args.size() == 1) {
            // round(double) is a long; an int or long argument picks round(float), an int
            Type a = type(args.get(0));
            return a == Type.DOUBLE ? Type.LONG : a == Type.INT || a == Type.LONG ? Type.INT : null;
        }
        if (!Set.of("abs", "max", "min").contains(name)) return null;
        Type t = args.isEmpty() ? null : type(args.get(0));
        for (int i = 1; i < args.size(); i++) t = combineNumeric(t, type(args.get(i)));
        return t;
    }
}
