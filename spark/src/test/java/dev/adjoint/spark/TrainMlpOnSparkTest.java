package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adjoint.samples.mlp.Dataset;
import dev.adjoint.samples.mlp.TrainMlp;
import dev.adjoint.samples.mlp.Trainer;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data-parallel trainer on an embedded Spark with two worker threads ({@code local[2]})
 * against the single-machine {@link Trainer}, same seed, same data, same settings.
 *
 * <p>Tolerance, relative, 1e-12: both sum exactly the same per-example gradients, but in a
 * different order (one call over the whole minibatch on one machine; on Spark, per shard,
 * weighted by the shard's share, then shard results merged in the order their tasks finish, so
 * not even two Spark runs need agree to the last bit). Floating-point addition is not
 * associative: a step's gradient may differ in its last bits (about 1e-16 relative per
 * addition), and SGD with momentum carries such differences along. Measured over the 30
 * minibatches below: about 4e-16 relative, so 1e-12 leaves a wide margin for rounding and none
 * for a real fault — a lost or doubled shard, a share weighted wrongly, the regulariser counted
 * once per shard — each of which moves the first minibatch's loss by more than 1e-3.
 */
class TrainMlpOnSparkTest {

    /** See the class comment: rounding differences only, measured about 4e-16. */
    static final double TOLERANCE = 1e-12;

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        if (!SparkJdks.thisOneIsSupported()) {
            System.out.println("Skipping the Spark tests: " + SparkJdks.whyNot());
            return;
        }
        spark = new JavaSparkContext(new SparkConf()
                .setMaster("local[2]")
                .setAppName("TrainMlpOnSparkTest")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.close();
        }
    }

    /** The digits task, cut to 320 training examples and three epochs to stay fast. */
    private static TrainMlp.Task smallDigits() {
        TrainMlp.Task full = TrainMlp.Task.digits();
        int[] first = new int[320];
        Arrays.setAll(first, k -> k);
        Dataset.Split split = new Dataset.Split(
                full.split().train().subset(first), full.split().heldOut());
        return new TrainMlp.Task("digits", split, full.config().withEpochs(3), full.bar());
    }

    @Test
    void localTwoFollowsTheSingleMachineLossCurve() {
        assumeTrue(spark != null, SparkJdks::whyNot);
        TrainMlp.Task task = smallDigits();
        Trainer.Result alone = Trainer.train(task.split(), task.config(), e -> {});
        Trainer.Result onSpark = TrainMlpOnSpark.train(spark, task.split(), task.config(), 2, e -> {});

        assertEquals(alone.batchLosses().length, onSpark.batchLosses().length);
        assertEquals(10 * 3, onSpark.batchLosses().length);
        double worst = 0;
        for (int b = 0; b < alone.batchLosses().length; b++) {
            double a = alone.batchLosses()[b];
            double s = onSpark.batchLosses()[b];
            worst = Math.max(worst, Math.abs(a - s) / Math.abs(a));
            assertEquals(a, s, TOLERANCE * Math.abs(a), "minibatch " + b);
        }
        for (int e = 0; e < alone.epochs().size(); e++) {
            Trainer.Epoch a = alone.epochs().get(e);
            Trainer.Epoch s = onSpark.epochs().get(e);
            assertEquals(a.heldOutLoss(), s.heldOutLoss(), TOLERANCE * a.heldOutLoss(), "epoch " + e);
            assertEquals(a.trainAccuracy(), s.trainAccuracy(), "epoch " + e);
            assertEquals(a.heldOutAccuracy(), s.heldOutAccuracy(), "epoch " + e);
        }
        assertArrayEquals(alone.parameters().flatten(), onSpark.parameters().flatten(), TOLERANCE);
        System.out.printf(
                "local[2] vs one machine: %d minibatch losses, largest relative" + " difference %.1e%n",
                alone.batchLosses().length, worst);

        // a curve that learned, not two flat lines that agree: from chance (log 10 = 2.3) down
        double first = alone.batchLosses()[0];
        assertTrue(first > 1.5, () -> "first loss " + first);
        assertTrue(alone.last().trainLoss() < first / 2, () -> "last epoch " + alone.last());
    }

    @Test
    void bothPartitionsHoldTheirShareOfTheData() {
        assumeTrue(spark != null, SparkJdks::whyNot);
        Dataset train = smallDigits().split().train();
        try (SparkGradient gradient = SparkGradient.over(spark.parallelize(Example.of(train), 2), 1e-4)) {
            assertArrayEquals(new int[] {160, 160}, gradient.shardSizes());
        }
    }
}
