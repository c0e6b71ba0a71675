package golden;

import dev.adjoint.Differentiable;

/**
 * An index advanced once per inner iteration (a packed lower triangle): the backward sweep
 * recomputes it from the trip counts instead of saving it each iteration.
 */
final class RunningIndex {
  @Differentiable
  static double triangle(double[] l, double[] x) {
    int n = x.length;
    double s = 0;
    int at = 0;
    for (int i = 0; i < n; i++) {
      double t = x[i];
      for (int j = i + 1; j < n; j++) {
        t += l[at] * x[j];
        at++;
      }
      s = s * x[i] + t * t;
    }
    return s;
  }
}
