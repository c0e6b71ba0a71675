package dev.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seeds' MLP loss, 784-128-10, minibatch 64 (101,632 weights). Whole forward-mode and
 * finite-difference gradients (101,632 passes) do not finish in a benchmark: one pass is
 * measured and BENCHMARKS.md extrapolates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class MlpBench {
  Mlp.Data p;
  double[] g1;
  double[] g2;
  double[] scratch;
  double[] d1;
  double[] d2;

  @Setup
  public void setUp() {
    p = new Mlp.Data(64, 784, 128, 10, 11);
    g1 = new double[p.w1.length];
    g2 = new double[p.w2.length];
    scratch = new double[2 * p.hidden + p.out];
    d1 = Gradients.direction(p.w1.length, 4);
    d2 = Gradients.direction(p.w2.length, 5);
  }

  @Benchmark
  public double objective() {
    return Mlp.loss(p.w1, p.w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda);
  }

  @Benchmark
  public MlpGrad.Loss adjointReverse() {
    return MlpGrad.loss(p.w1, p.w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda);
  }

  @Benchmark
  public double handWritten() {
    return Mlp.handGradient(p.w1, p.w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda,
        g1, g2, scratch);
  }

  @Benchmark
  public double adjointForwardOnePass() {
    return MlpGrad.lossTangent(p.w1, d1, p.w2, d2, p.x, p.labels, p.batch, p.in, p.hidden, p.out,
        p.lambda).tangent();
  }

  @Benchmark
  public double hipparchusOnePass() {
    return Mlp.hipparchus(Gradients.directional(p.w1, d1), Gradients.directional(p.w2, d2), p.x,
        p.labels, p.batch, p.in, p.hidden, p.out, p.lambda).getGradient()[0];
  }
}
