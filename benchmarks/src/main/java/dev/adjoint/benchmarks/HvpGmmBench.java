package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Issue 15's cost of second order on the GMM, in two styles, each beside its own objective and
 * generated gradient: {@code gmmHvp} of the benchmarks' main {@link Gmm} (ADBench's flat arrays,
 * whose reverse mode is about hand-written speed) and {@code objectiveHvp} of {@link GmmLoops}
 * (ADBench's loops over {@code double[][]}, whose own gradient is slower); both {@code order = 2},
 * no calls of other differentiated methods. Target: H·v at most 5× the objective.
 */
public class HvpGmmBench extends BenchmarkSettings {
    @Param({"10,25,1000"})
    public String size;

    double[] alphas;
    double[][] means;
    double[][] icf;
    double[][] x;
    double gamma;
    int m;
    double[] va;
    double[][] vm;
    double[][] vi;
    Gmm.Data p;
    double[] vmFlat;
    double[] viFlat;

    @Setup
    public void setUp() {
        p = GmmBench.data(size);
        int tri = p.d * (p.d + 1) / 2;
        alphas = p.alphas;
        means = GmmLoops.rows(p.means, p.d);
        icf = GmmLoops.rows(p.icf, tri);
        x = GmmLoops.rows(p.x, p.d);
        gamma = p.gamma;
        m = p.m;
        va = Gradients.direction(p.k, 1);
        vm = GmmLoops.rows(Gradients.direction(p.k * p.d, 2), p.d);
        vi = GmmLoops.rows(Gradients.direction(p.k * tri, 3), tri);
        // the same directions as GmmLoops', flat
        vmFlat = Gradients.direction(p.k * p.d, 2);
        viFlat = Gradients.direction(p.k * tri, 3);
    }

    @Benchmark
    public double gmmObjective() {
        return Gmm.gmm(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public GmmGrad.Gmm gmmReverse() {
        return GmmGrad.gmm(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public GmmGrad.GmmHvp gmmHvp() {
        return GmmGrad.gmmHvp(p.alphas, va, p.means, vmFlat, p.icf, viFlat, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public double objective() {
        return GmmLoops.objective(alphas, means, icf, x, gamma, m);
    }

    @Benchmark
    public GmmLoopsGrad.Objective adjointReverse() {
        return GmmLoopsGrad.objective(alphas, means, icf, x, gamma, m);
    }

    @Benchmark
    public GmmLoopsGrad.ObjectiveHvp adjointHvp() {
        return GmmLoopsGrad.objectiveHvp(alphas, va, means, vm, icf, vi, x, gamma, m);
    }
}
