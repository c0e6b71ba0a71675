package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.Points.args;
import static dev.adjoint.processor.fuzz.Points.deepCopyAll;
import static dev.adjoint.processor.fuzz.Points.directionArgs;
import static dev.adjoint.processor.fuzz.Points.show;
import static dev.adjoint.processor.fuzz.Points.slots;

import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Points.Slot;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.runtime.Dual;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Checks one compiled program at one point: both modes' values equal the primal bit for bit,
 * reverse-mode gradient entries agree with central finite differences, tangents along unit and
 * random directions agree with gradient · direction, and no call modifies its arguments.
 *
 * <p>Finite differences are only trusted where the function is smooth at the scale of the step:
 * a disagreement is confirmed as a failure only if the two one-sided differences through f(x)
 * agree and central differences with steps h/10, h and 10h agree with each other; otherwise the
 * point is skipped as non-smooth (a kink or jump of abs/floor/?:/casts within about h of it).
 */
final class Checker {
    /** Relative tolerance of a gradient entry against finite differences. */
    static final double FD_RTOL = 1e-5;
    /** Absolute tolerance of finite differences, times max(1, |f|). */
    static final double FD_ATOL = 1e-6;
    /** Tolerance of tangent against gradient · direction, relative to sum |g_i d_i|. */
    static final double DOT_RTOL = 1e-9;
    /**
     * Absolute tolerance of tangent against gradient · direction, times sum |d_i|: derivatives that
     * are zero by cancellation (atan2(u / 3, u) along u) come out as round-off of either sign.
     */
    static final double DOT_ATOL = 1e-12;

    enum Kind {
        /** Compilation with the processor failed (processor diagnostic, crash, or bad generated code). */
        COMPILE,
        /** The generated class does not have the API.md shape. */
        SHAPE,
        /** A derivative method threw. */
        CRASH,
        /** A derivative method's value differs from the primal. */
        VALUE,
        /** A derivative method modified an argument. */
        MUTATION,
        /** A derivative is NaN or infinite where the primal and finite differences are finite. */
        NONFINITE,
        /** Reverse-mode gradient disagrees with finite differences. */
        GRADIENT,
        /** Forward-mode tangent disagrees with gradient · direction. */
        TANGENT,
        /** The primal itself threw (not through an argument check): a generator bug. */
        PRIMAL,
        /** The primal threw through an argument check, and a derivative method did not throw the same. */
        THROW,
        /** Under {@code -Dadjoint.fuzz.order=2}: mHvp or mHessian disagrees with finite differences of the gradient or with itself. */
        HESSIAN
    }

    record Failure(Kind kind, String signature, String detail) {
        boolean sameAs(Failure o) {
            return o != null && kind == o.kind && signature.equals(o.signature);
        }

        @Override
        public String toString() {
            return kind + " [" + signature + "]: " + detail;
        }
    }

    enum Status {
        PASS,
        SKIP_NONSMOOTH,
        SKIP_NONFINITE,
        /** The method throws here (an argument check), and so do both derivative methods. */
        THREW,
        FAIL
    }

    record Outcome(Status status, Failure failure) {
        static final Outcome PASS = new Outcome(Status.PASS, null);
        static final Outcome NONSMOOTH = new Outcome(Status.SKIP_NONSMOOTH, null);
        static final Outcome NONFINITE = new Outcome(Status.SKIP_NONFINITE, null);
        static final Outcome THREW = new Outcome(Status.THREW, null);

        static Outcome fail(Kind k, String sig, String detail) {
            return new Outcome(Status.FAIL, new Failure(k, sig, detail));
        }
    }

    /**
     * For the fuzzer's self-test only: methods matching this predicate get a wrong reverse-mode
     * gradient (first entry scaled by 1.5), as if the processor had a bug, so that detection and
     * shrinking can be tested end to end.
     */
    static volatile java.util.function.Predicate<Method> simulatedBug;

    private Checker() {}

    /** The compiled method {@code cls.m}, differentiated per its {@code wrt}. */
    static Differentiated load(dev.adjoint.processor.testing.TestCompiler.Compiled c, String cls, Method m) {
        return m.wrt().isEmpty()
                ? Differentiated.of(c, cls, m.name())
                : Differentiated.withWrt(c, cls, m.name(), m.wrt().toArray(new String[0]));
    }

    private static String causeName(Throwable t) {
        return (t.getCause() != null ? t.getCause() : t).getClass().getSimpleName();
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.17g", d);
    }

