package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The MLP loss of <i>Deep Learning</i> §6.5.7, 784-128-10, minibatch 64 (101,632 weights). Whole
 * forward-mode and finite-difference gradients (101,632 passes) do not finish in a benchmark: one pass is
 * measured and BENCHMARKS.md extrapolates.
 */
public class MlpBench extends BenchmarkSettings {
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
        return Mlp.handGradient(p.w1, p.w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda, g1, g2, scratch);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return MlpGrad.lossTangent(p.w1, d1, p.w2, d2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda)
                .tangent();
    }

    @Benchmark
    public double hipparchusOnePass() {
        return Mlp.hipparchus(
                        Gradients.directional(p.w1, d1),
                        Gradients.directional(p.w2, d2),
                        p.x,
                        p.labels,
                        p.batch,
                        p.in,
                        p.hidden,
                        p.out,
                        p.lambda)
                .getGradient()[0];
    }
}
