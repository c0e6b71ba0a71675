package dev.adjoint.processor.modes.second;

import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Forward mode over a call of a {@code @DerivativeOf} rule that the processor differentiated
 * from its body. For f with rules p_k = ∂f/∂x_k, the backward sweep adds p_k(x)·ȳ into x̄_k; its
 * tangent along ẋ needs ṗ_k = Σ_j ∂p_k/∂x_j·ẋ_j, the directional derivative of the rule, which is
 * exactly what forward mode of the rule's body computes in one pass. So the call
 * {@code p = Owner.rule(x…)} becomes {@code dual = rule's tangent method(x, ẋ, …)}: the value of
 * p is {@code dual.value()}, its tangent {@code dual.tangent()} (arrays for a rule that returns
 * {@code double[]}, the partial of an array parameter). The rule's tangent method exists because
 * the front end derived it (an unannotated rule of this compilation, a private method of the
 * generated class) or the rule is itself {@code @Differentiable}.
 */
final class RuleTangents {
    private final GraphBuilder b;
    private final Predicate<Node> active;
    private final Function<Node, Node> tangentOf;
    private final BiConsumer<Node, Node> setTangent;

    RuleTangents(
            GraphBuilder b, Predicate<Node> active, Function<Node, Node> tangentOf, BiConsumer<Node, Node> setTangent) {
        this.b = b;
        this.active = active;
        this.tangentOf = tangentOf;
        this.setTangent = setTangent;
    }

    /**
     * Whether {@code call} is a call of a rule differentiated from its body with an argument that
     * has a tangent and no rule of the rule's (rules written for the rule itself, when they cover
     * every such argument, are used instead, as ordinary forward mode does).
     */
    boolean applies(Node call) {
        if (call.op != Op.CALL_CONST || call.method().body() == null) return false;
        for (int i = 0; i < call.args.size(); i++)
            if (active.test(call.arg(i)) && call.method().partial(i) == null) return true;
        return false;
    }

    /**
     * The value that stands for the copied rule call {@code call} (which {@link #applies}): one call
     * of the rule's tangent method along the arguments' tangents, whose value is the rule's and whose
     * tangent is given to it.
     */
    Node lower(Node call) {
        Refs.Callee body = call.method().body();
        List<Node> args = new ArrayList<>();
        for (int i = 0; i < call.args.size(); i++) {
            Node arg = call.arg(i);
            args.add(arg);
            if (!body.params().get(i).differentiated()) continue;
            args.add(
                    active.test(arg)
                            ? tangentOf.apply(arg)
                            : arg.type == Type.DOUBLE ? b.zero(Type.DOUBLE) : b.zerosLike(arg));
        }
        Node dual = b.call(Op.CALL_TANGENT, Type.OBJECT, body, args);
        dual.nameAfter(
                call.hint() != null ? call.hint() + "Dual" : call.method().name() + "Dual");
        Node value = b.get(dual, "value", call.type);
        setTangent.accept(value, b.get(dual, "tangent", call.type));
        return value;
    }
}
