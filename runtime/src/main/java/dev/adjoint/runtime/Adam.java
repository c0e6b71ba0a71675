package dev.adjoint.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015): per-coordinate steps scaled by running estimates of the
 * gradient's first and second moments, with their start-up bias corrected. At step {@code t}
 * (1, 2, …) of a parameter array:
 *
 * <pre>
 *   m ← β1 m + (1 − β1) g
 *   v ← β2 v + (1 − β2) g²
 *   p ← p − η · (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε)
 * </pre>
 *
 * Each step moves a coordinate by about η at most, whatever the scale of its gradient, which
 * makes Adam forgiving about the learning rate. Each parameter array has its own {@code m},
 * {@code v} and step count (see {@link Optimizer}).
 */
public final class Adam implements Optimizer {

    /** β1 = 0.9, β2 = 0.999, ε = 1e-8: the paper's defaults. */
    public static final double DEFAULT_BETA1 = 0.9;

    /** β2 = 0.999, the paper's default. */
    public static final double DEFAULT_BETA2 = 0.999;

    /** ε = 1e-8, the paper's default. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<double[], State> states = new IdentityHashMap<>();

    private static final class State {
        final double[] m;
        final double[] v;
        long t;

        State(int n) {
            m = new double[n];
            v = new double[n];
        }
    }

    /**
     * Adam with step size η = {@code learningRate} (0.001 is the paper's) and default β1, β2, ε.
     *
     * @param learningRate the step size η, positive
     */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @param learningRate the step size η, positive
     * @param beta1 decay of the first-moment estimate, in [0, 1)
     * @param beta2 decay of the second-moment estimate, in [0, 1)
     * @param epsilon added to the denominator, positive
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = OptimizerChecks.requirePositive(learningRate, "learningRate");
        this.beta1 = OptimizerChecks.requireFraction(beta1, "beta1");
        this.beta2 = OptimizerChecks.requireFraction(beta2, "beta2");
        this.epsilon = OptimizerChecks.requirePositive(epsilon, "epsilon");
    }

    /**
     * The step size η.
     *
     * @return η
     */
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void step(double[] params, double[] gradient) {
        OptimizerChecks.requireSameLength(params, gradient);
        State s = states.computeIfAbsent(params, p -> new State(p.length));
        if (s.m.length != params.length) {
            throw new IllegalArgumentException("params changed length: was " + s.m.length);
        }
        s.t++;
        double correction1 = 1 - Math.pow(beta1, s.t);
        double correction2 = 1 - Math.pow(beta2, s.t);
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i];
            s.m[i] = beta1 * s.m[i] + (1 - beta1) * g;
            s.v[i] = beta2 * s.v[i] + (1 - beta2) * g * g;
            double mHat = s.m[i] / correction1;
            double vHat = s.v[i] / correction2;
            params[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }

    /**
     * How many steps {@code params} has taken (0 before its first).
     *
     * @param params a parameter array, by identity
     * @return the number of steps taken
     */
    public long steps(double[] params) {
        State s = states.get(params);
        return s == null ? 0 : s.t;
    }

    @Override
    public void reset() {
        states.clear();
    }

    @Override
    public String toString() {
        return "Adam[learningRate=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + "]";
    }
}
