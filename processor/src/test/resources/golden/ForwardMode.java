package golden;

import dev.adjoint.Differentiable;

/**
 * The forward mode of a loop over an array parameter and a scalar one (wrt both, not n): each
 * value carries its tangent (xDot, cDot) through the same loop, in one pass.
 */
final class ForwardMode {
  @Differentiable(wrt = {"x", "c"})
  static double polynomial(double[] x, double c, int n) {
    double p = 0;
    for (int i = 0; i < n; i++) {
      p = p * c + x[i % x.length];
    }
    return p;
  }
}
