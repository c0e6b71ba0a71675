package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The extended Rosenbrock function (Moré, Garbow and Hillstrom 1981, problem 21) for an even
 * {@code n}: {@code f(x) = sum over pairs (x[2i], x[2i+1]) of (1 - x[2i])^2 + 100 (x[2i+1] -
 * x[2i]^2)^2}. Minimum 0 at (1, ..., 1); the standard starting point is (-1.2, 1, -1.2, 1, ...).
 */
public final class Rosenbrock {
    private Rosenbrock() {}

    /** The objective, as plain Java; Adjoint generates {@code RosenbrockGrad} from it. */
    @Differentiable(order = 2)
    public static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            s += a * a + 100 * b * b;
        }
        return s;
    }

    /** The hand-written gradient, into {@code g}; returns the value. The floor. */
    public static double handGradient(double[] x, double[] g) {
        double s = 0;
        int n = x.length;
        for (int i = 0; i + 1 < n; i += 2) {
            double xi = x[i];
            double a = 1 - xi;
            double b = x[i + 1] - xi * xi;
            s += a * a + 100 * b * b;
            g[i] = -2 * a - 400 * xi * b;
            g[i + 1] = 200 * b;
        }
        if ((n & 1) == 1) {
            g[n - 1] = 0;
        }
        return s;
    }

    /** The same objective on Hipparchus' forward-mode {@link Gradient} numbers. */
    public static Gradient hipparchus(Gradient[] x) {
        Gradient s = Gradients.zeroLike(x[0]);
        for (int i = 0; i + 1 < x.length; i += 2) {
            Gradient a = x[i].negate().add(1);
            Gradient b = x[i + 1].subtract(x[i].square());
            s = s.add(a.square()).add(b.square().multiply(100));
        }
        return s;
    }

    /** The standard starting point (-1.2, 1, -1.2, 1, ...), slightly perturbed so no two pairs agree. */
    public static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? -1.2 : 1.0) + 1e-3 * Math.sin(i + 1);
        }
        return x;
    }
}
