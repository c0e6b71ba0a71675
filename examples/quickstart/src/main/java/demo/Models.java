package demo;

import dev.adjoint.Differentiable;

/** The methods a user differentiates: the README's Rosenbrock, and a least-squares loss. */
public final class Models {
  private Models() {}

  @Differentiable
  static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }

  /**
   * Mean squared error of the line {@code w[0] * x + b[0]} over the points {@code (xs[i],
   * ys[i])}; {@code w} and {@code b} are arrays so that an optimiser updates them in place.
   */
  @Differentiable(wrt = {"w", "b"})
  static double squaredError(double[] w, double[] b, double[] xs, double[] ys) {
    double sum = 0;
    for (int i = 0; i < xs.length; i++) {
      double r = w[0] * xs[i] + b[0] - ys[i];
      sum += r * r;
    }
    return sum / xs.length;
  }
}
