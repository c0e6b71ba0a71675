package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Checker.Kind;
import dev.adjoint.processor.fuzz.Checker.Outcome;
import dev.adjoint.processor.fuzz.Points.Slot;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.runtime.DualArray;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Checks the {@code double[]}-valued variant {@code mVector} of a generated method (see
 * {@link VectorVariant}) through its own generated methods, at one point: {@code mVectorJacobian}
 * (the mode it picks, and forward and reverse mode forced through its private mode overload) gives
 * the primal's value bit for bit and every entry agrees with central finite differences, skipping
 * entries that are not smooth at the scale of the step exactly as {@link Checker} does for
 * gradients; the three modes agree with each other; J·t equals {@code mVectorTangent}'s tangent and
 * seedᵀ·J equals {@code mVectorVjp}'s components for random t and seed; {@code mVectorJacobianInto}
 * writes the same entries ({@link FlatJacobianCheck}); and no call changes its arguments. The program's output count m (1, 2, 3 or 6) against its input count n makes the
 * Jacobian run one backward sweep per output (m < n) or one tangent pass per input (m > n).
 */
final class VectorJacobianCheck {
    private static final int EITHER = 0, FORWARD = 1, REVERSE = 2;
    private static final String[] MODE_NAMES = {"the mode it picks", "forward mode", "reverse mode"};

    /**
     * Points checked with fewer outputs than inputs, more, and as many; Jacobian entries compared
     * and skipped; points whose Jacobian is the runtime fallback (no {@code mVectorJacobianByTangents}).
     */
    private static long fewerOutputs, moreOutputs, asMany, entries, skippedEntries, fallbacks;

    private final Method m;
    private final List<Slot> slots;
    private final java.lang.reflect.Method primal, jacobian, byMode, tangent, vjp, into;
    private final String name;
    /** Whether fJacobian is the runtime's Jacobians.of: the backward sweep cannot run again. */
    private final boolean fallback;

    private VectorJacobianCheck(Differentiated f, Method m) throws NoSuchMethodException {
        this.m = m;
        this.slots = Points.slots(m);
        this.name = m.name() + "Vector";
        String gradName = f.gradClass().getName();
        Class<?> primalClass = f.compiled().load(gradName.substring(0, gradName.length() - "Grad".length()));
        this.primal = only(primalClass, name, m.params().size());
        this.jacobian = only(f.gradClass(), name + "Jacobian", m.params().size());
        this.byMode = only(f.gradClass(), name + "Jacobian", m.params().size() + 1);
        this.tangent = only(f.gradClass(), name + "Tangent", m.params().size() + active().size());
        this.vjp = only(f.gradClass(), name + "Vjp", m.params().size() + 1);
        this.into = only(f.gradClass(), name + "JacobianInto", m.params().size() + 2);
        this.fallback = Arrays.stream(f.gradClass().getDeclaredMethods())
                .noneMatch(g -> g.getName().equals(name + "JacobianByTangents"));
    }

    /**
     * The outcome at {@code args} when something is wrong or an entry was skipped as non-smooth;
     * null when all holds, and when vector mode is off or {@code m} has no vector variant.
     */
    static Outcome check(Differentiated f, Method m, Object[] args, String at, long seed) {
        if (!VectorVariant.enabled() || !VectorVariant.vectorised(m)) return null;
        VectorJacobianCheck c;
        try {
            c = new VectorJacobianCheck(f, m);
        } catch (NoSuchMethodException e) {
            return Outcome.fail(Kind.SHAPE, "jacobian shape", "no generated method " + e.getMessage());
        }
        try {
            return c.run(args, at, new Random(seed));
        } catch (Threw e) {
            if (ThrowCheck.fromArgumentCheck(e.getCause())) return Outcome.NONSMOOTH;
            return Outcome.fail(
                    Kind.CRASH, "jacobian " + e.getMessage(), e.getMessage() + " threw " + e.getCause() + at);
        } catch (IllegalStateException e) {
            return Outcome.fail(Kind.SHAPE, "jacobian shape", e.getMessage() + at);
        }
    }

    /** What the checks saw during this JVM's runs. */
    static synchronized String summary() {
        return String.format(
                Locale.ROOT,
                "jacobian: points with m < n %d, m > n %d, m = n %d (by the runtime fallback %d);"
                        + " entries against finite differences %d, skipped %d",
                fewerOutputs,
                moreOutputs,
                asMany,
                fallbacks,
                entries,
                skippedEntries);
    }

