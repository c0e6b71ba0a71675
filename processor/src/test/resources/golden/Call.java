package golden;

import dev.adjoint.Differentiable;

/**
 * One @Differentiable method calling another: z = f(f(f(w))), the repeated subexpression example
 * of Goodfellow, Bengio and Courville, Deep Learning, §6.5.3, each f evaluated once.
 */
final class Call {
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
