package golden;

import dev.adjoint.Differentiable;

/**
 * A @Differentiable method calling helpers nobody annotated, as library code is written: a private
 * helper that reads a private table of coefficients and calls another helper. Both get private
 * derivative methods of ImplicitCalleeGrad, named implicitCallee_horner and implicitCallee_scale;
 * the table is copied into IMPLICITCALLEE_COEFFICIENTS.
 */
final class ImplicitCallee {
  private static final double[] COEFFICIENTS = {1.0, -0.5, 0.25};

  @Differentiable
  static double f(double x) {
    return horner(x) * Math.exp(-x);
  }

  private static double horner(double x) {
    double sum = 0;
    for (int i = COEFFICIENTS.length - 1; i >= 0; i--) {
      sum = sum * scale(x) + COEFFICIENTS[i];
    }
    return sum;
  }

  private static double scale(double x) {
    return 2 * x;
  }
}
