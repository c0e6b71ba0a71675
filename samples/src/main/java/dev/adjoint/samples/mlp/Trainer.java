package dev.adjoint.samples.mlp;

import dev.adjoint.runtime.Momentum;
import dev.adjoint.runtime.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Minibatch stochastic gradient descent on the MLP of <i>Deep Learning</i> §6.5.7. Each step
 * takes a minibatch {@code (X, y)} and calls the generated {@code MlpGrad.loss(w1, b1, w2, b2, X, y, λ)}: one forward
 * pass for the loss, one backward pass (back-propagation) for its gradient with respect to
 * {@code W1, b1, W2, b2}; then one optimiser call moves all four arrays. No derivative is
 * written by hand anywhere. Who makes that call is a {@link BatchGradient}: this machine by
 * default, or a data-parallel engine that sums the same per-example gradients over shards.
 */
public final class Trainer {

    /**
     * What to train and how.
     *
     * @param hidden hidden units
     * @param epochs passes over the training set
     * @param batchSize examples per minibatch (the last one of an epoch may be smaller)
     * @param learningRate the optimiser's step size η
     * @param momentum the momentum μ (0 for plain SGD)
     * @param lambda the L2 regulariser's coefficient λ
     * @param seed seeds the initial weights and the per-epoch shuffling
     */
    public record Config(
            int hidden, int epochs, int batchSize, double learningRate, double momentum, double lambda, long seed) {

        public Config withEpochs(int epochs) {
            return new Config(hidden, epochs, batchSize, learningRate, momentum, lambda, seed);
        }

        /** The optimiser: SGD with heavy-ball momentum. */
        public Optimizer optimizer() {
            return new Momentum(learningRate, momentum);
        }
    }

    /**
     * One epoch's numbers.
     *
     * @param epoch 1, 2, …
     * @param trainLoss the mean of the epoch's minibatch losses (regulariser included)
     * @param heldOutLoss the cross-entropy on the held-out set after the epoch (no regulariser)
     * @param trainAccuracy the fraction of the training set classified correctly after the epoch
     * @param heldOutAccuracy the same on the held-out set
     * @param examplesPerSecond training examples processed per second during the epoch
     */
    public record Epoch(
            int epoch,
            double trainLoss,
            double heldOutLoss,
            double trainAccuracy,
            double heldOutAccuracy,
            double examplesPerSecond) {}

    /**
     * The outcome of training.
     *
     * @param parameters the trained weights
     * @param epochs each epoch's numbers, in order
     * @param batchLosses every minibatch's loss, in order
     * @param batchesPerEpoch minibatches in one epoch
     * @param seconds the wall-clock time of the whole training
     */
    public record Result(
            Parameters parameters, List<Epoch> epochs, double[] batchLosses, int batchesPerEpoch, double seconds) {

        public Epoch last() {
            return epochs.get(epochs.size() - 1);
        }
    }

    /** Told about each epoch as it ends. */
    @FunctionalInterface
    public interface Listener {
        void epochEnded(Epoch epoch);
    }

    private Trainer() {}

    /** The network {@code config} describes, initialised for {@code data}. */
    public static Parameters initialParameters(Dataset data, Config config) {
        return Parameters.init(data.features(), config.hidden(), data.classes(), new Random(config.seed()));
    }

    /** Trains a freshly initialised network on {@code split.train()}; reports each epoch. */
    public static Result train(Dataset.Split split, Config config, Listener listener) {
        return train(split, config, listener, BatchGradient.onThisMachine(split.train(), config.lambda()));
    }

    /**
     * The same training with each minibatch's loss and gradient taken from {@code gradient}
     * (for example summed data-parallel over a cluster); everything else, the optimiser's steps
     * included, happens here.
     */
    public static Result train(Dataset.Split split, Config config, Listener listener, BatchGradient gradient) {
        Parameters p = initialParameters(split.train(), config);
        Dataset train = split.train();
        Dataset heldOut = split.heldOut();
        Optimizer optimizer = config.optimizer();
        // in the order of MlpGrad.Loss's arrays(): the differentiated arrays as Mlp.loss declares them
        double[][] params = {p.w1(), p.b1(), p.w2(), p.b2()};
        Random shuffling = new Random(config.seed() + 1);

        int n = train.size();
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        double[] batchLosses = new double[batches * config.epochs()];
        List<Epoch> epochs = new ArrayList<>();
        int[] order = new int[n];
        for (int e = 0; e < n; e++) {
            order[e] = e;
        }
        long started = System.nanoTime();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long epochStarted = System.nanoTime();
            Dataset.shuffle(order, shuffling);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * config.batchSize();
                int to = Math.min(n, from + config.batchSize());
                MlpGrad.Loss g = gradient.at(p, Arrays.copyOfRange(order, from, to));
                optimizer.step(params, g); // w1 against dw1, b1 against db1, ...: the record's arrays()
                batchLosses[(epoch - 1) * batches + b] = g.value();
                lossSum += g.value();
            }
            double seconds = (System.nanoTime() - epochStarted) / 1e9;
            Epoch report = new Epoch(
                    epoch, lossSum / batches, p.loss(heldOut, 0), p.accuracy(train), p.accuracy(heldOut), n / seconds);
            epochs.add(report);
            listener.epochEnded(report);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(p, List.copyOf(epochs), batchLosses, batches, seconds);
    }
}
