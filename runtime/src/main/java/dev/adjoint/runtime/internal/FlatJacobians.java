package dev.adjoint.runtime.internal;

/**
 * Writes a Jacobian into the caller's flat array, row-major from an offset: ∂f_i/∂x_j at {@code
 * jacobian[offset + i·n + j]}, the columns being the differentiated parameters in declaration order
 * with arrays flattened (row-major inside a matrix), n their total count. Not meant for user code:
 * generated {@code fJacobianInto} methods call it, one row part or one column at a time, so that
 * nothing but the method's value is allocated for the Jacobian.
 */
public final class FlatJacobians {
    private FlatJacobians() {}

    /**
     * Checks, before anything is written, that {@code jacobian} holds {@code outputs × inputs} entries from {@code offset}.
     *
     * @throws IllegalArgumentException naming the length needed, when it is shorter or the offset is negative
     */
    public static void checkRoom(double[] jacobian, int offset, int outputs, int inputs) {
        long needed = (long) offset + (long) outputs * inputs;
        if (offset < 0 || needed > jacobian.length) {
            throw new IllegalArgumentException("the Jacobian of " + outputs + " outputs by " + inputs
                    + " inputs needs an array of length at least offset + " + outputs + " * " + inputs + " = "
                    + needed + ", but it has length " + jacobian.length + " (offset " + offset + ")");
        }
    }

    /** Zeroes the {@code length} entries from {@code at}: a parameter's part of a row, before a backward sweep adds into it. */
    public static void zero(double[] jacobian, int at, int length) {
        for (int k = 0; k < length; k++) jacobian[at + k] = 0.0;
    }

    /**
     * One {@code double} parameter's entry of a row.
     *
     * @return the position of the row's next entry
     */
    public static int put(double[] jacobian, int at, double derivative) {
        jacobian[at] = derivative;
        return at + 1;
    }

    /**
     * One {@code double[]} parameter's entries of a row (a loop: for short rows it costs less than {@code arraycopy}).
     *
     * @return the position of the row's next entry
     */
    public static int put(double[] jacobian, int at, double[] derivatives) {
        for (int k = 0; k < derivatives.length; k++) jacobian[at + k] = derivatives[k];
        return at + derivatives.length;
    }

    /**
     * One {@code double[][]} parameter's entries of a row, row-major.
     *
     * @return the position of the row's next entry
     */
    public static int put(double[] jacobian, int at, double[][] derivatives) {
        for (double[] r : derivatives) at = put(jacobian, at, r);
        return at;
    }

    /** Column {@code column} from a tangent pass: {@code tangent[i]} at {@code offset + i·inputs + column}. */
    public static void column(double[] jacobian, int offset, int inputs, int column, double[] tangent) {
        for (int i = 0; i < tangent.length; i++) jacobian[offset + i * inputs + column] = tangent[i];
    }
}
