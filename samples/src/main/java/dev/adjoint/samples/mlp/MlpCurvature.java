package dev.adjoint.samples.mlp;

import java.util.function.UnaryOperator;

/**
 * The curvature of the MLP's loss {@link Mlp#loss} on a data set: its Hessian with respect to all
 * the weights, flattened in the order {@code [W1, b1, W2, b2]} of {@link Parameters#flatten}, as
 * an operator v ↦ H·v for Lanczos and, for a small network, as a dense matrix.
 *
 * <p>Both come from {@link HandWrittenMlpHvp} for now. Once {@code Mlp.loss} carries
 * {@code @Differentiable(order = 2)}, the marked line in {@link #hessianTimes} calls
 * {@code MlpGrad.lossHvp} instead, and {@link #denseHessian} becomes {@code
 * MlpGrad.lossHessian(...).hessian()}.
 */
public final class MlpCurvature {

    private MlpCurvature() {}

    /** v ↦ H·v for the loss at {@code p} on {@code data} with regulariser λ. */
    public static UnaryOperator<double[]> hessianTimes(Parameters p, Dataset data, double lambda) {
        return v -> {
            Parameters d = p.unflatten(v);
            HandWrittenMlpHvp.LossHvp r = // becomes MlpGrad.lossHvp(...) with order = 2
                    HandWrittenMlpHvp.lossHvp(
                            p.w1(), d.w1(), p.b1(), d.b1(), p.w2(), d.w2(), p.b2(), d.b2(), data.x(), data.y(), lambda);
            return new Parameters(r.hvw1(), r.hvb1(), r.hvw2(), r.hvb2()).flatten();
        };
    }

    /**
     * The dense N×N Hessian, N = {@link Parameters#count()}, column by column: H e_j for each unit
     * vector e_j. Meant for small networks only (N products).
     */
    public static double[][] denseHessian(Parameters p, Dataset data, double lambda) {
        int n = p.count();
        UnaryOperator<double[]> times = hessianTimes(p, data, lambda);
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
