package dev.adjoint.runtime;

/**
 * A first-order optimiser: moves parameters against their gradient, in place.
 *
 * <pre>{@code
 * Optimizer opt = new Momentum(0.05, 0.9);
 * for (...) {
 *   ModelsGrad.Loss g = ModelsGrad.loss(w, b, x, y);   // generated reverse mode
 *   opt.step(w, g.dw());
 *   opt.step(b, g.db());
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
   */
  void step(double[] params, double[] gradient);

  /** Forgets all per-array state, as if no step had been taken. */
  default void reset() {}
}
