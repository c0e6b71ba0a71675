package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Extended Rosenbrock at every size: the objective, Adjoint reverse mode, the hand-written
 * gradient, and the cost of one forward pass (Adjoint {@code rosenbrockTangent}, Hipparchus with
 * one free parameter). The full n-pass forward gradients are in {@link RosenbrockFullBench} for
 * the sizes where they finish.
 */
public class RosenbrockBench extends BenchmarkSettings {
    @Param({"10", "1000", "100000"})
    public int n;

    double[] x;
    double[] g;
    double[] dir;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        g = new double[n];
        dir = Gradients.direction(n, 7);
    }

    @Benchmark
    public double objective() {
        return Rosenbrock.rosenbrock(x);
    }

    @Benchmark
    public RosenbrockGrad.Rosenbrock adjointReverse() {
        return RosenbrockGrad.rosenbrock(x);
    }

    @Benchmark
    public double[] handWritten() {
        Rosenbrock.handGradient(x, g);
        return g;
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return RosenbrockGrad.rosenbrockTangent(x, dir).tangent();
    }

    @Benchmark
    public double hipparchusOnePass() {
        return Rosenbrock.hipparchus(Gradients.directional(x, dir)).getGradient()[0];
    }
}
