package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loops over samples that read {@code double[][]} values — data and parameters as rows, a
 * matrix computed before the loop, rows held in locals — are reversed one iteration at a time as
 * their one-dimensional forms are: a row {@code m[i]} is a part of {@code m} (rows are assigned
 * element by element only), so its accesses count as accesses of {@code m}. A loop that stores
 * into a matrix's rows, or reads a matrix written after it, keeps the ordinary reversal. Written
 * in two styles unlike the benchmarks' GMM: a per-sample two-layer network with its hidden units
 * in a scratch array, and a weighted least-squares fit walking rows through locals.
 */
class MatrixIndependentIterationsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class RowLosses {
        // rows of w and x read in the loop, a matrix of scales made before it, a scratch vector
        @Differentiable(wrt = {"w", "v"})
        static double network(double[][] w, double[] v, double[][] x) {
          int units = w.length;
          double[][] scale = new double[units][2];
          for (int u = 0; u < units; u++) {
            scale[u][0] = Math.exp(v[u]);
            scale[u][1] = v[u] * v[u];
          }
          double[] hidden = new double[units];
          double loss = 0;
          for (int s = 0; s < x.length; s++) {
            for (int u = 0; u < units; u++) {
              double a = 0;
              for (int i = 0; i < x[s].length; i++) a += w[u][i] * x[s][i];
              hidden[u] = Math.tanh(a) * scale[u][0];
            }
            double out = 0;
            for (int u = 0; u < units; u++) out += hidden[u] * hidden[u] + scale[u][1] * hidden[u];
            loss += Math.log(1 + out);
          }
          return 0.5 * loss;
        }

        // rows walked through locals, the sum subtracted: still a sum with a constant adjoint
        @Differentiable(wrt = {"beta"})
        static double weightedFit(double[] beta, double[][] rows, double[] y) {
          double[] residual = new double[y.length];
          double cost = 3;
          for (int s = 0; s < rows.length; s++) {
            double[] r = rows[s];
            double fit = 0;
            for (int j = 0; j < r.length; j++) fit += r[j] * beta[j];
            residual[s] = y[s] - fit;
            double weight = 1 / (1 + beta[0] * beta[0]);
            cost -= weight * residual[s] * residual[s];
          }
          return -cost;
        }

        // a scratch matrix whose rows each sample stores into: not proved, the ordinary reversal
        @Differentiable(wrt = {"w", "v"})
        static double scratchRows(double[][] w, double[] v, double[][] x) {
          int units = w.length;
          double[][] layer = new double[2][units];
          double loss = 0;
          for (int s = 0; s < x.length; s++) {
            for (int u = 0; u < units; u++) {
              double a = v[u];
              for (int i = 0; i < x[s].length; i++) a += w[u][i] * x[s][i];
              layer[0][u] = Math.sin(a);
              layer[1][u] = layer[0][u] * layer[0][u];
            }
            for (int u = 0; u < units; u++) loss += layer[1][u] + 0.5 * layer[0][u];
          }
          return loss;
        }

        // a matrix the loop reads and a later statement writes: the ordinary reversal
        @Differentiable(wrt = {"w", "v"})
        static double writtenLater(double[][] w, double[] v, double[][] x) {
          int units = w.length;
          double[][] scale = new double[units][1];
          for (int u = 0; u < units; u++) scale[u][0] = Math.cos(v[u]);
          double loss = 0;
          for (int s = 0; s < x.length; s++) {
            for (int u = 0; u < units; u++) {
              double a = 0;
              for (int i = 0; i < x[s].length; i++) a += w[u][i] * x[s][i] * scale[u][0];
              loss += a * a;
            }
          }
          scale[0][0] = loss;
          return scale[0][0] + v[0];
        }
      }
      """;

    private static double[][] matrix(int rows, int cols, double phase) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) m[i][j] = 0.2 + 0.5 * Math.sin(1.3 * (i * cols + j) + phase);
        return m;
    }

    private static double[] vector(int n, double phase) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.1 + 0.4 * Math.cos(1.7 * i + phase);
        return v;
    }

    private static Differentiated method(String name, String... wrt) {
        return Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.RowLosses", name, wrt);
    }

    private static String body(String name) {
        String source = TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.RowLossesGrad");
        int start = source.indexOf(" " + name + "(");
        return source.substring(start, source.indexOf("\n  }\n", start));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void gradientsMatchFiniteDifferences(int samples) {
        int units = 3, inputs = 4;
        for (String name : new String[] {"network", "scratchRows", "writtenLater"}) {
            check(method(name, "w", "v"), matrix(units, inputs, 0.3), vector(units, 0.2), matrix(samples, inputs, 0.9));
        }
        check(method("weightedFit", "beta"), vector(inputs, 0.5), matrix(samples, inputs, 0.1), vector(samples, 0.4));
    }

    @Test
    void loopsReadingMatricesAreReversedInPlaceAndTheOthersAreNot() {
        assertTrue(body("network").contains("this iteration's backward sweep"));
        assertTrue(body("weightedFit").contains("this iteration's backward sweep"));
        assertFalse(body("scratchRows").contains("this iteration's backward sweep"));
        assertFalse(body("writtenLater").contains("this iteration's backward sweep"));
    }

    /** The stacks hold one sample's values: the same peak for 5 samples as for 500. */
    @Test
    void theStacksHoldOneSampleAtATime() throws Exception {
        Method reverse = TestCompiler.compileCached(SOURCE)
                .load("demo.RowLossesGrad")
                .getMethod("network", double[][].class, double[].class, double[][].class);
        int few = IndependentIterationsTest.peakDoubles(reverse, matrix(3, 4, 0.3), vector(3, 0.2), matrix(5, 4, 0.9));
        int many =
                IndependentIterationsTest.peakDoubles(reverse, matrix(3, 4, 0.3), vector(3, 0.2), matrix(500, 4, 0.9));
        assertTrue(few > 0, "the inner loops save values");
        assertEquals(few, many);
    }
}
