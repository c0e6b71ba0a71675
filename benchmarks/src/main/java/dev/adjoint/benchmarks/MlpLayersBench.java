package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link MlpLayers} (MLP style (a): layer by layer on {@code double[][]}), 784-128-10, batch 64,
 * the same weights and data as {@link MlpBench}: the objective, its hand-written gradient,
 * Adjoint's reverse mode and one forward (tangent) pass.
 */
public class MlpLayersBench extends BenchmarkSettings {
    Mlp.Data p;
    double[][] w1;
    double[][] w2;
    double[][] x;
    double[][] g1;
    double[][] g2;
    double[][] d1;
    double[][] d2;

    @Setup
    public void setUp() {
        p = new Mlp.Data(64, 784, 128, 10, 11);
        w1 = GmmLoops.rows(p.w1, p.in);
        w2 = GmmLoops.rows(p.w2, p.hidden);
        x = GmmLoops.rows(p.x, p.in);
        g1 = new double[p.hidden][p.in];
        g2 = new double[p.out][p.hidden];
        d1 = GmmLoops.rows(Gradients.direction(p.w1.length, 4), p.in);
        d2 = GmmLoops.rows(Gradients.direction(p.w2.length, 5), p.hidden);
    }

    @Benchmark
    public double objective() {
        return MlpLayers.loss(w1, w2, x, p.labels, p.lambda);
    }

    @Benchmark
    public double handWritten() {
        return MlpLayers.handGradient(w1, w2, x, p.labels, p.lambda, g1, g2);
    }

    @Benchmark
    public MlpLayersGrad.Loss adjointReverse() {
        return MlpLayersGrad.loss(w1, w2, x, p.labels, p.lambda);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return MlpLayersGrad.lossTangent(w1, d1, w2, d2, x, p.labels, p.lambda).tangent();
    }
}
