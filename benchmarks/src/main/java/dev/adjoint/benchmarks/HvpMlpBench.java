package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Issue 15's cost of second order on the MLP 784-128-10, minibatch 64 ({@link Mlp}, {@code order
 * = 2}): the generated Hessian-vector product {@code lossHvp} beside the loss and its generated
 * gradient. Target: H·v at most 5× the objective.
 */
public class HvpMlpBench extends BenchmarkSettings {
    Mlp.Data p;
    double[] v1;
    double[] v2;

    @Setup
    public void setUp() {
        p = new Mlp.Data(64, 784, 128, 10, 11);
        v1 = Gradients.direction(p.w1.length, 4);
        v2 = Gradients.direction(p.w2.length, 5);
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
    public MlpGrad.LossHvp adjointHvp() {
        return MlpGrad.lossHvp(p.w1, v1, p.w2, v2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda);
    }
}
