package dev.adjoint.samples.mlp;

import dev.adjoint.runtime.GradientCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The MLP of Goodfellow, Bengio and Courville, <i>Deep Learning</i>, §6.5.7, trained end to end
 * with generated gradients: on the UCI handwritten digits (64-32-10) and on two generated spirals
 * (2-64-2), by minibatch SGD with momentum.
 *
 * <p>The model is {@link Mlp#loss}, plain Java; its gradient is {@code MlpGrad.loss}, generated
 * by Adjoint at compile time. Before training, that gradient is checked once against central
 * finite differences on every parameter; then each epoch prints a line (loss, accuracy,
 * examples per second), and the pictures are written as PNG files: the loss curves, the
 * spirals' decision boundary and a page of held-out digits with the network's answers.
 *
 * <p>Run from the repository root with {@code mvn -q -pl samples -am compile -Prun}; arguments
 * (all optional, in this order) through {@code -Dexec.args="..."}:
 *
 * <pre>
 *   [all | digits | spirals]   which data set(s); default all
 *   [epochs]                   passes over the training set; default 20 for digits, 100 for spirals
 *   [output folder]            where the pictures go; default target/adjoint-samples
 * </pre>
 */
public final class TrainMlp {

    /** The held-out accuracy the digits network reaches: at least 95% (it gets about 97%). */
    public static final double DIGITS_BAR = 0.95;

    /** The held-out accuracy the spirals network reaches: at least 95% (it gets about 98–99%). */
    public static final double SPIRALS_BAR = 0.95;

    /** A fifth of each data set is held out; the training never sees it. */
    public static final double HELD_OUT = 0.2;

    /** 64-32-10, minibatches of 32, η = 0.05, μ = 0.9, λ = 1e-4, 20 epochs. */
    public static final Trainer.Config DIGITS = new Trainer.Config(32, 20, 32, 0.05, 0.9, 1e-4, 1);

    /** 2-64-2, minibatches of 16, η = 0.05, μ = 0.9, λ = 1e-5, 100 epochs. */
    public static final Trainer.Config SPIRALS = new Trainer.Config(64, 100, 16, 0.05, 0.9, 1e-5, 1);

    /** Seeds the held-out split and the spirals' noise. */
    public static final long DATA_SEED = 7;

    public static final String DEFAULT_OUTPUT = "target/adjoint-samples";

    private TrainMlp() {}

    /** One data set, its split, its training settings and its bar. */
    public record Task(String name, Dataset.Split split, Trainer.Config config, double bar) {

        public static Task digits() {
            return new Task("digits", Dataset.digits().split(HELD_OUT, DATA_SEED), DIGITS, DIGITS_BAR);
        }

        public static Task spirals() {
            return new Task("spirals", Dataset.spirals(DATA_SEED).split(HELD_OUT, DATA_SEED), SPIRALS, SPIRALS_BAR);
        }

        public Task withEpochs(int epochs) {
            return new Task(name, split, config.withEpochs(epochs), bar);
        }
    }

    /** What a run produced. */
    public record Outcome(Task task, GradientCheck.Report check, Trainer.Result result, List<Path> pictures) {

        public boolean clearsBar() {
            return result.last().heldOutAccuracy() >= task.bar();
        }
    }

    /**
     * Checks the generated gradient at the initial weights on the first minibatch, against
     * central differences on every parameter.
     */
    public static GradientCheck.Report checkGradient(Task task) {
        Dataset train = task.split().train();
        Trainer.Config c = task.config();
        Parameters p = Trainer.initialParameters(train, c);
        int n = Math.min(c.batchSize(), train.size());
        int[] first = new int[n];
        for (int k = 0; k < n; k++) {
            first[k] = k;
        }
        Dataset batch = train.subset(first);
        MlpGrad.Loss g = MlpGrad.loss(p.w1(), p.b1(), p.w2(), p.b2(), batch.x(), batch.y(), c.lambda());
        Parameters gradient = new Parameters(g.dw1(), g.db1(), g.dw2(), g.db2());
        return GradientCheck.gradient(
                theta -> p.unflatten(theta).loss(batch, c.lambda()), p.flatten(), gradient.flatten());
    }

    /** Checks the gradient, trains, prints a line per epoch, writes the pictures to {@code out}. */
    public static Outcome run(Task task, Path out, PrintStream log) {
        Dataset.Split split = task.split();
        Trainer.Config c = task.config();
        Dataset train = split.train();
        int parameterCount =
                train.features() * c.hidden() + c.hidden() + c.hidden() * train.classes() + train.classes();
        log.printf(
                Locale.ROOT,
                "== %s: %,d examples (%,d for training, %,d held out), a %d-%d-%d network," + " %,d parameters%n",
                task.name(),
                train.size() + split.heldOut().size(),
                train.size(),
                split.heldOut().size(),
                train.features(),
                c.hidden(),
                train.classes(),
                parameterCount);
        log.printf(
                Locale.ROOT,
                "   SGD with momentum: eta %s, mu %s, minibatch %d, lambda %s, %d epochs, seed %d%n%n",
                c.learningRate(),
                c.momentum(),
                c.batchSize(),
                c.lambda(),
                c.epochs(),
                c.seed());

        log.println("Generated gradient MlpGrad.loss vs central differences,"
                + " at the initial weights on the first minibatch:");
        GradientCheck.Report check = checkGradient(task);
        log.print(check);
        log.println();

        Trainer.Result r = Trainer.train(split, c, printingEpochs(c, log));
        printVerdict(task, r, log);
        double accuracy = r.last().heldOutAccuracy();

        List<Path> pictures = new ArrayList<>();
        String title = String.format(
                Locale.ROOT,
                "%s %d-%d-%d: SGD WITH MOMENTUM",
                task.name(),
                train.features(),
                c.hidden(),
                train.classes());
        Path loss = out.resolve(task.name() + "-loss.png");
        Pictures.writePng(Pictures.lossCurve(title, r, task.bar()), loss);
        pictures.add(loss);
        if (train.features() == 2) {
            Path boundary = out.resolve(task.name() + "-decision-boundary.png");
            Pictures.writePng(Pictures.decisionBoundary(title, r.parameters(), split, accuracy), boundary);
            pictures.add(boundary);
        }
        if (task.name().equals("digits")) {
            Path grid = out.resolve("digits-held-out.png");
            Pictures.writePng(
                    Pictures.digitGrid(
                            String.format(
                                    Locale.ROOT, "HELD-OUT DIGITS: %.1f%% RIGHT (RED: PREDICTED/TRUE)", 100 * accuracy),
                            r.parameters(),
                            split.heldOut(),
                            100),
                    grid);
            pictures.add(grid);
        }
        for (Path p : pictures) {
            log.println("Wrote " + p);
        }
        log.println();
        return new Outcome(task, check, r, pictures);
    }

    /** A listener that prints one line per epoch: losses, accuracies, examples per second. */
    public static Trainer.Listener printingEpochs(Trainer.Config c, PrintStream log) {
        int width = String.valueOf(c.epochs()).length();
        return e -> log.printf(
                Locale.ROOT,
                "epoch %" + width + "d/%d  loss %.4f  held-out loss %.4f  accuracy %5.1f%%"
                        + "  held-out %5.1f%%  %,8.0f examples/s%n",
                e.epoch(),
                c.epochs(),
                e.trainLoss(),
                e.heldOutLoss(),
                100 * e.trainAccuracy(),
                100 * e.heldOutAccuracy(),
                e.examplesPerSecond());
    }

    /** Prints the held-out accuracy training reached and whether it clears the task's bar. */
    public static void printVerdict(Task task, Trainer.Result r, PrintStream log) {
        double accuracy = r.last().heldOutAccuracy();
        log.printf(
                Locale.ROOT,
                "%nHeld-out accuracy %.1f%% after %d epochs in %.1f s: %s the %.0f%% bar.%n",
                100 * accuracy,
                r.epochs().size(),
                r.seconds(),
                accuracy >= task.bar() ? "clears" : "BELOW",
                100 * task.bar());
    }

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        String which = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "all";
        Integer epochs = args.length > 1 && !args[1].isBlank() ? Integer.valueOf(args[1]) : null;
        Path out = Path.of(args.length > 2 ? args[2] : DEFAULT_OUTPUT);
        List<Task> tasks = new ArrayList<>();
        switch (which) {
            case "all" -> {
                tasks.add(Task.spirals());
                tasks.add(Task.digits());
            }
            case "digits" -> tasks.add(Task.digits());
            case "spirals" -> tasks.add(Task.spirals());
            default ->
                throw new IllegalArgumentException(
                        "usage: TrainMlp [all|digits|spirals] [epochs] [output folder]; got " + which);
        }

        PrintStream log = System.out;
        log.println("The MLP of Deep Learning, section 6.5.7: U1 = X W1 + b1, H = relu(U1), U2 = H W2 + b2,");
        log.println("J = cross-entropy(labels, softmax(U2)) + lambda (sum W1^2 + sum W2^2),");
        log.println("written in plain Java (Mlp.loss); every gradient comes from the generated MlpGrad.loss.");
        log.println();
        for (Task t : tasks) {
            run(epochs == null ? t : t.withEpochs(epochs), out, log);
        }
    }
}
