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
 * A layer accumulated row by row ({@code p[j] = p[j] + x_i · w[i·n + j]}) is printed four rows at
 * a time, the rows' updates of one element chained through locals ({@code emit/JamRows}): the
 * value must be the objective's to the bit, the derivatives right for any number of rows (the
 * rows left over run one at a time), in two code styles; nests whose rows touch other elements
 * stay one row at a time.
 */
class JammedRowsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Rows {
        // input-major weights, flat: pre += x_i * row i of w
        @Differentiable(wrt = {"w", "x"})
        static double flat(double[] w, double[] x, int hidden) {
          int in = x.length;
          double[] pre = new double[hidden];
          for (int i = 0; i < in; i++) {
            double xi = Math.tanh(x[i]);
            for (int j = 0; j < hidden; j++) pre[j] = pre[j] + xi * w[i * hidden + j];
          }
          double s = 0;
          for (int j = 0; j < hidden; j++) s += Math.max(pre[j], 0.0) * pre[j];
          return s;
        }

        // rows of a matrix, `+=`, an offset into the accumulator
        @Differentiable(wrt = "m")
        static double matrix(double[][] m, double[] c) {
          int cols = m.length == 0 ? 0 : m[0].length;
          double[] acc = new double[cols + 2];
          for (int i = 0; i < m.length; i++) {
            double ci = c[i] * c[i];
            for (int j = 0; j < cols; j++) acc[j + 2] += m[i][j] * ci;
          }
          double s = 0;
          for (int j = 0; j < acc.length; j++) s += Math.sin(acc[j]);
          return s;
        }

        // each row reads the element the previous row wrote next to its own: one row at a time
        @Differentiable(wrt = "w")
        static double shifted(double[] w, int rows, int n) {
          double[] p = new double[n + 1];
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) p[j] = p[j + 1] * 0.5 + w[i * n + j];
          }
          double s = 0;
          for (int j = 0; j < n; j++) s += p[j] * p[j];
          return s;
        }
      }
      """;

    private static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    private static Differentiated method(String name, String... wrt) {
        return Differentiated.withWrt(compiled(), "demo.Rows", name, wrt);
    }

    private static String generated(String name) {
        return SourceText.methodTexts(compiled().generatedSource("demo.RowsGrad"), name);
    }

    private static double[] data(int n, double phase) {
        return TestData.wave(n, phase);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 9})
    void everyNumberOfRowsGetsTheObjectivesValueAndRightDerivatives(int rows) {
        int hidden = 3;
        double[] w = data(rows * hidden, 1.1), x = data(rows, 0.3);
        Differentiated f = method("flat", "w", "x");
        var g = check(f, w, x, hidden);
        assertEquals(f.primal(w, x, hidden), g.value(), 0.0, "the same additions, in the same order");
        double tangentValue = f.tangent(
                        new Object[] {w, x, hidden}, new Object[] {data(rows * hidden, 2.0), data(rows, 0.9)})
                .value();
        assertEquals(f.primal(w, x, hidden), tangentValue, 0.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 7})
    void matrixRowsAndShiftedRowsAreRight(int rows) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) m[i] = data(3, 0.4 * i);
        Differentiated f = method("matrix", "m");
        var g = check(f, m, data(rows, 0.6));
        assertEquals(f.primal(m, data(rows, 0.6)), g.value(), 0.0);
        check(method("shifted", "w"), data(rows * 4, 0.2), rows, 4);
    }

    @Test
    void rowsAreJammedWhereEachTouchesItsOwnElement() {
        assertTrue(generated("flatTangent").contains("i += 4"), generated("flatTangent"));
        assertTrue(generated("matrixTangent").contains("i += 4"), generated("matrixTangent"));
        assertFalse(generated("shifted").contains("+= 4"), generated("shifted"));
        assertFalse(generated("shiftedTangent").contains("+= 4"), generated("shiftedTangent"));
    }
}
