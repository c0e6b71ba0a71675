package golden;

import dev.adjoint.Differentiable;

/**
 * Branches: a conditional expression in a robust (Huber-like) loss of a linear model, with an
 * array read at a parameter index and wrt; and an if statement assigning a local on each side.
 */
final class Branch {
  @Differentiable(wrt = "w")
  static double loss(double[] w, double[] x, double y, int bias) {
    double r = w[0] * x[0] + w[1] * x[1] + w[bias] - y;
    return Math.abs(r) < 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
  }

  @Differentiable
  static double clipped(double x, double y) {
    double r;
    if (x > y) {
      r = x * x - y;
    } else {
      r = Math.sin(y) * x;
    }
    return r * y;
  }
}
