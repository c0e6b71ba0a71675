package dev.adjoint.benchmarks;

import static dev.adjoint.benchmarks.AdjointAgainstHandTest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every second-order benchmark computes what its hand-written counterpart computes: the generated
 * H·v against the hand-written product (Rosenbrock) or against central differences of the
 * hand-written gradient along the direction (GMM, MLP, which have no hand-written H·v); the
 * generated Hessian against the hand-written blocks and Hipparchus's {@code DerivativeStructure}.
 * The benchmark classes themselves are set up and called, at their own sizes where that is quick.
 */
class SecondOrderAgainstHandTest {

    /** (g(x + h v) − g(x − h v)) / 2h for a gradient g that fills its last argument. */
    interface FlatGradient {
        void at(double[] x, double[] g);
    }

    static double[] differenceOfGradients(FlatGradient gradient, double[] x, double[] v, double h) {
        double[] plus = new double[x.length];
        double[] minus = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            plus[i] = x[i] + h * v[i];
            minus[i] = x[i] - h * v[i];
        }
        double[] gp = new double[x.length];
        double[] gm = new double[x.length];
        gradient.at(plus, gp);
        gradient.at(minus, gm);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = (gp[i] - gm[i]) / (2 * h);
        }
        return d;
    }

    @Test
    void rosenbrockHvpBenchmarkAgreesWithTheHandWrittenProduct() {
        HvpRosenbrockBench bench = new HvpRosenbrockBench();
        bench.n = 100_000;
        bench.setUp();
        RosenbrockGrad.RosenbrockHvp generated = bench.adjointHvp();
        RosenbrockSecondOrder.Hvp hand = bench.handWritten();
        assertEquals(hand.value(), generated.value(), 1e-13 * hand.value());
        assertEquals(bench.objective(), hand.value(), 1e-13 * hand.value());
        close(hand.gradient(), generated.dx(), 1e-13, "gradient");
        close(hand.hv(), generated.hvx(), 1e-13, "H·v");
        close(hand.hv(), bench.handWrittenInPlace(), 0, "H·v in place");
        // the hand-written product itself against differences of the hand-written gradient
        double[] x = Rosenbrock.start(20);
        double[] v = Gradients.direction(20, 3);
        close(
                differenceOfGradients(Rosenbrock::handGradient, x, v, 1e-5),
                RosenbrockSecondOrder.handHvp(x, v).hv(),
                1e-7,
                "hand-written H·v against differences");
    }

    @Test
    void rosenbrockHessiansAgree() {
        for (int n : new int[] {10, 100}) {
            HessianRosenbrockBench bench = new HessianRosenbrockBench();
            bench.n = n;
            bench.setUp();
            double[][] hand = bench.handWritten();
            double[][] generated = bench.adjointHessian().hessian();
            double[][] hipparchus = bench.hipparchusHessian();
            for (int i = 0; i < n; i++) {
                close(hand[i], generated[i], 1e-13, "generated row " + i);
                close(hand[i], hipparchus[i], 1e-13, "Hipparchus row " + i);
            }
        }
    }

    @Test
    void gmmHvpBenchmarkAgreesWithDifferencesOfTheHandWrittenGradient() {
        HvpGmmBench bench = new HvpGmmBench();
        bench.size = "10,25,1000";
        bench.setUp();
        GmmLoopsGrad.ObjectiveHvp r = bench.adjointHvp();
        assertEquals(bench.objective(), r.value(), 1e-12 * Math.abs(r.value()));
        int k = bench.alphas.length;
        int d = bench.means[0].length;
        int tri = bench.icf[0].length;
        double[] x = Gradients.concat(bench.alphas, flat(bench.means), flat(bench.icf));
        double[] v = Gradients.concat(bench.va, flat(bench.vm), flat(bench.vi));
        FlatGradient hand = (at, g) -> {
            double[] ga = new double[k];
            double[][] gm = new double[k][d];
            double[][] gi = new double[k][tri];
            GmmLoops.handGradient(
                    java.util.Arrays.copyOfRange(at, 0, k),
                    GmmLoops.rows(java.util.Arrays.copyOfRange(at, k, k + k * d), d),
                    GmmLoops.rows(java.util.Arrays.copyOfRange(at, k + k * d, at.length), tri),
                    bench.x,
                    bench.gamma,
                    bench.m,
                    ga,
                    gm,
                    gi);
            System.arraycopy(Gradients.concat(ga, flat(gm), flat(gi)), 0, g, 0, g.length);
        };
        double[] handGradient = new double[x.length];
        hand.at(x, handGradient);
        close(handGradient, Gradients.concat(r.dalphas(), flat(r.dmeans()), flat(r.dicf())), 1e-11, "gradient");
        close(
                differenceOfGradients(hand, x, v, 1e-6),
                Gradients.concat(r.hvalphas(), flat(r.hvmeans()), flat(r.hvicf())),
                1e-6,
                "H·v against differences");
    }

    /** The main GMM's {@code gmmHvp} (flat arrays), as the same benchmark calls it. */
    @Test
    void mainGmmHvpAgreesWithDifferencesOfTheHandWrittenGradient() {
        HvpGmmBench bench = new HvpGmmBench();
        bench.size = "10,25,1000";
        bench.setUp();
        Gmm.Data p = bench.p;
        GmmGrad.GmmHvp r = bench.gmmHvp();
        assertEquals(bench.gmmObjective(), r.value(), 1e-12 * Math.abs(r.value()));
        int k = p.alphas.length, km = p.means.length;
        double[] x = Gradients.concat(p.alphas, p.means, p.icf);
        double[] v = Gradients.concat(bench.va, bench.vmFlat, bench.viFlat);
        double[] scratch = new double[2 * p.d * p.k + 2 * p.k + p.d];
        FlatGradient hand = (at, g) -> {
            double[] ga = new double[k], gm = new double[km], gi = new double[p.icf.length];
            Gmm.handGradient(
                    java.util.Arrays.copyOfRange(at, 0, k),
                    java.util.Arrays.copyOfRange(at, k, k + km),
                    java.util.Arrays.copyOfRange(at, k + km, at.length),
                    p.x,
                    p.d,
                    p.k,
                    p.n,
                    p.gamma,
                    p.m,
                    ga,
                    gm,
                    gi,
                    scratch);
            System.arraycopy(Gradients.concat(ga, gm, gi), 0, g, 0, g.length);
        };
        double[] handGradient = new double[x.length];
        hand.at(x, handGradient);
        close(handGradient, Gradients.concat(r.dalphas(), r.dmeans(), r.dicf()), 1e-11, "gradient");
        close(
                differenceOfGradients(hand, x, v, 1e-6),
                Gradients.concat(r.hvalphas(), r.hvmeans(), r.hvicf()),
                1e-6,
                "H·v against differences");
    }

    /**
     * On the benchmark's 784-128-10 network: the ReLU's kinks make differences of the gradient
     * wrong wherever one of the 8,192 hidden pre-activations changes sign within ±h·v; with h =
     * 1e-8 none does for this data (a step of about 1e-6 against pre-activations of order 0.1).
     */
    @Test
    void mlpHvpBenchmarkAgreesWithDifferencesOfTheHandWrittenGradient() {
        HvpMlpBench bench = new HvpMlpBench();
        bench.setUp();
        Mlp.Data p = bench.p;
        MlpGrad.LossHvp r = bench.adjointHvp();
        assertEquals(bench.objective(), r.value(), 1e-13 * Math.abs(r.value()));
        int n1 = p.w1.length;
        double[] scratch = new double[2 * p.hidden + p.out];
        FlatGradient hand = (at, g) -> {
            double[] g1 = new double[n1];
            double[] g2 = new double[p.w2.length];
            Mlp.handGradient(
                    java.util.Arrays.copyOfRange(at, 0, n1),
                    java.util.Arrays.copyOfRange(at, n1, at.length),
                    p.x,
                    p.labels,
                    p.batch,
                    p.in,
                    p.hidden,
                    p.out,
                    p.lambda,
                    g1,
                    g2,
                    scratch);
            System.arraycopy(Gradients.concat(g1, g2), 0, g, 0, g.length);
        };
        double[] x = Gradients.concat(p.w1, p.w2);
        double[] handGradient = new double[x.length];
        hand.at(x, handGradient);
        close(handGradient, Gradients.concat(r.dw1(), r.dw2()), 1e-12, "gradient");
        close(
                differenceOfGradients(hand, x, Gradients.concat(bench.v1, bench.v2), 1e-8),
                Gradients.concat(r.hvw1(), r.hvw2()),
                1e-6,
                "H·v against differences");
    }

    static double[] flat(double[][] rows) {
        return Gradients.concat(rows);
    }
}
