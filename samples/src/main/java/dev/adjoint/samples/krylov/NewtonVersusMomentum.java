package dev.adjoint.samples.krylov;

import dev.adjoint.runtime.Momentum;
import dev.adjoint.runtime.NewtonCG;

/**
 * Newton–CG against gradient descent with momentum on extended Rosenbrock, n = 1,000, both to a
 * gradient norm of 10⁻⁸ from the standard start: iterations, derivative evaluations and time.
 *
 * <p>Momentum uses the generated gradient alone, with a fixed step whose largest stable value is
 * set by the Hessian's largest eigenvalue (about 2,500 near the start) while progress along the
 * valley is set by its smallest (0.4 at the minimum). To be fair to it, the sample tries every
 * pair of a small grid of steps and decays ({@link #LEARNING_RATES} × {@link #DECAYS}) and
 * reports the fastest that converges; untuned choices need 10 to 50 times more iterations.
 * Newton–CG rescales by the curvature it measures through Hessian-vector products and needs no
 * tuning.
 *
 * <p>Run: {@code mvn -q -pl samples -am compile -Prun
 * -Dsample.main=dev.adjoint.samples.krylov.NewtonVersusMomentum} (optional argument: the
 * momentum iteration budget per grid point, default 200,000).
 */
public final class NewtonVersusMomentum {

    /** n, the number of unknowns. */
    public static final int N = 1000;

    public static final double GRADIENT_TOLERANCE = 1e-8;

    /** The momentum steps η tried. */
    static final double[] LEARNING_RATES = {2.5e-4, 5e-4, 1e-3, 2e-3, 4e-3};

    /** The momentum decays μ tried. */
    static final double[] DECAYS = {0.9, 0.95, 0.97, 0.99};

    private NewtonVersusMomentum() {}

    /** How far heavy-ball momentum got. */
    public record MomentumRun(
            double[] x, double value, double gradientNorm, int iterations, double learningRate, double decay) {

        boolean converged() {
            return gradientNorm <= GRADIENT_TOLERANCE;
        }
    }

    /** Momentum from the standard start until |∇f| ≤ tolerance or the budget runs out. */
    public static MomentumRun momentum(int n, int budget, double learningRate, double decay) {
        double[] x = ExtendedRosenbrock.start(n);
        Momentum optimizer = new Momentum(learningRate, decay);
        for (int iteration = 0; ; iteration++) {
            ExtendedRosenbrockGrad.Value g = ExtendedRosenbrockGrad.value(x);
            double norm = norm(g.dx());
            if (norm <= GRADIENT_TOLERANCE || iteration == budget || !Double.isFinite(norm)) {
                return new MomentumRun(x, g.value(), norm, iteration, learningRate, decay);
            }
            optimizer.step(x, g.dx());
        }
    }

    /** The grid point that converges in the fewest iterations, or null if none converges. */
    public static MomentumRun bestMomentum(int n, int budget) {
        MomentumRun best = null;
        for (double learningRate : LEARNING_RATES) {
            for (double decay : DECAYS) {
                MomentumRun run = momentum(n, budget, learningRate, decay);
                if (run.converged() && (best == null || run.iterations() < best.iterations())) {
                    best = run;
                }
            }
        }
        return best;
    }

    public static void main(String[] args) {
        int budget = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 200_000;
        System.out.printf(
                "Extended Rosenbrock, n = %,d, from (-1.2, 1, ...), to |grad| <= %.0e%n%n", N, GRADIENT_TOLERANCE);

        MomentumRun tuned = bestMomentum(N, budget);
        if (tuned == null) {
            System.out.println("No momentum setting of the grid converged within " + budget);
            return;
        }
        NewtonCG newtonCg = new NewtonCG(GRADIENT_TOLERANCE);
        NewtonCG.Result newton = newtonCg.minimize(ExtendedRosenbrock.objective(), ExtendedRosenbrock.start(N));
        MomentumRun heavyBall = momentum(N, budget, tuned.learningRate(), tuned.decay());
        // each time is the best of TIMED_RUNS runs after as many warm-up runs, so that it measures
        // compiled code rather than the JIT
        double newtonMillis =
                bestMillis(() -> newtonCg.minimize(ExtendedRosenbrock.objective(), ExtendedRosenbrock.start(N)));
        double momentumMillis = bestMillis(() -> momentum(N, budget, tuned.learningRate(), tuned.decay()));

        System.out.printf("%-36s %11s %16s %11s %10s%n", "method", "iterations", "evaluations", "|grad|", "best (ms)");
        System.out.printf(
                "%-36s %,11d %16s %11.3e %10.1f%n",
                "Newton-CG (trust region)",
                newton.iterations(),
                String.format("%d g + %d Hv", newton.gradientEvaluations(), newton.hessianVectorProducts()),
                newton.gradientNorm(),
                newtonMillis);
        System.out.printf(
                "%-36s %,11d %16s %11.3e %10.1f%n",
                String.format("momentum (eta %.1e, mu %.2f)", heavyBall.learningRate(), heavyBall.decay()),
                heavyBall.iterations(),
                String.format("%,d g", heavyBall.iterations() + 1),
                heavyBall.gradientNorm(),
                momentumMillis);
        System.out.println();
        System.out.printf(
                "Newton-CG: %s; %d of %d steps rejected, negative curvature in %d;" + " f = %.3e%n",
                newton.stop(),
                newton.rejectedSteps(),
                newton.iterations(),
                newton.negativeCurvatureIterations(),
                newton.value());
        System.out.printf(
                "Momentum: the fastest of %d (eta, mu) pairs that converge; f = %.3e%n",
                LEARNING_RATES.length * DECAYS.length, heavyBall.value());
        System.out.println("(H.v from the generated ExtendedRosenbrockGrad.valueHvp, forward over reverse.)");
    }

    private static final int TIMED_RUNS = 20;

    private static double bestMillis(Runnable run) {
        for (int i = 0; i < TIMED_RUNS; i++) {
            run.run();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < TIMED_RUNS; i++) {
            long started = System.nanoTime();
            run.run();
            best = Math.min(best, (System.nanoTime() - started) / 1e6);
        }
        return best;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
