package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.SourceText;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A counted loop that stores into several arrays independently is printed as one loop per group
 * of stores ({@code emit/LoopDistribution}): in the tangent, a value's {@code axpy} and its
 * tangent's become two loops. Values must be the objective's to the bit, gradients and tangents
 * right (finite differences, and tangent against gradient · direction), in two code styles; a
 * loop whose second store reads the first's array stays one loop.
 */
class LoopDistributionTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Split {
        // per sample, input-major weights: pre += x_i * row i of w, a ReLU, a sum of squares
        @Differentiable(wrt = "w")
        static double perSample(double[] w, double[] x, int batch, int in, int hidden) {
          double[] pre = new double[hidden];
          double sum = 0;
          for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) pre[j] = 0;
            for (int i = 0; i < in; i++) {
              double xi = x[b * in + i];
              for (int j = 0; j < hidden; j++) pre[j] = pre[j] + xi * w[i * hidden + j];
            }
            for (int j = 0; j < hidden; j++) sum += Math.max(pre[j], 0.0) * pre[j];
          }
          return sum;
        }

        // two arrays filled in one loop with `+=` and a while loop's counter, then combined
        @Differentiable
        static double twoArrays(double[] u, double[] v) {
          int n = u.length;
          double[] a = new double[n];
          double[] c = new double[n];
          int k = 0;
          while (k < n) {
            a[k] += Math.sin(u[k]) * 2;
            c[k] += v[k] * v[k] - u[k];
            k++;
          }
          double s = 0;
          for (int i = 0; i < n; i++) s += a[i] * c[i];
          return s;
        }

        // the second store reads the first's array: one loop for both
        @Differentiable
        static double chained(double[] u) {
          int n = u.length;
          double[] a = new double[n];
          double[] c = new double[n];
          for (int i = 0; i < n; i++) {
            a[i] = u[i] * 2;
            c[i] = a[i] * a[i] + u[(i + 1) % n];
          }
          double s = 0;
          for (int i = 0; i < n; i++) s += c[n - 1 - i] * u[i];
          return s;
        }
      }
      """;

    private static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    private static Differentiated method(String name, String... wrt) {
        return Differentiated.withWrt(compiled(), "demo.Split", name, wrt);
    }

    private static String generated(String name) {
        return SourceText.methodTexts(compiled().generatedSource("demo.SplitGrad"), name);
    }

    private static double[] data(int n, double phase) {
        return TestData.wave(n, phase);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void perSampleValuesAndDerivativesAreRight(int batch) {
        int in = 4, hidden = 3;
        double[] w = data(in * hidden, 0.7), x = data(batch * in, 0.2);
        Differentiated f = method("perSample", "w");
        var g = check(f, w, x, batch, in, hidden);
        assertEquals(f.primal(w, x, batch, in, hidden), g.value(), 0.0);
        double tangentValue = f.tangent(new Object[] {w, x, batch, in, hidden}, new Object[] {data(in * hidden, 1.9)})
                .value();
        assertEquals(f.primal(w, x, batch, in, hidden), tangentValue, 0.0, "the same sums, in the same order");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6})
    void twoArraysAndTheChainAreRight(int n) {
        check(method("twoArrays", "u", "v"), data(n, 0.3), data(n, 1.4));
        check(method("chained", "u"), data(n, 0.8));
    }

    @Test
    void theTangentsAxpysAreTwoLoopsAndTheChainIsOne() {
        String tangent = generated("perSampleTangent");
        assertTrue(tangent.contains("preDot[j2] = tmp"), tangent);
        int loops = tangent.split("for \\(int j2 = 0; j2 < hidden; j2\\+\\+\\)", -1).length - 1;
        assertEquals(2, loops, tangent);
        String chained = generated("chainedTangent");
        String between = chained.substring(chained.indexOf("a[i] ="), chained.indexOf("c[i] ="));
        assertFalse(between.contains("for ("), chained);
    }
}
