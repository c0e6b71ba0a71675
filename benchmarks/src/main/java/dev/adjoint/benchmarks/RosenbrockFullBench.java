package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Whole gradients that cost about n objective evaluations: Adjoint forward mode (n tangent
 * passes along e_1 ... e_n), Hipparchus {@code Gradient} with n free parameters, central finite
 * differences (2n evaluations). Only at the sizes where one call finishes in well under a second.
 */
public class RosenbrockFullBench extends BenchmarkSettings {
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
