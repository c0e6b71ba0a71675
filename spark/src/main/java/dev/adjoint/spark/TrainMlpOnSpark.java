package dev.adjoint.spark;

import dev.adjoint.samples.mlp.Dataset;
import dev.adjoint.samples.mlp.TrainMlp;
import dev.adjoint.samples.mlp.Trainer;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The samples' digits MLP (64-32-10, SGD with momentum) trained data-parallel on Apache Spark,
 * with the single-machine {@link Trainer}'s loop and settings: only where each minibatch's
 * gradient is computed changes ({@link SparkGradient}).
 *
 * <p>Without a master it starts an embedded Spark on all cores ({@code local[*]}); under {@code
 * spark-submit --master ...} it uses the master given there, unchanged. Arguments, both
 * optional: {@code [epochs] [partitions]}, by default the samples' 20 epochs and Spark's default
 * parallelism. From the repository root:
 *
 * <pre>
 *   mvn -q -pl spark -am compile -Prun-spark                      # embedded, local[*]
 *   mvn -q -pl spark -am package -DskipTests                      # the jar for a cluster
 *   spark-submit --master spark://HOST:7077 spark/target/adjoint-spark-0.1.0-SNAPSHOT.jar 20 8
 * </pre>
 *
 * The jar's manifest names this class and it carries the samples, runtime and annotations but
 * no Spark, which the cluster provides.
 */
public final class TrainMlpOnSpark {

    private TrainMlpOnSpark() {}

    /**
     * Trains on {@code split.train()} cut into {@code partitions} shards on {@code spark}; the
     * minibatches, optimiser and epoch reports are {@link Trainer#train}'s.
     */
    public static Trainer.Result train(
            JavaSparkContext spark,
            Dataset.Split split,
            Trainer.Config config,
            int partitions,
            Trainer.Listener listener) {
        try (SparkGradient gradient =
                SparkGradient.over(spark.parallelize(Example.of(split.train()), partitions), config.lambda())) {
            return Trainer.train(split, config, listener, gradient);
        }
    }

    /**
     * The configuration this program runs with: spark-submit's (its {@code spark.*} system
     * properties) where it gives a master, else an embedded Spark on this machine's cores that
     * listens on the loopback address only and serves no web UI.
     */
    static SparkConf configuration() {
        SparkConf conf = new SparkConf().setAppName("Adjoint: the samples' MLP, data-parallel");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false");
        }
        return conf;
    }

    public static void main(String[] args) {
        PrintStream log = System.out;
        if (!SparkJdks.thisOneIsSupported()) {
            log.println("Warning: " + SparkJdks.whyNot());
        }
        TrainMlp.Task task = TrainMlp.Task.digits();
        if (args.length > 0) {
            task = task.withEpochs(Integer.parseInt(args[0]));
        }
        Trainer.Config c = task.config();
        try (JavaSparkContext spark = new JavaSparkContext(configuration())) {
            int partitions = args.length > 1 ? Integer.parseInt(args[1]) : spark.defaultParallelism();
            Dataset train = task.split().train();
            log.printf(
                    Locale.ROOT,
                    "== %s on Spark (master %s): %,d training examples in %d partitions," + " a %d-%d-%d network%n",
                    task.name(),
                    spark.master(),
                    train.size(),
                    partitions,
                    train.features(),
                    c.hidden(),
                    train.classes());
            log.printf(
                    Locale.ROOT,
                    "   SGD with momentum: eta %s, mu %s, minibatch %d, lambda %s, %d epochs, seed %d;%n"
                            + "   each minibatch's gradient: MlpGrad.loss on every partition's members,"
                            + " summed by treeAggregate%n%n",
                    c.learningRate(),
                    c.momentum(),
                    c.batchSize(),
                    c.lambda(),
                    c.epochs(),
                    c.seed());
            Trainer.Result r = train(spark, task.split(), c, partitions, TrainMlp.printingEpochs(c, log));
            TrainMlp.printVerdict(task, r, log);
        }
    }
}
