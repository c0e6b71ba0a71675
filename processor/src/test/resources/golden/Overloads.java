package golden;

import dev.adjoint.Differentiable;

/**
 * Two @Differentiable overloads of one name, as commons-numbers declares erf(x) and erf(x1, x2):
 * the generated methods keep the name erf, the records get the parameter types (Erf_double,
 * Erf_double_double), and the caller's derivative calls the overload javac picks.
 */
final class Overloads {
  @Differentiable
  static double erf(double x) {
    return Math.tanh(1.2 * x + 0.1 * x * x * x);
  }

  @Differentiable
  static double erf(double x1, double x2) {
    return erf(x2) - erf(x1);
  }

  @Differentiable
  static double both(double a, double b) {
    return erf(a * b) + erf(a, b) * b;
  }
}
