package dev.adjoint.runtime;

import static dev.adjoint.runtime.Vectors.dot;
import static dev.adjoint.runtime.Vectors.moved;
import static dev.adjoint.runtime.Vectors.norm;

/**
 * Truncated Newton (Newton–CG) in a trust region, for smooth unconstrained minimisation: the
 * Steihaug–Toint method, Nocedal and Wright, <i>Numerical Optimization</i> (2nd ed.), Algorithms
 * 7.2 and 4.1.
 *
 * <p>At each iterate x, conjugate gradients minimise the quadratic model m(p) = ∇fᵀp + ½ pᵀ∇²f p
 * inside the ball |p| ≤ Δ, touching the Hessian only through Hessian-vector products (one {@link
 * SecondOrderObjective#evaluate} per CG step), so an iteration costs a few gradient evaluations
 * whatever n is, and no n×n matrix is ever formed:
 *
 * <ul>
 *   <li><b>Stopping rule.</b> CG stops once its residual |∇²f p + ∇f| falls below η |∇f| with
 *       the forcing term η = min(½, √|∇f|): loose solves far from the minimum, ever tighter ones
 *       near it, which gives superlinear convergence (Dembo, Eisenstat and Steihaug).
 *   <li><b>Negative curvature.</b> If CG meets a direction d with dᵀ∇²f d ≤ 0 the model is
 *       unbounded below along d; CG follows d to the boundary of the trust region and stops there.
 *       A CG step that would leave the region is cut at the boundary the same way.
 *   <li><b>Trust region.</b> The step is accepted if f decreased by at least 10⁻⁴ of what the
 *       model predicted; the radius shrinks to a quarter of the step when the model predicted
 *       badly (ratio below ¼) and doubles when it predicted well (above ¾) and the step reached
 *       the boundary. The first radius is |x₀| (1 if x₀ = 0), so that it scales with the problem.
 * </ul>
 *
 * <p>The run stops when |∇f| ≤ the gradient tolerance (converged), after the iteration budget,
 * or when the radius has shrunk below rounding of x (no further progress is possible).
 */
public final class NewtonCG {

    /** A step is accepted if f decreased by at least this fraction of the predicted decrease. */
    private static final double ACCEPT = 1e-4;

    private final double gradientTolerance;
    private final int maxIterations;
    private final int maxCgIterations;

    /**
     * @param gradientTolerance stop once the Euclidean norm of the gradient is at most this
     * @param maxIterations the budget of Newton iterations
     * @param maxCgIterations the budget of CG steps (Hessian-vector products) per Newton iteration;
     *     n is always enough in exact arithmetic
     */
    public NewtonCG(double gradientTolerance, int maxIterations, int maxCgIterations) {
        this.gradientTolerance = OptimizerChecks.requirePositive(gradientTolerance, "gradientTolerance");
        if (maxIterations < 0 || maxCgIterations < 1) {
            throw new IllegalArgumentException(
                    "maxIterations must be >= 0 and maxCgIterations >= 1: " + maxIterations + ", " + maxCgIterations);
        }
        this.maxIterations = maxIterations;
        this.maxCgIterations = maxCgIterations;
    }

    /**
     * Tolerance {@code gradientTolerance}, 1,000 iterations, at most 500 CG steps each.
     *
     * @param gradientTolerance the gradient norm at which a run stops
     */
    public NewtonCG(double gradientTolerance) {
        this(gradientTolerance, 1_000, 500);
    }

    /** Why the run ended. */
    public enum Stop {
        /** The gradient norm reached the tolerance. */
        CONVERGED,
        /** The iteration budget ran out first. */
        ITERATION_BUDGET,
        /** The trust region shrank below the rounding of x: no step can decrease f any more. */
        STALLED
    }

    /**
     * Where a run ended and what it cost.
     *
     * @param x the final iterate
     * @param value f(x)
     * @param gradientNorm |∇f(x)|
     * @param iterations Newton iterations taken (one CG solve each), rejected steps included
     * @param rejectedSteps iterations whose step was rejected (the radius shrank instead)
     * @param hessianVectorProducts calls of {@link SecondOrderObjective#evaluate} (CG steps)
     * @param gradientEvaluations calls of {@link SecondOrderObjective#gradient}
     * @param functionEvaluations calls of {@link SecondOrderObjective#value}, one per trial step
     * @param negativeCurvatureIterations iterations in which CG met negative curvature
     * @param stop why the run ended
     */
    public record Result(
            double[] x,
            double value,
            double gradientNorm,
            int iterations,
            int rejectedSteps,
            int hessianVectorProducts,
            int gradientEvaluations,
            int functionEvaluations,
            int negativeCurvatureIterations,
            Stop stop) {

        /**
         * Whether the run reached the gradient tolerance.
         *
         * @return true when {@link #stop()} is {@link Stop#CONVERGED}
         */
        public boolean converged() {
            return stop == Stop.CONVERGED;
        }
    }

