package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Expressions: typed by the front end itself (javac has not attributed the body yet) and turned
 * into graph nodes; every construct outside the subset is reported on itself and becomes an
 * ERROR node, so translation goes on and every problem of a method is reported at once.
 */
abstract class ExpressionTranslator extends CallTranslator {
    ExpressionTranslator(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
    }

    Node expr(ExpressionTree e) {
        return switch (e.getKind()) {
            case PARENTHESIZED -> expr(((ParenthesizedTree) e).getExpression());
            case INT_LITERAL, LONG_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL -> literal((LiteralTree) e);
            case IDENTIFIER -> identifier((IdentifierTree) e);
            case MEMBER_SELECT -> memberSelect((MemberSelectTree) e);
            case ARRAY_ACCESS -> arrayAccess((ArrayAccessTree) e);
            case METHOD_INVOCATION -> invocation((MethodInvocationTree) e);
            case TYPE_CAST -> typeCast((TypeCastTree) e);
            case CONDITIONAL_EXPRESSION -> conditional((ConditionalExpressionTree) e);
            case UNARY_MINUS -> negate(expr(((UnaryTree) e).getExpression()), e);
            case UNARY_PLUS -> numeric(expr(((UnaryTree) e).getExpression()), e);
            case LOGICAL_COMPLEMENT -> b.not(bool(expr(((UnaryTree) e).getExpression()), e));
            case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
                BinaryTree t = (BinaryTree) e;
                Node left = expr(t.getLeftOperand());
                Node right = expr(t.getRightOperand());
                // next to anything but a double, Java computes in float, which the graph has not
                boolean leftFloat = isFloat(t.getLeftOperand());
                boolean rightFloat = isFloat(t.getRightOperand());
                if ((leftFloat && (rightFloat || right.type != Type.DOUBLE))
                        || (rightFloat && left.type != Type.DOUBLE))
                    yield fail(
                            e,
                            "float arithmetic (a float literal or float constant next to a float or an integer)",
                            "compute in double: drop the f, or declare the constant double");
                yield arithmetic(arithmeticOp(e.getKind()), left, right, t);
            }
            case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO ->
                comparison((BinaryTree) e);
            case CONDITIONAL_AND, CONDITIONAL_OR -> shortCircuit((BinaryTree) e);
            // widened to double, as Java does next to a double (1.125f, z < 5.93f): the float's exact value
            case FLOAT_LITERAL -> b.constant(Type.DOUBLE, (double) (Float) ((LiteralTree) e).getValue());
            case STRING_LITERAL ->
                fail(e, "a string", "Adjoint differentiates numeric code only: keep strings out of the method");
            case CHAR_LITERAL -> b.constant(Type.INT, (int) (Character) ((LiteralTree) e).getValue());
            case NULL_LITERAL -> fail(e, "null", "pass an actual array");
            case NEW_CLASS ->
                fail(e, "object allocation (new ...)", "compute with doubles and arrays passed in as parameters");
            case NEW_ARRAY -> newArray((NewArrayTree) e, null);
            case LAMBDA_EXPRESSION -> fail(e, "a lambda", "call a static method instead");
            case MEMBER_REFERENCE -> fail(e, "a method reference", "call a static method instead");
            case ASSIGNMENT,
                    PLUS_ASSIGNMENT,
                    MINUS_ASSIGNMENT,
                    MULTIPLY_ASSIGNMENT,
                    DIVIDE_ASSIGNMENT,
                    REMAINDER_ASSIGNMENT,
                    PREFIX_INCREMENT,
                    POSTFIX_INCREMENT,
                    PREFIX_DECREMENT,
                    POSTFIX_DECREMENT,
                    AND_ASSIGNMENT,
                    OR_ASSIGNMENT,
                    XOR_ASSIGNMENT,
                    LEFT_SHIFT_ASSIGNMENT,
                    RIGHT_SHIFT_ASSIGNMENT,
                    UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> assignmentValue(e);
            case AND, OR, XOR, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> {
                BinaryTree t = (BinaryTree) e;
                yield bitwise(BitOperators.of(e.getKind()), expr(t.getLeftOperand()), expr(t.getRightOperand()), t);
            }
            case BITWISE_COMPLEMENT -> {
                Node v = expr(((UnaryTree) e).getExpression());
                Node flipped = v.op == Op.ERROR ? v : BitOperators.complement(b, v);
                yield flipped != null ? flipped : fail(e, "~ on a " + v.type.javaType, "apply it to an int or a long");
            }
            case SWITCH_EXPRESSION -> switchExpression((SwitchExpressionTree) e);
            case INSTANCE_OF -> fail(e, "instanceof", "the differentiated subset has no objects");
            default ->
                fail(
                        e,
                        "this expression (" + e.getKind().name().toLowerCase().replace('_', ' ') + ")",
                        "rewrite it with arithmetic, comparisons, Math functions and calls");
        };
    }

    /** Declares {@code final float Y = 0.5f;} as a named float literal, if {@code v} is one. */
    boolean declaredFloatConstant(VariableTree v) {
        Float value = FloatConstants.declared(v);
        if (value == null) return false;
        Local named = new Local(v.getName().toString(), Type.DOUBLE, b.constant(Type.DOUBLE, (double) value));
        named.namedFloat = true;
        scopes.peek().put(named.name, named);
        return true;
    }

    /** A float literal or a float constant variable (a named float literal), signed or not. */
    private boolean isFloat(ExpressionTree e) {
        ExpressionTree u = unparenthesize(e);
        if (FloatConstants.literal(u) != null) return true;
        if (u instanceof UnaryTree sign
                && (u.getKind() == Tree.Kind.UNARY_MINUS || u.getKind() == Tree.Kind.UNARY_PLUS))
            return isFloat(sign.getExpression());
        if (!(u instanceof IdentifierTree id)) return false;
        Local local = lookup(id.getName().toString());
        if (local != null) return local.namedFloat;
        VariableElement field = resolver.field(id.getName().toString());
        return field != null && FloatConstants.field(field) != null;
    }

    /** How many branches of ?:, && and || are being translated: an assignment there would escape its branch. */
    int branchDepth;

    /** A switch expression: see SwitchTranslator. */
    abstract Node switchExpression(SwitchExpressionTree e);

    /** An assignment, compound assignment, ++ or -- used as a value ({@code a = b = c}, {@code while ((t = t * x) < y)}, {@code a[i++]}). */
    abstract Node assignmentValue(ExpressionTree e);

    Node literal(LiteralTree t) {
        return switch (t.getKind()) {
            case INT_LITERAL -> b.constant(Type.INT, t.getValue());
            case LONG_LITERAL -> b.constant(Type.LONG, t.getValue());
            case DOUBLE_LITERAL -> b.constant(Type.DOUBLE, t.getValue());
            default -> b.constant(Type.BOOLEAN, t.getValue());
        };
    }

    Node identifier(IdentifierTree id) {
        String name = id.getName().toString();
        if (isAccumulator(name)) return accumulatorEscapes(id);
        Local local = lookup(name);
        if (local != null) {
            if (local.type == null) {
                reporter.error(id, unit, Message.TYPE, signatureType(name));
                return b.error(Type.DOUBLE);
            }
            return read(id, local);
        }
        if (name.equals("this") || name.equals("super")) {
            return fail(id, "instance state (" + name + ")", "pass what the method reads as parameters");
        }
        VariableElement field = resolver.field(name);
        if (field == null) {
            reporter.error(id, unit, Message.UNKNOWN_NAME, name);
            return b.error(Type.DOUBLE);
        }
        return fieldRead(field, id);
    }

    Node fieldRead(VariableElement field, Tree at) {
        Float floatConstant = at instanceof IdentifierTree ? FloatConstants.field(field) : null;
        if (floatConstant != null) return b.constant(Type.DOUBLE, (double) floatConstant);
        Type type = Types2.of(field.asType());
        if (type == null) {
            reporter.error(at, unit, Message.TYPE, field.asType());
            return b.error(Type.DOUBLE);
        }
        Object constant = field.getConstantValue();
        if (constant != null && !type.isArray()) return b.constant(type, constant);
        if (!field.getModifiers().contains(Modifier.STATIC)) {
            if (receiver != null && elements.getAllMembers(receiver).contains(field)) return receiverField(field, type);
            return fail(at, "instance field " + field.getSimpleName(), "pass its value as a parameter");
        }
        if (!resolver.accessible(field, gradClass.packageName())) {
            ExpressionTree init = copying.contains(field) ? null : FieldInitializers.of(field, unit);
            if (init != null) return copiedInitializer(field, init, type);
            ClassName owner = ClassName.get((TypeElement) field.getEnclosingElement());
            String table = FieldInitializers.table(field, unit);
            if (table != null)
                return b.field(
                        new Refs.Field(owner, field.getSimpleName().toString(), Refs.FieldAccess.COPIED_TABLE, table),
                        type);
            // read through a VarHandle, for which the generated class must name the field's class
            if (resolver.accessible(field.getEnclosingElement(), gradClass.packageName()))
                return b.field(
                        new Refs.Field(owner, field.getSimpleName().toString(), Refs.FieldAccess.STATIC_HANDLE), type);
            reporter.error(at, unit, Message.PRIVATE, "field " + field.getSimpleName(), gradClass.simpleName());
            return b.error(type);
        }
        return b.field(
                new Refs.Field(
                        ClassName.get((TypeElement) field.getEnclosingElement()),
                        field.getSimpleName().toString()),
                type);
    }

    /** The private constants whose initializers are being translated (a guard against cycles). */
    private final Set<VariableElement> copying = new java.util.HashSet<>();

    /**
     * A private static final scalar the generated class cannot name, computed again from its
     * initializer, with no local variable in scope (the initializer sees fields only). A
     * compile-time constant never gets here: its value is inlined like javac does.
     */
    private Node copiedInitializer(VariableElement field, ExpressionTree init, Type type) {
        java.util.Deque<java.util.Map<String, Local>> outer = new java.util.ArrayDeque<>(scopes);
        scopes.clear();
        copying.add(field);
        try {
            return convert(expr(init), type, init);
        } finally {
            copying.remove(field);
            scopes.addAll(outer);
        }
    }

    Node memberSelect(MemberSelectTree s) {
        String member = s.getIdentifier().toString();
        ExpressionTree q = s.getExpression();
        if (isReceiver(q)) {
            VariableElement field = resolver.field(receiver, member);
            if (field != null) return fieldRead(field, s);
            reporter.error(s, unit, Message.UNKNOWN_NAME, s);
            return b.error(Type.DOUBLE);
        }
        boolean local = q instanceof IdentifierTree id && lookup(id.getName().toString()) != null;
        TypeElement owner =
                local || !(q instanceof IdentifierTree || q instanceof MemberSelectTree) ? null : resolver.type(q);
        if (owner == null) {
            Node value = expr(q); // x.length on a parameter, a local, an element or a static field
            if (value.op == Op.ERROR) return value;
            if (member.equals("length") && value.type.isArray()) return b.arrayLength(value);
            return fail(s, "member " + member + " of a " + value.type.javaType, "only .length of arrays is supported");
        }
        VariableElement field = resolver.field(owner, member);
        if (field == null) {
            reporter.error(s, unit, Message.UNKNOWN_NAME, s);
            return b.error(Type.DOUBLE);
        }
        return fieldRead(field, s);
    }

    Node arrayAccess(ArrayAccessTree a) {
        Node array = expr(a.getExpression());
        Node index = expr(a.getIndex());
        if (array.op == Op.ERROR || index.op == Op.ERROR) return b.error(Type.DOUBLE);
        if (!array.type.isArray())
            return fail(a.getExpression(), "indexing a " + array.type.javaType, "index an array");
        if (index.type != Type.INT)
            return fail(a.getIndex(), "an index of type " + index.type.javaType, "indices are int");
        return b.arrayRead(array, index);
    }

    Node typeCast(TypeCastTree c) {
        Node v = expr(c.getExpression());
        String narrow = NarrowIntegers.of(c.getType());
        if (narrow != null && v.op != Op.ERROR && v.type.isNumeric()) return NarrowIntegers.narrow(b, v, narrow);
        Type to = narrow != null ? Type.INT : typeOf(c.getType());
        if (to == null || !to.isNumeric()) {
            reporter.error(c.getType(), unit, Message.TYPE, c.getType());
            return b.error(Type.DOUBLE);
        }
        if (v.op == Op.ERROR) return b.error(to);
        if (!v.type.isNumeric()) return fail(c, "a cast from " + v.type.javaType, "cast numbers only");
        return b.cast(v, to);
    }

    Node conditional(ConditionalExpressionTree t) {
        Node c = bool(expr(t.getCondition()), t.getCondition());
        Node select = b.select(c);
        Node[] r = new Node[2];
        branchDepth++;
        try {
            b.in(select.branches.get(0), () -> r[0] = expr(t.getTrueExpression()));
            b.in(select.branches.get(1), () -> r[1] = expr(t.getFalseExpression()));
        } finally {
            branchDepth--;
        }
        Type type = r[0].type == r[1].type
                ? r[0].type
                : r[0].type.isNumeric() && r[1].type.isNumeric() ? Type.promote(r[0].type, r[1].type) : null;
        if (type == null)
            return fail(
                    t,
                    "a conditional mixing " + r[0].type.javaType + " and " + r[1].type.javaType,
                    "give both branches one type");
        for (int j = 0; j < 2; j++) {
            final int k = j;
            b.in(select.branches.get(j), () -> select.branches.get(k).results.add(b.cast(r[k], type)));
        }
        return b.project(select, 0, type);
    }

    /** {@code a && b} evaluates b only when a holds, so b lives in a branch like {@code a ? b : false}. */
    Node shortCircuit(BinaryTree t) {
        boolean and = t.getKind() == Tree.Kind.CONDITIONAL_AND;
        Node left = bool(expr(t.getLeftOperand()), t.getLeftOperand());
        Node select = b.select(left);
        branchDepth++;
        Node right;
        try {
            right = b.in(select.branches.get(and ? 0 : 1), () -> bool(expr(t.getRightOperand()), t.getRightOperand()));
        } finally {
            branchDepth--;
        }
        select.branches.get(and ? 0 : 1).results.add(right);
        select.branches.get(and ? 1 : 0).results.add(b.constant(Type.BOOLEAN, !and));
        return b.project(select, 0, Type.BOOLEAN);
    }

    Node comparison(BinaryTree t) {
        Node l = expr(t.getLeftOperand()), r = expr(t.getRightOperand());
        if (l.op == Op.ERROR || r.op == Op.ERROR) return b.error(Type.BOOLEAN);
        Op op = switch (t.getKind()) {
            case LESS_THAN -> Op.LT;
            case LESS_THAN_EQUAL -> Op.LE;
            case GREATER_THAN -> Op.GT;
            case GREATER_THAN_EQUAL -> Op.GE;
            case EQUAL_TO -> Op.EQ;
            default -> Op.NE;
        };
        if (l.type == Type.BOOLEAN && r.type == Type.BOOLEAN && (op == Op.EQ || op == Op.NE))
            return b.compare(op, l, r);
        if (!l.type.isNumeric() || !r.type.isNumeric()) {
            fail(t, "comparing " + l.type.javaType + " with " + r.type.javaType, "compare numbers");
            return b.error(Type.BOOLEAN);
        }
        Type common = Type.promote(l.type, r.type);
        return b.compare(op, b.cast(l, common), b.cast(r, common));
    }

    Node arithmetic(Op op, Node l, Node r, Tree at) {
        if (l.op == Op.ERROR || r.op == Op.ERROR) return b.error(Type.DOUBLE);
        if (!l.type.isNumeric() || !r.type.isNumeric()) {
            return fail(at, "arithmetic on " + l.type.javaType + " and " + r.type.javaType, "use numbers");
        }
        Type common = Type.promote(l.type, r.type);
        Node a = b.cast(l, common), c = b.cast(r, common);
        return switch (op) {
            case ADD -> b.add(a, c);
            case SUB -> b.sub(a, c);
            case MUL -> b.mul(a, c);
            case DIV -> b.div(a, c);
            default -> b.rem(a, c);
        };
    }

    /** {@code l op r} for a bit operator, or an error naming the operand types Java would reject. */
    Node bitwise(String op, Node l, Node r, Tree at) {
        if (l.op == Op.ERROR || r.op == Op.ERROR) return b.error(Type.INT);
        Node v = BitOperators.apply(b, op, l, r);
        if (v != null) return v;
        return fail(
                at,
                "the bit operator " + op + " on " + l.type.javaType + " and " + r.type.javaType,
                "apply it to int or long values (& | ^ also to two booleans)");
    }

    static Op arithmeticOp(Tree.Kind k) {
        return switch (k) {
            case PLUS -> Op.ADD;
            case MINUS -> Op.SUB;
            case MULTIPLY -> Op.MUL;
            case DIVIDE -> Op.DIV;
            default -> Op.REM;
        };
    }

    Node negate(Node v, Tree at) {
        Node n = numeric(v, at);
        return n.op == Op.ERROR ? n : b.neg(n);
    }

    Node numeric(Node v, Tree at) {
        if (v.op == Op.ERROR || v.type.isNumeric()) return v;
        return fail(at, "a " + v.type.javaType + " where a number is expected", "use a number");
    }

    Node bool(Node v, Tree at) {
        if (v.op == Op.ERROR) return b.error(Type.BOOLEAN);
        if (v.type == Type.BOOLEAN) return v;
        fail(at, "a " + v.type.javaType + " where a condition is expected", "compare it, e.g. x > 0");
        return b.error(Type.BOOLEAN);
    }

    /** Assignment conversion: widening as Java does; narrowing only where Java would reject the source anyway. */
    Node convert(Node v, Type to, Tree at) {
        if (v.op == Op.ERROR) return b.error(to);
        if (v.type == to) return v;
        if (v.type.isNumeric() && to.isNumeric()) return b.cast(v, to);
        return fail(at, "a " + v.type.javaType + " where a " + to.javaType + " is expected", "convert it explicitly");
    }

    /** {@code new double[n]}, {@code new double[n][m]}, {@code new int[n]}, and initialisers of double[] and int[]. */
    Node newArray(NewArrayTree t, Type declared) {
        if (t.getInitializers() != null) {
            Type type = t.getType() == null ? declared : arrayOf(typeOf(t.getType()));
            if (type != Type.DOUBLE_ARRAY && type != Type.INT_ARRAY) {
                return fail(
                        t,
                        "an initialiser for " + (type == null ? "this array" : type.javaType),
                        "initialise double[] or int[] only; build a double[][] with new double[n][m] and element assignments");
            }
            List<? extends ExpressionTree> items = t.getInitializers();
            Node array = b.newArray(type, List.of(b.constant(Type.INT, items.size())));
            for (int k = 0; k < items.size(); k++) {
                Node v = convert(expr(items.get(k)), type.element(), items.get(k));
                if (v.op != Op.ERROR) b.arrayStore(array, b.constant(Type.INT, k), v);
            }
            return array;
        }
        Type element = typeOf(t.getType());
        List<? extends ExpressionTree> dims = t.getDimensions();
        Type type = element == Type.DOUBLE && dims.size() == 1
                ? Type.DOUBLE_ARRAY
                : element == Type.DOUBLE && dims.size() == 2
                        ? Type.DOUBLE_MATRIX
                        : element == Type.INT && dims.size() == 1 ? Type.INT_ARRAY : null;
        if (type == null) {
            return fail(
                    t, "creating this array", "create double[n], double[n][m] or int[n], with every dimension given");
        }
        List<Node> sizes = new ArrayList<>();
        for (ExpressionTree d : dims) {
            Node n = expr(d);
            if (n.op == Op.ERROR) return b.error(type);
            if (n.type != Type.INT) return fail(d, "a dimension of type " + n.type.javaType, "dimensions are int");
            sizes.add(n);
        }
        return b.newArray(type, sizes);
    }

    static Type arrayOf(Type element) {
        if (element == Type.DOUBLE) return Type.DOUBLE_ARRAY;
        if (element == Type.INT) return Type.INT_ARRAY;
        if (element == Type.DOUBLE_ARRAY) return Type.DOUBLE_MATRIX;
        return null;
    }
}
