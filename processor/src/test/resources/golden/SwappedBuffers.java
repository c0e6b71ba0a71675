package golden;

import dev.adjoint.Differentiable;

/**
 * Two buffers swapped each step, as an explicit solver is written: the loop carries its phase
 * (0 or 1) instead of the arrays, its body stands once per phase with each array written by its
 * own name, and after the loop {@code u} is the array of the phase the loop ended in.
 */
final class SwappedBuffers {
  @Differentiable(wrt = "u0")
  static double smoothed(double[] u0, int steps) {
    int n = u0.length;
    double[] u = u0.clone();
    double[] next = new double[n];
    for (int s = 0; s < steps; s++) {
      for (int i = 1; i < n - 1; i++) {
        next[i] = u[i] + 0.25 * (u[i - 1] - 2 * u[i] + u[i + 1]) * u[i];
      }
      double[] t = u;
      u = next;
      next = t;
    }
    return u[n / 2] * u[n / 2];
  }
}
