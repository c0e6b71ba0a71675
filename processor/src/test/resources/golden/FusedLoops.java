package golden;

import dev.adjoint.Differentiable;

/**
 * Two adjacent loops over the same range, the second reading only the element the first wrote at
 * the same counter: they become one loop, and c[i] is kept in a local instead of the array.
 */
final class FusedLoops {
  @Differentiable
  static double centered(double[] x, double[] m) {
    int d = m.length;
    double[] c = new double[d];
    for (int i = 0; i < d; i++) c[i] = x[i] - m[i];
    double s = 0;
    for (int i = 0; i < d; i++) s += Math.exp(c[i]) * c[i];
    return s;
  }
}
