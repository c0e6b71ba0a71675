package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Checker.Kind;
import dev.adjoint.processor.fuzz.Checker.Outcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * {@code mVectorJacobianInto}, the project's addition that writes the Jacobian row-major into the
 * caller's array from an offset, against {@code mVectorJacobian} at one point ({@link
 * VectorJacobianCheck} calls it with the Jacobian it read from the record): every entry bit for
 * bit, nothing written outside the block, the primal's value, the arguments left as they were, and
 * an array one entry too short refused with an {@code IllegalArgumentException} before anything is
 * written.
 */
final class FlatJacobianCheck {
    private static final double UNTOUCHED = -7.25;
    private static final int OFFSET = 5;

    private FlatJacobianCheck() {}

    /** Null when all holds, else the failure; {@code jac} is fJacobian's (the mode it picks), m × n. */
    static Outcome check(Method into, String name, Object[] args, double[] value, double[][] jac, String at) {
        int m = value.length, n = jac.length == 0 ? 0 : jac[0].length;
        Object[] before = Points.deepCopyAll(args);
        double[] flat = new double[OFFSET + m * n + 3];
        Arrays.fill(flat, UNTOUCHED);
        String which = name + "JacobianInto";
        Object returned;
        try {
            returned = into.invoke(null, withArray(args, flat));
        } catch (InvocationTargetException e) {
            return Outcome.fail(Kind.CRASH, "jacobian into", which + " threw " + e.getCause() + at);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (!Arrays.deepEquals(before, args))
            return Outcome.fail(Kind.MUTATION, "jacobian into", which + " changed its arguments" + at);
        if (!Arrays.equals(value, (double[]) returned))
            return Outcome.fail(
                    Kind.VALUE,
                    "jacobian into",
                    which + "'s value " + Arrays.toString((double[]) returned) + " but primal " + Arrays.toString(value)
                            + at);
        for (int k = 0; k < flat.length; k++) {
            boolean inside = k >= OFFSET && k < OFFSET + m * n;
            double want = inside ? jac[(k - OFFSET) / n][(k - OFFSET) % n] : UNTOUCHED;
            if (Double.doubleToLongBits(want) != Double.doubleToLongBits(flat[k]))
                return Outcome.fail(
                        Kind.TANGENT,
                        "jacobian into vs jacobian",
                        inside
                                ? which + ": entry " + (k - OFFSET) + " (∂f[" + (k - OFFSET) / n + "]/∂input["
                                        + (k - OFFSET) % n + "]) = " + flat[k] + " but " + name + "Jacobian gives "
                                        + want + at
                                : which + " wrote " + flat[k] + " outside its block, at " + k + at);
        }
        return m * n == 0 ? null : tooShort(into, which, args, m * n, at);
    }

    private static Outcome tooShort(Method into, String which, Object[] args, int entries, String at) {
        double[] shorter = new double[OFFSET + entries - 1];
        Arrays.fill(shorter, UNTOUCHED);
        try {
            into.invoke(null, withArray(args, shorter));
        } catch (InvocationTargetException e) {
            boolean clear = e.getCause() instanceof IllegalArgumentException
                    && e.getCause().getMessage().contains("= " + (OFFSET + entries) + ",");
            for (double v : shorter) clear &= v == UNTOUCHED;
            return clear
                    ? null
                    : Outcome.fail(
                            Kind.CRASH,
                            "jacobian into, too short",
                            which + " into an array one entry too short: " + e.getCause() + " (or wrote into it)" + at);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return Outcome.fail(
                Kind.SHAPE, "jacobian into, too short", which + " accepted an array one entry too short" + at);
    }

    private static Object[] withArray(Object[] args, double[] jacobian) {
        Object[] call = Arrays.copyOf(Points.deepCopyAll(args), args.length + 2);
        call[args.length] = jacobian;
        call[args.length + 1] = OFFSET;
        return call;
    }
}
