package dev.adjoint.spark;

import dev.adjoint.samples.mlp.BatchGradient;
import dev.adjoint.samples.mlp.MlpGrad;
import dev.adjoint.samples.mlp.Parameters;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * A minibatch's loss and gradient computed data-parallel on Spark. The training examples stay
 * cached on the executors, one {@link Shard} per partition; each step ships only the weights
 * and the minibatch's positions, every partition differentiates its members with the generated
 * {@code MlpGrad.loss}, and {@code treeAggregate} sums the partial results up a tree, so the
 * driver receives one gradient however many partitions there are. The driver's {@code
 * Trainer} then steps the optimiser, exactly as on one machine.
 */
public final class SparkGradient implements BatchGradient, AutoCloseable {

    /** Levels of the aggregation tree; Spark's default, enough for hundreds of partitions. */
    public static final int TREE_DEPTH = 2;

    private final JavaRDD<Shard> shards;
    private final double lambda;

    private SparkGradient(JavaRDD<Shard> shards, double lambda) {
        this.shards = shards;
        this.lambda = lambda;
    }

    /**
     * Gradients over {@code examples}, as they are partitioned: their positions are the ones
     * {@code Trainer} names in its minibatches.
     *
     * @param lambda the regulariser's coefficient λ
     */
    public static SparkGradient over(JavaRDD<Example> examples, double lambda) {
        JavaRDD<Shard> shards = examples.mapPartitions(Shard::of).persist(StorageLevel.MEMORY_ONLY());
        return new SparkGradient(shards, lambda);
    }

    /** How many examples each partition holds (runs a job). */
    public int[] shardSizes() {
        return shards.map(Shard::size).collect().stream()
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @Override
    public MlpGrad.Loss at(Parameters p, int[] examples) {
        // locals, so that the closures ship these and not this object (which holds the RDD)
        Layout layout = Layout.of(p);
        double[] weights = p.flatten();
        int[] batch = examples.clone();
        Arrays.sort(batch);
        double lambda = this.lambda;
        GradientSum sum = shards.treeAggregate(
                new GradientSum(layout.size()),
                (partial, shard) -> shard.addTo(partial, layout.unflatten(weights), batch, lambda),
                GradientSum::merge,
                TREE_DEPTH);
        return sum.toLoss(layout);
    }

    /** Drops the cached shards from the executors. */
    @Override
    public void close() {
        shards.unpersist(false);
    }
}
