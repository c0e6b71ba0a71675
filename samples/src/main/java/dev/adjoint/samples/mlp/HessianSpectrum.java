package dev.adjoint.samples.mlp;

import dev.adjoint.runtime.Lanczos;
import dev.adjoint.runtime.SymmetricEigen;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The extreme eigenvalues of the MLP loss's Hessian on the digits, estimated by the Lanczos
 * method from Hessian-vector products alone, at initialisation and after training; and, on a
 * network small enough to form its Hessian, the same estimates against the dense Hessian's
 * eigenvalues. Draws the spectra as {@code hessian-spectrum.png}.
 *
 * <p>The largest eigenvalue bounds the stable step of gradient descent (η &lt; 2/λ_max); negative
 * eigenvalues show the loss is not convex there. The products come from {@link MlpCurvature}:
 * the generated {@code MlpGrad.lossHvp}, and {@code MlpGrad.lossHessian} for the dense matrix.
 *
 * <p>Run: {@code mvn -q -pl samples -am compile -Prun
 * -Dsample.main=dev.adjoint.samples.mlp.HessianSpectrum} (optional arguments: Lanczos steps,
 * default 60; output folder, default {@value TrainMlp#DEFAULT_OUTPUT}).
 */
public final class HessianSpectrum {

    public static final int LANCZOS_STEPS = 60;

    /** The curvature is measured on this many training examples (the loss of a fixed batch). */
    public static final int CURVATURE_EXAMPLES = 1000;

    /** Seeds the Lanczos start vectors. */
    public static final long LANCZOS_SEED = 17;

    /** The digits network 64-32-10 (2,410 weights), trained for 10 epochs. */
    public static final Trainer.Config LARGE = TrainMlp.DIGITS.withEpochs(10);

    /** 64-4-10 (310 weights): small enough for a dense Hessian. */
    public static final Trainer.Config SMALL = new Trainer.Config(4, 10, 32, 0.05, 0.9, 1e-4, 1);

    private HessianSpectrum() {}

    /** Lanczos on the loss's Hessian at {@code p} on {@code data}. */
    public static Lanczos.Result lanczos(Parameters p, Dataset data, double lambda, int steps) {
        return Lanczos.run(MlpCurvature.hessianTimes(p, data, lambda), p.count(), steps, LANCZOS_SEED);
    }

    /**
     * Lanczos against the dense Hessian's eigenvalues (ascending).
     *
     * @param dense every eigenvalue of the dense Hessian
     * @param lanczos what {@code steps} Lanczos steps estimate
     */
    public record Comparison(double[] dense, Lanczos.Result lanczos) {

        /** |λ_max(Lanczos) − λ_max(dense)| relative to λ_max(dense). */
        public double largestRelativeError() {
            double exact = dense[dense.length - 1];
            return Math.abs(lanczos.largest() - exact) / Math.abs(exact);
        }

        /** |λ_min(Lanczos) − λ_min(dense)| relative to the spectral radius. */
        public double smallestRelativeError() {
            double radius = Math.max(Math.abs(dense[0]), Math.abs(dense[dense.length - 1]));
            return Math.abs(lanczos.smallest() - dense[0]) / radius;
        }
    }

    public static Comparison compareWithDense(Parameters p, Dataset data, double lambda, int steps) {
        double[] dense = SymmetricEigen.eigenvalues(MlpCurvature.denseHessian(p, data, lambda));
        return new Comparison(dense, lanczos(p, data, lambda, steps));
    }

    /** The first {@link #CURVATURE_EXAMPLES} examples of {@code train}. */
    public static Dataset curvatureBatch(Dataset train) {
        int[] first = new int[Math.min(CURVATURE_EXAMPLES, train.size())];
        for (int e = 0; e < first.length; e++) {
            first[e] = e;
        }
        return train.subset(first);
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : LANCZOS_STEPS;
        Path out = Path.of(args.length > 1 ? args[1] : TrainMlp.DEFAULT_OUTPUT);
        Dataset.Split split = TrainMlp.Task.digits().split();
        Dataset batch = curvatureBatch(split.train());
        System.out.printf(
                "Hessian of the MLP loss on %,d training digits, %d Lanczos steps"
                        + " (H.v by the generated MlpGrad.lossHvp)%n%n",
                batch.size(), steps);
        List<SpectrumPicture.Row> rows = new ArrayList<>();

        System.out.printf(
                "%-30s %10s %12s %10s %12s %10s %8s%n",
                "network", "weights", "lambda_max", "residual", "lambda_min", "residual", "ms");
        for (Trainer.Config config : new Trainer.Config[] {SMALL, LARGE}) {
            Parameters initial = Trainer.initialParameters(split.train(), config);
            Parameters trained = Trainer.train(split, config, epoch -> {}).parameters();
            String name = "64-" + config.hidden() + "-10";
            for (boolean isTrained : new boolean[] {false, true}) {
                Parameters p = isTrained ? trained : initial;
                String label = name + (isTrained ? " trained " + config.epochs() + " epochs" : " at initialisation");
                long started = System.nanoTime();
                Lanczos.Result r = lanczos(p, batch, config.lambda(), steps);
                double millis = (System.nanoTime() - started) / 1e6;
                System.out.printf(
                        "%-30s %,10d %12.5e %10.1e %12.5e %10.1e %8.0f%n",
                        label, p.count(), r.largest(), r.largestResidual(), r.smallest(), r.smallestResidual(), millis);
                double[] exact = null;
                if (config == SMALL) {
                    Comparison c = compareWithDense(p, batch, config.lambda(), steps);
                    exact = c.dense();
                    System.out.printf(
                            "%-30s %10s %12.5e %10s %12.5e   relative errors %.1e and %.1e%n",
                            "  dense Hessian eigenvalues",
                            "",
                            exact[exact.length - 1],
                            "",
                            exact[0],
                            c.largestRelativeError(),
                            c.smallestRelativeError());
                }
                rows.add(new SpectrumPicture.Row(
                        label + ": " + r.steps() + " Ritz values"
                                + (exact != null ? ", all " + exact.length + " eigenvalues in grey" : ""),
                        exact,
                        r.ritzValues(),
                        r.residuals()));
            }
        }
        Path file = out.resolve("hessian-spectrum.png");
        Pictures.writePng(SpectrumPicture.draw("Hessian spectrum of the MLP loss, symmetric log axis", rows), file);
        System.out.println();
        System.out.println("Wrote " + file);
    }
}
