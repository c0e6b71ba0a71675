package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A loss summed over samples whose scratch arrays are rewritten inside inner loops, at several
 * depths and in several styles ({@link dev.adjoint.processor.analysis.AffineAccesses}): each is
 * reversed one sample at a time (the stacks' peak does not grow with the samples), and its
 * gradient matches finite differences. The last method reads an element that the previous sample
 * wrote: it keeps the ordinary reversal, and its gradient must match too.
 */
class ScratchArraysAtAnyDepthTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Scratch {
        // the textbook GMM's shape: per sample, per component, v = x - mu and z = L v in inner
        // loops, the triangle walked with a running index, a running maximum by if / else if
        @Differentiable(wrt = {"w"})
        static double mixture(double[] w, double[] x, int n, int d, int k) {
          double[] v = new double[d];
          double[] z = new double[d];
          double[] logp = new double[k];
          int tri = d * (d - 1) / 2;
          double total = 0;
          for (int p = 0; p < n; p++) {
            double best = 0;
            for (int j = 0; j < k; j++) {
              for (int r = 0; r < d; r++) v[r] = x[p * d + r] - w[j * d + r];
              for (int r = 0; r < d; r++) z[r] = v[r];
              int t = k * d + j * tri;
              for (int c = 0; c < d; c++) {
                for (int r = c + 1; r < d; r++) {
                  z[r] += w[t] * v[c];
                  t++;
                }
              }
              double q = 0;
              for (int r = 0; r < d; r++) q += z[r] * z[r];
              logp[j] = -0.5 * q;
              if (j == 0) {
                best = logp[j];
              } else if (logp[j] > best) {
                best = logp[j];
              }
            }
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(logp[j] - best);
            total += best + Math.log(s);
          }
          return total;
        }

        // three loops deep, written downwards, read by a recurrence upwards
        @Differentiable(wrt = {"w"})
        static double deepDescending(double[] w, double[] x, int n, int d, int k) {
          double[] h = new double[d];
          double total = 0;
          for (int p = 0; p < n; p++) {
            double sample = 0;
            for (int a = 0; a < k; a++) {
              for (int b = 0; b < 2; b++) {
                for (int r = d - 1; r >= 0; r--) h[r] = Math.sin(w[r] * x[p * d + r] + a - b);
                double acc = 0;
                for (int r = 1; r < d; r++) acc = acc * 0.5 + h[r] * h[r - 1];
                sample += acc;
              }
            }
            total += sample;
          }
          return total;
        }

        // a layer: hidden[j] written and read in one iteration of the loop over units, then a
        // block of three per unit tiling a second scratch array
        @Differentiable(wrt = {"w"})
        static double layers(double[] w, double[] x, int n, int d, int k) {
          double[] hidden = new double[k];
          double[] blocks = new double[3 * k];
          double total = 0;
          for (int p = 0; p < n; p++) {
            double size = 0;
            for (int j = 0; j < k; j++) {
              double a = 0;
              for (int r = 0; r < d; r++) a += w[j * d + r] * x[p * d + r];
              hidden[j] = Math.tanh(a);
              size += 0.1 * hidden[j] * hidden[j];
            }
            for (int j = 0; j < k; j++) {
              for (int c = 0; c < 3; c++) blocks[3 * j + c] = hidden[j] * (c + 1);
            }
            double e = 0;
            for (int i = 0; i < 3 * k; i++) e += blocks[i] * w[i % (k * d)];
            total += size + e * e;
          }
          return total;
        }

        // a recurrence seeded at the top of each sample: h[r] reads h[r - 1] written just before
        @Differentiable(wrt = {"w"})
        static double recurrence(double[] w, double[] x, int n, int d, int k) {
          double[] h = new double[d];
          double total = 0;
          for (int p = 0; p < n; p++) {
            h[0] = x[p * d];
            for (int r = 1; r < d; r++) h[r] = Math.tanh(h[r - 1] * w[r] + x[p * d + r]);
            total += h[d - 1] * h[d - 1];
          }
          return total;
        }

        // the previous sample's last element is read first: not local, reversed as a whole
        @Differentiable(wrt = {"w"})
        static double carriedOver(double[] w, double[] x, int n, int d, int k) {
          double[] h = new double[d];
          double total = 0;
          for (int p = 0; p < n; p++) {
            h[0] = 0.5 * h[d - 1] + x[p * d];
            for (int r = 1; r < d; r++) h[r] = Math.tanh(h[r - 1] * w[r] + x[p * d + r]);
            total += h[d - 1] * h[d - 1];
          }
          return total;
        }
      }
      """;

    private static final int D = 3, K = 2;

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.3 + 0.6 * Math.sin(1.9 * i + phase);
        return x;
    }

    private static double[] weights() {
        return data(K * D + K * D * (D - 1) / 2 + 3 * K, 0.2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixture", "deepDescending", "layers", "recurrence", "carriedOver"})
    void gradientsMatchFiniteDifferences(String name) {
        Differentiated m = Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Scratch", name, "w");
        for (int n : new int[] {0, 1, 4}) check(m, weights(), data(n * D, 0.7), n, D, K);
    }

    /** Reversed one sample at a time: the same stack peak for 5 samples as for 500. */
    @ParameterizedTest
    @ValueSource(strings = {"mixture", "deepDescending", "layers", "recurrence"})
    void theStacksHoldOneSampleAtATime(String name) throws Exception {
        int few = peakDoubles(name, 5), many = peakDoubles(name, 500);
        assertTrue(few > 0, "the inner loops save values");
        assertEquals(few, many, name);
    }

    /** The sample loop that reads the previous sample's value saves per sample. */
    @ParameterizedTest
    @ValueSource(strings = {"carriedOver"})
    void aValueCarriedBetweenSamplesKeepsTheWholeLoopReversal(String name) throws Exception {
        assertTrue(peakDoubles(name, 500) > peakDoubles(name, 5), name);
    }

    private static int peakDoubles(String name, int n) throws Exception {
        Method reverse = TestCompiler.compileCached(SOURCE)
                .load("demo.ScratchGrad")
                .getMethod(name, double[].class, double[].class, int.class, int.class, int.class);
        DoubleStack doubles = DoubleStack.forThisThread();
        doubles.resetHighWater();
        int before = doubles.size();
        reverse.invoke(null, weights(), data(n * D, 0.4), n, D, K);
        assertEquals(before, doubles.size(), "every push popped");
        return doubles.highWater() - before;
    }
}
