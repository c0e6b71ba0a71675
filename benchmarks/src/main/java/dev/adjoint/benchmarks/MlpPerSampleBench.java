package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link MlpPerSample} (MLP style (b): per sample, input-major weights), 784-128-10, batch 64,
 * the weights of {@link MlpBench} transposed: the objective, its hand-written gradient, Adjoint's
 * reverse mode and one forward (tangent) pass.
 */
public class MlpPerSampleBench extends BenchmarkSettings {
    Mlp.Data p;
    double[] w1;
    double[] w2;
    double[] g1;
    double[] g2;
    double[] work;
    double[] d1;
    double[] d2;

    @Setup
    public void setUp() {
        p = new Mlp.Data(64, 784, 128, 10, 11);
        w1 = MlpPerSample.transpose(p.w1, p.hidden, p.in);
        w2 = MlpPerSample.transpose(p.w2, p.out, p.hidden);
        g1 = new double[w1.length];
        g2 = new double[w2.length];
        work = new double[2 * p.hidden + p.out];
        d1 = Gradients.direction(w1.length, 4);
        d2 = Gradients.direction(w2.length, 5);
    }

    @Benchmark
    public double objective() {
        return MlpPerSample.loss(w1, w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda);
    }

    @Benchmark
    public double handWritten() {
        return MlpPerSample.handGradient(w1, w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda, g1, g2, work);
    }

    @Benchmark
    public MlpPerSampleGrad.Loss adjointReverse() {
        return MlpPerSampleGrad.loss(w1, w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return MlpPerSampleGrad.lossTangent(w1, d1, w2, d2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda)
                .tangent();
    }
}
