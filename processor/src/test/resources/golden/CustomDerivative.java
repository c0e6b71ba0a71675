package golden;

import dev.adjoint.DerivativeOf;
import dev.adjoint.Differentiable;

/**
 * User-written partial derivatives (@DerivativeOf): the call's op.bprop comes from the rules,
 * not from the function's body. softplus has a scalar rule; norm an array rule, which reverse
 * mode accumulates element-wise (Adjoints.addScaled) and forward mode meets with the tangent in
 * a dot product (Adjoints.dot).
 */
final class CustomDerivative {
  static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  @DerivativeOf(value = "softplus", wrt = "x")
  static double softplusDx(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double norm(double[] v) {
    double s = 0;
    for (double e : v) s += e * e;
    return Math.sqrt(s);
  }

  @DerivativeOf(value = "norm", wrt = "v")
  static double[] normDv(double[] v) {
    double n = norm(v);
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i] / n;
    return d;
  }

  @Differentiable
  static double loss(double[] v, double b) {
    return softplus(norm(v) - b) * b;
  }
}
