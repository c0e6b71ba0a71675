package dev.adjoint.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Gradient descent with (heavy-ball) momentum: a velocity {@code v}, zero at the first step,
 * accumulates the gradients with decay μ and moves the parameters:
 *
 * <pre>
 *   v ← μ v − η g
 *   p ← p + v
 * </pre>
 *
 * Along a direction where the gradient keeps its sign the step grows towards {@code η / (1 − μ)};
 * across a narrow valley, where it flips, the oscillations cancel. μ = 0 is {@link Sgd}. With
 * {@code nesterov} set, the parameters move by {@code μ v − η g} (the new velocity's
 * look-ahead) instead of {@code v}, Sutskever et al.'s form of Nesterov's accelerated gradient.
 *
 * <p>Each parameter array has its own velocity (see {@link Optimizer}).
 */
public final class Momentum implements Optimizer {

    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final Map<double[], double[]> velocities = new IdentityHashMap<>();

    /**
     * Heavy-ball momentum with step size η = {@code learningRate} and decay μ = {@code momentum}.
     *
     * @param learningRate the step size η, positive
     * @param momentum the decay μ, in [0, 1)
     */
    public Momentum(double learningRate, double momentum) {
        this(learningRate, momentum, false);
    }

    /**
     * @param learningRate the step size η, positive
     * @param momentum the velocity's decay μ, in [0, 1); 0.9 is the usual choice
     * @param nesterov whether to take Nesterov's look-ahead step
     */
    public Momentum(double learningRate, double momentum, boolean nesterov) {
        this.learningRate = OptimizerChecks.requirePositive(learningRate, "learningRate");
        this.momentum = OptimizerChecks.requireFraction(momentum, "momentum");
        this.nesterov = nesterov;
    }

    /**
     * The step size η.
     *
     * @return η
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * The decay μ.
     *
     * @return μ
     */
    public double momentum() {
        return momentum;
    }

    @Override
    public void step(double[] params, double[] gradient) {
        OptimizerChecks.requireSameLength(params, gradient);
        double[] v = velocities.computeIfAbsent(params, p -> new double[p.length]);
        if (v.length != params.length) {
            throw new IllegalArgumentException("params changed length: was " + v.length);
        }
        for (int i = 0; i < params.length; i++) {
            v[i] = momentum * v[i] - learningRate * gradient[i];
            params[i] += nesterov ? momentum * v[i] - learningRate * gradient[i] : v[i];
        }
    }

    /**
     * A copy of the velocity of {@code params}, or null before its first step.
     *
     * @param params a parameter array, by identity
     * @return a new array, or null
     */
    public double[] velocity(double[] params) {
        double[] v = velocities.get(params);
        return v == null ? null : v.clone();
    }

    @Override
    public void reset() {
        velocities.clear();
    }

    @Override
    public String toString() {
        return "Momentum[learningRate=" + learningRate + ", momentum=" + momentum + (nesterov ? ", nesterov" : "")
                + "]";
    }
}
