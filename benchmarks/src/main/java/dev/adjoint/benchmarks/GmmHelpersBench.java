package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link GmmHelpers} (GMM style (c): small helpers): the objective, its
 * hand-written gradient, Adjoint's reverse mode and one forward (tangent) pass.
 */
public class GmmHelpersBench extends BenchmarkSettings {
    @Param({"10,25,1000"})
    public String size;

    Gmm.Data p;
    double[] ga;
    double[] gm;
    double[] gi;
    double[] work;
    double[] da;
    double[] dm;
    double[] di;

    @Setup
    public void setUp() {
        p = GmmBench.data(size);
        ga = new double[p.alphas.length];
        gm = new double[p.means.length];
        gi = new double[p.icf.length];
        work = new double[p.k * p.d + p.k + p.d];
        da = Gradients.direction(p.alphas.length, 1);
        dm = Gradients.direction(p.means.length, 2);
        di = Gradients.direction(p.icf.length, 3);
    }

    @Benchmark
    public double objective() {
        return GmmHelpers.gmm(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public double handWritten() {
        return GmmHelpers.handGradient(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m, ga, gm, gi, work);
    }

    @Benchmark
    public GmmHelpersGrad.Gmm adjointReverse() {
        return GmmHelpersGrad.gmm(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return GmmHelpersGrad.gmmTangent(p.alphas, da, p.means, dm, p.icf, di, p.x, p.d, p.k, p.n, p.gamma, p.m)
                .tangent();
    }
}
