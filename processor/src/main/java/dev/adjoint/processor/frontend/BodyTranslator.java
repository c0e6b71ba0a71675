package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The front end: turns the body of a {@code @Differentiable} method into its computational
 * graph, typing every expression itself (javac has not attributed the body yet), and reports
 * every construct outside the supported subset on that construct. Local variables are SSA
 * names: assigning one just rebinds it to another node.
 */
public final class BodyTranslator extends SwitchTranslator {
    private final int errorsBefore;
    /** The method's parameters as it received them (before any copy): what a throw passes on. */
    private final List<Node> arguments = new ArrayList<>();

    private SourcePositions positions;

    public BodyTranslator(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
        this.errorsBefore = reporter.errorCount();
    }

    /** Tells the translator which array parameters each @Differentiable callee writes in place. */
    public BodyTranslator knowingWrites(Function<ExecutableElement, Set<Integer>> writes) {
        this.writtenParameters = writes;
        return this;
    }

    /** Tells the translator where the sources of this compilation's methods are, to check what a called method writes. */
    public BodyTranslator knowingSources(Function<ExecutableElement, com.sun.source.util.TreePath> sources) {
        this.sources = sources;
        return this;
    }

    /** Tells the translator the user's derivative rules, which calls of their functions use. */
    public BodyTranslator knowingRules(CustomDerivatives rules) {
        this.customDerivatives = rules;
        return this;
    }

    /**
     * Tells the translator how to differentiate unannotated callees of this compilation, and that
     * its code goes into their generated class (for an implicit callee, the caller's); and
     * whether its reverse graph is differentiated again ({@link Translation#differentiatedTwice}).
     */
    public BodyTranslator knowingCallees(ImplicitCallees<?> callees, int order, boolean differentiatedTwice) {
        this.implicitCallees = callees;
        this.gradClass = callees.gradClass();
        this.differentiatedTwice = order == 2 || differentiatedTwice;
        return this;
    }

    /** The primal graph (root result: the returned value), or empty if anything was reported. */
    public Optional<Graph> translate(MethodTree method) {
        Map<String, Local> params = new HashMap<>();
        Set<String> writtenArrays = Assigned.in(method.getBody()).elementBases;
        for (Refs.Param p : signature.params()) {
            // a short, char or byte parameter is an int in the graph (its value is in range)
            String narrow = NarrowIntegers.of(
                    signature.method().getParameters().get(p.index()).asType().getKind());
            if (narrow != null) p = new Refs.Param(p.index(), p.name(), Type.INT);
            Node value = p.type() == null ? null : b.param(p);
            // a parameter of another type (a String, an enum) is passed on as it is when the method throws
            arguments.add(value != null ? value : b.param(new Refs.Param(p.index(), p.name(), Type.REFERENCE)));
            if (value != null && p.type().isArray() && writtenArrays.contains(p.name())) {
                // the method writes into this parameter: derivative methods work on a copy (API.md, point 3)
                value = b.copyOfWrittenParameter(value);
                value.nameAfter(p.name() + "Copy");
            }
            Local param = new Local(p.name(), p.type(), value);
            param.narrow = narrow;
            params.put(p.name(), param);
        }
        scopes.push(params);
        returned = new Local(Type.BOOLEAN, b.constant(Type.BOOLEAN, false));
        // a path that has not returned yet carries an empty array rather than null: derivative code
        // may make its (empty) tangent or adjoint before knowing that the path never returns it
        returnValue = new Local(
                returnType(),
                signature.vector()
                        ? b.newArray(Type.DOUBLE_ARRAY, java.util.List.of(b.constant(Type.INT, 0)))
                        : b.zero(Type.DOUBLE));
        block(method.getBody());
        Activity activity = Activity.of(b.graph(), signature.differentiated().keySet());
        afterwards.forEach(check -> check.accept(activity));
        // javac rejects a body that can end without returning, so every path has returned here
        if (reporter.errorCount() > errorsBefore || !hasReturned()) return Optional.empty();
        b.graph().root.results.add(returnValue.value);
        return Optional.of(b.graph());
    }

