package golden;

import dev.adjoint.Checkpointed;
import dev.adjoint.Differentiable;

/**
 * Time loops marked {@code @Checkpointed}: the forward sweep runs each as the primal does and
 * saves a snapshot of its state every few steps (its carried values; for the heat equation, the
 * state array too); the backward sweep takes back each segment's snapshot, last to first, runs
 * the segment again saving its values, and sweeps it backwards.
 */
final class TimeLoops {
  /** A damped pendulum, explicit Euler, segments of ⌈√steps⌉ steps. */
  @Differentiable(wrt = {"angle", "damping"})
  static double pendulum(double angle, double damping, int steps) {
    double x = angle;
    double v = 0;
    for (@Checkpointed int s = 0; s < steps; s++) {
      double a = -Math.sin(x) - damping * v;
      x = x + 0.1 * v;
      v = v + 0.1 * a;
    }
    return x * x + v;
  }

  /** The heat equation, the new state copied back each step, a snapshot every 3 steps. */
  @Differentiable(wrt = {"u0", "k"})
  static double heat(double[] u0, double k, int steps) {
    int n = u0.length;
    double[] u = new double[n];
    for (int i = 0; i < n; i++) u[i] = u0[i];
    double[] next = new double[n];
    for (@Checkpointed(every = 3) int s = 0; s < steps; s++) {
      next[0] = u[0];
      next[n - 1] = u[n - 1];
      for (int i = 1; i < n - 1; i++) next[i] = u[i] + k * (u[i - 1] - 2 * u[i] + u[i + 1]);
      for (int i = 0; i < n; i++) u[i] = next[i];
    }
    double loss = 0;
    for (int i = 0; i < n; i++) loss += u[i] * u[i] * u[i];
    return loss;
  }
}
