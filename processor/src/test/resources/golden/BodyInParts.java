package golden;

import dev.adjoint.Differentiable;

/**
 * Compiled with -Aadjoint.partBytes=200: a body past that estimated size is cut into private
 * methods of about that size (the JIT compiles small methods), each part of each sweep its own.
 */
final class BodyInParts {
  @Differentiable
  static double tangled(double x, double y) {
    double a = Math.sin(x) * y + x * x;
    double b = Math.cos(a * y) + a / (1 + y * y);
    double c = Math.exp(0.1 * b) * a - b * x;
    double e = Math.log(1 + c * c) + a * b * c;
    return e * e + a - b * y;
  }
}
