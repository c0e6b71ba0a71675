package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link GmmLoops} (GMM style (a): ADBench's loops on {@code double[][]}): the objective, its
 * hand-written gradient, Adjoint's reverse mode and one forward (tangent) pass.
 */
public class GmmLoopsBench extends BenchmarkSettings {
    @Param({"10,25,1000"})
    public String size;

    double[] alphas;
    double[][] means;
    double[][] icf;
    double[][] x;
    double gamma;
    int m;
    double[] ga;
    double[][] gm;
    double[][] gi;
    double[] da;
    double[][] dm;
    double[][] di;

    @Setup
    public void setUp() {
        Gmm.Data p = GmmBench.data(size);
        int tri = p.d * (p.d + 1) / 2;
        alphas = p.alphas;
        means = GmmLoops.rows(p.means, p.d);
        icf = GmmLoops.rows(p.icf, tri);
        x = GmmLoops.rows(p.x, p.d);
        gamma = p.gamma;
        m = p.m;
        ga = new double[p.k];
        gm = new double[p.k][p.d];
        gi = new double[p.k][tri];
        da = Gradients.direction(p.k, 1);
        dm = GmmLoops.rows(Gradients.direction(p.k * p.d, 2), p.d);
        di = GmmLoops.rows(Gradients.direction(p.k * tri, 3), tri);
    }

    @Benchmark
    public double objective() {
        return GmmLoops.objective(alphas, means, icf, x, gamma, m);
    }

    @Benchmark
    public double handWritten() {
        return GmmLoops.handGradient(alphas, means, icf, x, gamma, m, ga, gm, gi);
    }

    @Benchmark
    public GmmLoopsGrad.Objective adjointReverse() {
        return GmmLoopsGrad.objective(alphas, means, icf, x, gamma, m);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return GmmLoopsGrad.objectiveTangent(alphas, da, means, dm, icf, di, x, gamma, m)
                .tangent();
    }
}
