package dev.adjoint.samples.lm;

import java.util.concurrent.atomic.AtomicInteger;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.FiniteDifferencesDifferentiator;
import org.hipparchus.analysis.differentiation.UnivariateDifferentiableVectorFunction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Fits a damped oscillation ({@link DampedOscillation}) to 200 noisy observations with
 * Hipparchus's {@link LevenbergMarquardtOptimizer}, twice: with the exact Jacobian the processor
 * generates from {@link DampedOscillation#residuals} ({@code DampedOscillationGrad.residualsJacobian}) and with a
 * Jacobian from Hipparchus's own {@link FiniteDifferencesDifferentiator} (a two-point central
 * difference per parameter). Prints iterations, evaluations (of the model with its Jacobian, as
 * Hipparchus counts them), calls of the residual function, and time.
 *
 * <p>Run: {@code mvn -q -pl samples -am compile -Prun
 * -Dsample.main=dev.adjoint.samples.lm.FitOscillation}.
 */
public final class FitOscillation {

    public static final int OBSERVATIONS = 200;

    public static final double NOISE = 0.05;

    public static final long SEED = 2026;

    /** The start: amplitude, decay and phase far off, the frequency within 10% (LM is local). */
    public static final double[] START = {1.0, 0.1, 2.3, 0.0};

    /**
     * The finite differences' step: near the cube root of the rounding unit (6e-6), as suits a
     * central difference.
     */
    public static final double FINITE_DIFFERENCE_STEP = 1e-6;

    private FitOscillation() {}

    /** Where the Jacobian of the residuals comes from: p ↦ ∂r/∂p ({@code m × 4}). */
    @FunctionalInterface
    public interface Jacobian {
        double[][] at(double[] p);
    }

    /**
     * A finished fit.
     *
     * @param parameters the fitted (A, λ, ω, φ)
     * @param rms the root mean square of the residuals there
     * @param iterations Levenberg–Marquardt iterations
     * @param evaluations model evaluations (value and Jacobian) Hipparchus made
     * @param residualCalls calls of {@link DampedOscillation#residuals}, finite differences included
     */
    public record Fit(double[] parameters, double rms, int iterations, int evaluations, int residualCalls) {}

    /**
     * The exact Jacobian, generated: {@code residualsJacobian} runs one forward pass per parameter
     * (four), fewer than one reverse pass per residual would need.
     */
    public static Jacobian exact(DampedOscillation.Data data) {
        return p ->
                DampedOscillationGrad.residualsJacobian(p, data.t(), data.y()).dp();
    }

    /**
     * Hipparchus's finite differences: for each parameter j, {@link FiniteDifferencesDifferentiator}
     * (2 points, step {@link #FINITE_DIFFERENCE_STEP}) differentiates t ↦ r(p with p_j = t).
     */
    public static Jacobian finiteDifferences(DampedOscillation.Data data, AtomicInteger calls) {
        FiniteDifferencesDifferentiator differentiator = new FiniteDifferencesDifferentiator(2, FINITE_DIFFERENCE_STEP);
        DSFactory oneVariable = new DSFactory(1, 1);
        return p -> {
            double[][] jacobian = new double[data.t().length][p.length];
            for (int j = 0; j < p.length; j++) {
                int column = j;
                UnivariateDifferentiableVectorFunction along = differentiator.differentiate((double value) -> {
                    double[] moved = p.clone();
                    moved[column] = value;
                    calls.incrementAndGet();
                    return DampedOscillation.residuals(moved, data.t(), data.y());
                });
                DerivativeStructure[] derivatives = along.value(oneVariable.variable(0, p[j]));
                for (int i = 0; i < derivatives.length; i++) {
                    jacobian[i][j] = derivatives[i].getPartialDerivative(1);
                }
            }
            return jacobian;
        };
    }

    /** Levenberg–Marquardt from {@link #START} with the given Jacobian. */
    public static Fit fit(DampedOscillation.Data data, Jacobian jacobian, AtomicInteger calls) {
        MultivariateJacobianFunction model = point -> {
            double[] p = point.toArray();
            calls.incrementAndGet();
            double[] r = DampedOscillation.residuals(p, data.t(), data.y());
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jacobian.at(p), false));
        };
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                .optimize(new LeastSquaresBuilder()
                        .start(START)
                        .model(model)
                        .target(new double[data.t().length]) // the model returns residuals
                        .maxEvaluations(10_000)
                        .maxIterations(10_000)
                        .lazyEvaluation(false)
                        .build());
        return new Fit(
                optimum.getPoint().toArray(),
                optimum.getRMS(),
                optimum.getIterations(),
                optimum.getEvaluations(),
                calls.get());
    }

    /** The exact-Jacobian fit, counting residual calls. */
    public static Fit fitExact(DampedOscillation.Data data) {
        return fit(data, exact(data), new AtomicInteger());
    }

    /** The finite-difference fit, counting residual calls (the differences' included). */
    public static Fit fitFiniteDifferences(DampedOscillation.Data data) {
        AtomicInteger calls = new AtomicInteger();
        return fit(data, finiteDifferences(data, calls), calls);
    }

    public static void main(String[] args) {
        DampedOscillation.Data data = DampedOscillation.noisyData(OBSERVATIONS, NOISE, SEED);
        System.out.printf(
                "y = A exp(-lambda t) cos(omega t + phi): %d observations on [0, 10]," + " noise sigma %.2f, seed %d%n",
                OBSERVATIONS, NOISE, SEED);
        System.out.printf("true  %s%nstart %s%n%n", format(DampedOscillation.TRUE_PARAMETERS), format(START));
        Fit exact = fitExact(data);
        Fit differences = fitFiniteDifferences(data);
        double exactMillis = bestMillis(() -> fitExact(data));
        double differencesMillis = bestMillis(() -> fitFiniteDifferences(data));
        System.out.printf(
                "%-34s %10s %12s %15s %10s %10s%n",
                "Jacobian", "iterations", "evaluations", "residual calls", "rms", "best (ms)");
        print("exact (generated residualsJacobian)", exact, exactMillis);
        print("Hipparchus finite differences", differences, differencesMillis);
        System.out.println();
        System.out.printf(
                "fitted (exact)       %s%nfitted (differences) %s%n",
                format(exact.parameters()), format(differences.parameters()));
    }

    private static void print(String name, Fit fit, double millis) {
        System.out.printf(
                "%-34s %10d %12d %15d %10.5f %10.3f%n",
                name, fit.iterations(), fit.evaluations(), fit.residualCalls(), fit.rms(), millis);
    }

    private static String format(double[] p) {
        return String.format("A = %.5f, lambda = %.5f, omega = %.5f, phi = %.5f", p[0], p[1], p[2], p[3]);
    }

    private static double bestMillis(Runnable run) {
        for (int i = 0; i < 50; i++) {
            run.run();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 50; i++) {
            long started = System.nanoTime();
            run.run();
            best = Math.min(best, (System.nanoTime() - started) / 1e6);
        }
        return best;
    }
}
