package dev.adjoint.processor.modes.second;

import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Forward mode over a call of another method's reverse method, {@code r = gGrad.g(a…)}: the
 * record r holds g(a) and the partials ∂g/∂a, which the backward sweep multiplies by adjoints.
 * Their tangents along ȧ are what g's own Hessian-vector product returns in one call, so the
 * call becomes {@code r = gGrad.gHvp(a, ȧ, …)}, whose record holds the same value and partials
 * and H_g·ȧ besides: the tangent of {@code r.dx()} is {@code r.hvx()}, and the tangent of
 * {@code r.value()} is Σ ∂g/∂a·ȧ (a dot product for an array argument). The callee's
 * {@code gHvp} exists because the processor generates it for every callee of an
 * {@code order = 2} method in the same build, and requires {@code order = 2} of one from a jar.
 * A call made in a branch hands its record out of the branch (an output of the SELECT) to the
 * backward sweep, which reads the partials there: their tangents are read there too.
 *
 * <p>A call of a {@code double[]}-valued callee's {@code fVjp(a…, seed)} is lowered alike, to
 * {@code fVjpHvp(a…, ȧ…, seed, ṡeed)}: its partials are seedᵀ·J and their tangents
 * ṡeedᵀ·J + H_{seed·f}·ȧ. The forward sweep has f's value from its own call.
 */
final class CalleeHvp {
    /** Σ_k partial[k]·tangent[k]: the runtime helper forward mode also calls for array partials. */
    private static final Refs.Method DOT =
            new Refs.Method(com.palantir.javapoet.ClassName.get("dev.adjoint.runtime.internal", "Adjoints"), "dot");

    private final GraphBuilder b;
    private final Predicate<Node> active;
    private final Function<Node, Node> tangentOf;
    private final BiConsumer<Node, Node> setTangent;
    /** Each lowered call: its callee, and its arguments (without their tangents). */
    private final Map<Node, Lowered> lowered = new HashMap<>();

    private record Lowered(Node node, Refs.Callee callee, List<Node> args) {}

    /**
     * The lowered call {@code record} stands for: the call itself, or, where the backward sweep
     * reads the record of a call made in a branch, the branch's output that carries it out.
     */
    private Lowered of(Node record) {
        Lowered call = lowered.get(record);
        if (call != null || record.op != Op.PROJ || record.arg(0).op != Op.SELECT) return call;
        for (var branch : record.arg(0).branches) {
            Lowered inBranch = of(branch.results.get(record.index()));
            if (inBranch != null) return inBranch;
        }
        return null;
    }

    CalleeHvp(
            GraphBuilder b, Predicate<Node> active, Function<Node, Node> tangentOf, BiConsumer<Node, Node> setTangent) {
        this.b = b;
        this.active = active;
        this.tangentOf = tangentOf;
        this.setTangent = setTangent;
    }

    /**
     * The record a copied call of a callee's reverse method stands for: the call itself when no
     * argument has a tangent (nothing to differentiate), else a call of the callee's {@code Hvp}
     * with each differentiated argument followed by its tangent (zero when it has none).
     */
    Node lower(Node call) {
        Refs.Callee callee = call.callee();
        if (call.args.stream().noneMatch(active)) return call;
        List<Node> args = new ArrayList<>();
        b.derivatives(true);
        for (int i = 0; i < call.args.size(); i++) {
            Node arg = call.arg(i);
            args.add(arg);
            // the argument after the callee's own is fVjp's seed, which has a tangent like a differentiated one
            boolean seed = i == callee.params().size();
            if (!seed && !callee.params().get(i).differentiated()) continue;
            args.add(
                    active.test(arg)
                            ? tangentOf.apply(arg)
                            : arg.type == Type.DOUBLE ? b.zero(Type.DOUBLE) : b.zerosLike(arg));
        }
        b.derivatives(false);
        Node hvp = b.call(Op.CALL_REVERSE, Type.OBJECT, callee.hvp(), args);
        hvp.nameAfter(call.hint() != null ? call.hint() + "Hvp" : callee.method() + "Hvp");
        lowered.put(hvp, new Lowered(hvp, callee, List.copyOf(call.args)));
        return hvp;
    }

    /** Gives a read of a lowered record its tangent: H·ȧ for a partial, Σ ∂g/∂a·ȧ for the value. */
    void afterGet(Node get) {
        Node record = get.arg(0);
        Lowered call = of(record);
        if (call == null) return;
        b.derivatives(true);
        try {
            if (get.accessor().equals("value")) {
                // the forward sweep reads the value where the call is; the record leaves a branch for its partials only
                if (record != call.node())
                    throw new IllegalStateException("the value of a call read outside its branch: " + get);
                Node t = null;
                for (int i = 0; i < call.callee().params().size(); i++) {
                    Node arg = call.args().get(i);
                    Refs.CalleeParam p = call.callee().params().get(i);
                    if (!p.differentiated() || !active.test(arg)) continue;
                    Node partial = b.get(record, p.partialAccessor(), arg.type);
                    Node term = arg.type == Type.DOUBLE
                            ? b.mul(partial, tangentOf.apply(arg))
                            : b.callConst(DOT, Type.DOUBLE, List.of(partial, tangentOf.apply(arg)));
                    t = t == null ? term : b.add(t, term);
                }
                if (t != null) setTangent.accept(get, t);
                return;
            }
            for (Refs.CalleeParam p : call.callee().params()) {
                if (p.differentiated() && p.partialAccessor().equals(get.accessor())) {
                    setTangent.accept(get, b.get(record, p.hvpAccessor(), get.type));
                    return;
                }
            }
        } finally {
            b.derivatives(false);
        }
    }
}
