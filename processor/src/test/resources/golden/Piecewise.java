package golden;

import dev.adjoint.Differentiable;

/** A branch, an array read at a parameter index, and wrt: a robust (Huber-like) loss of a linear model. */
final class Piecewise {
  @Differentiable(wrt = "w")
  static double loss(double[] w, double[] x, double y, int bias) {
    double r = w[0] * x[0] + w[1] * x[1] + w[bias] - y;
    return Math.abs(r) < 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
  }
}
