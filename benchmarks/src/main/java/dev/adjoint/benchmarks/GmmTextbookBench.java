package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@link GmmTextbook} (GMM style (b): point loop outermost, scratch vectors): the objective, its
 * hand-written gradient, Adjoint's reverse mode and one forward (tangent) pass.
 */
public class GmmTextbookBench extends BenchmarkSettings {
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
        work = new double[2 * p.k * p.d + 2 * p.k + p.d];
        da = Gradients.direction(p.alphas.length, 1);
        dm = Gradients.direction(p.means.length, 2);
        di = Gradients.direction(p.icf.length, 3);
    }

    @Benchmark
    public double objective() {
        return GmmTextbook.logLikelihood(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public double handWritten() {
        return GmmTextbook.handGradient(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m, ga, gm, gi, work);
    }

    @Benchmark
    public GmmTextbookGrad.LogLikelihood adjointReverse() {
        return GmmTextbookGrad.logLikelihood(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return GmmTextbookGrad.logLikelihoodTangent(
                        p.alphas, da, p.means, dm, p.icf, di, p.x, p.d, p.k, p.n, p.gamma, p.m)
                .tangent();
    }
}
