package dev.adjoint.samples.mlp;

/**
 * Where {@link Trainer} gets a minibatch's loss and gradient from. The training loop (shuffling,
 * minibatches, optimiser steps, epoch reports) is the same whichever computes them: {@link
 * #onThisMachine} calls the generated {@code MlpGrad.loss} on the gathered minibatch; a
 * data-parallel one (the {@code spark} module's) sums the same per-example gradients over shards
 * held elsewhere.
 */
@FunctionalInterface
public interface BatchGradient {

    /**
     * The loss {@link Mlp#loss} and its gradient at {@code p} on one minibatch.
     *
     * @param p the current weights (read only)
     * @param examples the minibatch: positions in the training set, in minibatch order
     */
    MlpGrad.Loss at(Parameters p, int[] examples);

    /** Gathers the minibatch from {@code train} and differentiates it here, in one call. */
    static BatchGradient onThisMachine(Dataset train, double lambda) {
        return (p, examples) -> {
            double[][] x = new double[examples.length][];
            int[] y = new int[examples.length];
            for (int k = 0; k < examples.length; k++) {
                x[k] = train.x()[examples[k]];
                y[k] = train.y()[examples[k]];
            }
            // forward and backward pass, both generated from Mlp.loss
            return MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), x, y, lambda);
        };
    }
}
