package dev.adjoint.samples.mlp;

import dev.adjoint.Differentiable;

/**
 * The multi-layer perceptron with one hidden layer of Goodfellow, Bengio and Courville, <i>Deep
 * Learning</i>, §6.5.7, written as plain Java. Only the loss
 * is written here; its gradient with respect to the weights comes from the generated
 * {@code MlpGrad.loss(...)}, back-propagation through the loss's computational graph, and (with
 * {@code order = 2}) its Hessian-vector product from {@code MlpGrad.lossHvp(...)}.
 *
 * <p>For a minibatch {@code X} (one example a row) with integer labels {@code y}:
 *
 * <pre>
 *   U1 = X·W1 + b1            (n × hidden)   the first fully connected layer
 *   H  = relu(U1)             (n × hidden)   max(0, ·) element-wise
 *   U2 = H·W2 + b2            (n × classes)  unnormalised log-probabilities
 *   J  = (1/n) Σ_e -log softmax(U2_e)[y_e]  +  λ (Σ W1² + Σ W2²)
 * </pre>
 *
 * The book's example has no bias vectors and sums the cross-entropy over the minibatch; here
 * the biases are added (and not regularised) and the cross-entropy is averaged, so that the
 * learning rate does not depend on the minibatch size. The log-softmax subtracts each row's
 * maximum first ({@code log Σ exp(u_k - m) + m}), which changes nothing mathematically but
 * never overflows.
 *
 * <p>Weights are flat, row-major {@code double[]}: {@code W1[i][j]} is {@code w1[i * hidden +
 * j]} ({@code in × hidden}), {@code W2[j][k]} is {@code w2[j * classes + k]} ({@code hidden ×
 * classes}). Flat arrays keep the optimisers ({@code dev.adjoint.runtime.Sgd}, {@code
 * Momentum}, {@code Adam}) simple: they act on a {@code double[]} and its gradient.
 */
public final class Mlp {

    private Mlp() {}

    /**
     * The training loss {@code J} of the MLP on one minibatch. Differentiated with respect
     * to the weights and biases only: the minibatch {@code x}, the labels and λ are constants.
     *
     * @param w1 first-layer weights, {@code x[0].length × hidden}, row-major
     * @param b1 first-layer biases, {@code hidden}
     * @param w2 second-layer weights, {@code hidden × classes}, row-major
     * @param b2 second-layer biases, {@code classes}
     * @param x the minibatch, one example a row
     * @param labels the class of each example, {@code 0 ≤ labels[e] < classes}
     * @param lambda the L2 regularisation coefficient λ
     */
    @Differentiable(
            wrt = {"w1", "b1", "w2", "b2"},
            order = 2)
    public static double loss(
            double[] w1, double[] b1, double[] w2, double[] b2, double[][] x, int[] labels, double lambda) {
        int n = x.length;
        int in = x[0].length;
        int hidden = b1.length;
        int classes = b2.length;

        // U1 = X·W1 + b1, H = relu(U1)
        double[][] h = new double[n][hidden];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < hidden; j++) {
                double u = b1[j];
                for (int i = 0; i < in; i++) {
                    u += x[e][i] * w1[i * hidden + j];
                }
                h[e][j] = Math.max(0.0, u);
            }
        }

        // U2 = H·W2 + b2, then the cross-entropy against softmax(U2), shifted by the row maximum
        double crossEntropy = 0;
        for (int e = 0; e < n; e++) {
            double[] u2 = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double u = b2[k];
                for (int j = 0; j < hidden; j++) {
                    u += h[e][j] * w2[j * classes + k];
                }
                u2[k] = u;
                max = Math.max(max, u);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(u2[k] - max);
            }
            // -log softmax(u2)[y] = log Σ exp(u2_k - max) + max - u2[y]
            crossEntropy += Math.log(sum) + max - u2[labels[e]];
        }

        // the regulariser λ (Σ W1² + Σ W2²); biases are not regularised
        double squares = 0;
        for (double w : w1) {
            squares += w * w;
        }
        for (double w : w2) {
            squares += w * w;
        }
        return crossEntropy / n + lambda * squares;
    }

    /** The class with the largest score {@code U2} for one example (the forward pass only). */
    public static int predict(double[] w1, double[] b1, double[] w2, double[] b2, double[] x) {
        int hidden = b1.length;
        int classes = b2.length;
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double u = b1[j];
            for (int i = 0; i < x.length; i++) {
                u += x[i] * w1[i * hidden + j];
            }
            h[j] = Math.max(0.0, u);
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double u = b2[k];
            for (int j = 0; j < hidden; j++) {
                u += h[j] * w2[j * classes + k];
            }
            if (u > bestScore) {
                bestScore = u;
                best = k;
            }
        }
        return best;
    }
}
