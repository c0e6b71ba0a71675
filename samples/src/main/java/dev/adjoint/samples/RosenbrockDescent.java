package dev.adjoint.samples;

import dev.adjoint.runtime.GradientCheck;

/**
 * Minimises {@link Rosenbrock#rosenbrock} by gradient descent, with the gradient computed by the
 * generated {@code RosenbrockGrad.rosenbrock(x, y)} (back-propagation through the function's
 * computational graph) and nothing differentiated by hand.
 *
 * <p>Each iteration steps along the negative gradient; the step length comes from a
 * backtracking line search with the Armijo (sufficient decrease) condition: try twice the
 * previous step, halve it until {@code f(p - t g) <= f(p) - c t |g|^2}. Steepest descent is
 * slow in Rosenbrock's curved valley — many thousands of iterations — but each iteration costs
 * one reverse-mode call and a couple of function evaluations, so it still takes milliseconds.
 *
 * <p>Run from the repository root with {@code mvn -q -pl samples -am compile -Prun}; pass an
 * iteration budget with {@code -Dexec.args=5000}.
 */
public final class RosenbrockDescent {

    /** The starting point used in the literature since Rosenbrock (1960). */
    public static final double START_X = -1.2;

    public static final double START_Y = 1.0;

    /** Default iteration budget; the descent from the standard start needs about 27,000. */
    public static final int DEFAULT_BUDGET = 100_000;

    /** Stop once the gradient's Euclidean norm falls to this. */
    public static final double GRADIENT_TOLERANCE = 1e-10;

    private static final double ARMIJO_C = 1e-4;

    private static final double INITIAL_STEP = 1e-3;

    private RosenbrockDescent() {}

    /**
     * Where the descent stopped.
     *
     * @param x the final x
     * @param y the final y
     * @param value f(x, y) there
     * @param gradientNorm |∇f(x, y)| there
     * @param iterations descent steps taken
     * @param gradientEvaluations calls of the generated reverse mode
     * @param functionEvaluations extra evaluations of f made by the line search
     * @param converged whether the gradient norm reached {@link #GRADIENT_TOLERANCE} within budget
     */
    public record Result(
            double x,
            double y,
            double value,
            double gradientNorm,
            int iterations,
            int gradientEvaluations,
            int functionEvaluations,
            boolean converged) {}

    /** Receives the state at the iterations the caller wants to see. */
    @FunctionalInterface
    public interface Progress {
        /** {@code step} is the line search's step that led here; NaN at iteration 0. */
        void report(int iteration, double x, double y, double value, double gradientNorm, double step);
    }

    /** Descends from {@code (x0, y0)} for at most {@code maxIterations} steps, silently. */
    public static Result descend(double x0, double y0, int maxIterations) {
        return descend(x0, y0, maxIterations, GRADIENT_TOLERANCE, (i, x, y, f, g, t) -> {});
    }

    /**
     * Gradient descent with Armijo backtracking from {@code (x0, y0)}. {@code progress} is told
     * about iteration 0 and every iteration on the 1-2-5 scale (1, 2, 5, 10, 20, 50, …).
     */
    public static Result descend(double x0, double y0, int maxIterations, double gradientTolerance, Progress progress) {
        double x = x0;
        double y = y0;
        RosenbrockGrad.Rosenbrock here = RosenbrockGrad.rosenbrock(x, y); // value and gradient
        int gradients = 1;
        int functions = 0;
        double step = INITIAL_STEP;
        double lastStep = Double.NaN;
        int iteration = 0;
        while (true) {
            double g2 = here.dx() * here.dx() + here.dy() * here.dy();
            double gradientNorm = Math.sqrt(g2);
            boolean converged = gradientNorm <= gradientTolerance;
            if (isReported(iteration)) {
                progress.report(iteration, x, y, here.value(), gradientNorm, lastStep);
            }
            if (converged || iteration == maxIterations) {
                return new Result(x, y, here.value(), gradientNorm, iteration, gradients, functions, converged);
            }
            // Backtracking line search along -grad: grow the step a little, then shrink until the
            // Armijo condition holds. The function value alone is enough here; no gradient needed.
            double t = 2 * step;
            double nx;
            double ny;
            while (true) {
                nx = x - t * here.dx();
                ny = y - t * here.dy();
                functions++;
                if (Rosenbrock.rosenbrock(nx, ny) <= here.value() - ARMIJO_C * t * g2) {
                    break;
                }
                t *= 0.5;
            }
            step = t;
            lastStep = t;
            x = nx;
            y = ny;
            here = RosenbrockGrad.rosenbrock(x, y);
            gradients++;
            iteration++;
        }
    }

    /** 0, 1, 2, 5, 10, 20, 50, 100, …: a readable trace of a long run. */
    private static boolean isReported(int iteration) {
        if (iteration == 0) {
            return true;
        }
        int n = iteration;
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1 || n == 2 || n == 5;
    }

    public static void main(String[] args) {
        int budget = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : DEFAULT_BUDGET;

        System.out.println("Rosenbrock f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, minimum f(1, 1) = 0");
        System.out.println();
        System.out.println("Generated gradient RosenbrockGrad.rosenbrock vs central differences at the start:");
        double[] start = {START_X, START_Y};
        RosenbrockGrad.Rosenbrock atStart = RosenbrockGrad.rosenbrock(START_X, START_Y);
        GradientCheck.Report check = GradientCheck.gradient(
                p -> Rosenbrock.rosenbrock(p[0], p[1]), start, new double[] {atStart.dx(), atStart.dy()});
        System.out.print(check); // the report's table ends with a newline
        System.out.println();

        System.out.printf(
                "Gradient descent with backtracking (Armijo) line search from (%.1f, %.1f),"
                        + " budget %,d iterations:%n",
                START_X, START_Y, budget);
        System.out.printf("%10s  %14s  %14s  %12s  %12s  %10s%n", "iteration", "x", "y", "f", "|grad|", "last step");
        long started = System.nanoTime();
        Result r = descend(
                START_X,
                START_Y,
                budget,
                GRADIENT_TOLERANCE,
                (i, x, y, f, g, t) -> System.out.printf(
                        "%,10d  %14.10f  %14.10f  %12.4e  %12.4e  %10s%n",
                        i, x, y, f, g, Double.isNaN(t) ? "-" : String.format("%.3e", t)));
        double millis = (System.nanoTime() - started) / 1e6;
        System.out.println();
        System.out.printf(
                "%s after %,d iterations (%,d reverse-mode gradients, %,d line-search evaluations," + " %.1f ms):%n",
                r.converged() ? "Converged" : "Stopped at the iteration budget",
                r.iterations(),
                r.gradientEvaluations(),
                r.functionEvaluations(),
                millis);
        System.out.printf(
                "(x, y) = (%.12f, %.12f), f = %.3e, |grad| = %.3e%n", r.x(), r.y(), r.value(), r.gradientNorm());
    }
}
