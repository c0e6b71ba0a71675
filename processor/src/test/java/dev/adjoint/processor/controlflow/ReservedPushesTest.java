package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Before a counted loop, the forward sweep reserves stack room for every value the loop's body
 * saves, so those saves print without a check for a full stack. An inner loop that saves
 * nothing leaves the reservation valid (GMM's triangle); one that saves values does not.
 */
class ReservedPushesTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Triangles {
        // the inner loop saves nothing; the outer one saves xs[i] each i, and its running index once after it
        @Differentiable
        static double triangle(double[] l, double[] x) {
          int n = x.length;
          double[] xs = new double[n];
          double[] y = new double[n];
          double s = 0;
          for (int r = 0; r < 2; r++) {
            for (int i = 0; i < n; i++) xs[i] = x[i] * (1 + r);
            for (int i = 0; i < n; i++) y[i] = xs[i];
            int at = 0;
            for (int i = 0; i < n; i++) {
              for (int j = i + 1; j < n; j++) {
                y[j] = y[j] + l[at] * xs[i];
                at++;
              }
            }
            for (int i = 0; i < n; i++) s += y[i] * y[i];
          }
          return s;
        }

        // the inner loop saves the carried product each iteration: the outer saves keep their check
        @Differentiable
        static double nestedProducts(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double p = 1;
            for (int j = 0; j <= i; j++) p = p * x[j] + 0.1;
            s = s * x[i] + p;
          }
          return s;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Triangles", name);
    }

    /** Compares the reverse methods {@code methods} with the golden file {@code golden/controlflow/<name>.java.txt}. */
    private static void assertGolden(String name, String... methods) {
        GoldenFile.assertMethodsMatch(
                "controlflow/" + name + ".java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.TrianglesGrad"),
                methods);
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.3 * i + phase);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 7})
    void gradientsMatchFiniteDifferences(int n) {
        check(method("triangle"), data(Math.max(1, n * (n - 1) / 2), 0.2), data(n, 0.9));
        check(method("nestedProducts"), (Object) data(n, 0.4));
    }

    /**
     * On a fresh thread, whose stacks start small, the reservations are what makes room: a
     * reservation one value short would write past the stack's end.
     */
    @Test
    void reservedRoomHoldsWhenTheStacksGrow() throws InterruptedException {
        int n = 40;
        Throwable[] failure = new Throwable[1];
        Thread fresh = new Thread(() -> {
            try {
                check(method("triangle"), data(n * (n - 1) / 2, 0.3), data(n, 0.6));
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        fresh.start();
        fresh.join();
        if (failure[0] != null) throw new AssertionError("on a fresh thread", failure[0]);
    }

    /**
     * Golden file {@code ReservedPushes}: the outer triangle loop saves a double per iteration and
     * an int after it, all reserved before the loop ({@code doubles.reserve}, {@code ints.reserve}),
     * with no per-push check ({@code grow}).
     */
    @Test
    @Tag("golden")
    void savesAroundAnInnerLoopThatSavesNothingAreReserved() {
        assertGolden("ReservedPushes", "triangle");
    }

    /** Golden file {@code ReservedPushesChecked}: each push keeps its check ({@code doubles.grow()}). */
    @Test
    @Tag("golden")
    void savesAroundAnInnerLoopThatSavesKeepTheirCheck() {
        assertGolden("ReservedPushesChecked", "nestedProducts");
    }
}
