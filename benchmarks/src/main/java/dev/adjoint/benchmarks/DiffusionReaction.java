package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * An explicit solver of the 1-D diffusion–reaction equation {@code u_t = D u_xx + r u (1 - u)}
 * (Fisher–KPP) on {@code n} cells with fixed boundary values, {@code steps} forward Euler steps,
 * written the way such a solver is first written: each step computes {@code next} from {@code u}
 * and copies the new state back. The loss is the sum of squares of the final state against a
 * target; it is differentiated with respect to the initial state, {@code D} and {@code r}.
 *
 * <p>Written independently of the processor's rules, as issue 17 asks: the reverse mode must keep
 * the trajectory (or recompute it); the hand-written gradient keeps it once, {@code (steps + 1) · n}
 * doubles.
 */
public final class DiffusionReaction {
    private DiffusionReaction() {}

    /** The loss after {@code steps} Euler steps, the new state copied back into {@code u} each step. */
    @Differentiable(wrt = {"u0", "d", "r"})
    public static double copyBack(double[] u0, double d, double r, double[] target, int steps, double dt, double dx) {
        int n = u0.length;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = u0[i];
        }
        double[] next = new double[n];
        double c = d * dt / (dx * dx);
        for (int s = 0; s < steps; s++) {
            next[0] = u[0];
            next[n - 1] = u[n - 1];
            for (int i = 1; i < n - 1; i++) {
                next[i] = u[i] + c * (u[i - 1] - 2 * u[i] + u[i + 1]) + dt * r * u[i] * (1 - u[i]);
            }
            for (int i = 0; i < n; i++) {
                u[i] = next[i];
            }
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double e = u[i] - target[i];
            loss += e * e;
        }
        return loss;
    }

    /**
     * The same solver with two buffers swapped each step ({@code double[] t = u; u = next; next = t;}),
     * the other way it is first written: no copy, one buffer is the state, the other the scratch.
     */
    @Differentiable(wrt = {"u0", "d", "r"})
    public static double swapped(double[] u0, double d, double r, double[] target, int steps, double dt, double dx) {
        int n = u0.length;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = u0[i];
        }
        double[] next = new double[n];
        double c = d * dt / (dx * dx);
        for (int s = 0; s < steps; s++) {
            next[0] = u[0];
            next[n - 1] = u[n - 1];
            for (int i = 1; i < n - 1; i++) {
                next[i] = u[i] + c * (u[i - 1] - 2 * u[i] + u[i + 1]) + dt * r * u[i] * (1 - u[i]);
            }
            double[] t = u;
            u = next;
            next = t;
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double e = u[i] - target[i];
            loss += e * e;
        }
        return loss;
    }

    /**
     * The hand-written gradient: the forward sweep keeps the trajectory once ({@code trajectory}
     * holds {@code (steps + 1) · n} doubles), the backward sweep runs the steps' adjoints from the
     * last to the first. Writes ∂loss/∂u0 into {@code gradU0}; returns {value, ∂loss/∂D, ∂loss/∂r}.
     * {@code scratch} holds {@code n} doubles.
     */
    public static double[] handGradient(
            double[] u0,
            double d,
            double r,
            double[] target,
            int steps,
            double dt,
            double dx,
            double[] gradU0,
            double[] trajectory,
            double[] scratch) {
        int n = u0.length;
        double c = d * dt / (dx * dx);
        System.arraycopy(u0, 0, trajectory, 0, n);
        for (int s = 0; s < steps; s++) {
            int from = s * n;
            int to = from + n;
            trajectory[to] = trajectory[from];
            trajectory[to + n - 1] = trajectory[from + n - 1];
            for (int i = 1; i < n - 1; i++) {
                double ui = trajectory[from + i];
                trajectory[to + i] = ui
                        + c * (trajectory[from + i - 1] - 2 * ui + trajectory[from + i + 1])
                        + dt * r * ui * (1 - ui);
            }
        }
        // two buffers of n adjoints, swapped each step, chosen so that the last one written is gradU0
        double[] x = (steps % 2 == 0) ? gradU0 : scratch;
        double[] y = (steps % 2 == 0) ? scratch : gradU0;
        int last = steps * n;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double e = trajectory[last + i] - target[i];
            loss += e * e;
            x[i] = 2 * e;
        }
        double cBar = 0;
        double rBar = 0;
        for (int s = steps - 1; s >= 0; s--) {
            int from = s * n;
            // x holds the adjoint of the state after step s; y gets the adjoint of the state before it
            y[0] = x[0];
            y[n - 1] = x[n - 1];
            for (int i = 1; i < n - 1; i++) {
                y[i] = 0;
            }
            for (int i = 1; i < n - 1; i++) {
                double nb = x[i];
                double left = trajectory[from + i - 1];
                double ui = trajectory[from + i];
                double right = trajectory[from + i + 1];
                cBar += nb * (left - 2 * ui + right);
                rBar += nb * dt * ui * (1 - ui);
                y[i - 1] += c * nb;
                y[i] += nb * (1 - 2 * c + dt * r * (1 - 2 * ui));
                y[i + 1] += c * nb;
            }
            double[] t = x;
            x = y;
            y = t;
        }
        return new double[] {loss, cBar * dt / (dx * dx), rBar};
    }

    /** Doubles the hand-written gradient's trajectory holds. */
    public static int trajectoryLength(int n, int steps) {
        return (steps + 1) * n;
    }

    /** A problem: {@code n} cells, a bump of initial state and a smoother target. */
    public record Data(double[] u0, double d, double r, double[] target, int steps, double dt, double dx) {
        /** Stable for {@code D dt / dx² ≤ 1/2}: D = 0.1, dx = 1/n, dt = 0.4 dx² / D. */
        public static Data of(int n, int steps) {
            double dx = 1.0 / n;
            double d = 0.1;
            double dt = 0.4 * dx * dx / d;
            double[] u0 = new double[n];
            double[] target = new double[n];
            for (int i = 0; i < n; i++) {
                double x = (i + 0.5) * dx;
                u0[i] = 0.2 + 0.6 * Math.exp(-40 * (x - 0.4) * (x - 0.4)) + 0.01 * Math.sin(7 * i);
                target[i] = 0.3 + 0.2 * Math.sin(Math.PI * x);
            }
            return new Data(u0, d, 1.5, target, steps, dt, dx);
        }

        public double copyBack() {
            return DiffusionReaction.copyBack(u0, d, r, target, steps, dt, dx);
        }

        /** The parameters as one vector: the initial state, then D, then r. */
        public double[] all() {
            double[] w = java.util.Arrays.copyOf(u0, u0.length + 2);
            w[u0.length] = d;
            w[u0.length + 1] = r;
            return w;
        }

        /** The loss at {@code w} (as {@link #all()} lays it out), through {@code copyBack} or {@code swapped}. */
        public double loss(double[] w, boolean swappedBuffers) {
            double[] start = java.util.Arrays.copyOf(w, u0.length);
            double dw = w[u0.length], rw = w[u0.length + 1];
            return swappedBuffers
                    ? DiffusionReaction.swapped(start, dw, rw, target, steps, dt, dx)
                    : DiffusionReaction.copyBack(start, dw, rw, target, steps, dt, dx);
        }
    }
}
