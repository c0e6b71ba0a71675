package dev.adjoint.spark;

import dev.adjoint.samples.mlp.MlpGrad;
import dev.adjoint.samples.mlp.Parameters;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The training examples one partition holds, kept on its executor across steps, and that
 * partition's part of a minibatch's gradient.
 *
 * <p>Why a weighted sum of shard losses is the minibatch loss: {@code Mlp.loss} on {@code m}
 * examples is {@code (1/m) Σ CE_e + λR(W)}. A minibatch of {@code n} examples split into shards
 * of {@code m_k} has {@code Σ_k (m_k/n) ((1/m_k) Σ_{e∈k} CE_e + λR) = (1/n) Σ_e CE_e + λR},
 * its loss, since {@code Σ_k m_k = n}; the gradient is linear in the loss, so the same weights
 * sum it. Each shard therefore calls the generated {@code MlpGrad.loss} on its own members,
 * unchanged, and no derivative is written by hand here either.
 */
final class Shard implements Serializable {

    private final int[] positions;
    private final double[][] x;
    private final int[] labels;

    private Shard(List<Example> examples) {
        examples.sort(Comparator.comparingInt(Example::position));
        positions = examples.stream().mapToInt(Example::position).toArray();
        x = examples.stream().map(Example::x).toArray(double[][]::new);
        labels = examples.stream().mapToInt(Example::label).toArray();
    }

    /** One shard of all the examples a partition has (for {@code mapPartitions}). */
    static Iterator<Shard> of(Iterator<Example> partition) {
        List<Example> examples = new ArrayList<>();
        partition.forEachRemaining(examples::add);
        return List.of(new Shard(examples)).iterator();
    }

    /** How many examples this shard holds. */
    int size() {
        return positions.length;
    }

    /**
     * Adds this shard's share of a minibatch's loss and gradient to {@code sum}: the generated
     * gradient on the members it holds, weighted by their fraction of the minibatch. A shard
     * holding none adds nothing.
     *
     * @param p the current weights
     * @param batch the minibatch's positions, sorted ascending
     * @param lambda the regulariser's coefficient λ
     */
    GradientSum addTo(GradientSum sum, Parameters p, int[] batch, double lambda) {
        int[] members = new int[Math.min(batch.length, positions.length)];
        int count = 0;
        for (int k = 0; k < positions.length; k++) {
            if (Arrays.binarySearch(batch, positions[k]) >= 0) {
                members[count++] = k;
            }
        }
        if (count == 0) {
            return sum;
        }
        double[][] memberX = new double[count][];
        int[] memberLabels = new int[count];
        for (int k = 0; k < count; k++) {
            memberX[k] = x[members[k]];
            memberLabels[k] = labels[members[k]];
        }
        MlpGrad.Loss g = MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), memberX, memberLabels, lambda);
        return sum.add(g, (double) count / batch.length);
    }
}
