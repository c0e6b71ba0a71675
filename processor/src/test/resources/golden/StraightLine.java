package golden;

import dev.adjoint.Differentiable;

/** Straight-line code: Rosenbrock's function, two inputs, shared subexpressions, one constant. */
final class StraightLine {
  @Differentiable
  static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }
}
