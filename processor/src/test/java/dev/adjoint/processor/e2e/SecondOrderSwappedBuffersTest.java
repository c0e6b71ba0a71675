package dev.adjoint.processor.e2e;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code order = 2} with swapped buffers (array variables a loop exchanges): the loop carries its
 * phase and the array read after it, and the adjoint array added into there, are chosen by phase.
 * Forward over reverse chooses their tangent arrays alike, and both adjoint arrays of a choice
 * have tangents (analysis/Activity.java); before, an addition into a chosen adjoint array lost
 * its tangent, and the Hessian its terms ({@code accumulated}, shrunk from a random program of
 * seed 1504). {@link HessianCheck} checks each Hessian against central differences of the
 * gradient, its symmetry, and {@code mHvp} against Hessian · v.
 */
class SecondOrderSwappedBuffersTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Swaps {
        /** Found by the random programs: the array after the loop is chosen by phase, and so is its adjoint. */
        @Differentiable(order = 2)
        static double accumulated(double z) {
          double[] buf = new double[3];
          double[] acc = new double[3];
          for (int j = 0; j < 3; ++j) {
            for (int l = 0; l < acc.length; ++l) acc[l] = 0.5 * buf[l] + 0.25 * buf[buf.length - 1 - l] + Math.tanh(z);
            double[] tmp = buf;
            buf = acc;
            acc = tmp;
          }
          return acc[1] * acc[1] + Math.log(1 + buf[0] * buf[0]);
        }

        @Differentiable(order = 2)
        static double squares(double z, double[] w) {
          double[] buf = new double[3];
          double[] acc = new double[3];
          for (int j = 0; j < 2; ++j) {
            for (int l = 0; l < acc.length; ++l) acc[l] = buf[l] * buf[l] * w[l] + z;
            double[] tmp = buf;
            buf = acc;
            acc = tmp;
          }
          return acc[1] * buf[2];
        }

        /** An explicit smoother, as solvers are written; steps decides the phase the loop ends in. */
        @Differentiable(order = 2)
        static double smoothed(double[] u0, int steps) {
          int n = u0.length;
          double[] u = u0.clone();
          double[] next = new double[n];
          for (int s = 0; s < steps; s++) {
            for (int i = 1; i < n - 1; i++) {
              next[i] = u[i] + 0.25 * (u[i - 1] - 2 * u[i] + u[i + 1]) * u[i];
            }
            double[] t = u;
            u = next;
            next = t;
          }
          return u[n / 2] * u[n / 2];
        }

        /** Three buffers rotated, in a callee of an order-2 method. */
        @Differentiable
        static double rotated(double x) {
          double[] a = {x, 2 * x};
          double[] b = new double[2];
          double[] c = new double[2];
          for (int s = 0; s < 4; s++) {
            c[0] = a[0] * a[1] + b[1];
            c[1] = Math.sin(a[1]) + x;
            double[] t = a;
            a = c;
            c = b;
            b = t;
          }
          return a[0] + b[1] * c[0];
        }

        @Differentiable(order = 2)
        static double caller(double x, double y) {
          return y * rotated(x * y);
        }
      }
      """;

    static Stream<Arguments> points() {
        double[] u0 = {0.3, 0.5, -0.2, 0.8, 0.1};
        return Stream.of(
                Arguments.of("accumulated", new Object[] {0.14}),
                Arguments.of("accumulated", new Object[] {-0.6}),
                Arguments.of("squares", new Object[] {0.3, new double[] {0.4, -0.7, 1.1}}),
                Arguments.of("smoothed", new Object[] {u0, 0}),
                Arguments.of("smoothed", new Object[] {u0, 1}),
                Arguments.of("smoothed", new Object[] {u0, 2}),
                Arguments.of("smoothed", new Object[] {u0, 5}),
                Arguments.of("caller", new Object[] {0.4, 0.9}),
                Arguments.of("caller", new Object[] {-0.3, 0.6}));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("points")
    void hessianAndHvpAgreeWithFiniteDifferencesAndWithEachOther(String method, Object[] args) {
        HessianCheck.check(Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Swaps", method), args);
    }
}