    static Outcome check(Differentiated f, Method m, Map<String, Object> point, long dirSeed) {
        Object[] args = args(m, point);
        double value;
        try {
            value = f.primal(deepCopyAll(args));
        } catch (AssertionError e) {
            if (ThrowCheck.fromArgumentCheck(e.getCause())) {
                return ThrowCheck.check(f, m, args, e.getCause(), " at " + show(point));
            }
            return Outcome.fail(Kind.PRIMAL, causeName(e), "primal threw " + e.getCause());
        }
        if (!Double.isFinite(value)) {
            return Outcome.NONFINITE;
        }
        Object[] before = deepCopyAll(args);
        List<Slot> slots = slots(m);
        String at = " at " + show(point);

        // Reverse mode.
        Differentiated.Gradient g;
        try {
            g = f.gradient(args);
        } catch (AssertionError e) {
            return Outcome.fail(Kind.CRASH, "reverse " + causeName(e), "reverse mode threw " + e.getCause() + at);
        }
        if (!Arrays.deepEquals(before, args)) {
            return Outcome.fail(
                    Kind.MUTATION,
                    "reverse",
                    "reverse mode changed its arguments" + at + ": now " + Arrays.deepToString(args));
        }
        if (!sameBits(value, g.value())) {
            return Outcome.fail(
                    Kind.VALUE, "reverse", "reverse-mode value " + fmt(g.value()) + " but primal " + fmt(value) + at);
        }
        double[] grad = new double[slots.size()];
        for (int s = 0; s < slots.size(); s++) {
            Slot sl = slots.get(s);
            Object adj = g.get(m.params().get(sl.param()).name());
            if (adj == null) {
                return Outcome.fail(Kind.SHAPE, "null adjoint", "adjoint of " + sl.label() + " is null" + at);
            }
            if (adj == args[sl.param()]) {
                return Outcome.fail(
                        Kind.SHAPE, "adjoint is argument", "adjoint of " + sl.label() + " is the argument array" + at);
            }
            grad[s] = sl.adjoint(adj);
        }
        java.util.function.Predicate<Method> bug = simulatedBug;
        if (bug != null && grad.length > 0 && bug.test(m)) {
            grad[0] *= 1.5;
        }

        // Reverse gradient against finite differences.
        boolean skipped = false;
        for (int s = 0; s < slots.size(); s++) {
            Slot sl = slots.get(s);
            double ad = grad[s];
            double x = sl.get(args);
            double h = 1e-6 * Math.max(1, Math.abs(x));
            double fd = fd(f, args, sl, x, h);
            if (!Double.isFinite(fd)) {
                skipped = true;
                continue;
            }
            if (!Double.isFinite(ad)) {
                double fd2 = fd(f, args, sl, x, h * 10);
                if (Double.isFinite(fd2) && Math.abs(fd2 - fd) <= 1e-3 * Math.abs(fd) + 1e-4) {
                    return Outcome.fail(
                            Kind.NONFINITE,
                            "reverse",
                            "reverse-mode d/d" + sl.label() + " = " + ad + " but finite differences give " + fmt(fd)
                                    + at);
                }
                skipped = true;
                continue;
            }
            double tol = FD_RTOL * Math.max(Math.abs(ad), Math.abs(fd)) + FD_ATOL * Math.max(1, Math.abs(value));
            if (Math.abs(ad - fd) <= tol) {
                continue;
            }
            double fdBig = fd(f, args, sl, x, h * 10);
            double fdSmall = fd(f, args, sl, x, h / 10);
            if (Math.abs(ad - fdBig) <= tol || Math.abs(ad - fdSmall) <= tol * 10) {
                continue;
            }
            // One-sided differences through f(x) itself: an isolated jump at x (e.g. (int) of an
            // expression that is mathematically constant but flips with round-off) makes them disagree.
            double[] one = oneSided(f, args, sl, x, h, value);
            double oneTol = 1e-3 * Math.max(Math.abs(one[0]), Math.abs(one[1])) + 1e-4 * Math.max(1, Math.abs(value));
            if (Math.abs(one[0] - one[1]) > oneTol) {
                skipped = true;
                continue;
            }
            double lo = Math.min(fd, Math.min(fdBig, fdSmall));
            double hi = Math.max(fd, Math.max(fdBig, fdSmall));
            boolean stable =
                    hi - lo <= 1e-3 * Math.max(Math.abs(lo), Math.abs(hi)) + 1e-4 * Math.max(1, Math.abs(value));
            if (!stable) {
                skipped = true;
                continue;
            }
            return Outcome.fail(
                    Kind.GRADIENT,
                    "reverse vs finite differences",
                    "reverse-mode d/d" + sl.label() + " = " + fmt(ad) + " but central finite differences give "
                            + fmt(fd) + " (steps 1e-5: " + fmt(fdBig) + ", 1e-7: " + fmt(fdSmall) + "), value "
                            + fmt(value) + at);
        }

        // Forward mode: unit directions, then random ones.
        Random rnd = new Random(dirSeed);
        List<double[]> dirs = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            double[] d = new double[slots.size()];
            d[s] = 1;
            dirs.add(d);
        }
        for (int k = 0; k < 2; k++) {
            double[] d = new double[slots.size()];
            for (int s = 0; s < d.length; s++) {
                d[s] = rnd.nextDouble() * 2 - 1;
            }
            dirs.add(d);
        }
        for (double[] d : dirs) {
            Object[] dir = directionArgs(m, slots, d);
            Object[] dirBefore = deepCopyAll(dir);
            Dual dual;
            try {
                dual = f.tangent(args, dir);
            } catch (AssertionError e) {
                return Outcome.fail(Kind.CRASH, "tangent " + causeName(e), "tangent mode threw " + e.getCause() + at);
            }
            String along = at + " along " + Arrays.toString(d);
            if (!Arrays.deepEquals(before, args) || !Arrays.deepEquals(dirBefore, dir)) {
                return Outcome.fail(Kind.MUTATION, "tangent", "tangent mode changed its arguments" + along);
            }
            if (!sameBits(value, dual.value())) {
                return Outcome.fail(
                        Kind.VALUE,
                        "tangent",
                        "tangent-mode value " + fmt(dual.value()) + " but primal " + fmt(value) + along);
            }
            double dot = 0;
            double scale = 0;
            double norm1 = 0;
            for (int s = 0; s < d.length; s++) {
                dot += grad[s] * d[s];
                scale += Math.abs(grad[s] * d[s]);
                norm1 += Math.abs(d[s]);
            }
            if (!Double.isFinite(dual.tangent())) {
                if (Double.isFinite(dot)) {
                    return Outcome.fail(
                            Kind.NONFINITE,
                            "tangent",
                            "tangent is " + dual.tangent() + " but gradient · direction is " + fmt(dot) + along);
                }
                continue;
            }
            double tol = DOT_RTOL * scale + DOT_ATOL * norm1;
            if (!(Math.abs(dual.tangent() - dot) <= tol)) {
                return Outcome.fail(
                        Kind.TANGENT,
                        "forward vs reverse",
                        "tangent " + fmt(dual.tangent())
                                + " but reverse gradient · direction " + fmt(dot) + along + "; gradient "
                                + Arrays.toString(grad));
            }
        }
        if (SecondOrderOracle.ON) {
            Outcome second = SecondOrderOracle.check(f, m, args, value, grad, slots, at);
            if (second != null) return second;
        }
        Outcome jacobian = VectorJacobianCheck.check(f, m, args, at, rnd.nextLong());
        return jacobian != null ? jacobian : skipped ? Outcome.NONSMOOTH : Outcome.PASS;
    }

    private static double fd(Differentiated f, Object[] args, Slot sl, double x, double h) {
        Object[] plus = deepCopyAll(args);
        Object[] minus = deepCopyAll(args);
        double xp = x + h;
        double xm = x - h;
        sl.set(plus, xp);
        sl.set(minus, xm);
        return (primalOrNaN(f, plus) - primalOrNaN(f, minus)) / (xp - xm);
    }

    private static double[] oneSided(Differentiated f, Object[] args, Slot sl, double x, double h, double value) {
        Object[] plus = deepCopyAll(args);
        Object[] minus = deepCopyAll(args);
        double xp = x + h;
        double xm = x - h;
        sl.set(plus, xp);
        sl.set(minus, xm);
        return new double[] {(primalOrNaN(f, plus) - value) / (xp - x), (value - primalOrNaN(f, minus)) / (x - xm)};
    }

    /** The primal at a nearby point, or NaN where an argument check throws (no finite difference across it). */
    static double primalOrNaN(Differentiated f, Object[] args) {
        try {
            return f.primal(args);
        } catch (AssertionError e) {
            if (ThrowCheck.fromArgumentCheck(e.getCause())) {
                return Double.NaN;
            }
            throw e;
        }
    }
}
