package dev.adjoint.processor.modes.forward;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.DerivativeRules;
import dev.adjoint.processor.modes.Transform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tangent mode: next to every active value y of the primal, its tangent ẏ = Σ ∂y/∂x_i · ẋ_i,
 * with the primal's control flow unchanged. A value is active exactly when it has a tangent.
 * The result is {@code (value, tangent)}.
 */
public class ForwardMode extends Transform {
    /** Σ_k partial[k]·tangent[k], for array partials; a runtime helper, as generated code calls it. */
    private static final Refs.Method DOT =
            new Refs.Method(com.palantir.javapoet.ClassName.get("dev.adjoint.runtime.internal", "Adjoints"), "dot");

    private final Set<Integer> differentiated;
    private final Activity primalActivity;
    /** Tangents of the copied (new) nodes. */
    private final Map<Node, Node> tangents = new HashMap<>();

    protected ForwardMode(Input input) {
        this.differentiated = input.differentiated();
        this.primalActivity = input.primalActivity();
    }

    /** What forward mode is given: the differentiated parameters' indices, and which primal values depend on them. */
    public record Input(Set<Integer> differentiated, Activity primalActivity) {}

    /** The graph of {@code mTangent}: root results are the value and its tangent. */
    public static Graph of(Graph primal, Input input) {
        ForwardMode f = new ForwardMode(input);
        f.copyRegion(primal.root);
        Node value = f.copyOf(primal.root.results.get(0));
        value.nameAfter("value");
        f.target.root.results.add(value);
        f.target.root.results.add(f.tangentOf(value));
        return f.target;
    }

    protected Node tangentOf(Node copy) {
        Node t = tangents.get(copy);
        if (t != null && !visibleHere(t)) {
            // a value merged with one computed outside this block, whose tangent was built in another block
            Node here = derive(copy);
            if (here != null) {
                t = here;
                tangents.put(copy, here);
            }
        }
        if (t != null) return t;
        // an inactive array chosen where an active one could be has a tangent of zeros, never null;
        // the null array (a vector method's result before it returns) has the null tangent
        if (copy.type.isArray()) return copy.isConst() ? copy : b.zerosLike(copy);
        return b.zero(copy.type);
    }

    protected boolean active(Node copy) {
        return tangents.containsKey(copy);
    }

    /** Records {@code tangent} as the tangent of the copied node {@code copy} (for transformations built on this one). */
    protected void setTangent(Node copy, Node tangent) {
        if (copy.hint() != null) tangent.nameAfter(copy.hint() + "Dot");
        tangents.put(copy, tangent);
    }

    /** Whether the original node is active, by the activity this transformation was given. */
    protected boolean isActive(Node original) {
        return primalActivity.isActive(original);
    }

    private boolean visibleHere(Node n) {
        return n.op.isLeaf() || n.region.encloses(b.current());
    }

    @Override
    protected void afterCopy(Node original, Node copy) {
        switch (copy.op) {
            // an array the method writes has a tangent array written alongside
            case NEW_ARRAY -> {
                if (primalActivity.isActive(original))
                    tangents.put(copy, named(b.newArray(copy.type, copy.args), copy));
                return;
            }
            case COPY -> {
                if (primalActivity.isActive(original)) {
                    Node source = copy.arg(0);
                    tangents.put(copy, named(active(source) ? b.copy(tangentOf(source)) : b.newArrayLike(copy), copy));
                }
                return;
            }
            case ARRAY_STORE -> {
                Node array = copy.arg(0), value = copy.arg(2);
                if (active(array))
                    b.arrayStore(tangentOf(array), copy.arg(1), active(value) ? tangentOf(value) : b.zero(Type.DOUBLE));
                return;
            }
            default -> {}
        }
        Node known = tangents.get(copy);
        if ((known != null && visibleHere(known)) || !copy.type.isFloating()) return;
        Node t = derive(copy);
        if (t == null) return;
        if (copy.hint() != null) t.nameAfter(copy.hint() + "Dot");
        tangents.put(copy, t);
    }

    private static Node named(Node tangent, Node of) {
        if (of.hint() != null) tangent.nameAfter(of.hint() + "Dot");
        return tangent;
    }

    /** ẏ for a copied node from its arguments' tangents, in the current block; null if inactive. */
    private Node derive(Node copy) {
        b.derivatives(true);
        try {
            switch (copy.op) {
                case PARAM -> {
                    Refs.Param p = copy.param();
                    return differentiated.contains(p.index()) ? b.tangentParam(p) : null;
                }
                case ARRAY_READ -> {
                    return active(copy.arg(0)) ? b.arrayRead(tangentOf(copy.arg(0)), copy.arg(1)) : null;
                }
                default -> {
                    if (!DerivativeRules.isDifferentiable(copy)
                            || copy.args.stream().noneMatch(this::active)) return null;
                    Node t = b.zero(Type.DOUBLE);
                    for (int i = 0; i < copy.args.size(); i++) {
                        if (!active(copy.arg(i))) continue;
                        Node partial = DerivativeRules.partial(b, copy, i);
                        Node tangent = tangentOf(copy.arg(i));
                        // an array partial (a user's rule) meets the array's tangent in a dot product
                        t = b.add(
                                t,
                                copy.arg(i).type.isArray()
                                        ? b.callConst(DOT, Type.DOUBLE, List.of(partial, tangent))
                                        : b.mul(partial, tangent));
                    }
                    return t;
                }
            }
        } finally {
            b.derivatives(false);
        }
    }

