package dev.adjoint.benchmarks;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Dense Hessians of extended Rosenbrock: the generated {@code rosenbrockHessian} (n Hessian-vector
 * products, one per unit direction) against Hipparchus's {@code DerivativeStructure} of order 2 (one
 * pass carrying all (n + 1)(n + 2)/2 partial derivatives) and the hand-written 2 × 2 blocks. The
 * DSFactory and the index table of the second partials are built in the setup, outside the timing.
 */
public class HessianRosenbrockBench extends BenchmarkSettings {
    @Param({"10", "100"})
    public int n;

    double[] x;
    DSFactory factory;
    int[][] index;

    @Setup
    public void setUp() {
        x = Rosenbrock.start(n);
        factory = new DSFactory(n, 2);
        index = RosenbrockSecondOrder.secondDerivativeIndices(n);
    }

    @Benchmark
    public double objective() {
        return Rosenbrock.rosenbrock(x);
    }

    @Benchmark
    public double[][] handWritten() {
        return RosenbrockSecondOrder.handHessian(x);
    }

    @Benchmark
    public RosenbrockGrad.RosenbrockHessian adjointHessian() {
        return RosenbrockGrad.rosenbrockHessian(x);
    }

    @Benchmark
    public double[][] hipparchusHessian() {
        return RosenbrockSecondOrder.hipparchusHessian(factory, index, x);
    }
}
