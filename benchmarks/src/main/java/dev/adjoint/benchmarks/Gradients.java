package dev.adjoint.benchmarks;

import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.Gradient;

/** Helpers shared by the benchmarks and the tests: finite differences and Hipparchus inputs. */
public final class Gradients {
    private Gradients() {}

    /** Base step of central differences, cbrt(ulp(1)), as in {@code GradientCheck}. */
    public static final double STEP = Math.cbrt(Math.ulp(1.0));

    /**
     * Central finite differences of {@code f} at {@code x}, into {@code g}: 2 n evaluations, each
     * with one coordinate moved in place and put back.
     */
    public static void centralDifferences(ToDoubleFunction<double[]> f, double[] x, double[] g) {
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double h = STEP * Math.max(1, Math.abs(xi));
            x[i] = xi + h;
            double up = f.applyAsDouble(x);
            double hUp = x[i] - xi;
            x[i] = xi - h;
            double down = f.applyAsDouble(x);
            double hDown = xi - x[i];
            x[i] = xi;
            g[i] = (up - down) / (hUp + hDown);
        }
    }

    /** Hipparchus variables for a full gradient: {@code x[i]} is free parameter {@code offset + i} of {@code total}. */
    public static Gradient[] variables(double[] x, int offset, int total) {
        Gradient[] v = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = Gradient.variable(total, offset + i, x[i]);
        }
        return v;
    }

    /** Hipparchus numbers with one free parameter: value {@code x[i]}, derivative {@code dir[i]}. */
    public static Gradient[] directional(double[] x, double[] dir) {
        Gradient[] v = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = new Gradient(x[i], dir[i]);
        }
        return v;
    }

    /**
     * Zero with as many free parameters as {@code g}. Not {@code g.getField().getZero()}: the
     * field builds a {@code DSCompiler} whose tables for 1,000 free parameters do not fit in a
     * 1 GiB heap (OutOfMemoryError in {@code DSCompiler.compileDerivativesOrders}).
     */
    public static Gradient zeroLike(Gradient g) {
        return new Gradient(0.0, new double[g.getFreeParameters()]);
    }

    /** A fixed pseudo-random direction of length n, entries in [-1, 1). */
    public static double[] direction(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 2 * r.nextDouble() - 1;
        }
        return d;
    }

    /** Concatenates arrays. */
    public static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
