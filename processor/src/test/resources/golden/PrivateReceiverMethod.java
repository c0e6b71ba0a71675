package golden;

import dev.adjoint.Differentiable;

/**
 * Private methods of the receiver that see no differentiated value: the generated class cannot
 * name them, so it calls each through an accessor (…Primal) that invokes a static final
 * MethodHandle found once with privateLookupIn(...).findVirtual, the receiver first. A constant
 * to the JIT, like a direct call. Under order = 2 the Hessian-vector product calls them too.
 */
final class PrivateReceiverMethod {
  private final double k;
  private final double[] w = {0.5, -1.0, 2.0};

  PrivateReceiverMethod(double k) {
    this.k = k;
  }

  static PrivateReceiverMethod standard() {
    return new PrivateReceiverMethod(0.75);
  }

  private double scale() {
    return k * 2;
  }

  private int next(int i) {
    return (i + 1) % w.length;
  }

  @Differentiable(order = 2)
  double energy(double x, double y) {
    return x * y * scale() + x * x * w[next(0)];
  }
}
