package dev.adjoint.processor.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Numeric checks of the second-order methods of an {@code order = 2} method, at one point:
 * {@code mHessian}'s value and gradient equal {@code m}'s; every entry of its Hessian agrees
 * with a central finite difference of the gradient {@code m} returns; the raw columns H·e_k of
 * {@code mHvp} form a symmetric matrix (before {@code mHessian} averages them); {@code mHvp}
 * along random directions gives {@code m}'s value and gradient and H·v; no call changes its
 * arguments.
 */
public final class HessianCheck {
    /** Hessian entry against the central difference of the gradient, relative. */
    public static final double FD_RTOL = 1e-5;
    /** Absolute part of that tolerance, times max(1, |gradient|). */
    public static final double FD_ATOL = 1e-6;
    /** H·e_k against H·e_j where exact arithmetic makes them equal, and H·v against Σ H_ij v_j: relative to the terms' size. */
    public static final double EXACT_RTOL = 1e-9;

    private HessianCheck() {}

    /** Runs every check at {@code args}; returns the Hessian. */
    public static double[][] check(Differentiated f, Object... args) {
        String where = f.name() + " at " + Arrays.deepToString(args);
        Object[] before = GradCheck.deepCopy(args);
        Differentiated.Gradient g = f.gradient(GradCheck.deepCopy(args));
        List<GradCheck.Slot> slots = GradCheck.slots(f, args);
        int n = slots.size();

        Object hessianRecord = invoke(method(f, "Hessian"), f.receiverFirst(args));
        assertUnchanged(before, args, "mHessian " + where);
        double[][] h = (double[][]) component(hessianRecord, "hessian");
        check(h.length == n, "mHessian of " + where + " is " + h.length + "×…, not " + n + "×" + n);
        sameValueAndGradient(f, g, hessianRecord, slots, "mHessian of " + where);

        // columns of mHvp along unit directions: symmetric before any averaging
        double[][] columns = new double[n][];
        for (int k = 0; k < n; k++) {
            Object[] v = GradCheck.zeroDirection(f, args);
            setSlot(f, slots.get(k), v, 1.0);
            columns[k] = hv(f, args, v, slots, g, where);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                check(h[i].length == n, "row " + i + " of mHessian has length " + h[i].length);
                double scale = Math.abs(columns[j][i]) + Math.abs(columns[i][j]) + 1e-300;
                check(
                        Math.abs(columns[j][i] - columns[i][j]) <= EXACT_RTOL * scale + 1e-13,
                        String.format(
                                Locale.ROOT,
                                "(H·e_%d)[%d] = %.17g but (H·e_%d)[%d] = %.17g at %s",
                                j,
                                i,
                                columns[j][i],
                                i,
                                j,
                                columns[i][j],
                                where));
                check(
                        Math.abs(h[i][j] - columns[j][i]) <= EXACT_RTOL * scale + 1e-13,
                        "mHessian[" + i + "][" + j + "] is not mHvp's");
                check(h[i][j] == h[j][i], "mHessian is not symmetric at [" + i + "][" + j + "]");
            }
        }

        // against central differences of the gradient
        StringBuilder errors = new StringBuilder();
        for (int j = 0; j < n; j++) {
            GradCheck.Slot s = slots.get(j);
            double x = slotValue(s, args);
            double step = 1e-5 * Math.max(1, Math.abs(x));
            Object[] plus = GradCheck.deepCopy(args), minus = GradCheck.deepCopy(args);
            setArg(s, plus, x + step);
            setArg(s, minus, x - step);
            Differentiated.Gradient gp = f.gradient(plus), gm = f.gradient(minus);
            for (int i = 0; i < n; i++) {
                double a = slots.get(i).adjoint(gp), b = slots.get(i).adjoint(gm);
                double fd = (a - b) / (2 * step);
                double tol = FD_RTOL * Math.max(Math.abs(fd), Math.abs(h[i][j]))
                        + FD_ATOL * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
                if (!(Math.abs(fd - h[i][j]) <= tol)) {
                    errors.append(String.format(
                            Locale.ROOT,
                            "  ∂²/∂%s∂%s: mHessian %.17g, finite difference %.17g%n",
                            slots.get(i).label(),
                            s.label(),
                            h[i][j],
                            fd));
                }
            }
        }
        check(
                errors.length() == 0,
                "Hessian of " + where + " disagrees with finite differences of the gradient:\n" + errors);

