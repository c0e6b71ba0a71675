package golden;

import dev.adjoint.Differentiable;

/** The objective of API.md: two inputs, shared subexpressions, one constant. */
final class Rosenbrock {
  @Differentiable
  static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }
}
