package dev.adjoint.runtime.internal;

import dev.adjoint.runtime.DualArray;
import java.util.function.Function;

/**
 * Assembles the Jacobian of a {@code double[]}-valued method from its generated tangent and
 * vector–Jacobian methods. Not meant for user code: generated {@code fJacobian} methods call it.
 *
 * <p>Forward mode gives one column per pass (one pass per differentiated input), reverse mode one
 * row per pass (one pass per output). A method whose backward sweep can run again on the values of
 * one forward sweep gets a generated {@code fJacobian} that does so, calling only the small helpers
 * here; {@link #of} assembles the Jacobian of any other from whole passes, taking whichever mode
 * needs fewer. The output count m is known only once the method has run, so its first pass is
 * always a forward pass along the first input: it gives m, and its column is kept when forward
 * mode is chosen.
 */
public final class Jacobians {
    /** Pick forward or reverse mode by the number of passes each needs. */
    public static final int EITHER = 0;
    /** Forward mode whatever the shapes (tests compare both modes). */
    public static final int FORWARD = 1;
    /** Reverse mode whatever the shapes. */
    public static final int REVERSE = 2;

    private Jacobians() {}

    /**
     * The value and the Jacobian blocks of a method at {@code inputs}.
     *
     * @param inputs the differentiated arguments in declaration order: {@code Double}, {@code double[]} or {@code double[][]}
     * @param tangent one forward pass: given one direction per input (same shapes), the value and J·direction
     * @param vjp one reverse pass: given a cotangent of length m, its value then seedᵀJ, one entry per input in that input's shape
     * @return the value, then for each input its block: {@code double[m]}, {@code double[m][n]} or {@code double[m][r][c]}
     */
    public static Object[] of(
            int mode, Object[] inputs, Function<Object[], DualArray> tangent, Function<double[], Object[]> vjp) {
        Object[] directions = new Object[inputs.length];
        for (int k = 0; k < inputs.length; k++) directions[k] = zerosLike(inputs[k]);
        int n = 0;
        for (Object input : inputs) n += count(input);
        // the first pass: along the first input element, or along no direction at all when there is none
        if (n > 0) set(directions, 0, 1.0);
        DualArray first = tangent.apply(directions);
        if (n > 0) set(directions, 0, 0.0);
        double[] value = first.value();
        int m = value.length;
        Object[] out = new Object[inputs.length + 1];
        out[0] = value;
        for (int k = 0; k < inputs.length; k++) out[k + 1] = block(m, inputs[k]);
        if (n == 0) return out;
        boolean forward = mode == FORWARD || (mode == EITHER && n <= m);
        if (forward) {
            column(out, inputs, 0, first.tangent());
            for (int j = 1; j < n; j++) {
                set(directions, j, 1.0);
                column(out, inputs, j, tangent.apply(directions).tangent());
                set(directions, j, 0.0);
            }
        } else {
            for (int i = 0; i < m; i++) {
                double[] seed = new double[m];
                seed[i] = 1;
                Object[] row = vjp.apply(seed);
                for (int k = 0; k < inputs.length; k++) row(out[k + 1], i, row[k + 1]);
            }
        }
        return out;
    }

    /**
     * Whether a Jacobian is cheaper by forward mode: a tangent pass per input against, once the
     * forward sweep has run, a backward sweep per output; ties go to the backward sweeps, which
     * reuse the forward sweep's values.
     */
    public static boolean byTangents(int mode, int inputs, int outputs) {
        return mode == FORWARD || (mode == EITHER && inputs < outputs);
    }

    /** The number of elements of a matrix (rows may differ in length). */
    public static int count(double[][] matrix) {
        int n = 0;
        for (double[] row : matrix) n += row.length;
        return n;
    }

    /** The Jacobian block of a matrix parameter: {@code outputs} zero matrices of its shape. */
    public static double[][][] blocks(int outputs, double[][] shape) {
        double[][][] b = new double[outputs][][];
        for (int i = 0; i < outputs; i++) b[i] = zerosLike(shape);
        return b;
    }

