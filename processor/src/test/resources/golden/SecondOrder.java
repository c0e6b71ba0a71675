package golden;

import dev.adjoint.Differentiable;

/**
 * Second order: order = 2 adds forwardOverReverseHvp (forward mode applied to the reverse-mode
 * graph: every adjoint gets a tangent, the gradient's tangent is H·v) and its Hessian, one Hvp
 * call per unit direction. A branch, an array parameter and a function whose partial is its
 * result (exp) show the tangents of the backward sweep's values and of the adjoint array.
 */
final class SecondOrder {
  @Differentiable(order = 2)
  static double forwardOverReverse(double[] w, double x) {
    double z = w[0] * x + w[1];
    double e = Math.exp(z);
    return x > 0 ? e * w[1] : z * z;
  }
}
