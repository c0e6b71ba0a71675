package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.IntStack;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A running index that each iteration advances by an amount the backward sweep can compute
 * again (GMM's {@code lparamsidx}: the inner loop's trip count) is not saved per iteration:
 * the forward sweep saves the value it ended with, and the backward sweep subtracts the
 * advances in reverse. An index advanced by data is still saved each iteration.
 */
class RunningIndexTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Running {
        // advanced by the inner loop's trip count, read inside and after the inner loop
        @Differentiable
        static double triangle(double[] l, double[] x, int n) {
          double s = 0;
          int at = 0;
          for (int i = 0; i < n; i++) {
            double t = x[i];
            for (int j = i + 1; j < n; j++) {
              t = t + l[at] * x[j];
              at++;
            }
            s = s * x[i] + t * t * l[at % l.length];
          }
          return s;
        }

        // GMM's shape: the triangle inside an outer loop, whose backward sweep recomputes it
        @Differentiable
        static double nested(double[] l, double[] x, int n) {
          double[] y = new double[n];
          double s = 0;
          for (int r = 0; r < 3; r++) {
            for (int i = 0; i < n; i++) y[i] = x[i] * (1 + r);
            int at = 0;
            for (int i = 0; i < n; i++) {
              for (int j = i + 1; j < n; j++) {
                y[j] = y[j] + l[at] * x[i];
                at++;
              }
            }
            for (int i = 0; i < n; i++) s = s * 0.5 + y[i] * y[i] * s;
            s = s + 1;
          }
          return s;
        }

        // inner steps of 2, a descending inner loop, <= bounds, and direct advances by the counter
        @Differentiable
        static double mixed(double[] l, double[] x, int n) {
          double s = 0;
          int at = 1;
          int back = 3 * n * n;
          for (int i = 0; i < n; i++) {
            for (int j = n - 1; j > i; j--) {
              s = s + Math.sin(l[at % l.length] * x[j]) * l[back % l.length];
              at += 2;
            }
            for (int j = 0; j <= i; j++) back--;
            at = at + i - 1;
            s = s * x[i] + l[(at + back) % l.length];
          }
          return s;
        }

        // found by fuzzing (seed 921): an int no iteration changes (i++ is never reached) is
        // taken as the loop's initial value, not saved; the emitter had no name for its end value
        @Differentiable
        static double unchanged(int i, double x) {
          int steps = 0;
          while (steps < 2) {
            steps++;
            for (int j = 0; j <= 2; j++) {
              if (1 > 0) {
                x = x * (1 + 0.1 * i);
                continue;
              }
              i++;
              x = 1;
            }
          }
          return x;
        }

        // found by fuzzing (seed 922): the index is read after the loop too; its end value was
        // saved from a second output of the loop, which the emitter had no name for
        @Differentiable
        static double readAfter(int i, double[] v) {
          for (double val : v) {
            for (double elem : v) {
              i -= 1;
            }
            v[0] *= 1.5;
          }
          return i * v[2];
        }

        // advanced by a value the data decides: saved each iteration
        @Differentiable
        static double byData(double[] l, double[] x, int n) {
          double s = 0;
          int at = 0;
          for (int i = 0; i < n; i++) {
            s = s * x[i] + l[at];
            at = x[i] > 0.5 ? at + 1 : at + 2;
            if (at >= l.length) at = 0;
          }
          return s;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Running", name);
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.3 * i + phase);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 8})
    void gradientsMatchFiniteDifferences(int n) {
        check(method("triangle"), data(Math.max(1, n * (n - 1) / 2 + 1), 0.2), data(n, 0.9), n);
        check(method("mixed"), data(n * n + 2, 0.3), data(n, 0.7), n);
        check(method("nested"), data(Math.max(1, n * (n - 1) / 2), 0.4), data(n, 0.6), n);
        check(method("byData"), data(2 * n + 1, 0.1), data(n, 0.5), n);
        check(method("unchanged"), n, 0.7);
        check(method("readAfter"), n, data(n + 3, 0.2));
    }

    /** One int per run of the loop, however many iterations it has; a data-driven index still saves one per iteration. */
    @Test
    void theIndexIsSavedOnceNotPerIteration() throws Exception {
        assertEquals(peakInts("triangle", 4), peakInts("triangle", 30));
        assertEquals(peakInts("mixed", 4), peakInts("mixed", 30));
        assertEquals(peakInts("nested", 4), peakInts("nested", 30));
        assertTrue(peakInts("byData", 30) >= 30, "byData saves its index each iteration");
    }

    /**
     * Golden file {@code golden/controlflow/RunningIndex.java.txt}: one int saved (the end value of
     * at) and one taken back; each backward iteration subtracts its advance from atLater.
     */
    @Test
    @Tag("golden")
    void theBackwardSweepSubtractsTheAdvances() {
        GoldenFile.assertMethodsMatch(
                "controlflow/RunningIndex.java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.RunningGrad"),
                "triangle");
    }

    private static int peakInts(String name, int n) throws Exception {
        Method reverse = TestCompiler.compileCached(SOURCE)
                .load("demo.RunningGrad")
                .getMethod(name, double[].class, double[].class, int.class);
        IntStack ints = IntStack.forThisThread();
        ints.resetHighWater();
        int before = ints.size();
        reverse.invoke(null, data(n * n + 2, 0.3), data(n, 0.6), n);
        assertEquals(before, ints.size(), "every push popped");
        return ints.highWater() - before;
    }
}
