package golden;

import dev.adjoint.Differentiable;

/**
 * An if statement inside a loop: the backward sweep evaluates the condition again from x[i] and
 * margin (nothing is saved) and runs the adjoint of the side that iteration took.
 */
final class BranchInLoop {
  @Differentiable
  static double hinge(double[] x, double margin) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > margin) {
        s += x[i] * x[i] - margin;
      } else {
        s += Math.sin(margin * x[i]);
      }
    }
    return s;
  }
}
