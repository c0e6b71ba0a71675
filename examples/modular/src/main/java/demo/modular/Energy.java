package demo.modular;

import dev.adjoint.Differentiable;

/** A spring chain's energy: sum over neighbours of k (x[i+1] - x[i] - rest)^2 / 2. */
final class Energy {
  private Energy() {}

  @Differentiable(wrt = "x")
  static double springs(double[] x, double k, double rest) {
    double e = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double stretch = x[i + 1] - x[i] - rest;
      e += 0.5 * k * stretch * stretch;
    }
    return e;
  }
}
