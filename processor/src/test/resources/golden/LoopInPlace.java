package golden;

import dev.adjoint.Differentiable;

/**
 * A loss summed over samples whose iterations share only a scratch array each rewrites before
 * reading it: every sample is reversed right after it runs, so the stacks hold one sample.
 */
final class LoopInPlace {
  @Differentiable(wrt = "w")
  static double loss(double[] w, double[] x, int n) {
    int d = w.length;
    double[] h = new double[d];
    double total = 0;
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < d; j++) h[j] = Math.tanh(w[j] * x[s * d + j]);
      double e = 0;
      for (int j = 0; j < d; j++) e += h[j] * h[j];
      total += Math.log(1 + e);
    }
    return total;
  }
}
