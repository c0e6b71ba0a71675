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
 * An element read that every iteration of a loop makes at the same place, of an array the loop
 * does not write, is read once before the loop ({@code graph/InvariantReads}), named after its
 * array ({@code xElement}); in the body of a {@code while (c)} loop, only if {@code c} holds on
 * entry, so that a loop that never runs never reads out of bounds, unless the index is the counter
 * of a loop around it that keeps it below the array's length.
 */
class InvariantReadsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Reads {
        // w[i + 1] is out of bounds when i is the last index, where the j loop never runs
        @Differentiable
        static double beyondTheEnd(double[] x, double[] w) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) s += w[i + 1] * x[j] * x[i];
          }
          return s;
        }

        // i counts to n, not to w.length: w[i] is read only where the j loop runs (i < w.length)
        @Differentiable(wrt = {"x", "w"})
        static double counterPastTheArray(double[] x, double[] w, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < w.length - i; j++) s += w[i] * x[j % x.length] * (1 + 0.1 * i);
          }
          return s;
        }

        // c is written by the j loop: c[i] is read by each iteration
        @Differentiable
        static double writtenInside(double[] x) {
          double[] c = new double[x.length];
          for (int i = 0; i < x.length; i++) c[i] = x[i] * x[i];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
              s += c[i] * x[j];
              c[j] = c[j] * 0.9;
            }
          }
          return s;
        }

        // a test that is not plain (&&): lim[i], read by the test's own code, is read before the
        // loop as it is (the step runs at least once); x[i], in the body, stays where it is
        @Differentiable(wrt = "x")
        static double testReads(double[] x, double[] lim) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double t = 0;
            int j = 0;
            while (t < lim[i] && j < 50) {
              t = t + x[i] * 0.1 * (j + 1);
              j++;
            }
            s += t * x[i];
          }
          return s;
        }

        // the entry test reads an array the method writes (c[k], fixed in the loop)
        @Differentiable(wrt = "x")
        static double writtenArrayInTest(double[] x, int k) {
          double[] c = new double[x.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            c[k] = c[k] + 0.75;
            double m = 0;
            while (c[k] * m < 3) {
              m = m + 1;
              s += x[i] * m * x[(i + 1) % x.length];
            }
          }
          return s;
        }

        // a call in the loop might write any array: nothing is moved
        @Differentiable
        static double calling(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) s += x[i] * x[j] * weight(j);
          }
          return s;
        }

        static double weight(int j) {
          return 1.0 / (1 + j);
        }

        static double[] same(double[] a) {
          return a;
        }

        // found by review: h is a, returned by a call, and the loop writes a: h[0] stays in the loop
        @Differentiable
        static double returnedByACall(double[] x) {
          int n = x.length;
          double[] a = new double[n];
          double[] h = same(a);
          double s = 0;
          for (int i = 0; i < n; i++) {
            a[i] = i + 1.0;
            s += h[0] * x[i];
          }
          return s + (n > 0 ? a[n - 1] : 0);
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Reads", name);
    }

    private static String generated() {
        return TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.ReadsGrad");
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.3 * i + phase);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6})
    void gradientsMatchFiniteDifferences(int n) {
        check(method("beyondTheEnd"), data(n, 0.1), data(n, 0.6));
        check(method("writtenInside"), (Object) data(n, 0.2));
        Differentiated testReads =
                Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Reads", "testReads", "x");
        check(testReads, data(n, 0.3), data(n, 1.9));
        Differentiated written =
                Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Reads", "writtenArrayInTest", "x");
        check(written, data(n, 0.4), n - 1);
        check(method("calling"), (Object) data(n, 0.5));
        check(method("returnedByACall"), (Object) data(n, 0.6));
    }

    /** Where nothing hoisted is ever used: the loop never runs and the element is not there. */
    @Test
    @Tag("golden")
    void aLoopThatNeverRunsReadsNothing() {
        check(method("beyondTheEnd"), new double[] {0.7}, new double[] {0.2});
        Differentiated past = Differentiated.withWrt(
                TestCompiler.compileCached(SOURCE), "demo.Reads", "counterPastTheArray", "x", "w");
        check(past, data(3, 0.2), data(4, 0.9), 7);
        // golden: the j loop runs only if i < w.length, so w[i] is read before it under that guard
        GoldenFile.assertMethodsMatch(
                "controlflow/InvariantReadsNeverRun.java.txt", generated(), "counterPastTheArray");
    }

    /**
     * Golden file {@code golden/controlflow/InvariantReads.java.txt}, the whole generated class. In
     * beyondTheEnd's forward sweep both elements are read before the j loop: w[i + 1] only if the j
     * loop runs (j = i + 1 < x.length), x[i] with no guard (i < x.length: it is in bounds anyway).
     * testReads reads lim[i] once before its while loop (limElement) and leaves x[i] in the body;
     * writtenArrayInTest reads x[i] once (xElement); writtenInside (c written by the j loop) and
     * calling (a call might write any array) read in every iteration; forward mode reads the
     * tangent once too (xElementDot).
     */
    @Test
    @Tag("golden")
    void readBeforeTheLoopWhereNothingInItChangesTheElement() {
        GoldenFile.assertMatches("controlflow/InvariantReads.java.txt", generated());
    }
}
