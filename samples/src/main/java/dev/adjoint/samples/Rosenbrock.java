package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/**
 * The Rosenbrock "banana" function {@code f(x, y) = (1 - x)^2 + 100 (y - x^2)^2}, the classic
 * test of an optimiser: its minimum {@code f(1, 1) = 0} lies at the bottom of a long, narrow,
 * curved valley where the gradient points almost across the valley rather than along it.
 *
 * <p>Only the function is written here. The annotation processor reads its body as a
 * computational graph and generates {@link RosenbrockGrad}:
 *
 * <ul>
 *   <li>{@code RosenbrockGrad.rosenbrock(x, y)} — forward-propagation to the value, then
 *       back-propagation through the graph: returns {@code Rosenbrock(value, dx, dy)};
 *   <li>{@code RosenbrockGrad.rosenbrockTangent(x, dx, y, dy)} — forward mode: the value and the
 *       derivative along the direction {@code (dx, dy)}, as a {@code Dual}.
 * </ul>
 */
public final class Rosenbrock {

    private Rosenbrock() {}

    /** Rosenbrock's function with {@code a = 1, b = 100}. */
    @Differentiable
    static double rosenbrock(double x, double y) {
        double a = 1 - x;
        double b = y - x * x;
        return a * a + 100 * b * b;
    }
}