    private Outcome run(Object[] args, String at, Random random) {
        Object[] before = Points.deepCopyAll(args);
        double[] value = (double[]) call(primal, Points.deepCopyAll(args));
        for (double v : value) if (!Double.isFinite(v)) return Outcome.NONFINITE;
        int outputs = value.length, n = slots.size();
        count(outputs, n, fallback);
        double[][][] byModes = new double[3][][];
        for (int mode : new int[] {EITHER, FORWARD, REVERSE}) {
            Object record = mode == EITHER ? call(jacobian, args) : call(byMode, prepend(mode, args));
            String which = name + "Jacobian by " + MODE_NAMES[mode];
            if (!Arrays.deepEquals(before, args))
                return Outcome.fail(Kind.MUTATION, "jacobian", which + " changed its arguments" + at);
            Outcome wrongValue = sameValue(value, (double[]) component(record, "value"), which, at);
            if (wrongValue != null) return wrongValue;
            double[][] jac = new double[outputs][n];
            for (int s = 0; s < n; s++) {
                Object block = component(record, "d" + paramName(s));
                if (Array.getLength(block) != outputs)
                    return Outcome.fail(
                            Kind.SHAPE,
                            "jacobian rows",
                            which + ": d" + paramName(s) + " has " + Array.getLength(block) + " rows for " + outputs
                                    + " outputs" + at);
                for (int i = 0; i < outputs; i++) jac[i][s] = slots.get(s).adjoint(Array.get(block, i));
            }
            byModes[mode] = jac;
        }
        double[][] jac = byModes[EITHER];
        for (int mode : new int[] {FORWARD, REVERSE}) {
            for (int i = 0; i < outputs; i++)
                for (int s = 0; s < n; s++) {
                    double a = jac[i][s], b = byModes[mode][i][s];
                    if (Double.isFinite(a)
                            && Double.isFinite(b)
                            && !(Math.abs(a - b)
                                    <= Checker.DOT_RTOL * Math.max(Math.abs(a), Math.abs(b)) + Checker.DOT_ATOL))
                        return Outcome.fail(
                                Kind.TANGENT,
                                "jacobian modes disagree",
                                name + "Jacobian: ∂f[" + i
                                        + "]/∂" + slots.get(s).label() + " = " + fmt(a) + " but " + fmt(b) + " by "
                                        + MODE_NAMES[mode] + at);
                }
        }
        Outcome flat = FlatJacobianCheck.check(into, name, args, value, jac, at);
        if (flat != null) return flat;
        boolean skipped = false;
        for (int s = 0; s < n; s++) {
            Entries column = new Entries(args, slots.get(s), value);
            for (int i = 0; i < outputs; i++) {
                Outcome o = column.check(i, jac[i][s], at);
                if (o == Outcome.NONSMOOTH) skipped = true;
                else if (o != null) return o;
            }
        }
        for (int k = 0; k < 2; k++) {
            Outcome o = checkTangent(args, before, value, jac, random, at);
            if (o == null) o = checkVjp(args, before, value, jac, random, at);
            if (o != null) return o;
        }
        return skipped ? Outcome.NONSMOOTH : null;
    }

    /** J·t against {@code mVectorTangent} along a random t. */
    private Outcome checkTangent(
            Object[] args, Object[] before, double[] value, double[][] jac, Random random, String at) {
        double[] t = new double[slots.size()];
        for (int s = 0; s < t.length; s++) t[s] = random.nextDouble() * 2 - 1;
        Object[] directions = Points.directionArgs(m, slots, t);
        Object[] directionsBefore = Points.deepCopyAll(directions);
        List<Object> all = new ArrayList<>();
        int k = 0;
        for (int p = 0; p < m.params().size(); p++) {
            all.add(args[p]);
            if (active().contains(p)) all.add(directions[k++]);
        }
        DualArray dual = (DualArray) call(tangent, all.toArray());
        String along = at + " along " + Arrays.toString(t);
        if (!Arrays.deepEquals(before, args) || !Arrays.deepEquals(directionsBefore, directions))
            return Outcome.fail(Kind.MUTATION, "vector tangent", name + "Tangent changed its arguments" + along);
        Outcome wrongValue = sameValue(value, dual.value(), name + "Tangent", along);
        if (wrongValue != null) return wrongValue;
        for (int i = 0; i < value.length; i++) {
            double dot = 0, scale = 0, norm1 = 0;
            for (int s = 0; s < t.length; s++) {
                dot += jac[i][s] * t[s];
                scale += Math.abs(jac[i][s] * t[s]);
                norm1 += Math.abs(t[s]);
            }
            Outcome o = agree(
                    dual.tangent()[i],
                    dot,
                    scale,
                    norm1,
                    "jacobian·t vs tangent",
                    name + "Tangent: (J·t)[" + i + "] = " + fmt(dual.tangent()[i]) + " but " + name
                            + "Jacobian · t gives " + fmt(dot) + along);
            if (o != null) return o;
        }
        return null;
    }