    /** {@code double}, or {@code double[]} for a vector-valued method. */
    private Type returnType() {
        return signature.vector() ? Type.DOUBLE_ARRAY : Type.DOUBLE;
    }

    void block(BlockTree block) {
        scopes.push(new HashMap<>());
        statements(block.getStatements(), 0);
        scopes.pop();
    }

    /** Where the trees stand in the source, so that each node records the line it comes from. */
    public BodyTranslator knowingPositions(SourcePositions positions) {
        this.positions = positions;
        return this;
    }

    @Override
    void statement(StatementTree s) {
        int line = lineOf(s);
        if (line == 0) {
            translateStatement(s);
            return;
        }
        int outer = b.at(line);
        try {
            translateStatement(s);
        } finally {
            b.at(outer);
        }
    }

    /** The line {@code s} starts on, or 0 when not known (its nodes keep the enclosing statement's). */
    private int lineOf(StatementTree s) {
        long start = positions == null ? -1 : positions.getStartPosition(unit, s);
        return start < 0 ? 0 : (int) unit.getLineMap().getLineNumber(start);
    }

    private void translateStatement(StatementTree s) {
        switch (s.getKind()) {
            case BLOCK -> block((BlockTree) s);
            case EMPTY_STATEMENT -> {}
            case VARIABLE -> declare((VariableTree) s);
            case RETURN -> {
                ExpressionTree e = ((ReturnTree) s).getExpression();
                if (e != null) returnValue.value = convert(expr(e), returnType(), e);
                returned.value = b.constant(Type.BOOLEAN, true);
            }
            case EXPRESSION_STATEMENT -> expressionStatement(((ExpressionStatementTree) s).getExpression());
            case IF -> ifStatement((IfTree) s);
            case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP -> loopStatement(s, null);
            case LABELED_STATEMENT -> {
                LabeledStatementTree l = (LabeledStatementTree) s;
                StatementTree inner = l.getStatement();
                boolean isLoop = inner instanceof ForLoopTree
                        || inner instanceof EnhancedForLoopTree
                        || inner instanceof WhileLoopTree
                        || inner instanceof DoWhileLoopTree;
                if (isLoop) loopStatement(inner, l.getLabel().toString());
                else if (inner instanceof SwitchTree sw)
                    switchStatement(sw, l.getLabel().toString());
                else
                    unsupported(
                            s, "a label on a statement that is not a loop or switch", "label loops and switches only");
            }
            case BREAK -> jump(s, ((BreakTree) s).getLabel(), true);
            case CONTINUE -> jump(s, ((ContinueTree) s).getLabel(), false);
            case SWITCH -> switchStatement((SwitchTree) s, null);
            case YIELD -> yieldStatement((YieldTree) s);
            case TRY -> unsupported(s, "a try statement", "differentiated code cannot catch exceptions: remove it");
            case THROW -> throwStatement((ThrowTree) s);
            case CLASS, INTERFACE, ENUM, RECORD -> unsupported(s, "a local class", "declare it outside the method");
            case SYNCHRONIZED ->
                unsupported(s, "a synchronized block", "remove it: differentiated code has no shared state");
            case ASSERT -> unsupported(s, "an assert statement", "check the condition before calling the method");
            default ->
                unsupported(
                        s, "this statement (" + s.getKind() + ")", "rewrite it with local variables and expressions");
        }
    }

