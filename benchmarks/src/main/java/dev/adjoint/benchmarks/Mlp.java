package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The MLP training loss of Goodfellow, Bengio and Courville, <i>Deep Learning</i>, §6.5.7: one
 * hidden layer, {@code U1 = X W1}, {@code H = ReLU(U1)}, {@code U2 = H W2}, softmax cross-entropy of {@code U2} against the labels (mean over the
 * minibatch), plus the L2 penalty {@code lambda (||W1||^2 + ||W2||^2)}. No biases, as in the
 * book. Layouts (row-major, one row per unit so each dot product is contiguous): {@code
 * w1[j * in + i]} (hidden x in), {@code w2[o * hidden + j]} (out x hidden), {@code x[b * in +
 * i]} (batch x in).
 */
public final class Mlp {
    private Mlp() {}

    @Differentiable(
            wrt = {"w1", "w2"},
            order = 2)
    public static double loss(
            double[] w1, double[] w2, double[] x, int[] labels, int batch, int in, int hidden, int out, double lambda) {
        double[] h = new double[hidden];
        double[] u = new double[out];
        double ce = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += w1[j * in + i] * x[b * in + i];
                }
                h[j] = Math.max(s, 0.0);
            }
            double mx = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int j = 0; j < hidden; j++) {
                    s += w2[o * hidden + j] * h[j];
                }
                u[o] = s;
                if (s > mx) {
                    mx = s;
                }
            }
            double se = 0;
            for (int o = 0; o < out; o++) {
                se += Math.exp(u[o] - mx);
            }
            ce += Math.log(se) + mx - u[labels[b]];
        }
        double reg = 0;
        for (int i = 0; i < w1.length; i++) {
            reg += w1[i] * w1[i];
        }
        for (int i = 0; i < w2.length; i++) {
            reg += w2[i] * w2[i];
        }
        return ce / batch + lambda * reg;
    }

    /** Hand-written back-propagation into {@code g1}, {@code g2}; returns the loss. The floor. */
    public static double handGradient(
            double[] w1,
            double[] w2,
            double[] x,
            int[] labels,
            int batch,
            int in,
            int hidden,
            int out,
            double lambda,
            double[] g1,
            double[] g2,
            double[] scratch) {
        // scratch: hidden (s) + out (u) + hidden (dh)
        int sOff = 0;
        int uOff = hidden;
        int dhOff = hidden + out;
        double twoLambda = 2 * lambda;
        double reg = 0;
        for (int i = 0; i < w1.length; i++) {
            double w = w1[i];
            reg += w * w;
            g1[i] = twoLambda * w;
        }
        for (int i = 0; i < w2.length; i++) {
            double w = w2[i];
            reg += w * w;
            g2[i] = twoLambda * w;
        }
        double ce = 0;
        double invBatch = 1.0 / batch;
        for (int b = 0; b < batch; b++) {
            int xb = b * in;
            dotRows(w1, hidden, in, x, xb, scratch, sOff);
            double mx = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < out; o++) {
                double s = 0;
                int wo = o * hidden;
                for (int j = 0; j < hidden; j++) {
                    s += w2[wo + j] * Math.max(scratch[sOff + j], 0.0);
                }
                scratch[uOff + o] = s;
                if (s > mx) {
                    mx = s;
                }
            }
            double se = 0;
            for (int o = 0; o < out; o++) {
                se += Math.exp(scratch[uOff + o] - mx);
            }
            int y = labels[b];
            ce += Math.log(se) + mx - scratch[uOff + y];
            for (int j = 0; j < hidden; j++) {
                scratch[dhOff + j] = 0;
            }
            double inv = 1.0 / se;
            for (int o = 0; o < out; o++) {
                double du = (Math.exp(scratch[uOff + o] - mx) * inv - (o == y ? 1 : 0)) * invBatch;
                int wo = o * hidden;
                for (int j = 0; j < hidden; j++) {
                    g2[wo + j] += du * Math.max(scratch[sOff + j], 0.0);
                    scratch[dhOff + j] += du * w2[wo + j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                if (scratch[sOff + j] >= 0) {
                    double ds = scratch[dhOff + j];
                    int wj = j * in;
                    for (int i = 0; i < in; i++) {
                        g1[wj + i] += ds * x[xb + i];
                    }
                }
            }
        }
        return ce * invBatch + lambda * reg;
    }

    /**
     * {@code into[at + j] = row j of w · x[from .. from + cols)} for each of the {@code rows} rows,
     * four rows at a time: each sum is a chain of dependent additions that the JIT keeps in
     * order, and four chains in one loop overlap their latencies (the sums are the same bits).
     */
    static void dotRows(double[] w, int rows, int cols, double[] x, int from, double[] into, int at) {
        int j = 0;
        for (; j + 3 < rows; j += 4) {
            int w0 = j * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < cols; i++) {
                double xi = x[from + i];
                s0 += w[w0 + i] * xi;
                s1 += w[w1 + i] * xi;
                s2 += w[w2 + i] * xi;
                s3 += w[w3 + i] * xi;
            }
            into[at + j] = s0;
            into[at + j + 1] = s1;
            into[at + j + 2] = s2;
            into[at + j + 3] = s3;
        }
        for (; j < rows; j++) {
            double s = 0;
            int wj = j * cols;
            for (int i = 0; i < cols; i++) {
                s += w[wj + i] * x[from + i];
            }
            into[at + j] = s;
        }
    }

    /** The loss on Hipparchus {@link Gradient} weights. */
    public static Gradient hipparchus(
            Gradient[] w1,
            Gradient[] w2,
            double[] x,
            int[] labels,
            int batch,
            int in,
            int hidden,
            int out,
            double lambda) {
        Gradient zero = Gradients.zeroLike(w1[0]);
        Gradient[] h = new Gradient[hidden];
        Gradient[] u = new Gradient[out];
        Gradient ce = zero;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                Gradient s = zero;
                for (int i = 0; i < in; i++) {
                    s = s.add(w1[j * in + i].multiply(x[b * in + i]));
                }
                h[j] = s.getValue() >= 0 ? s : zero;
            }
            Gradient mx = null;
            for (int o = 0; o < out; o++) {
                Gradient s = zero;
                for (int j = 0; j < hidden; j++) {
                    s = s.add(w2[o * hidden + j].multiply(h[j]));
                }
                u[o] = s;
                if (mx == null || s.getValue() > mx.getValue()) {
                    mx = s;
                }
            }
            Gradient se = zero;
            for (int o = 0; o < out; o++) {
                se = se.add(u[o].subtract(mx).exp());
            }
            ce = ce.add(se.log().add(mx).subtract(u[labels[b]]));
        }
        Gradient reg = zero;
        for (Gradient w : w1) {
            reg = reg.add(w.square());
        }
        for (Gradient w : w2) {
            reg = reg.add(w.square());
        }
        return ce.divide(batch).add(reg.multiply(lambda));
    }

    /** Deterministic problem data: weights, inputs and labels from a seeded generator. */
    public static final class Data {
        public final int batch;
        public final int in;
        public final int hidden;
        public final int out;
        public final double lambda = 1e-4;
        public final double[] w1;
        public final double[] w2;
        public final double[] x;
        public final int[] labels;

        public Data(int batch, int in, int hidden, int out, long seed) {
            this.batch = batch;
            this.in = in;
            this.hidden = hidden;
            this.out = out;
            SplittableRandom r = new SplittableRandom(seed);
            w1 = new double[hidden * in];
            w2 = new double[out * hidden];
            x = new double[batch * in];
            labels = new int[batch];
            double s1 = Math.sqrt(2.0 / in);
            double s2 = Math.sqrt(2.0 / hidden);
            for (int i = 0; i < w1.length; i++) {
                w1[i] = s1 * (2 * r.nextDouble() - 1);
            }
            for (int i = 0; i < w2.length; i++) {
                w2[i] = s2 * (2 * r.nextDouble() - 1);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble();
            }
            for (int b = 0; b < batch; b++) {
                labels[b] = r.nextInt(out);
            }
        }

        public int parameters() {
            return w1.length + w2.length;
        }

        public double loss() {
            return Mlp.loss(w1, w2, x, labels, batch, in, hidden, out, lambda);
        }
    }
}
