package golden;

import dev.adjoint.Differentiable;

/**
 * A while loop whose trip count depends on the data: the forward sweep counts its iterations
 * (saved as one int) and saves p and v in each; the backward sweep runs that many backwards.
 */
final class WhileLoop {
  @Differentiable
  static double halvings(double x, double y) {
    double v = y;
    double p = x;
    while (v > 0.1) {
      v = v * 0.5;
      p = p * Math.cos(x * v) + v;
    }
    return p * y;
  }
}
