package dev.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.Dual;
import dev.adjoint.runtime.GradientCheck;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RosenbrockTest {

    private static final ToDoubleFunction<double[]> F = p -> Rosenbrock.rosenbrock(p[0], p[1]);

    @ParameterizedTest
    @CsvSource({"-1.2, 1.0", "0, 0", "1, 1", "0.5, -0.3", "2, 3", "-0.7, 0.49", "1.1, 1.21"})
    void generatedGradientAgreesWithCentralDifferences(double x, double y) {
        RosenbrockGrad.Rosenbrock r = RosenbrockGrad.rosenbrock(x, y);
        GradientCheck.gradient(F, new double[] {x, y}, new double[] {r.dx(), r.dy()})
                .assertPassed();
    }

    @ParameterizedTest
    @CsvSource({"-1.2, 1.0", "0, 0", "1, 1", "0.5, -0.3", "2, 3", "-0.7, 0.49", "1.1, 1.21"})
    void valuesEqualTheOriginalMethod(double x, double y) {
        assertEquals(
                Rosenbrock.rosenbrock(x, y), RosenbrockGrad.rosenbrock(x, y).value(), 0.0);
        assertEquals(
                Rosenbrock.rosenbrock(x, y),
                RosenbrockGrad.rosenbrockTangent(x, 0.3, y, -0.4).value(),
                0.0);
    }

    @ParameterizedTest
    @CsvSource({
        "-1.2, 1.0, 1, 0",
        "-1.2, 1.0, 0, 1",
        "-1.2, 1.0, 0.6, 0.8",
        "0.5, -0.3, -3, 2",
        "2, 3, 0.001, -0.002",
        "1, 1, 1, 1",
        "-0.7, 0.49, 0, 0"
    })
    void forwardTangentIsGradientDotDirection(double x, double y, double dx, double dy) {
        RosenbrockGrad.Rosenbrock r = RosenbrockGrad.rosenbrock(x, y);
        Dual dual = RosenbrockGrad.rosenbrockTangent(x, dx, y, dy);
        double dot = r.dx() * dx + r.dy() * dy;
        double scale = Math.abs(r.dx() * dx) + Math.abs(r.dy() * dy);
        assertEquals(dot, dual.tangent(), 1e-14 * Math.max(1, scale));
        GradientCheck.directional(F, new double[] {x, y}, new double[] {dx, dy}, dual.tangent())
                .assertPassed();
    }

    @Test
    void knownValues() {
        // At the minimum the gradient vanishes.
        RosenbrockGrad.Rosenbrock atMinimum = RosenbrockGrad.rosenbrock(1, 1);
        assertEquals(0.0, atMinimum.value(), 0.0);
        assertEquals(0.0, atMinimum.dx(), 0.0);
        assertEquals(0.0, atMinimum.dy(), 0.0);
        // At the origin f = 1 and grad f = (-2, 0).
        RosenbrockGrad.Rosenbrock atOrigin = RosenbrockGrad.rosenbrock(0, 0);
        assertEquals(1.0, atOrigin.value(), 0.0);
        assertEquals(-2.0, atOrigin.dx(), 0.0);
        assertEquals(0.0, atOrigin.dy(), 0.0);
        // At the standard start (-1.2, 1): f = 24.2, grad f = (-215.6, -88).
        RosenbrockGrad.Rosenbrock atStart = RosenbrockGrad.rosenbrock(-1.2, 1.0);
        assertEquals(24.2, atStart.value(), 1e-12);
        assertEquals(-215.6, atStart.dx(), 1e-12);
        assertEquals(-88.0, atStart.dy(), 1e-12);
    }
}
