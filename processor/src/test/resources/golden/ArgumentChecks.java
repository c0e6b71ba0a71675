package golden;

import dev.adjoint.Differentiable;
import org.hipparchus.util.FastMath;

/**
 * Real library style: argument checks that throw (the derivative methods call the method again
 * on that path, so they throw the same exception), predicates and integer-valued calls on
 * differentiated values, FastMath as Math, and an unannotated overload beside the annotated one.
 */
final class ArgumentChecks {
  static float logDensity(float x, float scale) {
    return (float) logDensity((double) x, (double) scale);
  }

  @Differentiable
  static double logDensity(double x, double scale) {
    if (scale <= 0 || Double.isNaN(scale)) {
      throw new IllegalArgumentException("scale: " + scale);
    }
    if (Double.isInfinite(x)) {
      return Double.NEGATIVE_INFINITY;
    }
    double z = x / scale;
    int exponent = Math.getExponent(z);
    return -0.5 * z * z - FastMath.log(scale) + (exponent > 4 ? FastMath.pow(z, 3) * 1e-3 : 0);
  }
}
