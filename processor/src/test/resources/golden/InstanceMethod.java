package golden;

import dev.adjoint.Differentiable;

/**
 * @Differentiable instance methods: the derivative methods are static and take the receiver
 * first. Fields are constants; a private one is read through a static final VarHandle (the
 * generated class cannot name it), a package-private one directly. logDensity calls the
 * receiver's own density, through its generated methods, handing on the receiver.
 */
final class InstanceMethod {
  private final double mu;
  final double sigma;

  InstanceMethod(double mu, double sigma) {
    this.mu = mu;
    this.sigma = sigma;
  }

  static InstanceMethod standard() {
    return new InstanceMethod(0.25, 1.5);
  }

  @Differentiable
  double density(double x) {
    double z = (x - mu) / sigma;
    return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
  }

  @Differentiable
  double logDensity(double x) {
    return Math.log(density(x));
  }
}
