package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * ADBench's GMM objective (size "d,k,n"): objective, Adjoint reverse mode, hand-written
 * gradient, and one forward pass of Adjoint and of Hipparchus. Whole forward gradients at the
 * small size are in {@link GmmFullBench}.
 */
public class GmmBench extends BenchmarkSettings {
    @Param({"2,5,1000", "10,25,1000"})
    public String size;

    Gmm.Data p;
    double[] ga;
    double[] gm;
    double[] gi;
    double[] scratch;
    double[] da;
    double[] dm;
    double[] di;

    @Setup
    public void setUp() {
        p = data(size);
        ga = new double[p.alphas.length];
        gm = new double[p.means.length];
        gi = new double[p.icf.length];
        scratch = new double[2 * p.d * p.k + 2 * p.k + p.d];
        da = Gradients.direction(p.alphas.length, 1);
        dm = Gradients.direction(p.means.length, 2);
        di = Gradients.direction(p.icf.length, 3);
    }

    static Gmm.Data data(String size) {
        String[] s = size.split(",");
        return new Gmm.Data(Integer.parseInt(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]), 42);
    }

    @Benchmark
    public double objective() {
        return Gmm.gmm(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public GmmGrad.Gmm adjointReverse() {
        return GmmGrad.gmm(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m);
    }

    @Benchmark
    public double handWritten() {
        return Gmm.handGradient(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m, ga, gm, gi, scratch);
    }

    @Benchmark
    public double adjointForwardOnePass() {
        return GmmGrad.gmmTangent(p.alphas, da, p.means, dm, p.icf, di, p.x, p.d, p.k, p.n, p.gamma, p.m)
                .tangent();
    }

    @Benchmark
    public double hipparchusOnePass() {
        return Gmm.hipparchus(
                        Gradients.directional(p.alphas, da),
                        Gradients.directional(p.means, dm),
                        Gradients.directional(p.icf, di),
                        p.x,
                        p.d,
                        p.k,
                        p.n,
                        p.gamma,
                        p.m)
                .getGradient()[0];
    }
}
