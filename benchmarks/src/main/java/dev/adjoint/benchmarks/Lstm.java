package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import java.util.SplittableRandom;

/**
 * ADBench's LSTM objective ({@code lstm_objective} with {@code lstm_predict} and {@code
 * lstm_model} written out in it): {@code l} stacked layers of {@code b} cells run over a sequence
 * of {@code c} one-hot-ish vectors of length {@code b}; at each step the prediction for the next
 * vector is scored by its log-softmax (with ADBench's {@code + 2} inside the log-sum-exp). Each
 * step depends on the last through the state, so reverse mode must keep (or recompute) the
 * whole trajectory: {@code (c - 1) · l · b} cells' worth of values.
 *
 * <p>Layouts as in ADBench: {@code mainParams[8 b l]}, per layer the weights of the forget, input,
 * output and change gates ({@code b} each), then their biases; {@code extraParams[3 b]}: input
 * weights, output weights, output biases; {@code state[2 b l]}: per layer hidden then cell
 * (copied, the caller's array is left alone); {@code sequence[c b]}.
 */
public final class Lstm {
    private Lstm() {}

    @Differentiable(wrt = {"mainParams", "extraParams"})
    public static double loss(
            double[] mainParams, double[] extraParams, double[] state0, double[] sequence, int l, int c, int b) {
        double[] state = new double[2 * l * b];
        for (int i = 0; i < 2 * l * b; i++) {
            state[i] = state0[i];
        }
        double[] ypred = new double[b];
        double total = 0;
        int count = 0;
        for (int t = 0; t < c - 1; t++) {
            for (int i = 0; i < b; i++) {
                ypred[i] = sequence[t * b + i] * extraParams[i];
            }
            for (int layer = 0; layer < l; layer++) {
                int p = 8 * b * layer;
                int h = 2 * b * layer;
                for (int i = 0; i < b; i++) {
                    double input;
                    if (layer == 0) {
                        input = ypred[i];
                    } else {
                        input = state[h - 2 * b + i];
                    }
                    double forget = sigmoid(input * mainParams[p + i] + mainParams[p + 4 * b + i]);
                    double ingate = sigmoid(state[h + i] * mainParams[p + b + i] + mainParams[p + 5 * b + i]);
                    double outgate = sigmoid(input * mainParams[p + 2 * b + i] + mainParams[p + 6 * b + i]);
                    double change = Math.tanh(state[h + i] * mainParams[p + 3 * b + i] + mainParams[p + 7 * b + i]);
                    state[h + b + i] = state[h + b + i] * forget + ingate * change;
                    state[h + i] = outgate * Math.tanh(state[h + b + i]);
                }
            }
            int last = 2 * b * (l - 1);
            for (int i = 0; i < b; i++) {
                ypred[i] = state[last + i] * extraParams[b + i] + extraParams[2 * b + i];
            }
            double sum = 0;
            for (int i = 0; i < b; i++) {
                sum += Math.exp(ypred[i]);
            }
            double lse = Math.log(sum + 2);
            for (int i = 0; i < b; i++) {
                total += sequence[(t + 1) * b + i] * (ypred[i] - lse);
            }
            count += b;
        }
        return -total / count;
    }

