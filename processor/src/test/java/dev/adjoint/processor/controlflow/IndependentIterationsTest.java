package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A loss summed over samples, whose iterations share only scratch arrays that each rewrites
 * before reading, is reversed one iteration at a time: each iteration's backward sweep runs
 * right after it, and the stacks hold one iteration's values. Loops that break a condition keep
 * the ordinary reversal. Gradients must match finite differences either way.
 */
class IndependentIterationsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Losses {
        // scratch arrays rewritten by each sample before use: reversed in place
        @Differentiable(wrt = {"w"})
        static double loss(double[] w, double[] x, int n, int d) {
          double[] h = new double[d];
          double[] g = new double[d];
          double total = 0;
          for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) h[j] = Math.tanh(w[j] * x[s * d + j]);
            for (int j = 0; j < d; j++) g[j] = h[j] * w[d + j];
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) g[j] = g[j] + 0.5 * g[i] * h[i];
            }
            double e = 0;
            for (int j = 0; j < d; j++) e += g[j] * g[j];
            total += Math.log(1 + e);
          }
          return 2 * total - 0.5 * w[0] + total;
        }

        // a differentiated array first seen after the loop (found by fuzzing: its adjoint array
        // is allocated before the loop, the parameter itself must stay where it is)
        @Differentiable(wrt = {"w", "z"})
        static double laterParameter(double[] w, double[] z, double[] x, int n, int d) {
          double total = 0;
          for (int s = 0; s < n; s++) {
            double e = 0;
            for (int j = 0; j < d; j++) e += Math.sin(w[j] * x[s * d + j]);
            total += e * e;
          }
          return total * 0.5 + z[0] * z[1];
        }

        // a scratch array read after the loop: the last sample's values escape
        @Differentiable(wrt = {"w"})
        static double readAfter(double[] w, double[] x, int n, int d) {
          double[] h = new double[d];
          double total = 0;
          for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) h[j] = Math.sin(w[j] * x[s * d + j]);
            double e = 0;
            for (int j = 0; j < d; j++) e += h[j] * h[j];
            total += e;
          }
          return total + h[0];
        }

        // an array the loop reads, written after it
        @Differentiable(wrt = {"w"})
        static double writtenAfter(double[] w, double[] x, int n, int d) {
          double[] a = new double[d];
          for (int j = 0; j < d; j++) a[j] = w[j] * w[j];
          double total = 0;
          for (int s = 0; s < n; s++) {
            double e = 0;
            for (int j = 0; j < d; j++) e += a[j] * x[s * d + j];
            total += e * e;
          }
          a[0] = total;
          return a[0] * 1.5;
        }

        // the carried value is not a sum
        @Differentiable(wrt = {"w"})
        static double discounted(double[] w, double[] x, int n, int d) {
          double total = 0;
          for (int s = 0; s < n; s++) {
            double e = 0;
            for (int j = 0; j < d; j++) e += w[j] * x[s * d + j];
            total = 0.5 * total + e * e;
          }
          return total;
        }

        // the sum's adjoint is not a constant
        @Differentiable(wrt = {"w"})
        static double squaredTotal(double[] w, double[] x, int n, int d) {
          double total = 0;
          for (int s = 0; s < n; s++) {
            double e = 0;
            for (int j = 0; j < d; j++) e += Math.cos(w[j] * x[s * d + j]);
            total += e;
          }
          return total * total;
        }

        // each sample rewrites a prefix of h that depends on the sample: later samples read
        // elements an earlier one wrote
        @Differentiable(wrt = {"w"})
        static double stalePrefix(double[] w, double[] x, int n, int d) {
          double[] h = new double[d];
          double total = 0;
          for (int s = 0; s < n; s++) {
            int m = s % d + 1;
            for (int j = 0; j < m; j++) h[j] = w[j] * x[s * d + j];
            double e = 0;
            for (int j = 0; j < d; j++) e += h[j] * h[j] * w[j];
            total += e;
          }
          return total;
        }

        // a running state read before it is written
        @Differentiable(wrt = {"w"})
        static double runningState(double[] w, double[] x, int n, int d) {
          double[] h = new double[d];
          double total = 0;
          for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) h[j] = 0.5 * h[j] + w[j] * x[s * d + j];
            double e = 0;
            for (int j = 0; j < d; j++) e += h[j] * h[j];
            total += e;
          }
          return total;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Losses", name, "w");
    }

    private static String generated() {
        return TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.LossesGrad");
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.3 + 0.6 * Math.sin(1.9 * i + phase);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5})
    void gradientsMatchFiniteDifferences(int n) {
        int d = 4;
        check(method("loss"), data(2 * d, 0.1), data(n * d, 0.7), n, d);
        check(
                Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Losses", "laterParameter", "w", "z"),
                data(d, 0.1),
                data(2, 0.5),
                data(n * d, 0.7),
                n,
                d);
        for (String name :
                new String[] {"readAfter", "writtenAfter", "discounted", "squaredTotal", "stalePrefix", "runningState"
                }) {
            check(method(name), data(2 * d, 0.2), data(n * d, 0.9), n, d);
        }
    }

    /**
     * Golden file {@code golden/controlflow/IndependentIterations.java.txt}: each sample's backward
     * sweep sits inside the sample loop ("this iteration's backward sweep"), and the backward sweep
     * after the loop has no loop left.
     */
    @Test
    @Tag("golden")
    void aLossOverSamplesIsReversedOneIterationAtATime() {
        GoldenFile.assertMethodsMatch(
                "controlflow/IndependentIterations.java.txt", generated(), "loss", "laterParameter");
    }

    /**
     * Golden file {@code golden/controlflow/IndependentIterationsKept.java.txt}: the sample loop
     * runs to its end, then its backward sweep runs the samples backwards.
     */
    @Test
    @Tag("golden")
    void loopsThatBreakAConditionKeepTheOrdinaryReversal() {
        GoldenFile.assertMethodsMatch(
                "controlflow/IndependentIterationsKept.java.txt",
                generated(),
                "readAfter",
                "writtenAfter",
                "discounted",
                "squaredTotal",
                "stalePrefix",
                "runningState");
    }

    /** The stacks hold one sample's values: the same peak for 10 samples as for 1,000. */
    @Test
    void theStacksHoldOneIterationAtATime() throws Exception {
        int d = 6;
        Method reverse = TestCompiler.compileCached(SOURCE)
                .load("demo.LossesGrad")
                .getMethod("loss", double[].class, double[].class, int.class, int.class);
        int few = peakDoubles(reverse, data(2 * d, 0.3), data(10 * d, 0.4), 10, d);
        int many = peakDoubles(reverse, data(2 * d, 0.3), data(1000 * d, 0.4), 1000, d);
        assertTrue(few > 0, "the inner loops save values");
        assertEquals(few, many);
    }

    /** The doubles the stacks held at their fullest while {@code reverse} ran; every push popped. */
    static int peakDoubles(Method reverse, Object... args) throws Exception {
        DoubleStack doubles = DoubleStack.forThisThread();
        doubles.resetHighWater();
        int before = doubles.size();
        reverse.invoke(null, args);
        assertEquals(before, doubles.size(), "every push popped");
        return doubles.highWater() - before;
    }
}
