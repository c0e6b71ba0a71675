package dev.adjoint.processor.modes.second;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.SavedValues;
import dev.adjoint.processor.modes.forward.ForwardMode;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Second order by forward mode over reverse mode: the forward transformation applied to the
 * reverse-mode graph (the forward sweep and the backward sweep of Goodfellow, Bengio and
 * Courville, <i>Deep Learning</i>, §6.5, as one graph). Every active value of that graph, the
 * adjoints included, gets a tangent along the direction v; the tangent of the gradient x̄ is
 * then H·v. One call costs a small constant multiple of the reverse method, whatever the number
 * of parameters.
 *
 * <p>On top of what forward mode does on a primal graph, the reverse graph holds the adjoint
 * arrays (a fresh array of zeros: its tangent is another), the additions into them
 * ({@code ā[i] += v} has tangent {@code ǡ[i] += v̇}), and the choices that derivative rules make
 * between values ({@code CHOOSE}: the tangent of the one chosen). Loops: a value the forward
 * sweep saves has its tangent saved next to it, and a backward loop carries the tangents of its
 * adjoints.
 *
 * <p>A call of another {@code double}-valued method {@code g} is, in the reverse graph, one call of
 * {@code g}'s reverse method, whose record holds g and ∂g/∂a. Here it becomes one call of g's own
 * {@code gHvp} along the tangents of the arguments ({@link CalleeHvp}): the record holds the
 * tangents of the partials too (H_g·ȧ), and the tangent of the value is Σ ∂g/∂a·ȧ. So a call
 * costs a constant multiple of the callee, as the method itself does. A {@code double[]}-valued
 * callee f is, in the reverse graph, a call of f for its value r in the forward sweep and one of its
 * {@code fVjp(a…, r̄)} in the backward sweep: the first becomes f's {@code fTangent} (ṙ = J·ȧ, as in
 * forward mode), the second f's {@code fVjpHvp(a…, ȧ…, r̄, ṙ̄)}, the same transformation applied to
 * f's fVjp with its seed as one more input (the tangent of r̄ᵀ·J is ṙ̄ᵀ·J + H_{r̄·f}·ȧ).
 * {@link #unsupported} names the calls this cannot lower, which the processor rejects before
 * this pass runs.
 */
public final class ForwardOverReverse extends ForwardMode {
    /** Calls this cannot lower: a scalar callee called for its value (with an fAdd in the backward sweep). */
    private static final Set<Op> NOT_YET = EnumSet.of(Op.CALL, Op.CALL_TANGENT);

    private final SavedValues saves = new SavedValues(b);
    /** For each saved value whose tangent is saved too: what links the tangent's PUSH to its POP. */
    private final Map<Refs.Saved, Refs.Saved> savedTangents = new HashMap<>();
    /** Calls of callees' reverse methods, lowered to their Hessian-vector products. */
    private final CalleeHvp calls = new CalleeHvp(b, this::active, this::tangentOf, this::setTangent);
    /** Calls of @DerivativeOf rules differentiated from their bodies, lowered to the rules' forward mode. */
    private final RuleTangents ruleBodies = new RuleTangents(b, this::active, this::tangentOf, this::setTangent);

    /**
     * A call of a method with an argument that depends on the parameters, and no @DerivativeOf rule
     * for that parameter: in second order, the call of a function's rule in the backward sweep.
     */
    public static final class Undifferentiable extends RuntimeException {
        public final transient Refs.Method method;
        public final int parameter;
        /** The source line of the call (0 when unknown). */
        public final int line;

        Undifferentiable(Refs.Method method, int parameter, int line) {
            super("forward over reverse cannot differentiate " + method + " in its parameter " + parameter);
            this.method = method;
            this.parameter = parameter;
            this.line = line;
        }
    }

    private ForwardOverReverse(Input input) {
        super(input);
    }

    /** The operations of {@code graph} this transformation cannot differentiate yet (empty when it can). */
    public static Set<Op> unsupported(Graph graph) {
        Set<Op> out = EnumSet.noneOf(Op.class);
        for (Node n : graph.nodes()) {
            // a double[]-valued callee's value: its fTangent, as forward mode calls it
            boolean vectorValue = n.op == Op.CALL && n.callee().vector();
            if (NOT_YET.contains(n.op) && !vectorValue) out.add(n.op);
        }
        return out;
    }

    /**
     * The graph of {@code mHvp}: root results are the value, the gradient (one result per
     * differentiated parameter, as in {@code reverse}), then the tangent of each gradient
     * component, H·v. {@code input}'s activity is that of {@code reverse}, with respect to the
     * differentiated parameters.
     */
    public static Graph of(Graph reverse, Input input) {
        Set<Op> missing = unsupported(reverse);
        if (!missing.isEmpty())
            throw new IllegalStateException("forward over reverse cannot differentiate " + missing + " yet");
        ForwardOverReverse f = new ForwardOverReverse(input);
        f.copyRegion(reverse.root);
        var results = f.target.root.results;
        for (Node r : reverse.root.results) results.add(f.copyOf(r));
        for (int i = 1; i < reverse.root.results.size(); i++) {
            Node hv = f.tangentOf(results.get(i));
            results.add(hv);
        }
        return f.target;
    }

    /**
     * A value saved for the backward sweep has its tangent saved with it: pushed just before it,
     * so taken back just after it (the stacks are last in, first out). What stands for a saved
     * value in a recomputed step has the tangent of the value taken back.
     */
    @Override
    protected void copySaved(Node n) {
        switch (n.op) {
            case STACK -> remember(n, saves.stack(n.stackType()));
            case PUSH -> {
                Node value = copyOf(n.arg(1));
                if (active(value)) {
                    Refs.Saved tangent = new Refs.Saved();
                    savedTangents.put(n.saved(), tangent);
                    saves.push(tangentOf(value), tangent);
                }
                remember(n, saves.push(value, n.saved()));
            }
            case POP -> {
                Node value = saves.pop(n.type, n.saved());
                remember(n, value);
                Refs.Saved tangent = savedTangents.get(n.saved());
                if (tangent != null) setTangent(value, saves.pop(n.type, tangent));
            }
            case SAVED_READ -> standIn(n, saves.savedRead(copyOf(n.arg(0)), copyOf(n.arg(1)), copyOf(n.arg(2))));
            case SAVED_COPY -> standIn(n, saves.savedCopy(copyOf(n.arg(0)), copyOf(n.arg(1))));
            case SAVED_MATH -> standIn(n, saves.savedMath(copyOf(n.arg(0)), n.mathCall()));
            default -> throw new IllegalArgumentException("not a saved value: " + n);
        }
    }

    /** A stand-in for a saved value: the value taken back, and its tangent. */
    private void standIn(Node original, Node copy) {
        remember(original, copy);
        Node popped = copy.arg(0);
        if (active(popped)) setTangent(copy, tangentOf(popped));
    }

    /**
     * The null array (a branch of a recomputed step where an array does not exist yet) has the
     * null array as tangent: an array of zeros shaped like it cannot be made, nor is it needed.
     */
    @Override
    protected Node tangentOf(Node copy) {
        if (copy.isConst() && copy.type.isArray()) return copy;
        return super.tangentOf(copy);
    }

    @Override
    protected void afterCopy(Node original, Node copy) {
        switch (copy.op) {
            case ZEROS_LIKE -> {
                // an adjoint array: its tangent is a fresh array of zeros, added into alongside
                if (isActive(original)) setTangent(copy, b.newArrayLike(copy));
            }
            case ACCUMULATE -> {
                Node array = copy.arg(0), value = copy.arg(2);
                if (active(array) && active(value)) b.accumulate(tangentOf(array), copy.arg(1), tangentOf(value));
            }
            case ACCUMULATE_SCALED -> {
                // into += scale · from: the tangent of into gains scale · ḟrom + scȧle · from
                Node into = copy.arg(0), from = copy.arg(1), scale = copy.arg(2);
                if (!active(into)) return;
                if (active(from)) b.accumulateScaled(tangentOf(into), tangentOf(from), scale);
                if (active(scale)) b.accumulateScaled(tangentOf(into), from, tangentOf(scale));
            }
            case CHOOSE -> {
                // a value, or an array chosen by phase (swapped buffers): its tangent array is chosen alike
                Node then = copy.arg(1), otherwise = copy.arg(2);
                if (copy.type.isFloating() && (active(then) || active(otherwise))) {
                    b.derivatives(true);
                    setTangent(copy, b.choose(copy.arg(0), tangentOf(then), tangentOf(otherwise)));
                    b.derivatives(false);
                }
            }
            case CALL_REVERSE -> {
                Node hvp = calls.lower(copy);
                if (hvp != copy) {
                    // the Hvp call gives the value too: the reverse call it replaces would only run twice
                    // (Pruning keeps a call whose value is dead, for what it may throw)
                    copy.region.nodes.remove(copy);
                    remember(original, hvp);
                }
            }
            case GET -> calls.afterGet(copy);
            case CALL_CONST -> {
                if (ruleBodies.applies(copy)) {
                    remember(original, ruleBodies.lower(copy));
                    return;
                }
                if (copy.method().equals(ReverseMode.CHECKED_SEED)) {
                    // fVjp's seed, checked against the output: its tangent, checked likewise
                    if (active(copy.arg(0))) {
                        b.derivatives(true);
                        setTangent(
                                copy,
                                b.callConst(
                                        ReverseMode.CHECKED_SEED,
                                        copy.type,
                                        List.of(tangentOf(copy.arg(0)), copy.arg(1))));
                        b.derivatives(false);
                    }
                    return;
                }
                // a function with @DerivativeOf rules is differentiated by them; in the backward sweep the
                // rules' own calls are, by the rules written for them in turn. A call of active values
                // without a rule for each would leave its terms out of the Hessian: refuse it
                // (a boolean or integer result, Double.isNaN(x) say, is piecewise constant: nothing to refuse)
                // (nor the method called again to throw: its value is never produced, a constant as in first order)
                boolean constant = !copy.type.isFloating() || copy.method().rethrows();
                for (int i = 0; i < copy.args.size() && !constant; i++) {
                    if (active(copy.arg(i)) && copy.method().partial(i) == null)
                        throw new Undifferentiable(copy.method(), i, original.line);
                }
                super.afterCopy(original, copy);
            }
            default -> super.afterCopy(original, copy);
        }
    }
}
