package dev.adjoint.runtime;

/**
 * A first-order optimiser: moves parameters against their gradient, in place.
 *
 * <pre>{@code
 * Optimizer opt = new Momentum(0.05, 0.9);
 * double[][] params = {w, b};
 * for (...) {
 *   ModelsGrad.Loss g = ModelsGrad.loss(w, b, x, y);   // generated reverse mode
 *   opt.step(params, g);                               // w against g.dw(), b against g.db()
 * }
 * }</pre>
 *
 * <p>One optimiser serves any number of parameter arrays. Optimisers with state (a velocity, moment
 * estimates) keep it <em>per parameter array</em>, keyed by the array's identity: pass the same
 * {@code double[]} object at every step and it gets its own state, created (zero) at its first
 * step. Implementations are not thread-safe.
 *
 * @see Sgd
 * @see Momentum
 * @see Adam
 */
public interface Optimizer {

    /**
     * Updates {@code params} in place from {@code gradient}, the gradient of the loss at {@code
     * params}. {@code gradient} is only read.
     *
     * @throws IllegalArgumentException if the lengths differ, or differ from the length this array
     *     had at its first step
     * @param params the parameters, updated in place
     * @param gradient the loss's gradient at {@code params}, the same length
     */
    void step(double[] params, double[] gradient);

    /**
     * Steps every parameter array at once: {@code params[i]} against {@code
     * gradient.arrays()[i]}, each as {@link #step(double[], double[])} would (so each keeps its own
     * state). {@code params} lists the arrays in the order {@link Gradient} describes.
     *
     * @param params the parameter arrays, updated in place
     * @param gradient a generated gradient record, only read
     * @throws IllegalArgumentException if {@code params} and the gradient's arrays differ in number
     *     or in any length; then no array has been stepped
     */
    default void step(double[][] params, Gradient gradient) {
        double[][] g = gradient.arrays();
        if (params.length != g.length) {
            throw new IllegalArgumentException(
                    "the gradient has " + g.length + " arrays but params has " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null || g[i] == null || params[i].length != g[i].length) {
                throw new IllegalArgumentException("params[" + i + "] and the gradient's array " + i + " differ: "
                        + describe(params[i]) + " and " + describe(g[i]));
            }
        }
        for (int i = 0; i < params.length; i++) {
            step(params[i], g[i]);
        }
    }

    private static String describe(double[] a) {
        return a == null ? "null" : "length " + a.length;
    }

    /** Forgets all per-array state, as if no step had been taken. */
    default void reset() {}
}
