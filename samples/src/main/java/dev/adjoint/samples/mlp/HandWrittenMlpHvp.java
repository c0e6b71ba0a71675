package dev.adjoint.samples.mlp;

/**
 * The Hessian-vector product of {@link Mlp#loss}, written by hand with Pearlmutter's R-operator
 * (Pearlmutter, "Fast exact multiplication by the Hessian", Neural Computation 6, 1994): for a
 * direction V = (V1, c1, V2, c2) in weight space, R{·} = d/dε ·(W + εV) at ε = 0 is pushed forward
 * through the forward pass and then through back-propagation, which yields H·V exactly (to
 * rounding) at about twice the cost of a gradient.
 *
 * <p>With δ2 = ∂J/∂U2, for one example (the sums over the minibatch and the 1/n are added):
 *
 * <pre>
 *   forward                        R-forward
 *   U1 = X W1 + b1                 R(U1) = X V1 + c1
 *   H  = relu(U1)                  R(H)  = relu'(U1) ⊙ R(U1)
 *   U2 = H W2 + b2                 R(U2) = R(H) W2 + H V2 + c2
 *   backward                       R-backward
 *   δ2 = softmax(U2) − onehot(y)   R(δ2) = p ⊙ (R(U2) − pᵀR(U2))        (p = softmax(U2))
 *   ∂W2 = Hᵀ δ2                    R(∂W2) = R(H)ᵀ δ2 + Hᵀ R(δ2)
 *   δH = δ2 W2ᵀ                    R(δH) = R(δ2) W2ᵀ + δ2 V2ᵀ
 *   δ1 = relu'(U1) ⊙ δH            R(δ1) = relu'(U1) ⊙ R(δH)            (relu'' = 0 off the kink)
 *   ∂W1 = Xᵀ δ1                    R(∂W1) = Xᵀ R(δ1)
 * </pre>
 *
 * plus the regulariser's 2λ W and 2λ V. The signature and the record are those the processor
 * generates for {@code @Differentiable(order = 2)} on {@code Mlp.loss} ({@code MlpGrad.lossHvp},
 * which the samples use); this class is kept as the tests' independent oracle for it.
 */
public final class HandWrittenMlpHvp {

    private HandWrittenMlpHvp() {}

    /** The loss, its gradient, and the Hessian times the direction, per weight array. */
    public record LossHvp(
            double value,
            double[] dw1,
            double[] db1,
            double[] dw2,
            double[] db2,
            double[] hvw1,
            double[] hvb1,
            double[] hvw2,
            double[] hvb2) {}

    /**
     * {@link Mlp#loss} at (w1, b1, w2, b2), its gradient, and its Hessian times the direction
     * (vw1, vb1, vw2, vb2); each direction array has its weight array's length.
     */
    public static LossHvp lossHvp(
            double[] w1,
            double[] vw1,
            double[] b1,
            double[] vb1,
            double[] w2,
            double[] vw2,
            double[] b2,
            double[] vb2,
            double[][] x,
            int[] labels,
            double lambda) {
        int n = x.length;
        int in = x[0].length;
        int hidden = b1.length;
        int classes = b2.length;
        double[] dw1 = new double[w1.length];
        double[] db1 = new double[hidden];
        double[] dw2 = new double[w2.length];
        double[] db2 = new double[classes];
        double[] hvw1 = new double[w1.length];
        double[] hvb1 = new double[hidden];
        double[] hvw2 = new double[w2.length];
        double[] hvb2 = new double[classes];
        double[] h = new double[hidden];
        double[] rh = new double[hidden];
        boolean[] active = new boolean[hidden];
        double[] u2 = new double[classes];
        double[] ru2 = new double[classes];
        double[] delta2 = new double[classes];
        double[] rDelta2 = new double[classes];
        double[] delta1 = new double[hidden];
        double[] rDelta1 = new double[hidden];
        double crossEntropy = 0;
        for (int e = 0; e < n; e++) {
            double[] xe = x[e];
            // forward and R-forward through the hidden layer
            for (int j = 0; j < hidden; j++) {
                double u = b1[j];
                double ru = vb1[j];
                for (int i = 0; i < in; i++) {
                    u += xe[i] * w1[i * hidden + j];
                    ru += xe[i] * vw1[i * hidden + j];
                }
                active[j] = u > 0;
                h[j] = active[j] ? u : 0;
                rh[j] = active[j] ? ru : 0;
            }
            // output layer, softmax and cross-entropy
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double u = b2[k];
                double ru = vb2[k];
                for (int j = 0; j < hidden; j++) {
                    u += h[j] * w2[j * classes + k];
                    ru += rh[j] * w2[j * classes + k] + h[j] * vw2[j * classes + k];
                }
                u2[k] = u;
                ru2[k] = ru;
                max = Math.max(max, u);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(u2[k] - max);
            }
            crossEntropy += Math.log(sum) + max - u2[labels[e]];
            double pDotRu2 = 0;
            for (int k = 0; k < classes; k++) {
                double p = Math.exp(u2[k] - max) / sum;
                delta2[k] = p; // softmax for now; the one-hot and 1/n follow
                pDotRu2 += p * ru2[k];
            }
            for (int k = 0; k < classes; k++) {
                double p = delta2[k];
                rDelta2[k] = p * (ru2[k] - pDotRu2) / n;
                delta2[k] = (p - (k == labels[e] ? 1 : 0)) / n;
                db2[k] += delta2[k];
                hvb2[k] += rDelta2[k];
            }
            // back through W2, and its R-form
            for (int j = 0; j < hidden; j++) {
                double deltaH = 0;
                double rDeltaH = 0;
                for (int k = 0; k < classes; k++) {
                    int jk = j * classes + k;
                    dw2[jk] += h[j] * delta2[k];
                    hvw2[jk] += rh[j] * delta2[k] + h[j] * rDelta2[k];
                    deltaH += delta2[k] * w2[jk];
                    rDeltaH += rDelta2[k] * w2[jk] + delta2[k] * vw2[jk];
                }
                delta1[j] = active[j] ? deltaH : 0;
                rDelta1[j] = active[j] ? rDeltaH : 0;
                db1[j] += delta1[j];
                hvb1[j] += rDelta1[j];
            }
            for (int i = 0; i < in; i++) {
                double xi = xe[i];
                if (xi == 0) {
                    continue; // many digit pixels are blank
                }
                for (int j = 0; j < hidden; j++) {
                    dw1[i * hidden + j] += xi * delta1[j];
                    hvw1[i * hidden + j] += xi * rDelta1[j];
                }
            }
        }
        double squares = 0;
        for (int k = 0; k < w1.length; k++) {
            squares += w1[k] * w1[k];
            dw1[k] += 2 * lambda * w1[k];
            hvw1[k] += 2 * lambda * vw1[k];
        }
        for (int k = 0; k < w2.length; k++) {
            squares += w2[k] * w2[k];
            dw2[k] += 2 * lambda * w2[k];
            hvw2[k] += 2 * lambda * vw2[k];
        }
        double value = crossEntropy / n + lambda * squares;
        return new LossHvp(value, dw1, db1, dw2, db2, hvw1, hvb1, hvw2, hvb2);
    }
}
