package dev.adjoint.processor.testing;

import dev.adjoint.runtime.Dual;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Numeric checks of generated derivatives.
 *
 * <p>{@link #check} at one point: the reverse-mode value equals the primal; every gradient entry
 * (each scalar, each array element) agrees with a central finite difference of the primal; the
 * tangent of every unit direction and of random directions equals gradient · direction, and its
 * value equals the primal; no derivative call modifies any argument (API.md point 3); each array
 * adjoint is a new array of the argument's shape.
 */
public final class GradCheck {

    /** Relative tolerance of a gradient entry against its finite difference. */
    public static final double FD_RTOL = 1e-5;
    /** Absolute tolerance of the finite difference, times max(1, |f|) (round-off of f(x±h)). */
    public static final double FD_ATOL = 1e-7;
    /** Tolerance of tangent against gradient · direction, relative to Σ|g_i d_i|. */
    public static final double DOT_RTOL = 1e-9;
    /** Tolerance of the derivative methods' value against the primal, relative to max(1, |f|). */
    public static final double VALUE_RTOL = 1e-12;

    private GradCheck() {}

    /** One scalar slot of a differentiated parameter: the parameter itself or one array element. */
    public record Slot(Differentiated.Param param, int i, int j) {
        public String label() {
            if (param.type() == double.class) {
                return param.name();
            }
            if (param.type() == double[].class) {
                return param.name() + "[" + i + "]";
            }
            return param.name() + "[" + i + "][" + j + "]";
        }

        double get(Object[] args) {
            Object a = args[param.index()];
            if (param.type() == double.class) {
                return (Double) a;
            }
            if (param.type() == double[].class) {
                return ((double[]) a)[i];
            }
            return ((double[][]) a)[i][j];
        }

        void set(Object[] args, double v) {
            if (param.type() == double.class) {
                args[param.index()] = v;
            } else if (param.type() == double[].class) {
                ((double[]) args[param.index()])[i] = v;
            } else {
                ((double[][]) args[param.index()])[i][j] = v;
            }
        }

        double adjoint(Differentiated.Gradient g) {
            Object a = g.get(param.name());
            if (param.type() == double.class) {
                return (Double) a;
            }
            if (param.type() == double[].class) {
                return ((double[]) a)[i];
            }
            return ((double[][]) a)[i][j];
        }

        /** The position of this slot in a direction array laid out like {@code directions}. */
        double direction(Object[] directions, int activeIndex) {
            Object a = directions[activeIndex];
            if (param.type() == double.class) {
                return (Double) a;
            }
            if (param.type() == double[].class) {
                return ((double[]) a)[i];
            }
            return ((double[][]) a)[i][j];
        }
    }

    /** Runs every check at {@code args}, with the default tolerances; returns the gradient. */
    public static Differentiated.Gradient check(Differentiated f, Object... args) {
        return checkWithTolerance(f, FD_RTOL, args);
    }

    /** As {@link #check(Differentiated, Object...)} with a looser finite-difference tolerance. */
    public static Differentiated.Gradient checkWithTolerance(Differentiated f, double fdRtol, Object... args) {
        String where = f.name() + " at " + Arrays.deepToString(args);
        Object[] before = deepCopy(args);
        double value = f.primal(deepCopy(args));

        // Reverse mode.
        Differentiated.Gradient g = f.gradient(args);
        assertUnchanged(before, args, "reverse mode " + where);
        assertValue(value, g.value(), "reverse-mode value of " + where);
        List<Slot> slots = slots(f, args);
        checkShapes(f, g, args, where);

        // Gradient against central finite differences.
        StringBuilder errors = new StringBuilder();
        for (Slot s : slots) {
            double x = s.get(args);
            double h = 1e-6 * Math.max(1, Math.abs(x));
            double xp = x + h;
            double xm = x - h;
            Object[] plus = deepCopy(args);
            s.set(plus, xp);
            Object[] minus = deepCopy(args);
            s.set(minus, xm);
            double fp = f.primal(plus);
            double fm = f.primal(minus);
            double fd = (fp - fm) / (xp - xm);
            double ad = s.adjoint(g);
            double tol = fdRtol * Math.max(Math.abs(ad), Math.abs(fd))
                    + FD_ATOL * Math.max(1, Math.max(Math.abs(fp), Math.abs(fm)));
            if (!(Math.abs(ad - fd) <= tol)) {
                errors.append(String.format(
                        Locale.ROOT,
                        "  d/d%s: reverse mode %.17g, finite difference %.17g (|diff| %.3g > tol %.3g)%n",
                        s.label(),
                        ad,
                        fd,
                        Math.abs(ad - fd),
                        tol));
            }
        }
        if (errors.length() > 0) {
            throw new AssertionError(
                    "gradient of " + where + " (value " + value + ") disagrees with finite differences:\n" + errors);
        }

        // Tangent against gradient · direction.
        Random random = new Random(31L * Arrays.deepHashCode(args) + f.name().hashCode());
        List<Object[]> directions = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            directions.add(randomDirection(f, args, random));
        }
        if (slots.size() <= 32) {
            for (int k = 0; k < slots.size(); k++) {
                Object[] d = zeroDirection(f, args);
                Slot s = slots.get(k);
                int ai = f.active().indexOf(s.param());
                if (s.param().type() == double.class) {
                    d[ai] = 1.0;
                } else if (s.param().type() == double[].class) {
                    ((double[]) d[ai])[s.i()] = 1.0;
                } else {
                    ((double[][]) d[ai])[s.i()][s.j()] = 1.0;
                }
                directions.add(d);
            }
        }
        for (Object[] dir : directions) {
            Object[] dirBefore = deepCopy(dir);
            Dual dual = f.tangent(args, dir);
            String dwhere = where + " along " + Arrays.deepToString(dirBefore);
            assertUnchanged(before, args, "tangent mode " + dwhere);
            assertUnchanged(dirBefore, dir, "tangent mode (tangent arguments) " + dwhere);
            assertValue(value, dual.value(), "tangent-mode value of " + dwhere);
            double dot = 0;
            double scale = 0;
            for (Slot s : slots) {
                double term = s.adjoint(g) * s.direction(dir, f.active().indexOf(s.param()));
                dot += term;
                scale += Math.abs(term);
            }
            double tol = DOT_RTOL * scale + 1e-300;
            if (!(Math.abs(dual.tangent() - dot) <= tol)) {
                throw new AssertionError(String.format(
                        Locale.ROOT,
                        "tangent of %s is %.17g but gradient · direction is %.17g (gradient %s)",
                        dwhere,
                        dual.tangent(),
                        dot,
                        g.components().entrySet().stream()
                                .map(e -> e.getKey() + "=" + deepToString(e.getValue()))
                                .toList()));
            }
        }
        return g;
    }

    /** Asserts the two derivative modes give exactly {@code expected} (within 1e-12 relative). */
    public static void assertGradient(Differentiated f, Object[] args, double... expected) {
        Differentiated.Gradient g = f.gradient(args);
        List<Slot> slots = slots(f, args);
        if (slots.size() != expected.length) {
            throw new IllegalArgumentException("expected " + slots.size() + " gradient entries");
        }
        StringBuilder errors = new StringBuilder();
        for (int k = 0; k < slots.size(); k++) {
            Slot s = slots.get(k);
            double ad = s.adjoint(g);
            if (!close(expected[k], ad, 1e-12)) {
                errors.append(String.format(
                        Locale.ROOT, "  reverse d/d%s = %.17g, expected %.17g%n", s.label(), ad, expected[k]));
            }
            Object[] d = zeroDirection(f, args);
            int ai = f.active().indexOf(s.param());
            if (s.param().type() == double.class) {
                d[ai] = 1.0;
            } else if (s.param().type() == double[].class) {
                ((double[]) d[ai])[s.i()] = 1.0;
            } else {
                ((double[][]) d[ai])[s.i()][s.j()] = 1.0;
            }
            double t = f.tangent(args, d).tangent();
            if (!close(expected[k], t, 1e-12)) {
                errors.append(String.format(
                        Locale.ROOT, "  tangent along %s = %.17g, expected %.17g%n", s.label(), t, expected[k]));
            }
        }
        if (errors.length() > 0) {
            throw new AssertionError(f.name() + " at " + Arrays.deepToString(args) + ":\n" + errors);
        }
    }

    /** The scalar slots of the differentiated parameters at {@code args}, in declaration order. */
    public static List<Slot> slots(Differentiated f, Object[] args) {
        List<Slot> slots = new ArrayList<>();
        for (Differentiated.Param p : f.active()) {
            Object a = args[p.index()];
            if (p.type() == double.class) {
                slots.add(new Slot(p, -1, -1));
            } else if (p.type() == double[].class) {
                for (int i = 0; i < ((double[]) a).length; i++) {
                    slots.add(new Slot(p, i, -1));
                }
            } else {
                double[][] m = (double[][]) a;
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        slots.add(new Slot(p, i, j));
                    }
                }
            }
        }
        return slots;
    }

    private static void checkShapes(Differentiated f, Differentiated.Gradient g, Object[] args, String where) {
        for (Differentiated.Param p : f.active()) {
            Object arg = args[p.index()];
            Object adj = g.get(p.name());
            if (p.type() == double.class) {
                continue;
            }
            if (adj == null) {
                throw new AssertionError("d" + p.name() + " is null for " + where);
            }
            if (adj == arg) {
                throw new AssertionError("d" + p.name() + " is the argument array itself for " + where);
            }
            if (p.type() == double[].class) {
                if (((double[]) adj).length != ((double[]) arg).length) {
                    throw new AssertionError("d" + p.name() + " has length " + ((double[]) adj).length + ", argument "
                            + ((double[]) arg).length + " for " + where);
                }
            } else {
                double[][] a = (double[][]) arg;
                double[][] d = (double[][]) adj;
                if (d.length != a.length) {
                    throw new AssertionError(
                            "d" + p.name() + " has " + d.length + " rows, argument " + a.length + " for " + where);
                }
                for (int i = 0; i < a.length; i++) {
                    if (d[i] == null || d[i].length != a[i].length || d[i] == a[i]) {
                        throw new AssertionError("d" + p.name() + "[" + i + "] has the wrong shape for " + where);
                    }
                }
            }
        }
    }

    private static Object[] randomDirection(Differentiated f, Object[] args, Random random) {
        Object[] d = zeroDirection(f, args);
        for (int k = 0; k < d.length; k++) {
            if (d[k] instanceof Double) {
                d[k] = 2 * random.nextDouble() - 1;
            } else if (d[k] instanceof double[] v) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 2 * random.nextDouble() - 1;
                }
            } else {
                for (double[] row : (double[][]) d[k]) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = 2 * random.nextDouble() - 1;
                    }
                }
            }
        }
        return d;
    }

    /** Zero tangents, one per differentiated parameter, shaped like the arguments. */
    public static Object[] zeroDirection(Differentiated f, Object[] args) {
        Object[] d = new Object[f.active().size()];
        for (int k = 0; k < d.length; k++) {
            Differentiated.Param p = f.active().get(k);
            Object a = args[p.index()];
            if (p.type() == double.class) {
                d[k] = 0.0;
            } else if (p.type() == double[].class) {
                d[k] = new double[((double[]) a).length];
            } else {
                double[][] m = (double[][]) a;
                double[][] z = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    z[i] = new double[m[i].length];
                }
                d[k] = z;
            }
        }
        return d;
    }

    /** Asserts that a derivative method's value equals the primal's (NaN equals NaN). */
    public static void assertValue(double expected, double actual, String what) {
        if (Double.isNaN(expected) && Double.isNaN(actual)) {
            return;
        }
        if (!close(expected, actual, VALUE_RTOL)) {
            throw new AssertionError(
                    String.format(Locale.ROOT, "%s: expected %.17g but was %.17g", what, expected, actual));
        }
    }

    /** |expected - actual| <= rtol * max(1, |expected|). */
    public static boolean close(double expected, double actual, double rtol) {
        if (expected == actual) {
            return true;
        }
        return Math.abs(expected - actual) <= rtol * Math.max(1, Math.abs(expected));
    }

    /** Asserts that every argument (arrays element by element) is unchanged. */
    public static void assertUnchanged(Object[] before, Object[] after, String what) {
        for (int k = 0; k < before.length; k++) {
            Object b = before[k];
            Object a = after[k];
            boolean same = b instanceof double[] bv
                    ? Arrays.equals(bv, (double[]) a)
                    : b instanceof double[][] bm ? Arrays.deepEquals(bm, (double[][]) a) : b.equals(a);
            if (!same) {
                throw new AssertionError(
                        what + " modified argument " + k + ": was " + deepToString(b) + ", now " + deepToString(a));
            }
        }
    }

    /** A deep copy of arguments (arrays copied, boxed scalars shared). */
    public static Object[] deepCopy(Object[] args) {
        Object[] c = args.clone();
        for (int k = 0; k < c.length; k++) {
            if (c[k] instanceof double[] v) {
                c[k] = v.clone();
            } else if (c[k] instanceof double[][] m) {
                double[][] copy = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    copy[i] = m[i] == null ? null : m[i].clone();
                }
                c[k] = copy;
            }
        }
        return c;
    }

    private static String deepToString(Object o) {
        return Arrays.deepToString(new Object[] {o});
    }
}
