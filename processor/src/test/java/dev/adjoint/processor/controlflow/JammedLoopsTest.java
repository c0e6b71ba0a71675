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
 * A dense layer's dot products are printed four rows at a time, their sums in one inner loop
 * ({@code JamNest}): the value must be the objective's to the bit, the derivatives right for any
 * number of rows (the rows left over run one at a time), and a nest whose inner loop reads what
 * an earlier row's tail wrote must stay one row at a time.
 */
class JammedLoopsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Layers {
        // one sum per row, a ReLU and a weight per unit after it: jammed
        @Differentiable(wrt = {"w", "x"})
        static double layer(double[] w, double[] x, int rows) {
          int in = x.length;
          double[] h = new double[rows];
          for (int j = 0; j < rows; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) s += w[j * in + i] * x[i];
            h[j] = Math.max(s, 0.0) * (1 + 0.25 * j);
          }
          double t = 0;
          for (int j = 0; j < rows; j++) t += h[j] * h[j];
          return t;
        }

        // row j's sum reads h[j], which row j - 1's tail wrote: not jammed
        @Differentiable(wrt = "w")
        static double chained(double[] w, double[] x, int rows) {
          int in = x.length;
          double[] h = new double[rows + 1];
          h[0] = 1;
          for (int j = 0; j < rows; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) s += w[j * in + i] * x[i] * h[j];
            h[j + 1] = Math.tanh(s);
          }
          return h[rows];
        }
      }
      """;

    private static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    private static Differentiated method(String name, String... wrt) {
        return Differentiated.withWrt(compiled(), "demo.Layers", name, wrt);
    }

    private static String generated(String name) {
        return SourceText.methodTexts(compiled().generatedSource("demo.LayersGrad"), name);
    }

    private static double[] data(int n, double phase) {
        return TestData.wave(n, phase);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 9})
    void everyNumberOfRowsGetsTheObjectivesValueAndRightDerivatives(int rows) {
        double[] x = data(5, 0.3), w = data(rows * 5, 1.1);
        Differentiated f = method("layer", "w", "x");
        var g = check(f, w, x, rows);
        assertEquals(f.primal(w, x, rows), g.value(), 0.0, "the same sums, in the same order");
        double tangentValue = f.tangent(new Object[] {w, x, rows}, new Object[] {data(rows * 5, 2.0), data(5, 0.9)})
                .value();
        assertEquals(f.primal(w, x, rows), tangentValue, 0.0);
    }

    @Test
    void theLayerIsJammedAndTheChainIsNot() {
        assertTrue(generated("layer").contains("j += 4"), generated("layer"));
        assertFalse(generated("chained").contains("+= 4"), generated("chained"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 6})
    void theChainKeepsItsOrder(int rows) {
        check(method("chained", "w"), data(rows * 3, 0.4), data(3, 1.2), rows);
    }
}