    /** Column {@code column} of a {@code double} parameter's block: its derivative for every output. */
    public static void column(double[] block, double[] column) {
        System.arraycopy(column, 0, block, 0, column.length);
    }

    /** Column {@code j} of a {@code double[]} parameter's block. */
    public static void column(double[][] block, int j, double[] column) {
        for (int i = 0; i < column.length; i++) block[i][j] = column[i];
    }

    /** Column {@code (r, c)} of a {@code double[][]} parameter's block. */
    public static void column(double[][][] block, int r, int c, double[] column) {
        for (int i = 0; i < column.length; i++) block[i][r][c] = column[i];
    }

    /**
     * The seed of a vector–Jacobian product, checked against the output it is the cotangent of.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double[] checkedSeed(double[] seed, double[] value) {
        if (seed.length != value.length) {
            throw new IllegalArgumentException(
                    "[Adjoint.SeedLength] the seed has length " + seed.length + " but the method returned "
                            + value.length + " values: pass one cotangent per output (seed.length == value.length)");
        }
        return seed;
    }

    private static int count(Object input) {
        if (input instanceof Double) return 1;
        if (input instanceof double[] a) return a.length;
        return count((double[][]) input);
    }

    private static Object zerosLike(Object input) {
        if (input instanceof Double) return 0.0;
        if (input instanceof double[] a) return new double[a.length];
        return zerosLike((double[][]) input);
    }

    /** Zero rows shaped like {@code shape}'s. */
    public static double[][] zerosLike(double[][] shape) {
        double[][] zeros = new double[shape.length][];
        for (int r = 0; r < shape.length; r++) zeros[r] = new double[shape[r].length];
        return zeros;
    }

    private static Object block(int m, Object input) {
        if (input instanceof Double) return new double[m];
        if (input instanceof double[] a) return new double[m][a.length];
        return blocks(m, (double[][]) input);
    }

    /** Sets element {@code j} of all inputs flattened in order (row-major inside a matrix) to {@code v}. */
    private static void set(Object[] directions, int j, double v) {
        for (int k = 0; k < directions.length; k++) {
            Object d = directions[k];
            if (d instanceof Double) {
                if (j == 0) {
                    directions[k] = v;
                    return;
                }
                j -= 1;
            } else if (d instanceof double[] a) {
                if (j < a.length) {
                    a[j] = v;
                    return;
                }
                j -= a.length;
            } else {
                for (double[] row : (double[][]) d) {
                    if (j < row.length) {
                        row[j] = v;
                        return;
                    }
                    j -= row.length;
                }
            }
        }
    }

    /** Writes the derivatives of every output along flattened input {@code j}. */
    private static void column(Object[] out, Object[] inputs, int j, double[] column) {
        for (int k = 0; k < inputs.length; k++) {
            Object b = out[k + 1];
            if (b instanceof double[] d) {
                if (j == 0) {
                    System.arraycopy(column, 0, d, 0, column.length);
                    return;
                }
                j -= 1;
            } else if (b instanceof double[][] d) {
                int n = ((double[]) inputs[k]).length;
                if (j < n) {
                    for (int i = 0; i < column.length; i++) d[i][j] = column[i];
                    return;
                }
                j -= n;
            } else {
                double[][] shape = (double[][]) inputs[k];
                for (int r = 0; r < shape.length; r++) {
                    if (j < shape[r].length) {
                        for (int i = 0; i < column.length; i++) ((double[][][]) b)[i][r][j] = column[i];
                        return;
                    }
                    j -= shape[r].length;
                }
            }
        }
    }

    /** Writes output {@code i}'s derivatives with respect to one input: its row of the block. */
    private static void row(Object block, int i, Object row) {
        if (block instanceof double[] d) d[i] = (Double) row;
        else if (block instanceof double[][] d) System.arraycopy((double[]) row, 0, d[i], 0, d[i].length);
        else ((double[][][]) block)[i] = (double[][]) row;
    }
}
