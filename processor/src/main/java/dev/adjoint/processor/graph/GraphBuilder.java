package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Creates nodes in the current region, merging each with an equal node already visible from it
 * (common subexpression elimination) and folding constants.
 *
 * <p>Folding is exact for the primal: a rewrite is applied only when Java evaluates both sides
 * to the same bits (so {@code 0 * x} stays, it is NaN for infinite x). Derivative code, built in
 * {@linkplain #derivatives() derivative mode}, also drops zero terms and unit factors: a term
 * multiplied by an exact zero partial contributes nothing to a sum of derivatives.
 */
public final class GraphBuilder {
    private final Graph graph;
    private final Map<Key, List<Node>> visible = new HashMap<>();
    private Region current;
    private boolean derivatives;
    private boolean backward;
    /** While a loop step is recomputed in the backward sweep: the block it is recomputed in. */
    private Region recomputing;
    /** The user's source line new nodes come from (0: unknown). */
    private int line;

    public GraphBuilder(Graph graph) {
        this.graph = graph;
        this.current = graph.root;
    }

    public Graph graph() {
        return graph;
    }

    public Region current() {
        return current;
    }

    /** Whether new nodes are derivative code, simplified more freely, or primal code, folded exactly. */
    public void derivatives(boolean on) {
        this.derivatives = on;
    }

    /**
     * While recomputing a loop step in {@code home} (null to stop): a recomputed value is merged
     * with a forward value, or one recomputed in {@code home}, but never with derivative code,
     * whose adjoint the backward sweep does not track. Returns the previous setting.
     */
    public Region recomputeIn(Region home) {
        Region previous = recomputing;
        recomputing = home;
        return previous;
    }

    /** New nodes come from line {@code line} of the user's source; returns the previous setting. */
    public int at(int line) {
        int previous = this.line;
        this.line = line;
        return previous;
    }

    /** From now on, new nodes belong to the backward sweep. */
    public void beginBackward() {
        this.backward = true;
    }

    /** Whether new nodes belong to the backward sweep, which runs after every value of the forward sweep is made. */
    public boolean inBackward() {
        return backward;
    }

    /** Whether new nodes belong to the backward sweep (an iteration reversed in place); returns the previous setting. */
    public boolean backward(boolean on) {
        boolean previous = backward;
        backward = on;
        return previous;
    }

    /** Runs {@code body} with new nodes going into {@code region}. */
    public void in(Region region, Runnable body) {
        in(region, () -> {
            body.run();
            return null;
        });
    }

    /** Computes {@code body} with new nodes going into {@code region}, and returns what it made. */
    public <T> T in(Region region, Supplier<T> body) {
        Region saved = current;
        current = region;
        try {
            return body.get();
        } finally {
            current = saved;
        }
    }

    // ---- leaves

    public Node constant(double v) {
        return make(Op.CONST, Type.DOUBLE, v);
    }

    public Node constant(Type type, Object value) {
        Object normalized = switch (type) {
            case DOUBLE -> ((Number) value).doubleValue();
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case BOOLEAN -> (Boolean) value;
            case REFERENCE -> (String) value; // a String literal passed on to a call
            default -> throw new IllegalArgumentException(type.toString());
        };
        return make(Op.CONST, type, normalized);
    }

    /** The zero of a type: 0, false, or null for arrays and records. */
    public Node zero(Type type) {
        return switch (type) {
            case DOUBLE, INT, LONG -> constant(type, 0);
            case BOOLEAN -> constant(Type.BOOLEAN, false);
            default -> make(Op.CONST, type, null);
        };
    }

    public Node param(Refs.Param p) {
        return make(Op.PARAM, p.type(), p);
    }

    public Node tangentParam(Refs.Param p) {
        return make(Op.TANGENT_PARAM, p.type(), p);
    }

    public Node field(Refs.Field f, Type type) {
        return make(Op.FIELD, type, f);
    }

    public Node error(Type type) {
        return make(Op.ERROR, type, null);
    }

    // ---- arithmetic (arguments already promoted to a common type)

    public Node add(Node a, Node b) {
        Node folded = foldArithmetic(Op.ADD, a, b);
        if (folded != null) return folded;
        if (isInteger(a, 0)) return b; // exact for int and long
        if (isInteger(b, 0)) return a;
        if (derivatives && a.type == Type.DOUBLE) {
            if (a.isConst(0)) return b;
            if (b.isConst(0)) return a;
            if (a == b) return mul(constant(2), a);
            if (a.op == Op.NEG && b.op != Op.NEG) return sub(b, a.arg(0));
        }
        if (b.op == Op.NEG) return sub(a, b.arg(0)); // a + (-b) is a - b, bit for bit
        return make(Op.ADD, a.type, null, a, b);
    }

    public Node sub(Node a, Node b) {
        Node folded = foldArithmetic(Op.SUB, a, b);
        if (folded != null) return folded;
        if (a.type == Type.DOUBLE && b.isConst(0)) return a; // x - 0.0 is x, even for -0.0
        if (isInteger(b, 0)) return a;
        if (derivatives && a.type == Type.DOUBLE) {
            if (a.isConst(0)) return neg(b);
            if (b.op == Op.NEG) return add(a, b.arg(0));
        }
        return make(Op.SUB, a.type, null, a, b);
    }

    public Node mul(Node a, Node b) {
        Node folded = foldArithmetic(Op.MUL, a, b);
        if (folded != null) return folded;
        if (isInteger(a, 1)) return b;
        if (isInteger(b, 1)) return a;
        if (a.type == Type.DOUBLE) {
            if (a.isConst(1)) return b;
            if (b.isConst(1)) return a;
            if (a.isConst(-1)) return neg(b);
            if (b.isConst(-1)) return neg(a);
            if (derivatives) {
                if (a.isConst(0) || b.isConst(0)) return constant(0);
                if (a.op == Op.NEG) return neg(mul(a.arg(0), b));
                if (b.op == Op.NEG) return neg(mul(a, b.arg(0)));
                // an indicator partial times an adjoint: choose the adjoint instead of multiplying
                if (a.op == Op.CHOOSE) return chooseTimes(a, b);
                if (b.op == Op.CHOOSE) return chooseTimes(b, a);
                if (b.isConst() && !a.isConst()) return mul(b, a); // constants first: 2.0 * x
            }
        }
        return make(Op.MUL, a.type, null, a, b);
    }

    private static boolean isInteger(Node n, long value) {
        return n.isConst() && (n.type == Type.INT || n.type == Type.LONG) && n.constLong() == value;
    }

    private Node chooseTimes(Node choice, Node factor) {
        return choose(choice.arg(0), mul(choice.arg(1), factor), mul(choice.arg(2), factor));
    }

    public Node div(Node a, Node b) {
        Node folded = foldArithmetic(Op.DIV, a, b);
        if (folded != null) return folded;
        if (a.type == Type.DOUBLE && b.isConst(1)) return a;
        if (derivatives && a.type == Type.DOUBLE && a.isConst(0)) return constant(0);
        return make(Op.DIV, a.type, null, a, b);
    }

    public Node rem(Node a, Node b) {
        Node folded = foldArithmetic(Op.REM, a, b);
        return folded != null ? folded : make(Op.REM, a.type, null, a, b);
    }

    public Node neg(Node a) {
        if (a.isConst()) {
            return switch (a.type) {
                case DOUBLE -> constant(-a.constDouble());
                case INT -> constant(Type.INT, -a.constInt());
                case LONG -> constant(Type.LONG, -a.constLong());
                default -> throw new IllegalArgumentException("negating " + a.type);
            };
        }
        if (a.op == Op.NEG) return a.arg(0);
        return make(Op.NEG, a.type, null, a);
    }

    public Node not(Node a) {
        if (a.isConst()) return constant(Type.BOOLEAN, !a.constBoolean());
        if (a.op == Op.NOT) return a.arg(0);
        return make(Op.NOT, Type.BOOLEAN, null, a);
    }

    public Node and(Node a, Node b) {
        if (a.isConst()) return a.constBoolean() ? b : a;
        if (b.isConst()) return b.constBoolean() ? a : b;
        if (a == b) return a;
        return make(Op.AND, Type.BOOLEAN, null, a, b);
    }

    public Node or(Node a, Node b) {
        if (a.isConst()) return a.constBoolean() ? a : b;
        if (b.isConst()) return b.constBoolean() ? b : a;
        if (a == b) return a;
        return make(Op.OR, Type.BOOLEAN, null, a, b);
    }

    public Node compare(Op op, Node a, Node b) {
        if (a.isConst() && b.isConst() && a.type != Type.BOOLEAN) {
            return constant(Type.BOOLEAN, Folding.compare(op, a, b));
        }
        if (a.isConst() && b.isConst()) {
            boolean eq = a.constValue().equals(b.constValue());
            return constant(Type.BOOLEAN, op == Op.EQ ? eq : !eq);
        }
        return make(op, Type.BOOLEAN, null, a, b);
    }

    /**
     * {@code a op b} for an integer bit operator; both of one type for {@code & | ^}, and for a
     * shift the type of the value shifted (Java masks the distance to its width).
     */
    public Node bitwise(String operator, Node a, Node b) {
        if (a.isConst() && b.isConst()) return constant(a.type, Folding.bitwise(operator, a, b));
        return make(Op.BITWISE, a.type, operator, a, b);
    }

    /** A numeric conversion with Java's cast semantics. */
    public Node cast(Node a, Type to) {
        if (a.type == to) return a;
        if (a.isConst()) return constant(to, Folding.cast(a, to));
        return make(Op.CAST, to, null, a);
    }

    /** {@code c ? a : b} with both values computed already: only for pure, non-throwing operands. */
    public Node choose(Node c, Node a, Node b) {
        if (c.isConst()) return c.constBoolean() ? a : b;
        if (a == b) return a;
        return make(Op.CHOOSE, a.type, null, c, a, b);
    }

    public Node math(MathFunction f, Node... args) {
        return math(new MathFunction.Call(f, false), args);
    }

    public Node math(MathFunction.Call call, Node... args) {
        if (derivatives && call.function() == MathFunction.POW && args[1].isConst(1)) return args[0];
        if (derivatives && call.function() == MathFunction.POW && args[1].isConst(0)) return constant(1);
        return make(Op.MATH, call.function().resultType(), call, args);
    }

    // ---- arrays and calls

    /**
     * {@code array[index]}. An element of an array the method writes is read where the read
     * stands; it is merged only with a read of the same element just before it in the same block,
     * with nothing in between that could write (a store, an accumulation, a call, a branch or a loop).
     */
    public Node arrayRead(Node array, Node index) {
        Type element = array.type.element();
        if (ArrayValues.isMutable(array) && !element.isArray()) {
            Node earlier = sameReadBefore(array, index);
            return earlier != null ? earlier : fresh(Op.ARRAY_READ, element, null, List.of(array, index));
        }
        return make(Op.ARRAY_READ, element, null, array, index);
    }

    /** {@code array[index]} merged with nothing: a read that {@link dev.adjoint.processor.rewrite.InvariantReads InvariantReads} moves to a place of its own. */
    public Node unmergedRead(Node array, Node index) {
        return fresh(Op.ARRAY_READ, array.type.element(), null, List.of(array, index));
    }

    /** How far back {@link #sameReadBefore} looks; merging is an optimisation, the bound keeps it linear. */
    private static final int READ_MERGE_WINDOW = 32;

    private Node sameReadBefore(Node array, Node index) {
        List<Node> nodes = current.nodes;
        for (int k = nodes.size() - 1; k >= Math.max(0, nodes.size() - READ_MERGE_WINDOW); k--) {
            Node n = nodes.get(k);
            if (n.op == Op.ARRAY_READ && n.arg(0) == array && n.arg(1) == index) return n;
            if (n.op.isEffect() || n.op.isStructured() || n.op.isCall()) return null;
        }
        return null;
    }

    /** A new array of {@code type} with the given dimensions (one per array level), zero-filled. */
    public Node newArray(Type type, List<Node> dimensions) {
        return fresh(Op.NEW_ARRAY, type, null, dimensions);
    }

    /** A fresh zero-filled array shaped like {@code array} (the same as zerosLike, but writable state). */
    public Node newArrayLike(Node array) {
        return fresh(Op.ZEROS_LIKE, array.type, null, List.of(array));
    }

    /** Marks a ZEROS_LIKE that is the adjoint of one of the method's own arrays: never part of the result. */
    public static final String SCRATCH = "scratch";

    /**
     * The adjoint array of an array the method creates: like {@link #newArrayLike}, but the emitter
     * may borrow it from {@code ScratchArrays} and give it back before returning (it never leaves
     * the method).
     */
    public Node adjointArrayLike(Node array) {
        return fresh(Op.ZEROS_LIKE, array.type, SCRATCH, List.of(array));
    }

    /** A copy of {@code array}: the user's {@code clone()}. */
    public Node copy(Node array) {
        return fresh(Op.COPY, array.type, null, List.of(array));
    }

    /** The copy a derivative method works on, of a parameter the method writes in place. */
    public Node copyOfWrittenParameter(Node array) {
        return fresh(Op.COPY, array.type, WRITTEN_PARAMETER, List.of(array));
    }

    /** The attribute of {@link #copyOfWrittenParameter} copies. */
    public static final String WRITTEN_PARAMETER = "written parameter";

    /** Effect {@code array[index] = value}. */
    public Node arrayStore(Node array, Node index, Node value) {
        return fresh(Op.ARRAY_STORE, Type.VOID, null, List.of(array, index, value));
    }

    public Node arrayLength(Node array) {
        return make(Op.ARRAY_LENGTH, Type.INT, null, array);
    }

    public Node callConst(Refs.Method m, Type result, List<Node> args) {
        return make(Op.CALL_CONST, result, m, args.toArray(new Node[0]));
    }

    /**
     * A call of another differentiable method. One given an array the method writes reads it where
     * the call stands, so it is merged with no other call: a store into the array may stand between.
     */
    public Node call(Op op, Type type, Refs.Callee callee, List<Node> args) {
        for (Node a : args) if (a.type.isArray() && ArrayValues.isMutable(a)) return fresh(op, type, callee, args);
        return make(op, type, callee, args.toArray(new Node[0]));
    }

    public Node get(Node record, String accessor, Type type) {
        return make(Op.GET, type, accessor, record);
    }

    public Node zerosLike(Node array) {
        return make(Op.ZEROS_LIKE, array.type, null, array);
    }

    /** Effect {@code array[index] += value}. */
    public Node accumulate(Node array, Node index, Node value) {
        return fresh(Op.ACCUMULATE, Type.VOID, null, List.of(array, index, value));
    }

    /** Effect {@code into += scale * from}, element by element. */
    public Node accumulateScaled(Node into, Node from, Node scale) {
        return fresh(Op.ACCUMULATE_SCALED, Type.VOID, null, List.of(into, from, scale));
    }

    // ---- structured choice

    /**
     * Starts a lazy choice on {@code condition}: fill each of the two branch regions (with
     * {@link #in}) and set their results, then call {@link #project} for each output.
     */
    public Node select(Node condition) {
        Node s = fresh(Op.SELECT, Type.OBJECT, null, List.of(condition));
        s.branches.add(new Region(current, s));
        s.branches.add(new Region(current, s));
        return s;
    }

    /** Output {@code index} of a SELECT, placed in the SELECT's region. */
    public Node project(Node select, int index, Type type) {
        Node p = new Node(graph.nextId++, Op.PROJ, type, index, List.of(select), select.region, select.backward);
        p.line = select.line;
        Region r = select.region;
        int at = r.nodes.indexOf(select) + 1;
        while (at < r.nodes.size()
                && r.nodes.get(at).op == Op.PROJ
                && r.nodes.get(at).arg(0) == select) at++;
        r.nodes.add(at, p);
        return p;
    }

    // ---- loops

    /** Starts a loop carrying {@code initial}: fill its step with {@link #loopParam} and {@link #in}. */
    public Node loop(List<Node> initial) {
        Node loop = fresh(Op.LOOP, Type.OBJECT, null, initial);
        loop.branches.add(new Region(current, loop));
        return loop;
    }

    /** Carried value {@code index} of {@code loop} at the start of an iteration. */
    public Node loopParam(Node loop, int index, Type type) {
        Region step = loop.branches.get(0);
        Node p = new Node(graph.nextId++, Op.LOOP_PARAM, type, index, List.of(), step, loop.backward);
        int at = 0;
        while (at < step.nodes.size() && step.nodes.get(at).op == Op.LOOP_PARAM) at++;
        step.nodes.add(at, p);
        return p;
    }

    /** Adds a carried value to an existing loop; its step must then add the matching result. */
    public Node carry(Node loop, Node initial) {
        loop.args.add(initial);
        return loopParam(loop, loop.args.size() - 1, initial.type);
    }

    // ---- creation

    /** The leaf {@code template} is (a constant, parameter, field…), merged with the same leaf if there is one. */
    Node leafLike(Node template) {
        return make(template.op, template.type, template.attr());
    }

    private Node foldArithmetic(Op op, Node a, Node b) {
        if (!a.isConst() || !b.isConst()) return null;
        Object v = Folding.arithmetic(op, a, b);
        return v == null ? null : constant(a.type, v);
    }

    private Node make(Op op, Type type, Object attr, Node... args) {
        Key key = new Key(op, type, attr, Arrays.stream(args).map(a -> a.id).toList());
        // an fAdd adds into arrays each time it runs: two are two effects, never one
        boolean shareable = op != Op.CALL_CONST && op != Op.ERROR && op != Op.POP && op != Op.CALL_ADJOINT;
        if (shareable) {
            for (Node candidate : visible.getOrDefault(key, List.of())) {
                boolean leaf = candidate.op.isLeaf() || candidate.op == Op.CONST;
                if (!leaf && recomputing != null && candidate.backward && !recomputing.encloses(candidate.region))
                    continue;
                if (candidate.region.encloses(current) || leaf) return candidate;
            }
        }
        Node n = fresh(op, type, attr, List.of(args));
        if (shareable) visible.computeIfAbsent(key, k -> new ArrayList<>(1)).add(n);
        return n;
    }

    Node fresh(Op op, Type type, Object attr, List<Node> args) {
        // leaves are emitted by name, so they can live at the root and be seen everywhere
        Region home = op.isLeaf() ? graph.root : current;
        Node n = new Node(graph.nextId++, op, type, attr, args, home, backward);
        n.line = line;
        if (op.isLeaf()) home.nodes.add(0, n);
        else home.nodes.add(n);
        return n;
    }

    /** Identity of a node for merging; Double attributes compare by bits, so 0.0 and -0.0 differ. */
    private record Key(Op op, Type type, Object attr, List<Integer> args) {}
}
