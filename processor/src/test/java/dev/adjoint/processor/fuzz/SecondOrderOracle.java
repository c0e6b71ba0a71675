package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Checker.Kind;
import dev.adjoint.processor.fuzz.Checker.Outcome;
import dev.adjoint.processor.fuzz.Points.Slot;
import dev.adjoint.processor.testing.Differentiated;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The second-order checks of a random program, with {@code -Dadjoint.fuzz.order=2} (every
 * generated method then carries {@code order = 2}, and calls between generated methods are left
 * out): {@code mHvp} along each unit direction gives {@code m}'s value and gradient, and columns
 * of a symmetric matrix that agrees with central differences of the gradient; {@code mHessian}
 * is that matrix; {@code mHvp} along a random direction is the matrix times it. Where the
 * differences of the gradient do not settle (a kink, a branch flipping), the point is skipped as
 * non-smooth, as first order does.
 */
final class SecondOrderOracle {
    static final boolean ON = Integer.getInteger("adjoint.fuzz.order", 1) == 2;

    private SecondOrderOracle() {}

    /** Null when every check passes; else the failure, or NONSMOOTH when finite differences cannot judge. */
    static Outcome check(
            Differentiated f, Method m, Object[] args, double value, double[] grad, List<Slot> slots, String at) {
        int n = slots.size();
        double[][] columns = new double[n][];
        try {
            for (int k = 0; k < n; k++) {
                double[] unit = new double[n];
                unit[k] = 1;
                columns[k] = hvp(f, m, args, slots, unit, value, grad, at);
                if (columns[k] == null)
                    return Outcome.fail(
                            Kind.HESSIAN, "hvp value or gradient", "mHvp's value or gradient is not m's" + at);
            }
            double scale = 1e-300;
            for (double[] c : columns) for (double x : c) scale = Math.max(scale, Math.abs(x));
            if (!Double.isFinite(scale)) return Outcome.NONFINITE;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (Math.abs(columns[j][i] - columns[i][j]) > 1e-8 * scale + 1e-12) {
                        return Outcome.fail(
                                Kind.HESSIAN,
                                "asymmetric",
                                String.format(
                                        Locale.ROOT,
                                        "(H·e_%d)[%d] = %.17g but (H·e_%d)[%d] = %.17g%s",
                                        j,
                                        i,
                                        columns[j][i],
                                        i,
                                        j,
                                        columns[i][j],
                                        at));
                    }
                }
            }
            double[][] h = hessian(f, args);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double mean = 0.5 * (columns[j][i] + columns[i][j]);
                    if (Math.abs(h[i][j] - mean) > 1e-12 * scale + 1e-300) {
                        return Outcome.fail(
                                Kind.HESSIAN,
                                "hessian vs hvp",
                                "mHessian[" + i + "][" + j + "] = " + h[i][j] + " but mHvp gives " + mean + at);
                    }
                }
            }
            Random random = new Random(Arrays.hashCode(grad));
            double[] v = new double[n];
            for (int k = 0; k < n; k++) v[k] = random.nextDouble() * 2 - 1;
            double[] hv = hvp(f, m, args, slots, v, value, grad, at);
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += columns[k][i] * v[k];
                if (hv == null || Math.abs(hv[i] - dot) > 1e-9 * scale * n + 1e-12) {
                    return Outcome.fail(
                            Kind.HESSIAN,
                            "hv vs hessian·v",
                            "mHvp along " + Arrays.toString(v) + " is not the Hessian times it" + at);
                }
            }
            return againstDifferences(f, m, args, slots, columns, scale, at);
        } catch (AssertionError | ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // a point within a step of an argument check's limit: no differences across it
            if (ThrowCheck.fromArgumentCheck(cause)) return Outcome.NONSMOOTH;
            return Outcome.fail(
                    Kind.CRASH,
                    "second order " + cause.getClass().getSimpleName(),
                    "mHvp or mHessian threw " + cause + at);
        }
    }

    /** Column j against central differences of the gradient along e_j, at three steps before calling it wrong. */
    private static Outcome againstDifferences(
            Differentiated f, Method m, Object[] args, List<Slot> slots, double[][] columns, double scale, String at) {
        boolean skipped = false;
        for (int j = 0; j < slots.size(); j++) {
            double x = slots.get(j).get(args);
            double h = 1e-5 * Math.max(1, Math.abs(x));
            double[] fd = differences(f, m, args, slots, j, x, h);
            double[] big = null, small = null;
            for (int i = 0; i < slots.size(); i++) {
                double a = columns[j][i];
                double tol = 1e-5 * Math.max(Math.abs(a), Math.abs(fd[i])) + 1e-6 * Math.max(1, scale);
                if (Math.abs(a - fd[i]) <= tol) continue;
                if (big == null) {
                    big = differences(f, m, args, slots, j, x, h * 10);
                    small = differences(f, m, args, slots, j, x, h / 10);
                }
                if (Math.abs(a - big[i]) <= tol || Math.abs(a - small[i]) <= 10 * tol) continue;
                double lo = Math.min(fd[i], Math.min(big[i], small[i])),
                        hi = Math.max(fd[i], Math.max(big[i], small[i]));
                boolean stable = Double.isFinite(lo)
                        && Double.isFinite(hi)
                        && hi - lo <= 1e-3 * Math.max(Math.abs(lo), Math.abs(hi)) + 1e-4 * Math.max(1, scale);
                if (!stable) {
                    skipped = true;
                    continue;
                }
                return Outcome.fail(
                        Kind.HESSIAN,
                        "hessian vs finite differences",
                        String.format(
                                Locale.ROOT,
                                "∂²/∂%s∂%s = %.17g but central differences of the gradient give %.17g (steps ×10: %.17g, ÷10: %.17g)%s",
                                slots.get(i).label(),
                                slots.get(j).label(),
                                a,
                                fd[i],
                                big[i],
                                small[i],
                                at));
            }
        }
        return skipped ? Outcome.NONSMOOTH : null;
    }

    private static double[] differences(
            Differentiated f, Method m, Object[] args, List<Slot> slots, int j, double x, double h) {
        Object[] plus = Points.deepCopyAll(args), minus = Points.deepCopyAll(args);
        slots.get(j).set(plus, x + h);
        slots.get(j).set(minus, x - h);
        double[] gp = flatten(f.gradient(plus), m, slots), gm = flatten(f.gradient(minus), m, slots);
        double[] out = new double[slots.size()];
        for (int i = 0; i < out.length; i++) out[i] = (gp[i] - gm[i]) / (2 * h);
        return out;
    }

    private static double[] flatten(Differentiated.Gradient g, Method m, List<Slot> slots) {
        double[] out = new double[slots.size()];
        for (int i = 0; i < out.length; i++)
            out[i] = slots.get(i)
                    .adjoint(g.get(m.params().get(slots.get(i).param()).name()));
        return out;
    }

    /** mHvp along {@code d}: H·d flattened, or null when its value or gradient is not m's. */
    private static double[] hvp(
            Differentiated f,
            Method m,
            Object[] args,
            List<Slot> slots,
            double[] d,
            double value,
            double[] grad,
            String at)
            throws ReflectiveOperationException {
        Object[] directions = Points.directionArgs(m, slots, d);
        List<Object> all = new ArrayList<>();
        int k = 0;
        for (Differentiated.Param p : f.params()) {
            all.add(args[p.index()]);
            if (p.differentiated()) all.add(directions[k++]);
        }
        Object record = invoke(f, "Hvp", all.toArray());
        if (Double.doubleToLongBits((Double) component(record, "value")) != Double.doubleToLongBits(value)) return null;
        double[] out = new double[slots.size()];
        for (int i = 0; i < out.length; i++) {
            String name = m.params().get(slots.get(i).param()).name();
            double gi = slots.get(i).adjoint(component(record, "d" + name));
            if (!(Math.abs(gi - grad[i]) <= 1e-12 * Math.abs(grad[i]) + 1e-300)
                    && !(Double.isNaN(gi) && Double.isNaN(grad[i]))) return null;
            out[i] = slots.get(i).adjoint(component(record, "hv" + name));
        }
        return out;
    }

    private static double[][] hessian(Differentiated f, Object[] args) throws ReflectiveOperationException {
        return (double[][]) component(invoke(f, "Hessian", Points.deepCopyAll(args)), "hessian");
    }

    private static Object invoke(Differentiated f, String suffix, Object[] args) throws ReflectiveOperationException {
        for (java.lang.reflect.Method method : f.gradClass().getMethods()) {
            if (method.getName().equals(f.name() + suffix)) {
                try {
                    return method.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw new AssertionError("threw", e.getCause());
                }
            }
        }
        throw new NoSuchMethodException(f.name() + suffix);
    }

    private static Object component(Object record, String name) throws ReflectiveOperationException {
        for (RecordComponent c : record.getClass().getRecordComponents())
            if (c.getName().equals(name)) return c.getAccessor().invoke(record);
        throw new NoSuchMethodException(name);
    }
}