        // random directions: H·v
        Random random = new Random(17L * Arrays.deepHashCode(args) + f.name().hashCode());
        for (int r = 0; r < 3; r++) {
            Object[] v = GradCheck.zeroDirection(f, args);
            double[] flat = new double[n];
            for (int k = 0; k < n; k++) {
                flat[k] = random.nextGaussian();
                setSlot(f, slots.get(k), v, flat[k]);
            }
            double[] hv = hv(f, args, v, slots, g, where);
            for (int i = 0; i < n; i++) {
                double dot = 0, scale = 1e-300;
                for (int k = 0; k < n; k++) {
                    dot += h[i][k] * flat[k];
                    scale += Math.abs(h[i][k] * flat[k]);
                }
                check(
                        Math.abs(hv[i] - dot) <= EXACT_RTOL * scale + 1e-13,
                        String.format(
                                Locale.ROOT,
                                "mHvp of %s along %s: (H·v)[%d] = %.17g, Hessian·v = %.17g",
                                where,
                                Arrays.toString(flat),
                                i,
                                hv[i],
                                dot));
            }
        }
        return h;
    }

    /** mHvp along {@code v}, checked for the value and gradient of m and unchanged arguments; returns H·v flattened. */
    private static double[] hv(
            Differentiated f,
            Object[] args,
            Object[] v,
            List<GradCheck.Slot> slots,
            Differentiated.Gradient g,
            String where) {
        Object[] before = GradCheck.deepCopy(args), vBefore = GradCheck.deepCopy(v);
        List<Object> all = new ArrayList<>();
        int k = 0;
        for (Differentiated.Param p : f.params()) {
            all.add(args[p.index()]);
            if (p.differentiated()) all.add(v[k++]);
        }
        Object record = invoke(method(f, "Hvp"), f.receiverFirst(all.toArray()));
        assertUnchanged(before, args, "mHvp " + where);
        assertUnchanged(vBefore, v, "mHvp (directions) " + where);
        sameValueAndGradient(f, g, record, slots, "mHvp of " + where);
        double[] out = new double[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            GradCheck.Slot s = slots.get(i);
            Object c = component(record, "hv" + s.param().name());
            out[i] = c instanceof Double d ? d : c instanceof double[] a ? a[s.i()] : ((double[][]) c)[s.i()][s.j()];
        }
        return out;
    }

    private static void sameValueAndGradient(
            Differentiated f, Differentiated.Gradient g, Object record, List<GradCheck.Slot> slots, String where) {
        double value = (Double) component(record, "value");
        check(GradCheck.close(g.value(), value, 1e-12), where + ": value " + value + " but m gives " + g.value());
        for (GradCheck.Slot s : slots) {
            Object c = component(record, "d" + s.param().name());
            double d = c instanceof Double x ? x : c instanceof double[] a ? a[s.i()] : ((double[][]) c)[s.i()][s.j()];
            check(
                    GradCheck.close(s.adjoint(g), d, 1e-12),
                    where + ": d/d" + s.label() + " " + d + " but m gives " + s.adjoint(g));
        }
    }

    private static void setSlot(Differentiated f, GradCheck.Slot s, Object[] directions, double x) {
        int a = f.active().indexOf(s.param());
        if (s.param().type() == double.class) directions[a] = x;
        else if (s.param().type() == double[].class) ((double[]) directions[a])[s.i()] = x;
        else ((double[][]) directions[a])[s.i()][s.j()] = x;
    }

    private static double slotValue(GradCheck.Slot s, Object[] args) {
        Object a = args[s.param().index()];
        return a instanceof Double d ? d : a instanceof double[] v ? v[s.i()] : ((double[][]) a)[s.i()][s.j()];
    }

    private static void setArg(GradCheck.Slot s, Object[] args, double x) {
        int i = s.param().index();
        if (s.param().type() == double.class) args[i] = x;
        else if (s.param().type() == double[].class) ((double[]) args[i])[s.i()] = x;
        else ((double[][]) args[i])[s.i()][s.j()] = x;
    }

    private static Method method(Differentiated f, String suffix) {
        String name = f.name().substring(f.name().lastIndexOf('.') + 1) + suffix;
        for (Method m : f.gradClass().getMethods()) if (m.getName().equals(name)) return m;
        throw new AssertionError("no public method " + f.gradClass().getName() + "." + name);
    }

    private static Object component(Object record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError(record.getClass().getName() + " has no component " + name);
    }

    private static Object invoke(Method m, Object[] args) {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(m.getName() + " threw", e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertUnchanged(Object[] before, Object[] after, String what) {
        check(Arrays.deepEquals(before, after), what + " changed its arguments: " + Arrays.deepToString(after));
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new AssertionError(message);
    }
}
