package golden;

import dev.adjoint.Differentiable;

/**
 * A dense layer's dot products, one sum per row: the forward sweep and the tangent run four rows
 * at a time, their four sums in one inner loop (each adding its terms in its own order), then
 * the rows left over one at a time.
 */
final class JammedLoops {
  @Differentiable(wrt = {"w", "x"})
  static double layer(double[] w, double[] x, int rows) {
    int cols = x.length;
    double[] h = new double[rows];
    for (int j = 0; j < rows; j++) {
      double s = 0;
      for (int i = 0; i < cols; i++) s += w[j * cols + i] * x[i];
      h[j] = Math.max(s, 0.0);
    }
    double t = 0;
    for (int j = 0; j < rows; j++) t += h[j] * h[j];
    return t;
  }
}
