package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * MLP, style (a): the textbook's layer-by-layer forward pass on matrices ({@code double[][]}),
 * the whole minibatch through one layer before the next: {@code A = X W1ᵀ}, {@code H = relu(A)},
 * {@code Y = H W2ᵀ}, then the mean softmax cross-entropy of the rows of {@code Y} and the L2
 * penalty. Same function as {@link Mlp}: {@code w1[hidden][in]}, {@code w2[out][hidden]}, {@code
 * x[batch][in]}.
 */
public final class MlpLayers {
    private MlpLayers() {}

    @Differentiable(wrt = {"w1", "w2"})
    public static double loss(double[][] w1, double[][] w2, double[][] x, int[] labels, double lambda) {
        int batch = x.length;
        int in = x[0].length;
        int hidden = w1.length;
        int out = w2.length;

        // layer 1: pre-activations of the whole batch
        double[][] a = new double[batch][hidden];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += x[b][i] * w1[j][i];
                }
                a[b][j] = s;
            }
        }
        // activation
        double[][] h = new double[batch][hidden];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                h[b][j] = Math.max(0.0, a[b][j]);
            }
        }
        // layer 2: logits
        double[][] y = new double[batch][out];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int j = 0; j < hidden; j++) {
                    s += h[b][j] * w2[o][j];
                }
                y[b][o] = s;
            }
        }
        // softmax cross-entropy, row by row
        double ce = 0;
        for (int b = 0; b < batch; b++) {
            double mx = y[b][0];
            for (int o = 1; o < out; o++) {
                mx = Math.max(mx, y[b][o]);
            }
            double z = 0;
            for (int o = 0; o < out; o++) {
                z += Math.exp(y[b][o] - mx);
            }
            ce += mx + Math.log(z) - y[b][labels[b]];
        }
        // weight decay
        double reg = 0;
        for (int j = 0; j < hidden; j++) {
            for (int i = 0; i < in; i++) {
                reg += w1[j][i] * w1[j][i];
            }
        }
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < hidden; j++) {
                reg += w2[o][j] * w2[o][j];
            }
        }
        return ce / batch + lambda * reg;
    }

    /**
     * Textbook back-propagation, layer by layer on the same matrices: {@code dY = (softmax(Y) -
     * onehot) / batch}, {@code dW2 = dYᵀ H}, {@code dH = dY W2}, {@code dA = dH ⊙ [A > 0]}, {@code
     * dW1 = dAᵀ X}, plus {@code 2 lambda W}. {@code g1}, {@code g2} are overwritten; returns the
     * loss.
     */
    public static double handGradient(
            double[][] w1, double[][] w2, double[][] x, int[] labels, double lambda, double[][] g1, double[][] g2) {
        int batch = x.length;
        int in = x[0].length;
        int hidden = w1.length;
        int out = w2.length;
        double[][] h = new double[batch][hidden];
        for (int b = 0; b < batch; b++) {
            double[] xb = x[b];
            double[] hb = h[b];
            int j = 0;
            // four units at a time: four independent sums overlap the adder's latency (same bits)
            for (; j + 3 < hidden; j += 4) {
                double[] w0 = w1[j], wa = w1[j + 1], wb = w1[j + 2], wc = w1[j + 3];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int i = 0; i < in; i++) {
                    double xi = xb[i];
                    s0 += xi * w0[i];
                    s1 += xi * wa[i];
                    s2 += xi * wb[i];
                    s3 += xi * wc[i];
                }
                hb[j] = Math.max(0.0, s0);
                hb[j + 1] = Math.max(0.0, s1);
                hb[j + 2] = Math.max(0.0, s2);
                hb[j + 3] = Math.max(0.0, s3);
            }
            for (; j < hidden; j++) {
                double[] wj = w1[j];
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += xb[i] * wj[i];
                }
                hb[j] = Math.max(0.0, s);
            }
        }
        double[][] dy = new double[batch][out];
        double ce = 0;
        for (int b = 0; b < batch; b++) {
            double[] hb = h[b];
            double[] yb = dy[b];
            double mx = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < out; o++) {
                double[] wo = w2[o];
                double s = 0;
                for (int j = 0; j < hidden; j++) {
                    s += hb[j] * wo[j];
                }
                yb[o] = s;
                mx = Math.max(mx, s);
            }
            double z = 0;
            for (int o = 0; o < out; o++) {
                z += Math.exp(yb[o] - mx);
            }
            ce += mx + Math.log(z) - yb[labels[b]];
            for (int o = 0; o < out; o++) {
                yb[o] = Math.exp(yb[o] - mx) / z / batch;
            }
            yb[labels[b]] -= 1.0 / batch;
        }
        double reg = 0;
        for (int o = 0; o < out; o++) {
            double[] wo = w2[o];
            double[] go = g2[o];
            for (int j = 0; j < hidden; j++) {
                reg += wo[j] * wo[j];
                go[j] = 2 * lambda * wo[j];
            }
            for (int b = 0; b < batch; b++) {
                double d = dy[b][o];
                double[] hb = h[b];
                for (int j = 0; j < hidden; j++) {
                    go[j] += d * hb[j];
                }
            }
        }
        // dA overwrites H row by row: dH_bj = sum_o dY_bo W2_oj where A_bj > 0
        for (int b = 0; b < batch; b++) {
            double[] hb = h[b];
            double[] db = dy[b];
            for (int j = 0; j < hidden; j++) {
                if (hb[j] > 0) {
                    double s = 0;
                    for (int o = 0; o < out; o++) {
                        s += db[o] * w2[o][j];
                    }
                    hb[j] = s;
                }
            }
        }
        for (int j = 0; j < hidden; j++) {
            double[] wj = w1[j];
            double[] gj = g1[j];
            for (int i = 0; i < in; i++) {
                reg += wj[i] * wj[i];
                gj[i] = 2 * lambda * wj[i];
            }
            for (int b = 0; b < batch; b++) {
                double da = h[b][j];
                if (da != 0) {
                    double[] xb = x[b];
                    for (int i = 0; i < in; i++) {
                        gj[i] += da * xb[i];
                    }
                }
            }
        }
        return ce / batch + lambda * reg;
    }
}
