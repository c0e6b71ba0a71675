package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link MlpHelpers} (MLP style (c): small helpers per sample), 784-128-10, batch 64, the same
 * weights and data as {@link MlpBench}: the objective, its hand-written gradient, Adjoint's
 * reverse mode and one forward (tangent) pass.
 */
public class MlpHelpersBench extends BenchmarkSettings {
    Mlp.Data p;
    double[][] x;
    double[] g1;
    double[] g2;
    double[] work;
    double[] d1;
    double[] d2;

    @Setup
    public void setUp() {
        p = new Mlp.Data(64, 784, 128, 10, 11);
        x = GmmLoops.rows(p.x, p.in);
        g1 = new double[p.w1.length];
        g2 = new double[p.w2.length];
        work = new double[2 * p.hidden + p.out];
        d1 = Gradients.direction(p.w1.length, 4);
        d2 = Gradients.direction(p.w2.length, 5);
    }

    @Benchmark
    public double objective() {
        return MlpHelpers.loss(p.w1, p.w2, x, p.labels, p.hidden, p.out, p.lambda);
    }

    @Benchmark
    public double handWritten() {
        return MlpHelpers.handGradient(p.w1, p.w2, x, p.labels, p.hidden, p.out, p.lambda, g1, g2, work);
    }

    @Benchmark
    public MlpHelpersGrad.Loss adjointReverse() {
        return MlpHelpersGrad.loss(p.w1, p.w2, x, p.labels, p.hidden, p.out, p.lambda);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return MlpHelpersGrad.lossTangent(p.w1, d1, p.w2, d2, x, p.labels, p.hidden, p.out, p.lambda)
                .tangent();
    }
}