    /**
     * {@code throw}: on the path that throws, the derivative methods call the method itself with
     * the arguments they received, which throws the same exception at the same inputs (the method
     * is deterministic: it reaches the same throw). The exception expression is never translated,
     * so it may build messages and objects freely. The path then ends like a return, whose value
     * (the call's, never produced) is a constant: nothing flows back through it.
     */
    void throwStatement(ThrowTree t) {
        ExecutableElement method = signature.method();
        ClassName owner = ClassName.get((TypeElement) method.getEnclosingElement());
        Refs.Method again =
                new Refs.Method(owner, method.getSimpleName().toString(), List.of(), signature.onInstance());
        // a private method (an implicit callee) is called again through a MethodHandle
        if (!resolver.accessible(method, gradClass.packageName())) again = hidden(method);
        if (again == null) {
            reporter.error(
                    t,
                    unit,
                    Message.PRIVATE,
                    "method " + method.getSimpleName() + " (called again to throw)",
                    gradClass.simpleName());
            return;
        }
        returnValue.value = b.callConst(again.toRethrow(), returnType(), arguments);
        returned.value = b.constant(Type.BOOLEAN, true);
    }

    void declare(VariableTree v) {
        String name = v.getName().toString();
        if (declaredFloatConstant(v) || declaredAccumulator(v)) return;
        Tree typeTree = v.getType();
        ExpressionTree init = v.getInitializer();
        Node value;
        int errorsAtStart = reporter.errorCount();
        if (init instanceof NewArrayTree array && array.getType() == null) {
            value = newArray(array, typeTree == null ? null : typeOf(typeTree)); // double[] a = {1, x};
        } else {
            value = init == null ? null : expr(init);
        }
        Type type;
        String narrow = NarrowIntegers.of(typeTree);
        boolean inferred = typeTree == null
                || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
        if (inferred) {
            type = value == null ? Type.DOUBLE : value.type;
        } else {
            type = narrow != null ? Type.INT : typeOf(typeTree);
            // a value of that type reported already in the initializer (Object o = FIELD) is reported once
            boolean reported = value != null && value.op == Op.ERROR && reporter.errorCount() > errorsAtStart;
            if (type == null && !reported) reporter.error(typeTree, unit, Message.TYPE, typeTree);
            if (type == null) {
                type = Type.DOUBLE;
            }
        }
        if (value != null) {
            value = convert(value, type, init);
            if (narrow != null && value.op != Op.ERROR) value = NarrowIntegers.narrow(b, value, narrow);
            value.nameAfter(name);
        }
        Local local = new Local(name, type, value);
        local.narrow = narrow;
        scopes.peek().put(name, local);
    }

