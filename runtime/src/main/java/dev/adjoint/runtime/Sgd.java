package dev.adjoint.runtime;

/**
 * Plain gradient descent: {@code p ← p − η g}. Stateless, so one instance serves every
 * parameter array.
 */
public final class Sgd implements Optimizer {

    private final double learningRate;

    /**
     * @param learningRate the step size η, positive
     */
    public Sgd(double learningRate) {
        this.learningRate = OptimizerChecks.requirePositive(learningRate, "learningRate");
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
        for (int i = 0; i < params.length; i++) {
            params[i] -= learningRate * gradient[i];
        }
    }

    @Override
    public String toString() {
        return "Sgd[learningRate=" + learningRate + "]";
    }
}
