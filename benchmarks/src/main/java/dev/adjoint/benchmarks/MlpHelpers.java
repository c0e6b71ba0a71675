package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * MLP, style (c): small {@code @Differentiable} helpers called per sample — one unit of a dense
 * layer, the cross-entropy of one sample's logits, the squared norm of a weight matrix. Weights
 * flat and row-major as in {@link Mlp} ({@code w1[j * in + i]}, {@code w2[o * hidden + j]});
 * the inputs as rows, {@code x[batch][in]}.
 *
 * <p>Changed from the version first written (kept as text in {@code
 * src/main/resources/rejected/MlpHelpers.java.txt}): there the helper was one whole layer,
 * {@code double[] layer(w, v, rows, cols, relu)}, called as {@code crossEntropy(layer(w2,
 * layer(w1, x[b], ...), ...), labels[b])}. The processor accepts only {@code @Differentiable}
 * methods that return {@code double} ({@code [Adjoint.ReturnType]}), so the helper became one
 * unit of a layer, {@link #unit}, and the loop over a layer's units moved into the objective,
 * which fills a local array per layer.
 */
public final class MlpHelpers {
    private MlpHelpers() {}

    /** One unit of a dense layer: row {@code r} of {@code w} (rows of {@code v.length}) dot {@code v}. */
    @Differentiable(wrt = {"w", "v"})
    public static double unit(double[] w, int r, double[] v) {
        int cols = v.length;
        double s = 0;
        for (int c = 0; c < cols; c++) {
            s += w[r * cols + c] * v[c];
        }
        return s;
    }

    /** {@code -log softmax(logits)[label]}. */
    @Differentiable(wrt = "logits")
    public static double crossEntropy(double[] logits, int label) {
        double mx = logits[0];
        for (int o = 1; o < logits.length; o++) {
            mx = Math.max(mx, logits[o]);
        }
        double z = 0;
        for (int o = 0; o < logits.length; o++) {
            z += Math.exp(logits[o] - mx);
        }
        return mx + Math.log(z) - logits[label];
    }

    /** {@code ||w||^2}. */
    @Differentiable
    public static double sumOfSquares(double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * w[i];
        }
        return s;
    }

    @Differentiable(wrt = {"w1", "w2"})
    public static double loss(
            double[] w1, double[] w2, double[][] x, int[] labels, int hidden, int out, double lambda) {
        double ce = 0;
        for (int b = 0; b < x.length; b++) {
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                h[j] = Math.max(unit(w1, j, x[b]), 0.0);
            }
            double[] logits = new double[out];
            for (int o = 0; o < out; o++) {
                logits[o] = unit(w2, o, h);
            }
            ce += crossEntropy(logits, labels[b]);
        }
        return ce / x.length + lambda * (sumOfSquares(w1) + sumOfSquares(w2));
    }
    // ------------------------------------------------------- the hand-written gradient, by helper

    /**
     * The hand-written reverse gradient, per sample and helper by helper: the forward units fill
     * {@code work} (hidden pre-activations, then logits), {@link #crossEntropyBack} turns the logits
     * into their adjoints, and {@link #unitBack} carries each unit's adjoint into its weight row
     * and its input. {@code g1}, {@code g2} are overwritten; {@code work} holds at least {@code
     * 2 hidden + out} doubles. Returns the loss.
     */
    public static double handGradient(
            double[] w1,
            double[] w2,
            double[][] x,
            int[] labels,
            int hidden,
            int out,
            double lambda,
            double[] g1,
            double[] g2,
            double[] work) {
        int in = x[0].length;
        int batch = x.length;
        int pre = 0;
        int logits = hidden;
        int dh = hidden + out;
        for (int t = 0; t < w1.length; t++) {
            g1[t] = 2 * lambda * w1[t];
        }
        for (int t = 0; t < w2.length; t++) {
            g2[t] = 2 * lambda * w2[t];
        }
        double ce = 0;
        for (int b = 0; b < batch; b++) {
            double[] xb = x[b];
            for (int j = 0; j < hidden; j++) {
                work[pre + j] = unitAt(w1, j, xb, 0, in);
            }
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int j = 0; j < hidden; j++) {
                    s += w2[o * hidden + j] * Math.max(work[pre + j], 0.0);
                }
                work[logits + o] = s;
            }
            ce += crossEntropyBack(work, logits, out, labels[b], 1.0 / batch);
            java.util.Arrays.fill(work, dh, dh + hidden, 0.0);
            for (int o = 0; o < out; o++) {
                double g = work[logits + o];
                int row = o * hidden;
                for (int j = 0; j < hidden; j++) {
                    g2[row + j] += g * Math.max(work[pre + j], 0.0);
                    work[dh + j] += g * w2[row + j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                if (work[pre + j] > 0) {
                    unitBack(g1, j, xb, in, work[dh + j]);
                }
            }
        }
        return ce / batch + lambda * (sumOfSquares(w1) + sumOfSquares(w2));
    }

    /** {@link #unit} on {@code v[at..at+cols)}. */
    static double unitAt(double[] w, int r, double[] v, int at, int cols) {
        double s = 0;
        int row = r * cols;
        for (int c = 0; c < cols; c++) {
            s += w[row + c] * v[at + c];
        }
        return s;
    }

    /** Adds {@code seed · v} to row {@code r} of {@code gw}: the weights' part of unit's backward. */
    static void unitBack(double[] gw, int r, double[] v, int cols, double seed) {
        int row = r * cols;
        for (int c = 0; c < cols; c++) {
            gw[row + c] += seed * v[c];
        }
    }

    /**
     * {@link #crossEntropy} of {@code v[at..at+len)}; replaces the entries by {@code seed} times its
     * gradient, {@code softmax - onehot(label)}.
     */
    static double crossEntropyBack(double[] v, int at, int len, int label, double seed) {
        double mx = v[at];
        for (int o = 1; o < len; o++) {
            mx = Math.max(mx, v[at + o]);
        }
        double value = -v[at + label];
        double z = 0;
        for (int o = 0; o < len; o++) {
            v[at + o] = Math.exp(v[at + o] - mx);
            z += v[at + o];
        }
        for (int o = 0; o < len; o++) {
            v[at + o] = seed * (v[at + o] / z - (o == label ? 1 : 0));
        }
        return value + mx + Math.log(z);
    }
}