    @Override
    void expressionStatement(ExpressionTree e) {
        switch (e.getKind()) {
            case ASSIGNMENT -> {
                AssignmentTree a = (AssignmentTree) e;
                if (unparenthesize(a.getVariable()) instanceof ArrayAccessTree element) {
                    elementAssign(element, (Op) null, expr(a.getExpression()), a.getExpression());
                } else {
                    assign(a.getVariable(), expr(a.getExpression()), a.getExpression());
                }
            }
            case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT -> {
                CompoundAssignmentTree c = (CompoundAssignmentTree) e;
                if (unparenthesize(c.getVariable()) instanceof ArrayAccessTree element) {
                    elementAssign(element, compoundOp(e.getKind()), expr(c.getExpression()), c);
                    return;
                }
                Local target = assignable(c.getVariable());
                if (target == null) return;
                Op op = switch (e.getKind()) {
                    case PLUS_ASSIGNMENT -> Op.ADD;
                    case MINUS_ASSIGNMENT -> Op.SUB;
                    case MULTIPLY_ASSIGNMENT -> Op.MUL;
                    case DIVIDE_ASSIGNMENT -> Op.DIV;
                    default -> Op.REM;
                };
                // x op= e means x = (T) (x op e)
                Node v = arithmetic(op, read(c.getVariable(), target), expr(c.getExpression()), c);
                store(c.getVariable(), target, b.cast(v, target.type));
            }
            case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
                UnaryTree u = (UnaryTree) e;
                boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
                if (unparenthesize(u.getExpression()) instanceof ArrayAccessTree element) {
                    elementAssign(element, up ? Op.ADD : Op.SUB, b.constant(Type.INT, 1), u);
                    return;
                }
                Local target = assignable(u.getExpression());
                if (target == null) return;
                Node one = b.constant(Type.INT, 1);
                Node v = arithmetic(up ? Op.ADD : Op.SUB, read(u.getExpression(), target), one, u);
                store(u.getExpression(), target, b.cast(v, target.type));
            }
            case AND_ASSIGNMENT,
                    OR_ASSIGNMENT,
                    XOR_ASSIGNMENT,
                    LEFT_SHIFT_ASSIGNMENT,
                    RIGHT_SHIFT_ASSIGNMENT,
                    UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
                // x op= e means x = (T) (x op e), as for arithmetic
                CompoundAssignmentTree c = (CompoundAssignmentTree) e;
                String op = BitOperators.of(e.getKind());
                Node operand = expr(c.getExpression());
                if (unparenthesize(c.getVariable()) instanceof ArrayAccessTree element) {
                    elementAssign(element, (old, v) -> bitwise(op, old, v, c), operand, c);
                    return;
                }
                Local target = assignable(c.getVariable());
                if (target == null) return;
                Node v = bitwise(op, read(c.getVariable(), target), operand, c);
                if (v.op != Op.ERROR) store(c.getVariable(), target, b.cast(v, target.type));
            }
            case METHOD_INVOCATION -> callStatement((MethodInvocationTree) e);
            default ->
                reporter.error(
                        e,
                        unit,
                        Message.EXPRESSION,
                        "this expression statement",
                        "assign its value to a local variable");
        }
    }

    /**
     * The assignment is done as a statement would do it, and its value is the variable's new value
     * (its old one for x++ and x--), as in Java. Only plain local variables: an element assignment
     * as a value would need its index twice; and not inside a branch of ?:, && or ||, whose
     * values cannot leave the branch.
     */
    @Override
    Node assignmentValue(ExpressionTree e) {
        if (branchDepth > 0) {
            return fail(
                    e,
                    "an assignment inside a branch of ?:, && or ||",
                    "assign in a statement of its own, before the condition");
        }
        ExpressionTree target = e instanceof AssignmentTree a
                ? a.getVariable()
                : e instanceof CompoundAssignmentTree c ? c.getVariable() : ((UnaryTree) e).getExpression();
        if (!(unparenthesize(target) instanceof IdentifierTree id)) {
            return fail(
                    e,
                    "an assignment to an array element used as a value",
                    "assign the element in a statement of its own");
        }
        Local local = lookup(id.getName().toString());
        Node old = local == null ? null : local.value;
        int errors = reporter.errorCount();
        expressionStatement(e);
        if (local == null || reporter.errorCount() > errors)
            return b.error(local == null || local.type == null ? Type.DOUBLE : local.type);
        boolean postfix = e.getKind() == Tree.Kind.POSTFIX_INCREMENT || e.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        return postfix ? old : local.value;
    }

    static Op compoundOp(Tree.Kind kind) {
        return switch (kind) {
            case PLUS_ASSIGNMENT -> Op.ADD;
            case MINUS_ASSIGNMENT -> Op.SUB;
            case MULTIPLY_ASSIGNMENT -> Op.MUL;
            case DIVIDE_ASSIGNMENT -> Op.DIV;
            default -> Op.REM;
        };
    }

    /**
     * {@code a[i] = v}, {@code a[i] op= v} (with op) and {@code a[i]++}: a store into an array the
     * method owns: one it created, or a parameter, which the generated code copies first.
     */
    void elementAssign(ArrayAccessTree target, Op op, Node operand, Tree at) {
        elementAssign(target, op == null ? null : (old, v) -> arithmetic(op, old, v, at), operand, at);
    }

    /** {@code a[i] = v}, or with {@code combine} {@code a[i] = (T) combine(a[i], v)}. */
    void elementAssign(ArrayAccessTree target, java.util.function.BinaryOperator<Node> combine, Node operand, Tree at) {
        Node array = expr(target.getExpression());
        Node index = expr(target.getIndex());
        if (array.op == Op.ERROR || index.op == Op.ERROR || operand.op == Op.ERROR) return;
        if (!array.type.isArray()) {
            fail(target.getExpression(), "indexing a " + array.type.javaType, "index an array");
            return;
        }
        if (index.type != Type.INT) {
            fail(target.getIndex(), "an index of type " + index.type.javaType, "indices are int");
            return;
        }
        Type element = array.type.element();
        if (array.type.isReadOnlyArray()) {
            fail(
                    target,
                    "writing into a " + array.type.javaType,
                    "Adjoint reads long[], boolean[], short[], char[] and byte[] arrays as constants: write into a double[] or an int[]");
            return;
        }
        if (element.isArray()) {
            unsupported(target, "assigning a whole row of a matrix", "assign its elements, m[i][j] = ...");
            return;
        }
        if (!ArrayValues.isMutable(array)) {
            reporter.error(
                    target, unit, Message.ARRAY_WRITE, arrayName(ArrayValues.base(array), target.getExpression()));
            return;
        }
        if (ArrayValues.base(array).op == Op.PROJ) {
            reporter.error(target, unit, Message.ARRAY_CHOICE_WRITE, target.getExpression());
            return;
        }
        Node value = combine == null
                ? convert(operand, element, at)
                : b.cast(combine.apply(b.arrayRead(array, index), operand), element);
        if (value.op != Op.ERROR) b.arrayStore(array, index, value);
    }

    void assign(ExpressionTree target, Node value, Tree valueTree) {
        Local local = assignable(target);
        if (local != null) store(target, local, convert(value, local.type, valueTree));
    }

    void store(ExpressionTree target, Local local, Node value) {
        if (local.narrow != null && value.op != Op.ERROR) value = NarrowIntegers.narrow(b, value, local.narrow);
        local.value = value;
        value.nameAfter(((IdentifierTree) target).getName().toString());
    }

    /** The local an assignment writes, or null after reporting why it cannot be written. */
    Local assignable(ExpressionTree target) {
        ExpressionTree t = unparenthesize(target);
        if (t instanceof IdentifierTree id) {
            Local l = lookup(id.getName().toString());
            if (l != null && l.type != null) return l;
            if (l == null && resolver.field(id.getName().toString()) != null) {
                reporter.error(target, unit, Message.FIELD_WRITE, id.getName());
            } else if (l != null) {
                reporter.error(
                        target, unit, Message.TYPE, signatureType(id.getName().toString()));
            } else {
                reporter.error(target, unit, Message.UNKNOWN_NAME, id.getName());
            }
            return null;
        }
        if (t instanceof ArrayAccessTree a) {
            reporter.error(target, unit, Message.ARRAY_WRITE, a.getExpression());
        } else if (t instanceof MemberSelectTree s) {
            reporter.error(target, unit, Message.FIELD_WRITE, s);
        } else {
            reporter.error(target, unit, Message.EXPRESSION, "this assignment target", "assign to a local variable");
        }
        return null;
    }

    /** What the error about a write into {@code base}'s array names: the parameter, field or call it comes from. */
    private static Object arrayName(Node base, Object expression) {
        return switch (base.op) {
            case CONST -> base.constValue() == null ? expression : base.constValue();
            case PARAM, TANGENT_PARAM -> base.param();
            case FIELD -> base.field();
            case CALL_CONST -> base.method();
            case CALL, CALL_REVERSE, CALL_TANGENT -> base.callee();
            case GET -> base.accessor();
            case PROJ, LOOP_PARAM -> base.index();
            default -> expression;
        };
    }
}
