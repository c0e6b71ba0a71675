package golden;

import dev.adjoint.DerivativeOf;
import dev.adjoint.Differentiable;

/**
 * Second order through a @DerivativeOf rule with no rule of its own, and through an unannotated
 * callee. The backward sweep calls the rule softPlusDx; its tangent comes from one call of
 * secondOrderRuleBody_softPlusDxTangent, the rule's forward mode derived from its body. The
 * callee logistic gets a private Hvp that the caller's Hvp calls, as an annotated callee's.
 */
final class SecondOrderRuleBody {
  static double softPlus(double x) {
    return Math.log1p(Math.exp(x));
  }

  @DerivativeOf(value = "softPlus", wrt = "x")
  static double softPlusDx(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double logistic(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Differentiable(order = 2)
  static double loss(double[] w, double b) {
    double s = 0;
    for (int i = 0; i < w.length; i++) s += softPlus(w[i] * b) + logistic(w[i] - b);
    return s;
  }
}
