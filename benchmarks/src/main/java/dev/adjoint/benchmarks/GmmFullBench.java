package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Whole GMM gradients by forward mode, Hipparchus and finite differences, at the small size. */
public class GmmFullBench extends BenchmarkSettings {
    @Param({"2,5,1000"})
    public String size;

    Gmm.Data p;
    double[] ea;
    double[] em;
    double[] ei;
    double[] all;
    double[] g;

    @Setup
    public void setUp() {
        p = GmmBench.data(size);
        ea = new double[p.alphas.length];
        em = new double[p.means.length];
        ei = new double[p.icf.length];
        all = Gradients.concat(p.alphas, p.means, p.icf);
        g = new double[all.length];
    }

    @Benchmark
    public double[] adjointForward() {
        int o = 0;
        for (double[] e : new double[][] {ea, em, ei}) {
            for (int i = 0; i < e.length; i++) {
                e[i] = 1;
                g[o++] = GmmGrad.gmmTangent(p.alphas, ea, p.means, em, p.icf, ei, p.x, p.d, p.k, p.n, p.gamma, p.m)
                        .tangent();
                e[i] = 0;
            }
        }
        return g;
    }

    @Benchmark
    public double[] hipparchus() {
        int total = p.parameters();
        return Gmm.hipparchus(
                        Gradients.variables(p.alphas, 0, total),
                        Gradients.variables(p.means, p.alphas.length, total),
                        Gradients.variables(p.icf, p.alphas.length + p.means.length, total),
                        p.x,
                        p.d,
                        p.k,
                        p.n,
                        p.gamma,
                        p.m)
                .getGradient();
    }

    @Benchmark
    public double[] finiteDifferences() {
        int ka = p.alphas.length;
        int km = p.means.length;
        Gradients.centralDifferences(
                v -> {
                    System.arraycopy(v, 0, p.alphas, 0, ka);
                    System.arraycopy(v, ka, p.means, 0, km);
                    System.arraycopy(v, ka + km, p.icf, 0, p.icf.length);
                    return p.objective();
                },
                all,
                g);
        return g;
    }
}