    /**
     * Minimises {@code f} from {@code start} (not modified).
     *
     * @param f the objective, with its gradient and Hessian-vector products
     * @param start the first iterate
     * @return where the run ended and what it cost
     */
    public Result minimize(SecondOrderObjective f, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        SecondOrderObjective.Evaluation here = f.gradient(x);
        requireLength(here.gradient(), n);
        Counts counts = new Counts();
        counts.gradients = 1;
        double radius = norm(x) > 0 ? norm(x) : 1;
        int iteration = 0;
        while (true) {
            double[] g = here.gradient();
            double gNorm = norm(g);
            if (gNorm <= gradientTolerance || iteration == maxIterations) {
                Stop stop = gNorm <= gradientTolerance ? Stop.CONVERGED : Stop.ITERATION_BUDGET;
                return result(x, here.value(), gNorm, iteration, counts, stop);
            }
            if (radius <= 0x1p-52 * (1 + norm(x))) {
                return result(x, here.value(), gNorm, iteration, counts, Stop.STALLED);
            }
            Step step = steihaugStep(f, x, g, gNorm, radius, counts);
            iteration++;
            double[] trial = new double[n];
            for (int i = 0; i < n; i++) {
                trial[i] = x[i] + step.p[i];
            }
            counts.values++;
            double actual = here.value() - f.value(trial);
            double predicted = -step.modelChange;
            double ratio = predicted > 0 ? actual / predicted : -1;
            double stepNorm = norm(step.p);
            if (ratio < 0.25) {
                radius = 0.25 * stepNorm;
            } else if (ratio > 0.75 && step.onBoundary) {
                radius = 2 * radius;
            }
            if (ratio > ACCEPT) {
                x = trial;
                here = f.gradient(x);
                counts.gradients++;
            } else {
                counts.rejected++;
            }
        }
    }

    /** A trust-region step, the model's change m(p) along it, and whether it reached |p| = Δ. */
    private record Step(double[] p, double modelChange, boolean onBoundary) {}

    /**
     * Steihaug's conjugate gradients on the model m(p) = gᵀp + ½ pᵀ∇²f p from p = 0, truncated by
     * the forcing term, by negative curvature or by the trust-region boundary. The model's value is
     * carried along: m(z + τd) = m(z) + τ rᵀd + ½ τ² dᵀ∇²f d, with r = g + ∇²f z the residual.
     */
    private Step steihaugStep(
            SecondOrderObjective f, double[] x, double[] g, double gNorm, double radius, Counts counts) {
        int n = g.length;
        double forcing = Math.min(0.5, Math.sqrt(gNorm));
        double[] z = new double[n]; // the CG iterate
        double[] r = g.clone(); // residual ∇²f z + g
        double[] d = new double[n]; // search direction
        for (int i = 0; i < n; i++) {
            d[i] = -r[i];
        }
        double rr = dot(r, r);
        double model = 0;
        for (int j = 0; j < maxCgIterations; j++) {
            double[] hd = f.evaluate(x, d).hessianTimesDirection();
            requireLength(hd, n);
            counts.hvps++;
            double curvature = dot(d, hd);
            double rd = dot(r, d);
            if (curvature <= 0) {
                counts.negativeCurvature++;
                double tau = toBoundary(z, d, radius);
                return new Step(moved(z, tau, d), model + tau * rd + 0.5 * tau * tau * curvature, true);
            }
            double a = rr / curvature;
            double[] next = moved(z, a, d);
            if (norm(next) >= radius) {
                double tau = toBoundary(z, d, radius);
                return new Step(moved(z, tau, d), model + tau * rd + 0.5 * tau * tau * curvature, true);
            }
            model += a * rd + 0.5 * a * a * curvature;
            z = next;
            for (int i = 0; i < n; i++) {
                r[i] += a * hd[i];
            }
            double rrNew = dot(r, r);
            if (Math.sqrt(rrNew) <= forcing * gNorm) {
                break;
            }
            double b = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) {
                d[i] = -r[i] + b * d[i];
            }
        }
        return new Step(z, model, false);
    }

    /** The τ ≥ 0 with |z + τ d| = Δ, for |z| < Δ: the positive root of a quadratic. */
    private static double toBoundary(double[] z, double[] d, double radius) {
        double dd = dot(d, d);
        double zd = dot(z, d);
        double zz = dot(z, z);
        double discriminant = zd * zd + dd * (radius * radius - zz);
        return (-zd + Math.sqrt(Math.max(0, discriminant))) / dd;
    }

    private static final class Counts {
        int hvps;
        int gradients;
        int values;
        int negativeCurvature;
        int rejected;
    }

    private static Result result(double[] x, double value, double gNorm, int iterations, Counts c, Stop stop) {
        return new Result(
                x, value, gNorm, iterations, c.rejected, c.hvps, c.gradients, c.values, c.negativeCurvature, stop);
    }

    private static void requireLength(double[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException("the objective returned length " + v.length + ", not " + n);
        }
    }

    @Override
    public String toString() {
        return "NewtonCG[gradientTolerance=" + gradientTolerance + ", maxIterations=" + maxIterations
                + ", maxCgIterations=" + maxCgIterations + "]";
    }
}
