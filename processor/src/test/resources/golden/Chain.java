package golden;

import dev.adjoint.Differentiable;

/** The seeds' repeated subexpression example: z = f(f(f(w))), each f evaluated once. */
final class Chain {
  @Differentiable
  static double f(double w) {
    return Math.sin(w) + 0.5 * w * w;
  }

  @Differentiable
  static double z(double w) {
    double x = f(w);
    double y = f(x);
    return f(y);
  }
}
