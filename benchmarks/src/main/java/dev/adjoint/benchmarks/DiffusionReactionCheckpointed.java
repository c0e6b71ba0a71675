package dev.adjoint.benchmarks;

import dev.adjoint.Checkpointed;
import dev.adjoint.Differentiable;

/**
 * {@link DiffusionReaction}'s two solvers with their time loop marked {@code @Checkpointed}, and
 * nothing else changed: the reverse mode keeps a snapshot of the state every ⌈√steps⌉ steps and
 * runs each segment again in its backward sweep, so its stacks hold O(√steps · n) doubles instead
 * of O(steps · n). The gradients are the unmarked solvers' (DiffusionReactionTest, CheckpointingTest).
 */
public final class DiffusionReactionCheckpointed {
    private DiffusionReactionCheckpointed() {}

    /** {@link DiffusionReaction#copyBack}, checkpointed. */
    @Differentiable(wrt = {"u0", "d", "r"})
    public static double copyBack(double[] u0, double d, double r, double[] target, int steps, double dt, double dx) {
        int n = u0.length;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = u0[i];
        }
        double[] next = new double[n];
        double c = d * dt / (dx * dx);
        for (@Checkpointed int s = 0; s < steps; s++) {
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

    /** {@link DiffusionReaction#swapped}, checkpointed. */
    @Differentiable(wrt = {"u0", "d", "r"})
    public static double swapped(double[] u0, double d, double r, double[] target, int steps, double dt, double dx) {
        int n = u0.length;
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = u0[i];
        }
        double[] next = new double[n];
        double c = d * dt / (dx * dx);
        for (@Checkpointed int s = 0; s < steps; s++) {
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
}
