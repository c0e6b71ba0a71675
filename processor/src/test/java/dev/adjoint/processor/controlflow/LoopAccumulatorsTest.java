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
 * {@code xBar[i] += v} made by every iteration of a backward loop at an element fixed before the
 * loop becomes a carried sum, added once after the loop, unless something else in the loop
 * touches the same adjoint array. Gradients must be the same either way.
 */
class LoopAccumulatorsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Sums {
        // x[i] is read by every j iteration: xBar[i] is summed in a scalar; wBar[j] is not
        @Differentiable
        static double outer(double[] x, double[] w) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) s += Math.sin(x[i] * w[j]);
          }
          return s;
        }

        // as outer, with a call in the loop (which might write arrays, so x[i] is not read
        // before the loop, see InvariantReadsTest): xBar[i] is summed in a scalar
        @Differentiable
        static double outerCalling(double[] x, double[] w) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) s += Math.sin(x[i] * w[j]) * weight(j);
          }
          return s;
        }

        static double weight(int j) {
          return 1.0 / (1 + j);
        }

        // x[i] and x[j] in one loop: xBar is touched at two places, so nothing is promoted
        @Differentiable
        static double selfProduct(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = i; j < x.length; j++) s += x[i] * x[j] * (1 + 0.1 * j);
          }
          return s;
        }

        // a constant element, and a loop that may run zero times
        @Differentiable
        static double firstTimes(double[] x, double[] w, int n) {
          double s = 0;
          for (int j = 0; j < n; j++) s += x[0] * w[j] * w[j];
          return s + x[0];
        }

        // an element read under a condition is not summed in the loop (it is not every iteration's)
        @Differentiable
        static double guarded(double[] x, double[] w) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
              if (w[j] > 0) s += x[i] * w[j];
              else s -= 0.5 * x[i] * w[j];
            }
          }
          return s;
        }

        // an array chosen by ?: may be either adjoint array: nothing is promoted
        @Differentiable
        static double chosen(double[] x, double[] w, double c) {
          double[] a = c > 0 ? x : w;
          double s = 0;
          for (int j = 0; j < w.length; j++) s += a[1] * w[j] + x[j % x.length] * c;
          return s;
        }

        // elements of a matrix row (the row is read in every iteration, so they are not promoted)
        @Differentiable
        static double rows(double[][] m, double[] w) {
          double s = 0;
          for (int r = 0; r < m.length; r++) {
            for (int j = 0; j < w.length; j++) s += m[r][0] * m[r][1] * w[j];
          }
          return s;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Sums", name);
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.7 * i + phase);
        return x;
    }

    /** Compares the reverse methods {@code methods} with the golden file {@code golden/controlflow/<name>.java.txt}. */
    private static void assertGolden(String name, String... methods) {
        GoldenFile.assertMethodsMatch(
                "controlflow/" + name + ".java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.SumsGrad"),
                methods);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void gradientsMatchFiniteDifferences(int n) {
        check(method("outer"), data(n, 0.1), data(n + 1, 0.7));
        check(method("outerCalling"), data(n, 0.1), data(n + 1, 0.7));
        check(method("selfProduct"), (Object) data(n, 0.3));
        check(method("firstTimes"), data(n, 0.2), data(n, 1.1), n);
        check(method("firstTimes"), data(n, 0.2), data(n, 1.1), 0);
        check(method("guarded"), data(n, 0.4), new double[] {0.3, -0.6, 0.9});
        check(method("chosen"), data(n + 1, 0.5), data(n + 2, 0.9), 0.7);
        check(method("chosen"), data(n + 2, 0.5), data(n + 1, 0.9), -0.7);
        check(method("rows"), new double[][] {data(2, 0.1), data(3, 0.2), data(2, 0.5)}, data(n, 0.8));
    }

    /**
     * Golden file {@code LoopAccumulators}: in outerCalling, x's fixed elements are summed in
     * xBarSum and w's are not (the call might write w); without the call (outer, firstTimes), x[i]
     * and x[0] are read once before their loops, whose adjoints (xElementBar) are then summed as
     * those of any value from outside the loop; selfProduct, guarded and chosen sum nothing apart.
     */
    @Test
    @Tag("golden")
    void onlyUntouchedFixedElementsAreSummedInAScalar() {
        assertGolden("LoopAccumulators", "outerCalling", "outer", "firstTimes", "selfProduct", "guarded", "chosen");
    }
}
