package dev.adjoint.samples.krylov;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.SecondOrderObjective;

/**
 * Extended Rosenbrock (Moré, Garbow and Hillstrom 1981, problem 21): n/2 copies of Rosenbrock's
 * valley side by side,
 *
 * <pre>
 *   f(x) = Σ_{i even} 100 (x_{i+1} − x_i²)² + (1 − x_i)²,   minimum f(1, …, 1) = 0,
 * </pre>
 *
 * started from (−1.2, 1, −1.2, 1, …). The function is written once; with {@code order = 2} the
 * processor generates its gradient ({@code ExtendedRosenbrockGrad.value(x)}, reverse mode) and its
 * Hessian-vector product ({@code ExtendedRosenbrockGrad.valueHvp(x, v)}, forward over reverse),
 * which Newton–CG uses through {@link #objective()}.
 *
 * <p>{@link #handWrittenHvp} is the same product written by hand, kept as the tests' oracle for
 * the generated one.
 */
public final class ExtendedRosenbrock {

    private ExtendedRosenbrock() {}

    /** f(x) for an even-length x. */
    @Differentiable(order = 2)
    public static double value(double[] x) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1 - x[i];
            f += 100 * valley * valley + offset * offset;
        }
        return f;
    }

    /** The standard start (−1.2, 1, −1.2, 1, …) in n unknowns. */
    public static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i + 1 < n; i += 2) {
            x[i] = -1.2;
            x[i + 1] = 1;
        }
        return x;
    }

    /**
     * f, ∇f and ∇²f·v, written by hand from the 2×2 block of each pair (a, b):
     * [[1200 a² − 400 b + 2, −400 a], [−400 a, 200]]. The tests check it against finite
     * differences of the generated gradient, and the generated {@code valueHvp} against it.
     */
    public static SecondOrderObjective.Evaluation handWrittenHvp(double[] x, double[] v) {
        int n = x.length;
        double f = 0;
        double[] g = new double[n];
        double[] hv = new double[n];
        for (int i = 0; i + 1 < n; i += 2) {
            double a = x[i];
            double b = x[i + 1];
            double valley = b - a * a;
            f += 100 * valley * valley + (1 - a) * (1 - a);
            g[i] = -400 * a * valley - 2 * (1 - a);
            g[i + 1] = 200 * valley;
            double haa = 1200 * a * a - 400 * b + 2;
            double hab = -400 * a;
            hv[i] = haa * v[i] + hab * v[i + 1];
            hv[i + 1] = hab * v[i] + 200 * v[i + 1];
        }
        return new SecondOrderObjective.Evaluation(f, g, hv);
    }

    /**
     * The function as Newton–CG takes it: H·v from the generated {@code valueHvp}, the value from
     * the plain method and the gradient from the generated reverse mode, each cheaper than a
     * Hessian-vector product.
     */
    public static SecondOrderObjective objective() {
        return new SecondOrderObjective() {
            @Override
            public Evaluation evaluate(double[] x, double[] v) {
                ExtendedRosenbrockGrad.ValueHvp r = ExtendedRosenbrockGrad.valueHvp(x, v);
                return new Evaluation(r.value(), r.dx(), r.hvx());
            }

            @Override
            public double value(double[] x) {
                return ExtendedRosenbrock.value(x);
            }

            @Override
            public Evaluation gradient(double[] x) {
                ExtendedRosenbrockGrad.Value r = ExtendedRosenbrockGrad.value(x);
                return new Evaluation(r.value(), r.dx(), null);
            }
        };
    }
}
