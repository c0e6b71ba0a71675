package dev.adjoint.samples.mlp;

import dev.adjoint.Differentiable;

/**
 * One block of the MLP of <i>Deep Learning</i> §6.5.7, small enough to draw its computational
 * graphs: a hidden ReLU unit U1 = x·W1, H = relu(U1), feeding two output scores U2 = H·W2 and
 * their softmax cross-entropy against a label. docs/ARCHITECTURE.md shows the graphs Adjoint
 * draws for it with {@code -Aadjoint.graphs=DIR}.
 */
public final class MlpBlock {
    private MlpBlock() {}

    @Differentiable(wrt = {"w1", "w2"})
    public static double block(double[] w1, double[] w2, double[] x, int label) {
        double u1 = w1[0] * x[0] + w1[1] * x[1];
        double h = Math.max(0.0, u1);
        double a = w2[0] * h;
        double b = w2[1] * h;
        double m = Math.max(a, b);
        double logSum = m + Math.log(Math.exp(a - m) + Math.exp(b - m));
        return logSum - (label == 0 ? a : b);
    }
}
