package dev.adjoint.runtime.internal;

/**
 * Array helpers that generated gradient code calls. Not meant for user code: the generated
 * classes use them so that they stay short and need nothing beyond {@code java.lang}.
 */
public final class Adjoints {

    private Adjoints() {}

    /**
     * Starts the adjoint of a {@code double[]}: the gradient array has the input's length.
     *
     * @param a the input
     * @return a new array of zeros, as long as {@code a}
     */
    public static double[] zerosLike(double[] a) {
        return new double[a.length];
    }

    /** This thread's last {@link #zeroTangent} array. */
    private static final ThreadLocal<double[]> ZERO_TANGENT = ThreadLocal.withInitial(() -> new double[0]);

    /**
     * The tangent of an array a call is given that has none: zeros, as long as {@code a}. A scalar
     * callee's {@code fTangent} only reads it and keeps no reference to it, so the same array is
     * handed out again, for as long as the length stays the same, instead of a new one per call
     * (a helper called per unit of a layer on a row of the data would allocate the row each call).
     *
     * @param a the array given
     * @return zeros as long as {@code a}, which no one may write
     */
    public static double[] zeroTangent(double[] a) {
        double[] zeros = ZERO_TANGENT.get();
        if (zeros.length != a.length) {
            zeros = new double[a.length];
            ZERO_TANGENT.set(zeros);
        }
        return zeros;
    }

    /**
     * Starts the adjoint of a {@code double[][]}: same (possibly jagged) shape, null rows kept.
     *
     * @param a the input
     * @return a new matrix of zeros, shaped as {@code a}
     */
    public static double[][] zerosLike(double[][] a) {
        double[][] zeros = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            zeros[r] = a[r] == null ? null : new double[a[r].length];
        }
        return zeros;
    }

    /**
     * Accumulates an array adjoint ({@code into[i] += scale * from[i]}), e.g. for an array copy.
     *
     * @param into the adjoint added to
     * @param from the adjoint added, as long as {@code into}
     * @param scale the factor
     */
    public static void addScaled(double[] into, double[] from, double scale) {
        requireSameLength(into.length, from.length, "array");
        for (int i = 0; i < into.length; i++) {
            into[i] += scale * from[i];
        }
    }

    /**
     * Accumulates a matrix adjoint row by row; rows that are null in both arrays are skipped.
     *
     * @param into the adjoint added to
     * @param from the adjoint added, shaped as {@code into}
     * @param scale the factor
     */
    public static void addScaled(double[][] into, double[][] from, double scale) {
        requireSameLength(into.length, from.length, "row count");
        for (int r = 0; r < into.length; r++) {
            if (into[r] == null || from[r] == null) {
                if (into[r] != from[r]) {
                    throw new IllegalArgumentException("shape mismatch: row " + r + " is null on one side");
                }
                continue;
            }
            addScaled(into[r], from[r], scale);
        }
    }

    /**
     * Σ partial[k]·tangent[k]: the tangent of a call whose user-written rule ({@code @DerivativeOf})
     * gives the partial derivative with respect to an array parameter as an array.
     */
    public static double dot(double[] partial, double[] tangent) {
        requireSameLength(partial.length, tangent.length, "partial derivative array");
        double sum = 0;
        for (int i = 0; i < partial.length; i++) {
            sum += partial[i] * tangent[i];
        }
        return sum;
    }

    /** Σ partial[r][c]·tangent[r][c], row by row; rows that are null in both arrays are skipped. */
    public static double dot(double[][] partial, double[][] tangent) {
        requireSameLength(partial.length, tangent.length, "row count");
        double sum = 0;
        for (int r = 0; r < partial.length; r++) {
            if (partial[r] == null || tangent[r] == null) {
                if (partial[r] != tangent[r]) {
                    throw new IllegalArgumentException("shape mismatch: row " + r + " is null on one side");
                }
                continue;
            }
            sum += dot(partial[r], tangent[r]);
        }
        return sum;
    }

    // Generated code always passes matching shapes, so a mismatch is a bug worth a clear message
    // rather than a silent partial update or an index error from the middle of the loop.
    private static void requireSameLength(int into, int from, String what) {
        if (into != from) {
            throw new IllegalArgumentException(
                    "shape mismatch: " + what + " " + into + " (into) vs " + from + " (from)");
        }
    }

    /**
     * A deep copy: generated code copies a {@code double[][]} parameter the method writes into, so the caller's stays as it was.
     *
     * @param a the matrix, or null
     * @return a new matrix with new rows (null rows stay null), or null
     */
    public static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i] == null ? null : a[i].clone();
        return c;
    }

    /**
     * Generated code works on a copy of an array parameter the method writes into, so the
     * caller's array stays as it was; that is only the method's meaning when no other parameter
     * is the same array. Called first by a derivative method that copies {@code written}.
     *
     * @param written the array parameter the method writes into
     * @param writtenName its name, for the message
     * @param other another array parameter
     * @param otherName its name, for the message
     */
    public static void requireDistinct(Object written, String writtenName, Object other, String otherName) {
        if (written != null && written == other) {
            throw new IllegalArgumentException("parameters " + writtenName + " and " + otherName
                    + " are the same array, but the " + "method writes into " + writtenName
                    + ": Adjoint's derivatives assume they are distinct; pass a copy");
        }
    }
}
