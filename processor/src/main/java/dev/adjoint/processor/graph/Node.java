package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node of the computational graph: a value computed by {@link #op} from its parents
 * {@link #args}. Nodes are created only through {@link GraphBuilder}, which merges common
 * subexpressions and folds constants.
 */
public final class Node {
    public final int id;
    public final Op op;
    public final Type type;
    /**
     * Operation detail: a constant's value, a parameter, a Math function, a callee, an accessor…
     * Read it through the typed accessors below, each of which checks the node's kind.
     */
    private final Object attr;

    public final List<Node> args;
    /** For SELECT: the then and else regions. Empty otherwise. */
    public final List<Region> branches = new ArrayList<>(2);
    /** The block the node stands in; changes only when {@link dev.adjoint.processor.rewrite.LoopFusion LoopFusion} moves a loop body. */
    public Region region;
    /** True for nodes of a reverse sweep's backward part; the emitter labels the sweeps with it. */
    public final boolean backward;
    /** The Java name the user gave this value, if any; generated names derive from it. */
    String hint;
    /** The line of the user's source this value comes from (0 when unknown); comments in generated code name it. */
    public int line;
    /**
     * For a LOOP marked {@code @Checkpointed}: the iterations between two snapshots (0 for ⌈√n⌉
     * at run time), which reverse mode reads ({@code Checkpointing}); for the SELECT of its forward
     * sweep that takes a snapshot, 0 too, so that the emitter reserves no stack room for it each
     * iteration; -1 for every other node.
     */
    public int checkpointEvery = -1;

    Node(int id, Op op, Type type, Object attr, List<Node> args, Region region, boolean backward) {
        this.id = id;
        this.op = op;
        this.type = type;
        this.attr = attr;
        this.args = new ArrayList<>(args);
        this.region = region;
        this.backward = backward;
    }

    /** This node with the same id and details, standing in {@code region} on {@code args} ({@link Graph#copy}). */
    Node copyIn(Region region, List<Node> args) {
        Node c = new Node(id, op, type, attr, args, region, backward);
        c.hint = hint;
        c.line = line;
        c.checkpointEvery = checkpointEvery;
        return c;
    }

    public Node arg(int i) {
        return args.get(i);
    }

    public String hint() {
        return hint;
    }

    /** Names the value after a user variable; the first name given wins (it is the declaration). */
    public void nameAfter(String variable) {
        if (hint == null && !op.isLeaf() && op != Op.ERROR) {
            hint = variable;
        }
    }

    public boolean isConst() {
        return op == Op.CONST;
    }

    /** The value of a CONST: a boxed int, long, double or boolean, or null for the null array. */
    public Object constValue() {
        return detail(Object.class, Op.CONST);
    }

    /** The value of a numeric CONST, as a double. */
    public double constDouble() {
        return detail(Number.class, Op.CONST).doubleValue();
    }

    /** The value of an int or long CONST. */
    public long constLong() {
        return detail(Number.class, Op.CONST).longValue();
    }

    /** The value of an int CONST. */
    public int constInt() {
        return detail(Integer.class, Op.CONST);
    }

    /** The value of a boolean CONST. */
    public boolean constBoolean() {
        return detail(Boolean.class, Op.CONST);
    }

    /** Which output of its SELECT or LOOP a PROJ reads, or which carried value a LOOP_PARAM is. */
    public int index() {
        return detail(Integer.class, Op.PROJ, Op.LOOP_PARAM);
    }

    /** The parameter a PARAM reads, or whose tangent a TANGENT_PARAM reads. */
    public Refs.Param param() {
        return detail(Refs.Param.class, Op.PARAM, Op.TANGENT_PARAM);
    }

    /** The static field a FIELD reads. */
    public Refs.Field field() {
        return detail(Refs.Field.class, Op.FIELD);
    }

    /**
     * Whether this is a call of a {@code void} method that only reads its arguments (an argument
     * check): an effect that runs where it stands in the primal, for the exceptions it throws, and
     * contributes nothing to any derivative.
     */
    public boolean isStatementCall() {
        return op == Op.CALL_CONST && type == Type.VOID;
    }

    /** The operator of a BITWISE node: {@code &}, {@code |}, {@code ^}, {@code <<}, {@code >>} or {@code >>>}. */
    public String bitOperator() {
        return detail(String.class, Op.BITWISE);
    }

    /** The static method a CALL_CONST calls. */
    public Refs.Method method() {
        return detail(Refs.Method.class, Op.CALL_CONST);
    }

    /** The {@code @Differentiable} method a CALL, CALL_REVERSE or CALL_TANGENT calls, or a SAVED_CALL stands in for. */
    public Refs.Callee callee() {
        return detail(Refs.Callee.class, Op.CALL, Op.CALL_REVERSE, Op.CALL_TANGENT, Op.CALL_ADJOINT, Op.SAVED_CALL);
    }

    /** The Math function a MATH applies, or a SAVED_MATH stands in for. */
    public MathFunction.Call mathCall() {
        return detail(MathFunction.Call.class, Op.MATH, Op.SAVED_MATH);
    }

    /** The record accessor a GET reads: {@code value()}, {@code dx()}, {@code tangent()}… */
    public String accessor() {
        return detail(String.class, Op.GET);
    }

    /** What links a PUSH to its POP. */
    public Refs.Saved saved() {
        return detail(Refs.Saved.class, Op.PUSH, Op.POP);
    }

    /** The type of the values a STACK holds. */
    public Type stackType() {
        return detail(Type.class, Op.STACK);
    }

    /** Whether this is a ZEROS_LIKE that is the adjoint of one of the method's own arrays (see {@link GraphBuilder#adjointArrayLike}). */
    public boolean isScratchAdjoint() {
        return op == Op.ZEROS_LIKE && GraphBuilder.SCRATCH.equals(attr);
    }

    /** Whether this ZEROS_LIKE is the shared zero tangent of {@link ArrayValues#zeroTangent}. */
    public boolean isZeroTangent() {
        return op == Op.ZEROS_LIKE && ArrayValues.ZERO_TANGENT.equals(attr);
    }

    /** Whether this is the COPY a derivative method works on, of a parameter the method writes in place. */
    public boolean isCopyOfWrittenParameter() {
        return op == Op.COPY && GraphBuilder.WRITTEN_PARAMETER.equals(attr);
    }

    /** Whether the two nodes carry the same operation detail (constant, parameter, callee, index…). */
    public boolean sameDetail(Node other) {
        return Objects.equals(attr, other.attr);
    }

    /** The raw detail, for the builder, which copies and merges nodes whatever their kind. */
    Object attr() {
        return attr;
    }

    private <T> T detail(Class<T> kind, Op... ops) {
        for (Op o : ops) {
            if (op == o) return kind.cast(attr);
        }
        throw new IllegalStateException(this + " is not a " + java.util.Arrays.toString(ops));
    }

    public boolean isConst(double v) {
        return op == Op.CONST && type == Type.DOUBLE && Double.compare(constDouble(), v) == 0;
    }

    @Override
    public String toString() {
        return "n" + id + ":" + op + (attr == null ? "" : "[" + attr + "]")
                + args.stream().map(a -> "n" + a.id).toList();
    }
}