    @Differentiable
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Values kept per step, layer and cell by {@link #handGradient}. */
    private static final int IN = 0;

    private static final int HPREV = 1;
    private static final int CPREV = 2;
    private static final int FORGET = 3;
    private static final int INGATE = 4;
    private static final int OUTGATE = 5;
    private static final int CHANGE = 6;
    private static final int CELL = 7;
    private static final int KEPT = 8;

    /** Doubles {@link #handGradient} needs in {@code tape}. */
    public static int tapeLength(int l, int c, int b) {
        return (c - 1) * l * b * KEPT + 2 * l * b + 2 * b;
    }

    /**
     * The hand-written reverse gradient: a forward sweep that keeps every gate, the previous hidden
     * and cell values and the layer input of every cell at every step in {@code tape}
     * ({@link #tapeLength}), then back-propagation through time. {@code gmain}, {@code gextra} are
     * overwritten; returns the loss.
     */
    public static double handGradient(
            double[] mainParams,
            double[] extraParams,
            double[] state0,
            double[] sequence,
            int l,
            int c,
            int b,
            double[] gmain,
            double[] gextra,
            double[] tape) {
        int steps = c - 1;
        int dh = steps * l * b * KEPT; // adjoints of the hidden values, per layer
        int dc = dh + l * b; // adjoints of the cell values, per layer
        int y = dc + l * b; // predictions of the current step
        int dy = y + b;
        double[] hid = new double[l * b];
        double[] cell = new double[l * b];
        for (int layer = 0; layer < l; layer++) {
            System.arraycopy(state0, 2 * b * layer, hid, b * layer, b);
            System.arraycopy(state0, 2 * b * layer + b, cell, b * layer, b);
        }
        double total = 0;
        for (int t = 0; t < steps; t++) {
            for (int layer = 0; layer < l; layer++) {
                int p = 8 * b * layer;
                for (int i = 0; i < b; i++) {
                    int at = ((t * l + layer) * b + i) * KEPT;
                    double in = layer == 0 ? sequence[t * b + i] * extraParams[i] : hid[b * (layer - 1) + i];
                    double hp = hid[b * layer + i];
                    double cp = cell[b * layer + i];
                    double f = logistic(in * mainParams[p + i] + mainParams[p + 4 * b + i]);
                    double ig = logistic(hp * mainParams[p + b + i] + mainParams[p + 5 * b + i]);
                    double og = logistic(in * mainParams[p + 2 * b + i] + mainParams[p + 6 * b + i]);
                    double ch = Math.tanh(hp * mainParams[p + 3 * b + i] + mainParams[p + 7 * b + i]);
                    double cn = cp * f + ig * ch;
                    cell[b * layer + i] = cn;
                    hid[b * layer + i] = og * Math.tanh(cn);
                    tape[at + IN] = in;
                    tape[at + HPREV] = hp;
                    tape[at + CPREV] = cp;
                    tape[at + FORGET] = f;
                    tape[at + INGATE] = ig;
                    tape[at + OUTGATE] = og;
                    tape[at + CHANGE] = ch;
                    tape[at + CELL] = cn;
                }
            }
            double sum = 0;
            for (int i = 0; i < b; i++) {
                sum += Math.exp(hid[b * (l - 1) + i] * extraParams[b + i] + extraParams[2 * b + i]);
            }
            double lse = Math.log(sum + 2);
            for (int i = 0; i < b; i++) {
                double yi = hid[b * (l - 1) + i] * extraParams[b + i] + extraParams[2 * b + i];
                total += sequence[(t + 1) * b + i] * (yi - lse);
            }
        }
        double count = (double) steps * b;

        java.util.Arrays.fill(gmain, 0, 8 * b * l, 0.0);
        java.util.Arrays.fill(gextra, 0, 3 * b, 0.0);
        java.util.Arrays.fill(tape, dh, dh + 2 * l * b, 0.0);
        for (int t = steps - 1; t >= 0; t--) {
            // loss = -total / count; d total / d y_i = gold_i - (sum_j gold_j) exp(y_i) / (S + 2)
            double sum = 0;
            double gold = 0;
            int lastAt = ((t * l + l - 1) * b) * KEPT;
            for (int i = 0; i < b; i++) {
                double h = tape[lastAt + i * KEPT + OUTGATE] * Math.tanh(tape[lastAt + i * KEPT + CELL]);
                double yi = h * extraParams[b + i] + extraParams[2 * b + i];
                tape[y + i] = yi;
                sum += Math.exp(yi);
                gold += sequence[(t + 1) * b + i];
            }
            for (int i = 0; i < b; i++) {
                double g = -(sequence[(t + 1) * b + i] - gold * Math.exp(tape[y + i]) / (sum + 2)) / count;
                double h = tape[lastAt + i * KEPT + OUTGATE] * Math.tanh(tape[lastAt + i * KEPT + CELL]);
                gextra[b + i] += g * h;
                gextra[2 * b + i] += g;
                tape[dh + b * (l - 1) + i] += g * extraParams[b + i];
            }
            for (int layer = l - 1; layer >= 0; layer--) {
                int p = 8 * b * layer;
                for (int i = 0; i < b; i++) {
                    int at = ((t * l + layer) * b + i) * KEPT;
                    double f = tape[at + FORGET];
                    double ig = tape[at + INGATE];
                    double og = tape[at + OUTGATE];
                    double ch = tape[at + CHANGE];
                    double in = tape[at + IN];
                    double hp = tape[at + HPREV];
                    double tc = Math.tanh(tape[at + CELL]);
                    double gh = tape[dh + b * layer + i];
                    double gc = tape[dc + b * layer + i] + gh * og * (1 - tc * tc);
                    double zf = gc * tape[at + CPREV] * f * (1 - f);
                    double zi = gc * ch * ig * (1 - ig);
                    double zo = gh * tc * og * (1 - og);
                    double zc = gc * ig * (1 - ch * ch);
                    gmain[p + i] += zf * in;
                    gmain[p + 4 * b + i] += zf;
                    gmain[p + b + i] += zi * hp;
                    gmain[p + 5 * b + i] += zi;
                    gmain[p + 2 * b + i] += zo * in;
                    gmain[p + 6 * b + i] += zo;
                    gmain[p + 3 * b + i] += zc * hp;
                    gmain[p + 7 * b + i] += zc;
                    double gin = zf * mainParams[p + i] + zo * mainParams[p + 2 * b + i];
                    tape[dh + b * layer + i] = zi * mainParams[p + b + i] + zc * mainParams[p + 3 * b + i];
                    tape[dc + b * layer + i] = gc * f;
                    if (layer > 0) {
                        tape[dh + b * (layer - 1) + i] += gin;
                    } else {
                        gextra[i] += gin * sequence[t * b + i];
                    }
                }
            }
        }
        return -total / count;
    }

    /** ADBench's problem shape: {@code l} layers, {@code c} characters of {@code b} bits. */
    public static final class Data {
        public final int l;
        public final int c;
        public final int b;
        public final double[] mainParams;
        public final double[] extraParams;
        public final double[] state;
        public final double[] sequence;

        public Data(int l, int c, int b, long seed) {
            this.l = l;
            this.c = c;
            this.b = b;
            SplittableRandom r = new SplittableRandom(seed);
            mainParams = new double[8 * b * l];
            extraParams = new double[3 * b];
            state = new double[2 * l * b];
            sequence = new double[c * b];
            for (int i = 0; i < mainParams.length; i++) {
                mainParams[i] = r.nextDouble() - 0.5;
            }
            for (int i = 0; i < extraParams.length; i++) {
                extraParams[i] = r.nextDouble() - 0.5;
            }
            for (int i = 0; i < state.length; i++) {
                state[i] = r.nextDouble() - 0.5;
            }
            for (int i = 0; i < sequence.length; i++) {
                sequence[i] = r.nextDouble();
            }
        }

        public int parameters() {
            return mainParams.length + extraParams.length;
        }

        public double loss() {
            return Lstm.loss(mainParams, extraParams, state, sequence, l, c, b);
        }
    }
}
