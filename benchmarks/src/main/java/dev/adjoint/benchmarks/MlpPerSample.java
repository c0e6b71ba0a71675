package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * MLP, style (b): one sample at a time, scratch vectors rewritten for each, and the weights
 * stored as {@code X W} reads in the textbook — input-major: {@code w1[i * hidden + j]} (in ×
 * hidden), {@code w2[j * out + o]} (hidden × out). The hidden layer is therefore accumulated
 * column by column ({@code pre += x_i · row i of W1}), not by dot products; the running maximum of
 * the logits is kept by an {@code if / else if} while they are formed. Same function as {@link
 * Mlp} with the weight matrices transposed ({@link #transpose}).
 */
public final class MlpPerSample {
    private MlpPerSample() {}

    @Differentiable(wrt = {"w1", "w2"})
    public static double loss(
            double[] w1, double[] w2, double[] x, int[] labels, int batch, int in, int hidden, int out, double lambda) {
        double[] pre = new double[hidden];
        double[] act = new double[hidden];
        double[] logits = new double[out];
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                pre[j] = 0;
            }
            for (int i = 0; i < in; i++) {
                double xi = x[b * in + i];
                for (int j = 0; j < hidden; j++) {
                    pre[j] = pre[j] + xi * w1[i * hidden + j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                if (pre[j] > 0) {
                    act[j] = pre[j];
                } else {
                    act[j] = 0;
                }
            }
            double largest = 0;
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int j = 0; j < hidden; j++) {
                    s = s + act[j] * w2[j * out + o];
                }
                logits[o] = s;
                if (o == 0) {
                    largest = s;
                } else if (s > largest) {
                    largest = s;
                }
            }
            double partition = 0;
            for (int o = 0; o < out; o++) {
                partition = partition + Math.exp(logits[o] - largest);
            }
            sum = sum - (logits[labels[b]] - largest - Math.log(partition));
        }
        double squares = 0;
        for (int t = 0; t < in * hidden; t++) {
            squares = squares + w1[t] * w1[t];
        }
        for (int t = 0; t < hidden * out; t++) {
            squares = squares + w2[t] * w2[t];
        }
        return sum / batch + lambda * squares;
    }

    /**
     * Per-sample back-propagation on the same layouts: forward one sample into {@code work}, then
     * its backward sweep, accumulating into {@code g1}, {@code g2} (overwritten first). {@code work}
     * holds at least {@code 2 hidden + out} doubles. Returns the loss.
     */
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
            double[] work) {
        int act = 0;
        int logits = hidden;
        int dact = hidden + out;
        double squares = 0;
        for (int t = 0; t < in * hidden; t++) {
            squares += w1[t] * w1[t];
            g1[t] = 2 * lambda * w1[t];
        }
        for (int t = 0; t < hidden * out; t++) {
            squares += w2[t] * w2[t];
            g2[t] = 2 * lambda * w2[t];
        }
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            int xb = b * in;
            java.util.Arrays.fill(work, act, act + hidden, 0.0);
            for (int i = 0; i < in; i++) {
                double xi = x[xb + i];
                int row = i * hidden;
                for (int j = 0; j < hidden; j++) {
                    work[act + j] += xi * w1[row + j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                if (!(work[act + j] > 0)) {
                    work[act + j] = 0;
                }
            }
            double largest = Double.NEGATIVE_INFINITY;
            java.util.Arrays.fill(work, logits, logits + out, 0.0);
            for (int j = 0; j < hidden; j++) {
                double aj = work[act + j];
                int row = j * out;
                for (int o = 0; o < out; o++) {
                    work[logits + o] += aj * w2[row + o];
                }
            }
            for (int o = 0; o < out; o++) {
                largest = Math.max(largest, work[logits + o]);
            }
            int y = labels[b];
            double logitY = work[logits + y];
            double partition = 0;
            for (int o = 0; o < out; o++) {
                double e = Math.exp(work[logits + o] - largest);
                work[logits + o] = e;
                partition += e;
            }
            sum += largest + Math.log(partition) - logitY;
            // dlogits = (softmax - onehot) / batch, kept in place of the logits
            for (int o = 0; o < out; o++) {
                work[logits + o] = (work[logits + o] / partition - (o == y ? 1 : 0)) / batch;
            }
            for (int j = 0; j < hidden; j++) {
                double aj = work[act + j];
                int row = j * out;
                double s = 0;
                for (int o = 0; o < out; o++) {
                    double dl = work[logits + o];
                    g2[row + o] += aj * dl;
                    s += dl * w2[row + o];
                }
                work[dact + j] = aj > 0 ? s : 0;
            }
            for (int i = 0; i < in; i++) {
                double xi = x[xb + i];
                int row = i * hidden;
                for (int j = 0; j < hidden; j++) {
                    g1[row + j] += xi * work[dact + j];
                }
            }
        }
        return sum / batch + lambda * squares;
    }

    /** {@code m[rows * cols]} row-major, transposed: {@code t[c * rows + r] = m[r * cols + c]}. */
    public static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
