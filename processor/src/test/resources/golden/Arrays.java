package golden;

import dev.adjoint.Differentiable;

/**
 * A matrix and a vector parameter and a local array: y = A x, then |y|²; dA and dx are new
 * arrays of the parameters' shapes.
 */
final class Arrays {
  @Differentiable
  static double normOfProduct(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < x.length; j++) y[i] += a[i][j] * x[j];
    }
    double s = 0;
    for (int i = 0; i < y.length; i++) s += y[i] * y[i];
    return s;
  }
}
