package dev.adjoint.processor.frontend;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/**
 * How second order differentiates a {@code @DerivativeOf} rule in its turn when the user wrote no
 * rules for the rule itself. For f with rules p_k = ∂f/∂x_k, the Hessian-vector product needs,
 * besides p_k(x), the directional derivative Σ_j ∂p_k/∂x_j·v_j of each rule: forward mode of the
 * rule, one pass per call. A rule whose source is in this compilation is differentiated from its
 * body, like an unannotated callee ({@link ImplicitCallees}: its derivative methods are private
 * methods of the caller's generated class); a rule that is itself {@code @Differentiable} has its
 * generated {@code Tangent} method already, in this build or in a jar. Any other rule (a jar's,
 * whose body is not at hand) stays without one: second order then reports the call.
 */
final class RuleBodies {
    private RuleBodies() {}

    /**
     * The callee whose forward mode differentiates {@code rule}, a {@link ImplicitCallees.Rejected}
     * saying why its body cannot be differentiated, or null when neither its body nor generated
     * derivatives are at hand.
     */
    static ImplicitCallees.Outcome of(ExecutableElement rule, ImplicitCallees<?> callees, Elements elements) {
        if (Signature.isDifferentiable(rule)) return annotated(rule, elements);
        TreePath path = callees == null ? null : callees.sourceOf(rule);
        if (callees == null || path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null)
            return null;
        Type returned = Types2.of(rule.getReturnType());
        if (returned != Type.DOUBLE && returned != Type.DOUBLE_ARRAY)
            return new ImplicitCallees.Rejected("it returns " + rule.getReturnType()
                    + ", and Adjoint differentiates bodies that return double or double[]");
        if (rule.isVarArgs() || !rule.getTypeParameters().isEmpty())
            return new ImplicitCallees.Rejected("it has varargs or type parameters");
        if (rule.getParameters().stream().anyMatch(p -> Types2.of(p.asType()) == null))
            return new ImplicitCallees.Rejected("a parameter has a type Adjoint does not differentiate through");
        return callees.of(rule, false);
    }

    /** A {@code @Differentiable} rule: its own generated forward mode, if it differentiates every floating parameter. */
    private static ImplicitCallees.Outcome annotated(ExecutableElement rule, Elements elements) {
        Optional<Refs.Callee> callee = Signature.callee(rule, elements);
        if (callee.isEmpty()) return null;
        for (Refs.CalleeParam p : callee.get().params()) {
            if (p.type() != null && p.type().isFloating() && !p.differentiated())
                return new ImplicitCallees.Rejected("its @Differentiable leaves parameter " + p.name()
                        + " out of wrt, and second order needs the rule's derivative in every parameter");
        }
        return new ImplicitCallees.Derived(callee.get());
    }
}
