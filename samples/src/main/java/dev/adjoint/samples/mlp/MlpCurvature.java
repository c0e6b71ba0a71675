package dev.adjoint.samples.mlp;

import java.util.function.UnaryOperator;

/**
 * The curvature of the MLP's loss {@link Mlp#loss} on a data set: its Hessian with respect to all
 * the weights, flattened in the order {@code [W1, b1, W2, b2]} of {@link Parameters#flatten}, as
 * an operator v ↦ H·v for Lanczos and, for a small network, as a dense matrix.
 *
 * <p>Both are generated from {@code Mlp.loss}, which carries {@code @Differentiable(order = 2)}:
 * the product is {@code MlpGrad.lossHvp} (forward over reverse), the dense matrix {@code
 * MlpGrad.lossHessian}. {@link HandWrittenMlpHvp} (Pearlmutter's R-operator by hand) is kept as
 * the tests' oracle for both.
 */
public final class MlpCurvature {

    private MlpCurvature() {}

    /** v ↦ H·v for the loss at {@code p} on {@code data} with regulariser λ. */
    public static UnaryOperator<double[]> hessianTimes(Parameters p, Dataset data, double lambda) {
        return v -> {
            Parameters d = p.unflatten(v);
            MlpGrad.LossHvp r = MlpGrad.lossHvp(
                    p.w1(), d.w1(), p.b1(), d.b1(), p.w2(), d.w2(), p.b2(), d.b2(), data.x(), data.y(), lambda);
            return new Parameters(r.hvw1(), r.hvb1(), r.hvw2(), r.hvb2()).flatten();
        };
    }

    /**
     * The dense N×N Hessian, N = {@link Parameters#count()}, in the order of {@link
     * Parameters#flatten}: the generated {@code lossHessian}, one product per weight. Meant for
     * small networks only (N products).
     */
    public static double[][] denseHessian(Parameters p, Dataset data, double lambda) {
        return MlpGrad.lossHessian(p.w1(), p.b1(), p.w2(), p.b2(), data.x(), data.y(), lambda)
                .hessian();
    }

    /**
     * The dense Hessian from any product v ↦ H·v, column by column (H e_j for each unit vector
     * e_j), left as it comes (not symmetrised): how the tests build one from the hand-written
     * product.
     */
    public static double[][] columnByColumn(UnaryOperator<double[]> times, int n) {
        double[][] h = new double[n][n];
        double[] unit = new double[n];
        for (int j = 0; j < n; j++) {
            unit[j] = 1;
            double[] column = times.apply(unit);
            unit[j] = 0;
            for (int i = 0; i < n; i++) {
                h[i][j] = column[i];
            }
        }
        return h;
    }
}
