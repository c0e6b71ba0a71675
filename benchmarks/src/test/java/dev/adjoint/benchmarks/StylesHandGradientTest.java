package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.GradientCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The hand-written gradients of the independently written objectives (issue 17: three styles
 * each for the GMM and the MLP, and the LSTM) against central finite differences, and each
 * objective against the benchmarks' own version of the same function.
 */
class StylesHandGradientTest {

    /** GMM problems: d, k, n, m (m != 0 with gamma 1.7 exercises the whole Wishart prior). */
    static final int[][] GMM_SIZES = {{2, 3, 20, 0}, {4, 3, 15, 2}, {5, 2, 7, 3}};

    static Gmm.Data gmmData(int[] s) {
        return new Gmm.Data(s[0], s[1], s[2], 3, s[3] == 0 ? 1.0 : 1.7, s[3]);
    }

    static double[] flat(double[][] rows) {
        return Gradients.concat(rows);
    }

    @Test
    void gmmLoops() {
        for (int[] s : GMM_SIZES) {
            Gmm.Data p = gmmData(s);
            int tri = p.d * (p.d + 1) / 2;
            double[][] means = GmmLoops.rows(p.means, p.d);
            double[][] icf = GmmLoops.rows(p.icf, tri);
            double[][] x = GmmLoops.rows(p.x, p.d);
            double[] ga = new double[p.k];
            double[][] gm = new double[p.k][p.d];
            double[][] gi = new double[p.k][tri];
            double v = GmmLoops.handGradient(p.alphas, means, icf, x, p.gamma, p.m, ga, gm, gi);
            assertEquals(p.objective(), v, 1e-10 * Math.abs(v));
            assertEquals(p.objective(), GmmLoops.objective(p.alphas, means, icf, x, p.gamma, p.m), 1e-10 * Math.abs(v));
            GradientCheck.gradient(
                            w -> {
                                double[][] parts = split(w, p);
                                return GmmLoops.objective(
                                        parts[0],
                                        GmmLoops.rows(parts[1], p.d),
                                        GmmLoops.rows(parts[2], tri),
                                        x,
                                        p.gamma,
                                        p.m);
                            },
                            Gradients.concat(p.alphas, p.means, p.icf),
                            Gradients.concat(ga, flat(gm), flat(gi)))
                    .assertPassed();
        }
    }

    @Test
    void gmmTextbook() {
        for (int[] s : GMM_SIZES) {
            Gmm.Data p = gmmData(s);
            double[] ga = new double[p.alphas.length];
            double[] gm = new double[p.means.length];
            double[] gi = new double[p.icf.length];
            double[] work = new double[2 * p.k * p.d + 2 * p.k + p.d];
            double v = GmmTextbook.handGradient(
                    p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m, ga, gm, gi, work);
            assertEquals(p.objective(), v, 1e-10 * Math.abs(v));
            assertEquals(
                    p.objective(),
                    GmmTextbook.logLikelihood(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m),
                    1e-10 * Math.abs(v));
            GradientCheck.gradient(
                            w -> {
                                double[][] parts = split(w, p);
                                return GmmTextbook.logLikelihood(
                                        parts[0], parts[1], parts[2], p.x, p.d, p.k, p.n, p.gamma, p.m);
                            },
                            Gradients.concat(p.alphas, p.means, p.icf),
                            Gradients.concat(ga, gm, gi))
                    .assertPassed();
        }
    }

    @Test
    void gmmHelpers() {
        for (int[] s : GMM_SIZES) {
            Gmm.Data p = gmmData(s);
            double[] ga = new double[p.alphas.length];
            double[] gm = new double[p.means.length];
            double[] gi = new double[p.icf.length];
            double[] work = new double[p.k * p.d + p.k + p.d];
            double v = GmmHelpers.handGradient(
                    p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m, ga, gm, gi, work);
            assertEquals(p.objective(), v, 1e-10 * Math.abs(v));
            assertEquals(
                    p.objective(),
                    GmmHelpers.gmm(p.alphas, p.means, p.icf, p.x, p.d, p.k, p.n, p.gamma, p.m),
                    1e-10 * Math.abs(v));
            GradientCheck.gradient(
                            w -> {
                                double[][] parts = split(w, p);
                                return GmmHelpers.gmm(parts[0], parts[1], parts[2], p.x, p.d, p.k, p.n, p.gamma, p.m);
                            },
                            Gradients.concat(p.alphas, p.means, p.icf),
                            Gradients.concat(ga, gm, gi))
                    .assertPassed();
        }
    }

    /** alphas, means, icf out of one vector. */
    static double[][] split(double[] w, Gmm.Data p) {
        int a = p.alphas.length;
        int m = p.means.length;
        return new double[][] {
            Arrays.copyOfRange(w, 0, a), Arrays.copyOfRange(w, a, a + m), Arrays.copyOfRange(w, a + m, w.length)
        };
    }

    static Mlp.Data mlpData() {
        return new Mlp.Data(3, 5, 4, 3, 1);
    }

