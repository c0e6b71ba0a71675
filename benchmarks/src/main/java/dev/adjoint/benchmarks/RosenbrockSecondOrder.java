package dev.adjoint.benchmarks;

import org.hipparchus.analysis.differentiation.DSCompiler;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Second derivatives of {@link Rosenbrock#rosenbrock} three ways besides the generated ones: a
 * hand-written Hessian-vector product and dense Hessian (each pair (a, b) = (x[2i], x[2i+1])
 * has the 2 × 2 block [[2 − 400 (b − a²) + 800 a², −400 a], [−400 a, 200]], the rest is zero),
 * and Hipparchus's {@link DerivativeStructure} of order 2, forward-mode AD that carries every
 * first and second partial derivative through each operation.
 */
public final class RosenbrockSecondOrder {
    private RosenbrockSecondOrder() {}

    /** Value, gradient and H·v, as the generated {@code rosenbrockHvp} returns them. */
    public record Hvp(double value, double[] gradient, double[] hv) {}

    /**
     * The hand-written H·v, in new arrays as the generated method's contract has it (so both pay
     * for allocating and zeroing the two results).
     */
    public static Hvp handHvp(double[] x, double[] v) {
        double[] g = new double[x.length];
        double[] hv = new double[x.length];
        return new Hvp(handHvp(x, v, g, hv), g, hv);
    }

    /** The hand-written H·v into {@code g} and {@code hv}; returns the value. The floor. */
    public static double handHvp(double[] x, double[] v, double[] g, double[] hv) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double xi = x[i];
            double a = 1 - xi;
            double b = x[i + 1] - xi * xi;
            s += a * a + 100 * b * b;
            g[i] = -2 * a - 400 * xi * b;
            g[i + 1] = 200 * b;
            double haa = 2 - 400 * b + 800 * xi * xi;
            double hab = -400 * xi;
            hv[i] = haa * v[i] + hab * v[i + 1];
            hv[i + 1] = hab * v[i] + 200 * v[i + 1];
        }
        return s;
    }

    /** The dense hand-written Hessian: its 2 × 2 blocks on the diagonal, zero elsewhere. */
    public static double[][] handHessian(double[] x) {
        int n = x.length;
        double[][] h = new double[n][n];
        for (int i = 0; i + 1 < n; i += 2) {
            double xi = x[i];
            double b = x[i + 1] - xi * xi;
            h[i][i] = 2 - 400 * b + 800 * xi * xi;
            h[i][i + 1] = -400 * xi;
            h[i + 1][i] = -400 * xi;
            h[i + 1][i + 1] = 200;
        }
        return h;
    }

    /**
     * Where each second partial derivative sits in a {@link DerivativeStructure}'s array, for n
     * free parameters: {@code index[i][j]} for ∂²/∂x_i∂x_j. Built once per n, as a user of
     * Hipparchus would, and outside the timed code.
     */
    public static int[][] secondDerivativeIndices(int n) {
        DSCompiler compiler = DSCompiler.getCompiler(n, 2);
        int[][] index = new int[n][n];
        int[] orders = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                orders[i]++;
                orders[j]++;
                index[i][j] = compiler.getPartialDerivativeIndex(orders);
                orders[i]--;
                orders[j]--;
            }
        }
        return index;
    }

    /**
     * The dense Hessian by Hipparchus: the objective on n {@link DerivativeStructure} variables of
     * order 2 (each holding (n + 1)(n + 2)/2 numbers), its second partials read into a matrix.
     */
    public static double[][] hipparchusHessian(DSFactory factory, int[][] index, double[] x) {
        int n = x.length;
        DerivativeStructure s = factory.constant(0);
        for (int i = 0; i + 1 < n; i += 2) {
            DerivativeStructure xi = factory.variable(i, x[i]);
            DerivativeStructure a = xi.negate().add(1);
            DerivativeStructure b = factory.variable(i + 1, x[i + 1]).subtract(xi.square());
            s = s.add(a.square()).add(b.square().multiply(100));
        }
        double[] all = s.getAllDerivatives();
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = all[index[i][j]];
            }
        }
        return h;
    }
}
