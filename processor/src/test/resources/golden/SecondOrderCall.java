package golden;

import dev.adjoint.Differentiable;

/**
 * Second order through a call: the caller's Hvp calls the callee's own squaredDistanceHvp once
 * per call, along the tangents of the arguments (the partials' tangents are the callee's H·v,
 * the value's tangent the dot product of its gradient with them). The callee has no order = 2:
 * it gets squaredDistanceHvp for its caller, and no Hessian.
 */
final class SecondOrderCall {
  @Differentiable
  static double squaredDistance(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) s += (p[i] - q[i]) * (p[i] - q[i]);
    return s;
  }

  @Differentiable(order = 2)
  static double kernel(double[] p, double[] q, double width) {
    return Math.exp(-squaredDistance(p, q) / (width * width));
  }
}