    /** Calls go through the callee's generated {@code mTangent}, one Dual per call site. */
    @Override
    protected void copyCall(Node call) {
        Refs.Callee callee = call.callee();
        List<Node> args = new ArrayList<>();
        boolean anyActive = false;
        for (int i = 0; i < call.args.size(); i++) {
            Node arg = copyOf(call.arg(i));
            args.add(arg);
            if (callee.params().get(i).differentiated()) {
                anyActive |= active(arg);
                // a scalar callee keeps no reference to the zeros it is given for an array without a tangent
                boolean shared = arg.type == Type.DOUBLE_ARRAY && !callee.vector();
                args.add(
                        active(arg)
                                ? tangentOf(arg)
                                : arg.type == Type.DOUBLE
                                        ? b.zero(Type.DOUBLE)
                                        : shared ? ArrayValues.zeroTangent(b, arg) : b.zerosLike(arg));
            }
        }
        Node dual = b.call(Op.CALL_TANGENT, Type.OBJECT, callee, args);
        dual.nameAfter(call.hint() != null ? call.hint() + "Dual" : callee.method());
        // a vector-valued callee's fTangent returns a DualArray: the value and J·t are arrays
        Type type = callee.vector() ? Type.DOUBLE_ARRAY : Type.DOUBLE;
        Node value = b.get(dual, "value", type);
        remember(call, value);
        if (anyActive) {
            Node t = b.get(dual, "tangent", type);
            if (call.hint() != null) t.nameAfter(call.hint() + "Dot");
            tangents.put(value, t);
        }
    }

    /** Each branch computes its tangents next to its values; active outputs get a tangent output. */
    @Override
    protected void copySelect(Node select) {
        List<Node> projs = projections(select);
        Node copy = copyWithBranches(select);
        // an output is active when either branch's result is
        List<Integer> activeOutputs = new ArrayList<>();
        for (int k = 0; k < copy.branches.get(0).results.size(); k++) {
            final int index = k;
            if (copy.branches.stream().anyMatch(r -> active(r.results.get(index)))) activeOutputs.add(k);
        }
        int count = copy.branches.get(0).results.size();
        for (Region newBranch : copy.branches) {
            b.in(newBranch, () -> {
                for (int k : activeOutputs) newBranch.results.add(tangentOf(newBranch.results.get(k)));
            });
        }
        Map<Integer, Node> outputs = new HashMap<>();
        for (Node p : projs) {
            Node out = b.project(copy, p.index(), p.type);
            outputs.put(p.index(), out);
            remember(p, out);
        }
        for (int k = 0; k < activeOutputs.size(); k++) {
            Node out = outputs.get(activeOutputs.get(k));
            if (out == null) continue;
            Node t = b.project(copy, count + k, out.type);
            if (out.hint() != null) t.nameAfter(out.hint() + "Dot");
            tangents.put(out, t);
        }
    }

    /** A loop carries, next to each active value, its tangent. */
    @Override
    protected void copyLoop(Node loop) {
        List<Node> params = loopParams(loop);
        List<Node> activeSlots =
                params.stream().filter(primalActivity::isActive).toList();
        List<Node> init = new ArrayList<>(copiesOf(loop.args));
        b.derivatives(true);
        for (Node p : activeSlots) init.add(tangentOf(copyOf(loop.arg(p.index()))));
        b.derivatives(false);
        Node copy = b.loop(init);
        Map<Node, Node> newParams = new HashMap<>();
        for (Node p : params) {
            Node np = b.loopParam(copy, p.index(), p.type);
            remember(p, np);
            newParams.put(p, np);
        }
        for (int j = 0; j < activeSlots.size(); j++) {
            Node t = b.loopParam(copy, params.size() + j, Type.DOUBLE);
            Node np = newParams.get(activeSlots.get(j));
            if (np.hint() != null) t.nameAfter(np.hint() + "Dot");
            tangents.put(np, t);
        }
        Region step = loop.branches.get(0);
        Region newStep = copy.branches.get(0);
        b.in(newStep, () -> {
            copyRegion(step);
            for (Node r : step.results) newStep.results.add(copyOf(r));
            for (Node p : activeSlots) newStep.results.add(tangentOf(copyOf(step.results.get(p.index() + 1))));
        });
        List<Node> projs = projections(loop);
        for (Node p : projs) {
            Node out = b.project(copy, p.index(), p.type);
            remember(p, out);
            int j = activeSlots.indexOf(params.get(p.index()));
            if (j >= 0) tangents.put(out, b.project(copy, params.size() + j, Type.DOUBLE));
        }
    }
}
