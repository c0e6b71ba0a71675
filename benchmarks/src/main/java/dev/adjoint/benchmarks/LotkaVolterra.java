package dev.adjoint.benchmarks;

import dev.adjoint.Checkpointed;
import dev.adjoint.Differentiable;

/**
 * A small ODE system over a long time loop: the Lotka–Volterra predator–prey equations
 * {@code x' = αx − βxy}, {@code y' = δxy − γy}, integrated by {@code steps} explicit Euler steps of
 * length {@code h}. The objective is a smooth function of the final state; its gradient is wanted
 * with respect to the four rates and the initial state. Unmarked, the reverse mode keeps x and y
 * of every step (16 bytes a step, 16 MB for 10⁶ steps); checkpointed, about 2√steps steps' worth.
 */
public final class LotkaVolterra {
    private LotkaVolterra() {}

    /** The objective, the time loop unmarked. */
    @Differentiable(wrt = {"rates", "x0", "y0"})
    public static double plain(double[] rates, double x0, double y0, int steps, double h) {
        double alpha = rates[0], beta = rates[1], gamma = rates[2], delta = rates[3];
        double x = x0, y = y0;
        for (int s = 0; s < steps; s++) {
            double dx = alpha * x - beta * x * y;
            double dy = delta * x * y - gamma * y;
            x = x + h * dx;
            y = y + h * dy;
        }
        return x * x + 0.5 * y * y + x * y;
    }

    /** The same objective, the time loop checkpointed (segments of ⌈√steps⌉ steps). */
    @Differentiable(wrt = {"rates", "x0", "y0"})
    public static double checkpointed(double[] rates, double x0, double y0, int steps, double h) {
        double alpha = rates[0], beta = rates[1], gamma = rates[2], delta = rates[3];
        double x = x0, y = y0;
        for (@Checkpointed int s = 0; s < steps; s++) {
            double dx = alpha * x - beta * x * y;
            double dy = delta * x * y - gamma * y;
            x = x + h * dx;
            y = y + h * dy;
        }
        return x * x + 0.5 * y * y + x * y;
    }

    /** Rates for which the populations cycle: α = 1.1, β = 0.4, γ = 0.4, δ = 0.1. */
    public static double[] rates() {
        return new double[] {1.1, 0.4, 0.4, 0.1};
    }

    /** 10⁶ steps over 10 time units. */
    public static final int STEPS = 1_000_000;

    public static final double H = 1e-5;
}
