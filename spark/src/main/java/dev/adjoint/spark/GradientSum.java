package dev.adjoint.spark;

import dev.adjoint.samples.mlp.MlpGrad;
import dev.adjoint.samples.mlp.Parameters;
import java.io.Serializable;

/**
 * The accumulator of the tree aggregation: a running, weighted sum of shards' losses and
 * gradients, the gradient flat as {@link Parameters#flatten} lays weights out. Spark copies the
 * empty one to each partition, each partition adds its shard, and partial sums merge up the
 * tree to the driver.
 */
final class GradientSum implements Serializable {

    private double value;
    private final double[] gradient;

    /** The empty sum for a network of {@code size} parameters. */
    GradientSum(int size) {
        gradient = new double[size];
    }

    /** Adds {@code weight} times one shard's loss and gradient; returns this sum. */
    GradientSum add(MlpGrad.Loss shard, double weight) {
        value += weight * shard.value();
        double[] flat = new Parameters(shard.dw1(), shard.db1(), shard.dw2(), shard.db2()).flatten();
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] += weight * flat[k];
        }
        return this;
    }

    /** Adds another partial sum into this one; returns this sum. */
    GradientSum merge(GradientSum other) {
        value += other.value;
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] += other.gradient[k];
        }
        return this;
    }

    /** The sum in the generated record's shape, as the training loop takes it. */
    MlpGrad.Loss toLoss(Layout layout) {
        Parameters d = layout.unflatten(gradient);
        return new MlpGrad.Loss(value, d.w1(), d.b1(), d.w2(), d.b2());
    }
}
