package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.GradientCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The hand-written gradients (the benchmarks' floor) against central finite differences. */
class HandGradientsTest {

    @Test
    void rosenbrock() {
        for (int n : new int[] {2, 10, 11}) {
            double[] x = Rosenbrock.start(n);
            double[] g = new double[n];
            double v = Rosenbrock.handGradient(x, g);
            assertEquals(Rosenbrock.rosenbrock(x), v, 1e-12 * Math.abs(v));
            GradientCheck.gradient(Rosenbrock::rosenbrock, x, g).assertPassed();
        }
    }

    @Test
    void gmm() {
        for (int[] s : new int[][] {{2, 3, 20, 0}, {4, 3, 15, 2}, {5, 2, 7, 3}}) {
            // ADBench's data use gamma = 1, m = 0; m != 0 and gamma != 1 exercise the rest of the prior
            Gmm.Data p = new Gmm.Data(s[0], s[1], s[2], 3, s[3] == 0 ? 1.0 : 1.7, s[3]);
            double[] ga = new double[p.alphas.length];
            double[] gm = new double[p.means.length];
            double[] gi = new double[p.icf.length];
            double[] scratch = new double[2 * p.d * p.k + 2 * p.k + p.d];
            double v =
                    Gmm.handGradient(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m, ga, gm, gi, scratch);
            assertEquals(p.objective(), v, 1e-10 * Math.abs(v));
            Gmm.Data q = p;
            double[] all = Gradients.concat(p.alphas, p.means, p.icf);
            GradientCheck.gradient(
                            w -> {
                                double[] a = Arrays.copyOfRange(w, 0, q.alphas.length);
                                double[] m = Arrays.copyOfRange(w, q.alphas.length, q.alphas.length + q.means.length);
                                double[] i = Arrays.copyOfRange(w, q.alphas.length + q.means.length, w.length);
                                return Gmm.gmm(a, m, i, q.x, q.d, q.k, q.n, q.gamma, q.m);
                            },
                            all,
                            Gradients.concat(ga, gm, gi))
                    .assertPassed();
        }
    }

    @Test
    void gmmLogGammaDistrib() {
        // multivariate log-gamma, p = 1: log Gamma(a); p = 2: log(pi)/2 + lgamma(a) + lgamma(a - 1/2)
        assertEquals(Math.log(6), Gmm.logGammaDistrib(4, 1), 1e-12);
        assertEquals(
                0.5 * Math.log(Math.PI) + Math.log(6) + Math.log(Math.sqrt(Math.PI) * 15.0 / 8.0),
                Gmm.logGammaDistrib(4, 2),
                1e-12);
    }

    @Test
    void mlp() {
        Mlp.Data p = new Mlp.Data(3, 5, 4, 3, 1);
        double[] g1 = new double[p.w1.length];
        double[] g2 = new double[p.w2.length];
        double[] scratch = new double[2 * p.hidden + p.out];
        double v =
                Mlp.handGradient(p.w1, p.w2, p.x, p.labels, p.batch, p.in, p.hidden, p.out, p.lambda, g1, g2, scratch);
        assertEquals(p.loss(), v, 1e-12 * Math.abs(v));
        double[] all = Gradients.concat(p.w1, p.w2);
        GradientCheck.gradient(
                        w -> Mlp.loss(
                                Arrays.copyOfRange(w, 0, p.w1.length),
                                Arrays.copyOfRange(w, p.w1.length, w.length),
                                p.x,
                                p.labels,
                                p.batch,
                                p.in,
                                p.hidden,
                                p.out,
                                p.lambda),
                        all,
                        Gradients.concat(g1, g2))
                .assertPassed();
    }

    @Test
    void centralDifferencesHelperMatchesHandGradient() {
        double[] x = Rosenbrock.start(10);
        double[] g = new double[10];
        double[] fd = new double[10];
        Rosenbrock.handGradient(x, g);
        Gradients.centralDifferences(Rosenbrock::rosenbrock, x, fd);
        for (int i = 0; i < 10; i++) {
            assertEquals(g[i], fd[i], 1e-5 * Math.max(1, Math.abs(g[i])));
        }
        assertEquals(Arrays.toString(Rosenbrock.start(10)), Arrays.toString(x), "x restored");
    }
}