    /** seedᵀ·J against {@code mVectorVjp} for a random seed. */
    private Outcome checkVjp(Object[] args, Object[] before, double[] value, double[][] jac, Random random, String at) {
        double[] seed = new double[value.length];
        for (int i = 0; i < seed.length; i++) seed[i] = random.nextDouble() * 2 - 1;
        double[] seedBefore = seed.clone();
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = seed;
        Object record = call(vjp, all);
        String with = at + " with seed " + Arrays.toString(seedBefore);
        if (!Arrays.deepEquals(before, args) || !Arrays.equals(seedBefore, seed))
            return Outcome.fail(Kind.MUTATION, "vjp", name + "Vjp changed its arguments" + with);
        Outcome wrongValue = sameValue(value, (double[]) component(record, "value"), name + "Vjp", with);
        if (wrongValue != null) return wrongValue;
        for (int s = 0; s < slots.size(); s++) {
            double dot = 0, scale = 0, norm1 = 0;
            for (int i = 0; i < seed.length; i++) {
                dot += seed[i] * jac[i][s];
                scale += Math.abs(seed[i] * jac[i][s]);
                norm1 += Math.abs(seed[i]);
            }
            double got = slots.get(s).adjoint(component(record, "d" + paramName(s)));
            Outcome o = agree(
                    got,
                    dot,
                    scale,
                    norm1,
                    "seedᵀ·jacobian vs vjp",
                    name + "Vjp: (seedᵀ·J)["
                            + slots.get(s).label() + "] = " + fmt(got) + " but seedᵀ · " + name + "Jacobian gives "
                            + fmt(dot) + with);
            if (o != null) return o;
        }
        return null;
    }

    /** A product of the Jacobian against the same product by another generated method, as Checker's tangent check. */
    private static Outcome agree(double got, double want, double scale, double norm1, String signature, String detail) {
        if (!Double.isFinite(got)) {
            return Double.isFinite(want) ? Outcome.fail(Kind.NONFINITE, signature, detail) : null;
        }
        if (!Double.isFinite(want)) return null;
        return Math.abs(got - want) <= Checker.DOT_RTOL * scale + Checker.DOT_ATOL * norm1
                ? null
                : Outcome.fail(Kind.TANGENT, signature, detail);
    }

    private static Outcome sameValue(double[] want, double[] got, String which, String at) {
        boolean same = got != null && got.length == want.length;
        for (int i = 0; same && i < want.length; i++)
            same = Double.doubleToLongBits(want[i]) == Double.doubleToLongBits(got[i]);
        return same
                ? null
                : Outcome.fail(
                        Kind.VALUE,
                        "jacobian",
                        which + "'s value " + Arrays.toString(got) + " but primal " + Arrays.toString(want) + at);
    }

    /**
     * One column of the Jacobian (one input slot) against central finite differences of every
     * output, with {@link Checker}'s tolerances and its tests for a kink or jump near the point.
     */
    private final class Entries {
        private final Object[] args;
        private final Slot slot;
        private final double[] value;
        private final double x, h;
        private final double[] fd;
        private double[] fdBig, fdSmall, plusSide, minusSide;

        Entries(Object[] args, Slot slot, double[] value) {
            this.args = args;
            this.slot = slot;
            this.value = value;
            this.x = slot.get(args);
            this.h = 1e-6 * Math.max(1, Math.abs(x));
            this.fd = central(h);
        }

        /** Null when entry i agrees, NONSMOOTH when it cannot be judged, else the failure. */
        Outcome check(int i, double ad, String at) {
            synchronized (VectorJacobianCheck.class) {
                entries++;
            }
            Outcome o = judge(i, ad, at);
            if (o == Outcome.NONSMOOTH) {
                synchronized (VectorJacobianCheck.class) {
                    skippedEntries++;
                }
            }
            return o;
        }

