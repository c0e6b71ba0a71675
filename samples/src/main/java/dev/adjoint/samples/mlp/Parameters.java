package dev.adjoint.samples.mlp;

import java.util.Random;

/**
 * The weights of the MLP ({@link Mlp}): {@code W1} ({@code in × hidden}, flat and row-major), {@code
 * b1}, {@code W2} ({@code hidden × classes}) and {@code b2}. The arrays are updated in place by
 * the optimiser, so an optimiser's per-array state follows them.
 */
public record Parameters(double[] w1, double[] b1, double[] w2, double[] b2) {

    /**
     * He initialisation, suited to ReLU: weights drawn from a normal distribution with standard
     * deviation {@code sqrt(2 / fan-in)}, biases 0. Deterministic for a seed.
     */
    public static Parameters init(int in, int hidden, int classes, Random random) {
        double[] w1 = new double[in * hidden];
        double[] w2 = new double[hidden * classes];
        double s1 = Math.sqrt(2.0 / in);
        double s2 = Math.sqrt(2.0 / hidden);
        for (int k = 0; k < w1.length; k++) {
            w1[k] = s1 * random.nextGaussian();
        }
        for (int k = 0; k < w2.length; k++) {
            w2[k] = s2 * random.nextGaussian();
        }
        return new Parameters(w1, new double[hidden], w2, new double[classes]);
    }

    public int inputs() {
        return w1.length / b1.length;
    }

    public int hidden() {
        return b1.length;
    }

    public int classes() {
        return b2.length;
    }

    /** How many numbers are trained. */
    public int count() {
        return w1.length + b1.length + w2.length + b2.length;
    }

    /** The loss {@link Mlp#loss} on {@code data}, with regulariser coefficient λ. */
    public double loss(Dataset data, double lambda) {
        return Mlp.loss(w1, b1, w2, b2, data.x(), data.y(), lambda);
    }

    /** The class the network predicts for one example. */
    public int predict(double[] x) {
        return Mlp.predict(w1, b1, w2, b2, x);
    }

    /** The fraction of {@code data} classified correctly. */
    public double accuracy(Dataset data) {
        int correct = 0;
        for (int e = 0; e < data.size(); e++) {
            if (predict(data.x()[e]) == data.y()[e]) {
                correct++;
            }
        }
        return (double) correct / data.size();
    }

    /** All four arrays one after another: {@code [W1, b1, W2, b2]}. */
    public double[] flatten() {
        double[] all = new double[count()];
        int at = 0;
        for (double[] part : new double[][] {w1, b1, w2, b2}) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** The inverse of {@link #flatten}: new arrays shaped like these, read from {@code all}. */
    public Parameters unflatten(double[] all) {
        double[][] parts = {w1.clone(), b1.clone(), w2.clone(), b2.clone()};
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(all, at, part, 0, part.length);
            at += part.length;
        }
        return new Parameters(parts[0], parts[1], parts[2], parts[3]);
    }
}
