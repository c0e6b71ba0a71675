package golden;

import dev.adjoint.Differentiable;

/**
 * Second order of an instance method: energyHvp and energyHessian are static and take the
 * receiver first, as the first-order methods do. The private field is a constant read through a
 * static final VarHandle; the call of the receiver's own @Differentiable method becomes one call of
 * its Hvp (which the caller's order = 2 makes), handing on the receiver.
 */
final class SecondOrderInstance {
  private final double stiffness;

  SecondOrderInstance(double stiffness) {
    this.stiffness = stiffness;
  }

  static SecondOrderInstance standard() {
    return new SecondOrderInstance(1.5);
  }

  @Differentiable
  double spring(double x) {
    return 0.5 * stiffness * x * x * x;
  }

  @Differentiable(order = 2)
  double energy(double x, double y) {
    return spring(x - y) + Math.sin(x * y);
  }
}
