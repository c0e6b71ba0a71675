package dev.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole gradients that cost about n objective evaluations: Adjoint forward mode (n tangent
 * passes along e_1 ... e_n), Hipparchus {@code Gradient} with n free parameters, central finite
 * differences (2n evaluations). Only at the sizes where one call finishes in well under a second.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RosenbrockFullBench {
  @Param({"10", "1000"})
  public int n;

  double[] x;
  double[] g;
  double[] e;

  @Setup
  public void setUp() {
    x = Rosenbrock.start(n);
    g = new double[n];
    e = new double[n];
  }

  @Benchmark
  public double[] adjointForward() {
    for (int i = 0; i < n; i++) {
      e[i] = 1;
      g[i] = RosenbrockGrad.rosenbrockTangent(x, e).tangent();
      e[i] = 0;
    }
    return g;
  }

  @Benchmark
  public double[] hipparchus() {
    return Rosenbrock.hipparchus(Gradients.variables(x, 0, n)).getGradient();
  }

  @Benchmark
  public double[] finiteDifferences() {
    Gradients.centralDifferences(Rosenbrock::rosenbrock, x, g);
    return g;
  }
}
