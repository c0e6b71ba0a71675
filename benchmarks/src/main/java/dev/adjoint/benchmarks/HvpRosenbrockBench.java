package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Issue 15's Hessian-vector product on extended Rosenbrock, n = 100,000: the generated {@code
 * rosenbrockHvp} against the hand-written product ({@link RosenbrockSecondOrder#handHvp}) that,
 * like it, returns value, gradient and H·v in new arrays; and, as the floor, the hand-written
 * product into arrays allocated once. Target: generated at most 1.5× the hand-written one.
 */
public class HvpRosenbrockBench extends BenchmarkSettings {
    @Param({"100000"})
    public int n;

    double[] x;
    double[] v;
    double[] g;
    double[] hv;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        v = Gradients.direction(n, 8);
        g = new double[n];
        hv = new double[n];
    }

    @Benchmark
    public double objective() {
        return Rosenbrock.rosenbrock(x);
    }

    @Benchmark
    public RosenbrockSecondOrder.Hvp handWritten() {
        return RosenbrockSecondOrder.handHvp(x, v);
    }

    @Benchmark
    public double[] handWrittenInPlace() {
        RosenbrockSecondOrder.handHvp(x, v, g, hv);
        return hv;
    }

    @Benchmark
    public RosenbrockGrad.RosenbrockHvp adjointHvp() {
        return RosenbrockGrad.rosenbrockHvp(x, v);
    }
}
