package dev.adjoint.corpus.rules;

import dev.adjoint.DerivativeOf;
import org.apache.commons.numbers.gamma.ErfDifference;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * Written by the Adjoint project, not copied: partial derivatives of the Commons Numbers functions
 * that the Commons Statistics distributions call from the jar, for the corpus's second figure
 * ("with a rules file"). Only the partials with respect to the variable, which is what a
 * distribution's density or CDF differentiates; the shape parameters are the distribution's fields.
 */
public final class CommonsNumbersRules {
    private static final double TWO_OVER_ROOT_PI = 2 / Math.sqrt(Math.PI);

    private CommonsNumbersRules() {}

    /** erfc'(x) = -2/√π e^(-x²). */
    @DerivativeOf(value = "value", in = Erfc.class, wrt = "0")
    public static double erfcDx(double x) {
        return -TWO_OVER_ROOT_PI * Math.exp(-x * x);
    }

    /** ErfDifference(x1, x2) = erf(x2) - erf(x1). */
    @DerivativeOf(value = "value", in = ErfDifference.class, wrt = "0")
    public static double erfDifferenceDx1(double x1, double x2) {
        return -TWO_OVER_ROOT_PI * Math.exp(-x1 * x1);
    }

    @DerivativeOf(value = "value", in = ErfDifference.class, wrt = "1")
    public static double erfDifferenceDx2(double x1, double x2) {
        return TWO_OVER_ROOT_PI * Math.exp(-x2 * x2);
    }

    /** ∂P(a, x)/∂x is P's own derivative function, x^(a-1) e^(-x) / Γ(a). */
    @DerivativeOf(value = "value", in = RegularizedGamma.P.class, wrt = "1")
    public static double regularizedGammaPDx(double a, double x) {
        return RegularizedGamma.P.derivative(a, x);
    }

    /** d/dx [x^(a-1) e^(-x) / Γ(a)] = that · ((a - 1)/x - 1). */
    @DerivativeOf(value = "derivative", in = RegularizedGamma.P.class, wrt = "1")
    public static double regularizedGammaPDerivativeDx(double a, double x) {
        return RegularizedGamma.P.derivative(a, x) * ((a - 1) / x - 1);
    }

    /** ∂I_x(a, b)/∂x is I's own derivative function, x^(a-1) (1-x)^(b-1) / B(a, b). */
    @DerivativeOf(value = "value", in = RegularizedBeta.class, wrt = "0")
    public static double regularizedBetaDx(double x, double a, double b) {
        return RegularizedBeta.derivative(x, a, b);
    }

    /** d/dx [x^(a-1) (1-x)^(b-1) / B(a, b)] = that · ((a - 1)/x - (b - 1)/(1 - x)). */
    @DerivativeOf(value = "derivative", in = RegularizedBeta.class, wrt = "0")
    public static double regularizedBetaDerivativeDx(double x, double a, double b) {
        return RegularizedBeta.derivative(x, a, b) * ((a - 1) / x - (b - 1) / (1 - x));
    }
}
