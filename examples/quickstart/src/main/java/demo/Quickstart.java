package demo;

import dev.adjoint.runtime.Adam;
import dev.adjoint.runtime.Dual;
import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Optimizer;

/**
 * Checks what the README promises, from a user's build: the generated gradient's values, forward
 * mode against reverse mode, the gradient against finite differences, and a training loop that
 * steps every parameter in one call. Throws (exit status 1) on the first mismatch.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    ModelsGrad.Rosenbrock r = ModelsGrad.rosenbrock(-1.2, 1.0);
    expect("rosenbrock value", 24.2, r.value(), 1e-12);
    expect("rosenbrock dx", -215.6, r.dx(), 1e-12);
    expect("rosenbrock dy", -88.0, r.dy(), 1e-12);
    Dual d = ModelsGrad.rosenbrockTangent(-1.2, 1.0, 1.0, 0.0);
    expect("tangent along x", r.dx(), d.tangent(), 1e-12);

    double[] xs = {0, 1, 2, 3, 4};
    double[] ys = {1, 3, 5, 7, 9}; // y = 2x + 1
    double[] w = {0.5};
    double[] b = {-0.5};
    ModelsGrad.SquaredError g = ModelsGrad.squaredError(w, b, xs, ys);
    GradientCheck.gradient(
            v -> Models.squaredError(new double[] {v[0]}, new double[] {v[1]}, xs, ys),
            new double[] {w[0], b[0]},
            new double[] {g.dw()[0], g.db()[0]})
        .assertPassed();

    Optimizer optimizer = new Adam(0.05);
    double[][] params = {w, b}; // in the order of g.arrays(): dw, db
    for (int step = 0; step < 3000; step++) {
      optimizer.step(params, ModelsGrad.squaredError(w, b, xs, ys));
    }
    expect("fitted slope", 2, w[0], 1e-3);
    expect("fitted intercept", 1, b[0], 1e-3);
    System.out.printf("quickstart: gradients checked; fitted y = %.4f x + %.4f%n", w[0], b[0]);
  }

  private static void expect(String what, double expected, double actual, double tolerance) {
    if (!(Math.abs(expected - actual) <= tolerance)) {
      throw new AssertionError(what + ": expected " + expected + ", got " + actual);
    }
  }
}
