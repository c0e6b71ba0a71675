package demo.modular;

import dev.adjoint.runtime.Optimizer;
import dev.adjoint.runtime.Sgd;

/** Checks the generated gradient inside a named module; throws (exit status 1) on a mismatch. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (!"demo.modular".equals(Main.class.getModule().getName())) {
      throw new AssertionError("not run as a module: " + Main.class.getModule());
    }
    double[] x = {0, 1.5, 2};
    EnergyGrad.Springs g = EnergyGrad.springs(x, 2, 1);
    // stretches 0.5 and -0.5: energy 2 * (0.5 * 2 * 0.25); dE/dx = k * (-s0, s0 - s1, s1)
    expect("energy", 0.5, g.value());
    expect("dx[0]", -1, g.dx()[0]);
    expect("dx[1]", 2, g.dx()[1]);
    expect("dx[2]", -1, g.dx()[2]);

    Optimizer sgd = new Sgd(0.1);
    double[][] params = {x};
    for (int step = 0; step < 200; step++) {
      sgd.step(params, EnergyGrad.springs(x, 2, 1));
    }
    expect("relaxed energy", 0, EnergyGrad.springs(x, 2, 1).value());
    System.out.printf("modular: gradient checked in module %s; relaxed x = [%.3f, %.3f, %.3f]%n",
        Main.class.getModule().getName(), x[0], x[1], x[2]);
  }

  private static void expect(String what, double expected, double actual) {
    if (!(Math.abs(expected - actual) <= 1e-9)) {
      throw new AssertionError(what + ": expected " + expected + ", got " + actual);
    }
  }
}
