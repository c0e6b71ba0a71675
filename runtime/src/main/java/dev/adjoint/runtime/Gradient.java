package dev.adjoint.runtime;

/**
 * A gradient seen as the arrays an optimiser steps: each generated gradient record with at least
 * one array component ({@code double[]} or {@code double[][]}) implements it, so that a training
 * loop steps every parameter in one call.
 *
 * <pre>{@code
 * double[][] params = {w1, b1, w2, b2};            // the arrays the loss is differentiated by
 * for (...) {
 *   MlpGrad.Loss g = MlpGrad.loss(w1, b1, w2, b2, x, y);
 *   optimizer.step(params, g);                     // each params[i] against g.arrays()[i]
 * }
 * }</pre>
 *
 * <p>The arrays come in the order of the method's differentiated array parameters; a {@code
 * double[][]} component gives its rows, one after another. Scalar ({@code double}) components
 * are not in the view: a {@code double} parameter cannot be updated in place. Build the matching
 * parameter list the same way, with {@link #concat} for a {@code double[][]} parameter.
 */
public interface Gradient {

    /**
     * The value of the differentiated function (the loss, in training).
     *
     * @return the value
     */
    double value();

    /**
     * The gradient's array components, as described above: the record's own arrays (no copies),
     * in a new outer array at each call.
     *
     * @return one {@code double[]} per array parameter, or per row of a {@code double[][]} one
     */
    double[][] arrays();

    /**
     * The rows of {@code parts}, one after another: {@code concat(w, new double[][] {b})} lists
     * the rows of a matrix {@code w} and then the vector {@code b}. The rows themselves are not
     * copied.
     *
     * @param parts each a list of arrays (a matrix, or a vector wrapped as {@code new double[][]
     *     {v}})
     * @return a new array holding every row of every part, in order
     */
    static double[][] concat(double[][]... parts) {
        int n = 0;
        for (double[][] part : parts) {
            n += part.length;
        }
        double[][] out = new double[n][];
        int at = 0;
        for (double[][] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