        private Outcome judge(int i, double ad, String at) {
            String entry = name + "Jacobian: ∂f[" + i + "]/∂" + slot.label() + " = ";
            if (!Double.isFinite(fd[i])) return Outcome.NONSMOOTH;
            if (!Double.isFinite(ad)) {
                double fd2 = big()[i];
                if (Double.isFinite(fd2) && Math.abs(fd2 - fd[i]) <= 1e-3 * Math.abs(fd[i]) + 1e-4)
                    return Outcome.fail(
                            Kind.NONFINITE, "jacobian", entry + ad + " but finite differences give " + fmt(fd[i]) + at);
                return Outcome.NONSMOOTH;
            }
            double scale = Math.max(1, Math.abs(value[i]));
            double tol = Checker.FD_RTOL * Math.max(Math.abs(ad), Math.abs(fd[i])) + Checker.FD_ATOL * scale;
            if (Math.abs(ad - fd[i]) <= tol) return null;
            if (Math.abs(ad - big()[i]) <= tol || Math.abs(ad - small()[i]) <= tol * 10) return null;
            oneSided();
            double one = plusSide[i], other = minusSide[i];
            if (Math.abs(one - other) > 1e-3 * Math.max(Math.abs(one), Math.abs(other)) + 1e-4 * scale)
                return Outcome.NONSMOOTH;
            double lo = Math.min(fd[i], Math.min(fdBig[i], fdSmall[i]));
            double hi = Math.max(fd[i], Math.max(fdBig[i], fdSmall[i]));
            if (hi - lo > 1e-3 * Math.max(Math.abs(lo), Math.abs(hi)) + 1e-4 * scale) return Outcome.NONSMOOTH;
            return Outcome.fail(
                    Kind.GRADIENT,
                    "jacobian vs finite differences",
                    entry + fmt(ad) + " but central finite differences give " + fmt(fd[i]) + " (steps 1e-5: "
                            + fmt(fdBig[i]) + ", 1e-7: " + fmt(fdSmall[i]) + "), value " + fmt(value[i]) + at);
        }

        private double[] big() {
            if (fdBig == null) fdBig = central(h * 10);
            return fdBig;
        }

        private double[] small() {
            if (fdSmall == null) fdSmall = central(h / 10);
            return fdSmall;
        }

        private double[] central(double step) {
            double xp = x + step, xm = x - step;
            double[] plus = at(xp), minus = at(xm);
            double[] out = new double[value.length];
            for (int i = 0; i < out.length; i++) out[i] = (plus[i] - minus[i]) / (xp - xm);
            return out;
        }

        /** One-sided differences through f(x) itself: they disagree at an isolated jump at x. */
        private void oneSided() {
            big();
            small();
            double xp = x + h, xm = x - h;
            double[] plus = at(xp), minus = at(xm);
            plusSide = new double[value.length];
            minusSide = new double[value.length];
            for (int i = 0; i < value.length; i++) {
                plusSide[i] = (plus[i] - value[i]) / (xp - x);
                minusSide[i] = (value[i] - minus[i]) / (x - xm);
            }
        }

        private double[] at(double xi) {
            Object[] moved = Points.deepCopyAll(args);
            slot.set(moved, xi);
            double[] out = (double[]) call(primal, moved);
            return out.length == value.length ? out : new double[value.length];
        }
    }

    private String paramName(int slot) {
        return m.params().get(slots.get(slot).param()).name();
    }

    private List<Integer> active() {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < m.params().size(); p++)
            if (m.differentiated(m.params().get(p))) out.add(p);
        return out;
    }

    private static synchronized void count(int outputs, int inputs, boolean fallback) {
        if (fallback) fallbacks++;
        if (outputs < inputs) fewerOutputs++;
        else if (outputs > inputs) moreOutputs++;
        else asMany++;
    }

    private static java.lang.reflect.Method only(Class<?> type, String method, int parameters)
            throws NoSuchMethodException {
        for (java.lang.reflect.Method candidate : type.getDeclaredMethods()) {
            if (candidate.getName().equals(method) && candidate.getParameterCount() == parameters) {
                candidate.setAccessible(true);
                return candidate;
            }
        }
        throw new NoSuchMethodException(type.getSimpleName() + "." + method + " with " + parameters + " parameters");
    }

    private static Object[] prepend(int mode, Object[] args) {
        Object[] out = new Object[args.length + 1];
        out[0] = mode;
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    private static Object component(Object record, String component) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(component)) {
                try {
                    return c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(record.getClass().getSimpleName() + " has no component " + component);
    }

    private static Object call(java.lang.reflect.Method method, Object[] args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new Threw(method.getName(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.17g", d);
    }

    /** A generated method threw: a CRASH failure. */
    private static final class Threw extends RuntimeException {
        Threw(String method, Throwable cause) {
            super(method, cause);
        }
    }
}
