package golden;

import dev.adjoint.Differentiable;

/**
 * A loop whose every iteration overwrites s with a nonlinear function of it: the forward sweep
 * saves each iteration's s on a stack, the backward sweep runs the iterations backwards and pops.
 */
final class LoopSavedValues {
  @Differentiable
  static double recurrence(double[] x, double a) {
    double s = a;
    for (int i = 0; i < x.length; i++) {
      s = Math.sin(s * x[i]) + a;
    }
    return s;
  }
}
