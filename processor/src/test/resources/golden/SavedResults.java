package golden;

import dev.adjoint.Differentiable;

/**
 * log Σ exp(x_i): the backward sweep needs exp(x_i) and uses the value the forward sweep saved,
 * rather than calling exp again.
 */
final class SavedResults {
  @Differentiable
  static double logSumExp(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += Math.exp(x[i]);
    return Math.log(s);
  }
}
