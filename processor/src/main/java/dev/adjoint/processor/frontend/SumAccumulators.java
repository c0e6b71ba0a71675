package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Commons Numbers' compensated accumulator {@code org.apache.commons.numbers.core.Sum}, known the
 * way FastMath is known: a local {@code Sum} that never escapes is a running sum. Only {@code
 * Sum.create()}, {@code Sum.of(..)}, {@code add(..)}, {@code addProduct(a, b)}, {@code
 * accept(t)} and {@code getAsDouble()} are read, in chains or as statements on the local.
 *
 * <p>The local is held as the two doubles the class keeps, its running sum and its compensation
 * (the round-off of every addition and product), updated by the same arithmetic as
 * Commons Numbers Core 1.1 ({@code ExtendedPrecision.twoSumLow}), so the value is the library's to
 * the bit. The round-off of a product is {@code Math.fma(a, b, -a * b)}: exact, like the library's
 * Dekker split, whenever that round-off is a normal number or zero (a product below about 2^-969
 * in magnitude may differ in its last bits). The round-off terms are zero in exact arithmetic, so
 * the derivative is that of the exact sum of the terms (plus round-off of the order of the
 * machine epsilon of each term's derivative).
 *
 * <p>Anything else a {@code Sum} could do — be passed to a method, returned, stored, aliased by a
 * second variable, or read through a method not listed — is an error that names the reason: the
 * object then carries differentiated state beyond this method's locals.
 */
abstract class SumAccumulators extends ReceiverAndRuleCalls {
    static final String SUM = "org.apache.commons.numbers.core.Sum";
    private static final String ESCAPES = "a Sum accumulator used as a value (passed, returned, stored or aliased)";
    private static final String KEEP_LOCAL =
            "an object that carries differentiated state is followed only as a local Sum that create(), of(..),"
                    + " add(..), addProduct(a, b), accept(t) and getAsDouble() use: keep it so, or compute with double locals";

    SumAccumulators(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
    }

    /** Translates an expression: the whole expression language (for the terms). */
    abstract Node expr(ExpressionTree e);

    /** The running sum and the compensation of an accumulator local, at their current values. */
    private record State(Node sum, Node comp) {}

    private static String sumName(String local) {
        return local + "$sum";
    }

    private static String compName(String local) {
        return local + "$comp";
    }

    /** The state locals a call chain may change, by name: those of the variable it starts from (none when no accumulator has that name). */
    static List<String> stateNames(MethodInvocationTree call) {
        ExpressionTree e = call;
        while (unparenthesize(e) instanceof MethodInvocationTree c && c.getMethodSelect() instanceof MemberSelectTree s)
            e = s.getExpression();
        return unparenthesize(e) instanceof IdentifierTree id && e != call
                ? List.of(
                        sumName(id.getName().toString()), compName(id.getName().toString()))
                : List.of();
    }

    /** Whether {@code name} is an accumulator local in scope (read as a value, it escapes). */
    boolean isAccumulator(String name) {
        return lookup(sumName(name)) != null;
    }

    /** The error for reading accumulator {@code id} other than through its methods. */
    Node accumulatorEscapes(Tree at) {
        return fail(at, ESCAPES, KEEP_LOCAL);
    }

    /** {@code Sum s = Sum.create()...}: true when {@code v} declares a Sum (translated or reported). */
    boolean declaredAccumulator(VariableTree v) {
        if (!(v.getType() instanceof ExpressionTree type) || !isSumType(type)) return false;
        String name = v.getName().toString();
        State s = null;
        ExpressionTree init = v.getInitializer();
        if (init == null) {
            fail(v, "a Sum declared without a value", "initialize it with Sum.create() or Sum.of(..)");
        } else if (rootLocal(init) != null || !(unparenthesize(init) instanceof MethodInvocationTree)) {
            accumulatorEscapes(init); // a second name for an accumulator, or one from elsewhere
        } else {
            s = chain(init);
        }
        if (s == null) s = new State(b.error(Type.DOUBLE), b.error(Type.DOUBLE));
        scopes.peek().put(sumName(name), new Local(sumName(name), Type.DOUBLE, s.sum));
        scopes.peek().put(compName(name), new Local(compName(name), Type.DOUBLE, s.comp));
        return true;
    }

    /** {@code s.add(x);}, {@code s.addProduct(a, b).add(c);}: true when translated or reported. */
    boolean accumulatorStatement(MethodInvocationTree call) {
        if (!isSumChain(call)) return false;
        if (rootLocal(call) == null) {
            fail(call, "a Sum built and dropped", "add to a local Sum, or use getAsDouble()");
        } else {
            chain(call);
        }
        return true;
    }

    /**
     * The value of {@code ...getAsDouble()} on an accumulator or a chain; an error for a chain used
     * as an object; null when {@code call} is no call of a Sum.
     */
    Node accumulatorValue(MethodInvocationTree call) {
        if (!(call.getMethodSelect() instanceof MemberSelectTree select)) return null;
        ExpressionTree q = unparenthesize(select.getExpression());
        boolean onSum = isSumChain(q)
                || (q instanceof IdentifierTree id && isAccumulator(id.getName().toString()));
        if (select.getIdentifier().contentEquals("getAsDouble")
                && onSum
                && call.getArguments().isEmpty()) {
            State s = chain(q);
            return s == null ? b.error(Type.DOUBLE) : value(s);
        }
        if (onSum || isSumType(q)) return accumulatorEscapes(call);
        return null;
    }

    /** {@code getAsDouble()}: {@code sum + comp} when finite, else {@code sum}, as the library. */
    private Node value(State s) {
        if (s.sum.op == Op.ERROR || s.comp.op == Op.ERROR) return b.error(Type.DOUBLE);
        Node hp = b.add(s.sum, s.comp);
        Node finite = b.compare(Op.EQ, b.sub(hp, hp), b.constant(0.0));
        return choice(finite, hp, s.sum);
    }

    /**
     * The state after a chain of Sum calls; the state of an accumulator local it starts from is
     * updated. Null after an error (reported).
     */
    private State chain(ExpressionTree e) {
        e = unparenthesize(e);
        if (e instanceof IdentifierTree id && isAccumulator(id.getName().toString())) {
            String name = id.getName().toString();
            Local sum = lookup(sumName(name));
            Local comp = lookup(compName(name));
            return new State(read(id, sum), read(id, comp));
        }
        if (!(e instanceof MethodInvocationTree call) || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
            accumulatorEscapes(e);
            return null;
        }
        String method = select.getIdentifier().toString();
        List<Node> terms = new ArrayList<>();
        for (ExpressionTree a : call.getArguments()) {
            Node t = expr(a);
            if (t.op == Op.ERROR) return null;
            if (t.type.isArray() || t.type == Type.BOOLEAN) {
                fail(a, "an array or object passed to a Sum method", "add the terms one by one");
                return null;
            }
            terms.add(b.cast(t, Type.DOUBLE));
        }
        ExpressionTree q = unparenthesize(select.getExpression());
        if (isSumType(q)) {
            if (method.equals("create") && terms.isEmpty()) return new State(b.constant(0.0), b.constant(0.0));
            if (method.equals("of") && terms.size() == 1) return new State(terms.get(0), b.constant(0.0));
            if (method.equals("of")) return addAll(new State(b.constant(0.0), b.constant(0.0)), terms);
            fail(call, "Sum." + method, KEEP_LOCAL);
            return null;
        }
        State s = chain(q);
        if (s == null) return null;
        State next = switch (method) {
            case "add" -> addAll(s, terms);
            case "accept" -> terms.size() == 1 ? addAll(s, terms) : null;
            case "addProduct" -> terms.size() == 2 ? addProduct(s, terms.get(0), terms.get(1)) : null;
            default -> null;
        };
        if (next == null) {
            fail(call, "Sum's " + method + " here", KEEP_LOCAL);
            return null;
        }
        String root = rootLocal(call);
        if (root != null) {
            lookup(sumName(root)).value = next.sum;
            lookup(compName(root)).value = next.comp;
        }
        return next;
    }

    /** {@code add(t)} for each term: {@code newSum = sum + t; comp += twoSumLow(sum, t, newSum)}. */
    private State addAll(State s, List<Node> terms) {
        for (Node t : terms) {
            Node newSum = b.add(s.sum, t);
            s = new State(newSum, b.add(s.comp, twoSumLow(s.sum, t, newSum)));
        }
        return s;
    }

    /** {@code addProduct(a, b)}: the product's round-off joins the addition's in the compensation. */
    private State addProduct(State s, Node x, Node y) {
        Node ab = b.mul(x, y);
        Node newSum = b.add(s.sum, ab);
        Node low = b.add(twoSumLow(s.sum, ab, newSum), productLow(x, y, ab));
        return new State(newSum, b.add(s.comp, low));
    }

    /** The round-off of {@code sum = a + b}, exactly (Knuth's two-sum, as ExtendedPrecision.twoSumLow). */
    private Node twoSumLow(Node a, Node c, Node sum) {
        Node virtual = b.sub(sum, a);
        return b.add(b.sub(a, b.sub(sum, virtual)), b.sub(c, virtual));
    }

    /**
     * The round-off of {@code xy = x * y}: {@code xy - xy} (0, or NaN) when xy is not a normal
     * number, as the library; else {@code fma(x, y, -xy)}, exact.
     */
    private Node productLow(Node x, Node y, Node xy) {
        Node notFinite = b.compare(Op.NE, b.sub(xy, xy), b.constant(0.0));
        Node subnormal = b.compare(Op.LT, b.math(MathFunction.ABS, xy), b.constant(Double.MIN_NORMAL));
        Node exact = b.math(MathFunction.FMA, x, y, b.neg(xy));
        return choice(b.or(notFinite, subnormal), b.sub(xy, xy), exact);
    }

    /** {@code c ? yes : no} of two doubles computed before: a branch, which derivatives follow (CHOOSE has no rule). */
    private Node choice(Node c, Node yes, Node no) {
        Node select = b.select(c);
        b.in(select.branches.get(0), () -> select.branches.get(0).results.add(yes));
        b.in(select.branches.get(1), () -> select.branches.get(1).results.add(no));
        return b.project(select, 0, Type.DOUBLE);
    }

    /** The accumulator local a chain of calls starts from, or null (a factory, or no chain). */
    private String rootLocal(ExpressionTree e) {
        e = unparenthesize(e);
        while (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree s)
            e = unparenthesize(s.getExpression());
        return e instanceof IdentifierTree id && isAccumulator(id.getName().toString())
                ? id.getName().toString()
                : null;
    }

    /** Whether {@code e} is a call of Sum's that yields a Sum: a factory, or a method on a chain or local. */
    private boolean isSumChain(ExpressionTree e) {
        if (!(unparenthesize(e) instanceof MethodInvocationTree call)
                || !(call.getMethodSelect() instanceof MemberSelectTree select)) return false;
        if (select.getIdentifier().contentEquals("getAsDouble")) return false;
        ExpressionTree q = unparenthesize(select.getExpression());
        return isSumType(q)
                || isSumChain(q)
                || (q instanceof IdentifierTree id && isAccumulator(id.getName().toString()));
    }

    /** Whether {@code t} names the class Sum (a local's type, or a factory's qualifier). */
    private boolean isSumType(ExpressionTree t) {
        if (t instanceof IdentifierTree id && lookup(id.getName().toString()) != null) return false;
        if (!(t instanceof IdentifierTree || t instanceof MemberSelectTree)) return false;
        TypeElement type = resolver.type(t);
        return type != null && type.getQualifiedName().contentEquals(SUM);
    }
}
