package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An element that every iteration of an inner loop reads at the same place, of an array the
 * loop does not write but a later iteration of an outer loop overwrites, is read once before the
 * inner loop ({@code InvariantReads}, under the loop's entry test) and so saved once per outer
 * iteration rather than once per inner iteration.
 */
class InvariantSavesTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Invariants {
        // c[k - 1] is read by every j iteration; c changes in the next round. With k = 0 the inner
        // loop never runs and c[-1] must never be read.
        @Differentiable(wrt = "x")
        static double rounds(double[] x, int k) {
          double[] c = new double[x.length];
          double s = 0;
          for (int r = 1; r <= 3; r++) {
            for (int i = 0; i < x.length; i++) c[i] = c[i] * 0.5 + Math.sin(x[i] * r);
            for (int j = 0; j < k; j++) s += c[k - 1] * x[j] * x[j];
          }
          return s;
        }

        // GMM's triangle: q[j] += l[.] * z[i] for j > i, z[i] invariant in the j loop
        @Differentiable(wrt = {"x", "l"})
        static double triangle(double[] x, double[] l, int points) {
          int d = x.length;
          double[] z = new double[d];
          double[] q = new double[d];
          double total = 0;
          for (int p = 0; p < points; p++) {
            for (int i = 0; i < d; i++) { z[i] = x[i] * (p + 1) - 0.3; q[i] = z[i]; }
            int at = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                q[j] = q[j] + l[at] * z[i];
                at++;
              }
            }
            for (int i = 0; i < d; i++) total += q[i] * q[i];
          }
          return total;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Invariants", name);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4})
    void savedOnceAndNeverReadWhenTheLoopDoesNotRun(int k) {
        check(method("rounds"), new double[] {0.3, -0.7, 1.1, 0.5}, k);
        check(method("rounds"), new double[] {1.3, 0.2, -0.4, 0.9, 0.1}, k);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void theTriangleOfGmm(int d) {
        double[] x = new double[d];
        double[] l = new double[d * (d - 1) / 2];
        for (int i = 0; i < d; i++) x[i] = 0.4 + 0.3 * Math.sin(i + 1);
        for (int i = 0; i < l.length; i++) l[i] = 0.2 * Math.cos(i + 2);
        check(method("triangle"), x, l, 3);
    }

    /** The triangle saves one double per (point, i), not one per (point, i, j). */
    @ParameterizedTest
    @ValueSource(ints = {6, 20})
    void oneSavePerInnerLoop(int d) throws Exception {
        Method reverse = TestCompiler.compileCached(SOURCE)
                .load("demo.InvariantsGrad")
                .getMethod("triangle", double[].class, double[].class, int.class);
        double[] x = new double[d];
        double[] l = new double[d * (d - 1) / 2];
        int points = 4;
        DoubleStack doubles = DoubleStack.forThisThread();
        doubles.resetHighWater();
        int before = doubles.size();
        reverse.invoke(null, x, l, points);
        assertEquals(before, doubles.size(), "every push popped");
        // per point: z[i] once per j loop (d of them, the last one, which never runs, saves 0),
        // and q[i] once per iteration of the squared norm (q changes with the next point); saving
        // z[i] per j iteration would add d (d - 1) / 2 - d per point
        assertEquals(points * 2 * d, doubles.highWater() - before, "doubles saved");
    }
}
