package dev.adjoint.runtime;

/**
 * A twice-differentiable function f: ℝⁿ → ℝ as second-order methods ({@link NewtonCG}) need it:
 * the value, the gradient and one Hessian-vector product H·v, in one call — the shape of a
 * generated {@code mHvp} (forward mode over reverse mode), whose record adapts in one line:
 *
 * <pre>{@code
 * SecondOrderObjective f = (x, v) -> {
 *   ModelGrad.LossHvp r = ModelGrad.lossHvp(x, v);
 *   return new SecondOrderObjective.Evaluation(r.value(), r.dx(), r.hvx());
 * };
 * }</pre>
 *
 * <p>Methods that only need the value or the gradient at a point call {@link #value} or {@link
 * #gradient}; their defaults go through {@link #evaluate} with a zero direction, which is correct
 * but pays for a Hessian-vector product. Override them with the plain function and its
 * (generated) gradient where those are cheaper.
 */
@FunctionalInterface
public interface SecondOrderObjective {

    /**
     * f, ∇f and ∇²f·v at one point.
     *
     * @param value f(x)
     * @param gradient ∇f(x)
     * @param hessianTimesDirection ∇²f(x)·v
     */
    record Evaluation(double value, double[] gradient, double[] hessianTimesDirection) {}

    /**
     * f(x), ∇f(x) and ∇²f(x)·{@code direction}. Neither argument is modified.
     *
     * @param x the point
     * @param direction the vector the Hessian multiplies
     * @return the value, the gradient and the Hessian-vector product
     */
    Evaluation evaluate(double[] x, double[] direction);

    /**
     * f(x).
     *
     * @param x the point
     * @return the value there
     */
    default double value(double[] x) {
        return evaluate(x, new double[x.length]).value();
    }

    /**
     * f(x) and ∇f(x) (the Hessian-vector product of the result is not used).
     *
     * @param x the point
     * @return the value and the gradient there
     */
    default Evaluation gradient(double[] x) {
        return evaluate(x, new double[x.length]);
    }
}
