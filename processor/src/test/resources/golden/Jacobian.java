package golden;

import dev.adjoint.Differentiable;

/** A vector-valued method (fJacobian, fTangent, fVjp) and a loss that calls it. */
final class Jacobian {
  @Differentiable(wrt = "p")
  static double[] residuals(double[] p, double[] x, double[] y) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = p[0] * Math.exp(-p[1] * x[i]) - y[i];
    }
    return r;
  }

  @Differentiable(wrt = "p")
  static double loss(double[] p, double[] x, double[] y) {
    double[] r = residuals(p, x, y);
    double s = 0;
    for (int i = 0; i < r.length; i++) {
      s += r[i] * r[i];
    }
    return 0.5 * s;
  }
}