    @Test
    void mlpLayers() {
        Mlp.Data p = mlpData();
        double[][] x = GmmLoops.rows(p.x, p.in);
        double[][] g1 = new double[p.hidden][p.in];
        double[][] g2 = new double[p.out][p.hidden];
        double v = MlpLayers.handGradient(
                GmmLoops.rows(p.w1, p.in), GmmLoops.rows(p.w2, p.hidden), x, p.labels, p.lambda, g1, g2);
        assertEquals(p.loss(), v, 1e-12 * Math.abs(v));
        GradientCheck.gradient(
                        w -> MlpLayers.loss(
                                GmmLoops.rows(Arrays.copyOfRange(w, 0, p.w1.length), p.in),
                                GmmLoops.rows(Arrays.copyOfRange(w, p.w1.length, w.length), p.hidden),
                                x,
                                p.labels,
                                p.lambda),
                        Gradients.concat(p.w1, p.w2),
                        Gradients.concat(flat(g1), flat(g2)))
                .assertPassed();
    }

    @Test
    void mlpPerSample() {
        Mlp.Data p = mlpData();
        double[] w1 = MlpPerSample.transpose(p.w1, p.hidden, p.in);
        double[] w2 = MlpPerSample.transpose(p.w2, p.out, p.hidden);
        double[] g1 = new double[w1.length];
        double[] g2 = new double[w2.length];
        double v = MlpPerSample.handGradient(
                w1,
                w2,
                p.x,
                p.labels,
                p.batch,
                p.in,
                p.hidden,
                p.out,
                p.lambda,
                g1,
                g2,
                new double[2 * p.hidden + p.out]);
        assertEquals(p.loss(), v, 1e-12 * Math.abs(v));
        GradientCheck.gradient(
                        w -> MlpPerSample.loss(
                                Arrays.copyOfRange(w, 0, w1.length),
                                Arrays.copyOfRange(w, w1.length, w.length),
                                p.x,
                                p.labels,
                                p.batch,
                                p.in,
                                p.hidden,
                                p.out,
                                p.lambda),
                        Gradients.concat(w1, w2),
                        Gradients.concat(g1, g2))
                .assertPassed();
    }

    @Test
    void mlpHelpers() {
        Mlp.Data p = mlpData();
        double[][] x = GmmLoops.rows(p.x, p.in);
        double[] g1 = new double[p.w1.length];
        double[] g2 = new double[p.w2.length];
        double v = MlpHelpers.handGradient(
                p.w1, p.w2, x, p.labels, p.hidden, p.out, p.lambda, g1, g2, new double[2 * p.hidden + p.out]);
        assertEquals(p.loss(), v, 1e-12 * Math.abs(v));
        GradientCheck.gradient(
                        w -> MlpHelpers.loss(
                                Arrays.copyOfRange(w, 0, p.w1.length),
                                Arrays.copyOfRange(w, p.w1.length, w.length),
                                x,
                                p.labels,
                                p.hidden,
                                p.out,
                                p.lambda),
                        Gradients.concat(p.w1, p.w2),
                        Gradients.concat(g1, g2))
                .assertPassed();
    }

    @Test
    void lstm() {
        for (int[] s : new int[][] {{1, 4, 3}, {2, 6, 3}, {3, 5, 4}}) {
            Lstm.Data p = new Lstm.Data(s[0], s[1], s[2], 5);
            double[] gmain = new double[p.mainParams.length];
            double[] gextra = new double[p.extraParams.length];
            double[] state = p.state.clone();
            double v = Lstm.handGradient(
                    p.mainParams,
                    p.extraParams,
                    p.state,
                    p.sequence,
                    p.l,
                    p.c,
                    p.b,
                    gmain,
                    gextra,
                    new double[Lstm.tapeLength(p.l, p.c, p.b)]);
            assertEquals(p.loss(), v, 1e-12 * Math.abs(v));
            assertEquals(Arrays.toString(state), Arrays.toString(p.state), "state left alone");
            int nm = p.mainParams.length;
            GradientCheck.gradient(
                            w -> Lstm.loss(
                                    Arrays.copyOfRange(w, 0, nm),
                                    Arrays.copyOfRange(w, nm, w.length),
                                    p.state,
                                    p.sequence,
                                    p.l,
                                    p.c,
                                    p.b),
                            Gradients.concat(p.mainParams, p.extraParams),
                            Gradients.concat(gmain, gextra))
                    .assertPassed();
        }
    }

    @Test
    void lstmLossByHandOnOneStep() {
        // one layer, one cell, two characters: the loss written out by hand
        double[] main = {0.3, -0.2, 0.5, 0.7, 0.1, -0.4, 0.2, 0.05};
        double[] extra = {1.5, -0.8, 0.25};
        double[] state = {0.1, -0.3};
        double[] seq = {0.6, 0.9};
        double in = seq[0] * extra[0];
        double f = 1 / (1 + Math.exp(-(in * main[0] + main[4])));
        double ig = 1 / (1 + Math.exp(-(state[0] * main[1] + main[5])));
        double og = 1 / (1 + Math.exp(-(in * main[2] + main[6])));
        double ch = Math.tanh(state[0] * main[3] + main[7]);
        double cell = state[1] * f + ig * ch;
        double y = og * Math.tanh(cell) * extra[1] + extra[2];
        double expected = -seq[1] * (y - Math.log(Math.exp(y) + 2));
        assertEquals(expected, Lstm.loss(main, extra, state, seq, 1, 2, 1), 1e-15);
    }
}
