package golden;

import dev.adjoint.Differentiable;

/**
 * w[i] does not change in the inner loop: it is read once before it (and its adjoint summed
 * in a local), not once per inner iteration.
 */
final class HoistedRead {
  @Differentiable
  static double pairs(double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += w[i] * x[j] * x[j];
      }
    }
    return s;
  }
}
