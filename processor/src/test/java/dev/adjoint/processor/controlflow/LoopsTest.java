package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loops in both modes, on the objectives the control-flow issue names. Every gradient is
 * checked against central finite differences and every tangent against gradient · direction.
 */
class LoopsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Loops {
        @Differentiable
        static double dot(double[] x, double[] y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) s += x[i] * y[i];
          return s;
        }

        @Differentiable
        static double rosenbrock(double[] x) {
          double f = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
          }
          return f;
        }

        @Differentiable
        static double logSumExp(double[] x) {
          double m = x[0];
          for (double v : x) m = Math.max(m, v);
          double s = 0;
          for (double v : x) s += Math.exp(v - m);
          return m + Math.log(s);
        }

        @Differentiable(wrt = "logits")
        static double softmaxCrossEntropy(double[] logits, int label) {
          double m = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < logits.length; k++) if (logits[k] > m) m = logits[k];
          double s = 0;
          for (int k = 0; k < logits.length; k++) s += Math.exp(logits[k] - m);
          return Math.log(s) + m - logits[label];
        }

        @Differentiable
        static double horner(double[] c, double x) {
          double p = 0;
          for (int i = c.length - 1; i >= 0; i--) p = p * x + c[i];
          return p;
        }

        @Differentiable
        static double newtonSqrt(double a) {
          double x = a > 1 ? a : 1;
          while (Math.abs(x * x - a) > 1e-13 * a) x = 0.5 * (x + a / x);
          return x;
        }

        @Differentiable
        static double logistic(double r, double x0) {
          double x = x0;
          for (int i = 0; i < 30; i++) x = r * x * (1 - x);
          return x;
        }

        @Differentiable(wrt = {"w", "u", "bias", "h0"})
        static double rnn(double w, double u, double bias, double h0, double[] xs) {
          double h = h0;
          for (double x : xs) h = Math.tanh(w * h + u * x + bias);
          return h * h;
        }

        @Differentiable
        static double firstAbove(double[] x, double t) {
          for (int i = 0; i < x.length; i++) {
            if (x[i] > t) return x[i] * x[i] - t;
          }
          return -t * t;
        }

        @Differentiable
        static double breakContinue(double[] x) {
          double s = 0;
          int i = 0;
          while (true) {
            i++;
            if (i >= x.length) break;
            if (x[i] < 0) continue;
            s += x[i] * x[i - 1];
            if (s > 50) break;
          }
          return s;
        }

        @Differentiable
        static double doWhile(double x) {
          double y = x;
          int n = 0;
          do {
            y = Math.sin(y) + x;
            n++;
          } while (n < 5);
          return y;
        }

        @Differentiable
        static double nested(double[][] m, double s) {
          double total = 0;
          outer:
          for (int i = 0; i < m.length; i++) {
            double row = 0;
            for (int j = 0; j < m[i].length; j++) {
              if (m[i][j] > 100) break outer;
              if (j > i) continue outer;
              row += m[i][j] * s;
            }
            total += row * row;
          }
          return total;
        }
      }
      """;

    private static Differentiated loops(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Loops", method);
    }

    @Test
    void dotProduct() {
        var g = check(loops("dot"), new double[] {1, -2, 3}, new double[] {0.5, 4, -1});
        assertEquals(-10.5, g.value(), 1e-12);
        assertEquals(4.0, g.vector("x")[1], 1e-12);
    }

    @Test
    void extendedRosenbrock() {
        check(loops("rosenbrock"), new double[] {-1.2, 1, 0.3, -0.5, 2});
        var g = check(loops("rosenbrock"), new double[] {1, 1, 1, 1});
        assertEquals(0.0, g.value());
    }

    @Test
    void logSumExpWithMaxShift() {
        check(loops("logSumExp"), new double[] {0.1, 2.5, -1, 2.4});
        check(loops("logSumExp"), new double[] {700, 701, 699.5});
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void softmaxCrossEntropy(int label) {
        var f = Differentiated.withWrt(
                TestCompiler.compileCached(SOURCE), "demo.Loops", "softmaxCrossEntropy", "logits");
        check(f, new double[] {0.2, -1.3, 2.2, 0.7}, label);
    }

    @Test
    void hornersRule() {
        var g = check(loops("horner"), new double[] {1, -2, 0.5, 3}, 1.7);
        assertEquals(-2 + 2 * 0.5 * 1.7 + 3 * 3 * 1.7 * 1.7, g.scalar("x"), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 2, 9, 1e4})
    void newtonSquareRootUntilConvergence(double a) {
        var g = check(loops("newtonSqrt"), a);
        assertEquals(0.5 / Math.sqrt(a), g.scalar("a"), 1e-8 / Math.sqrt(a));
    }

    @ParameterizedTest
    @CsvSource({"2.5, 0.3", "3.2, 0.6", "1.5, 0.9"})
    void logisticMapThirtyTimes(double r, double x0) {
        check(loops("logistic"), r, x0);
    }

    @Test
    void rnnCellUnrolled() {
        var rnn =
                Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Loops", "rnn", "w", "u", "bias", "h0");
        check(rnn, 0.8, -0.4, 0.1, 0.3, new double[] {0.5, -1, 2, 0.25, 1.5});
    }

    @ParameterizedTest
    @ValueSource(doubles = {-5, 0.5, 2.5})
    void earlyReturnFromALoop(double t) {
        check(loops("firstAbove"), new double[] {0.3, 1.7, -2, 3.1}, t);
    }

    @Test
    void breakAndContinue() {
        check(loops("breakContinue"), new double[] {1, 2, -3, 4, 5, -1, 2});
        check(loops("breakContinue"), new double[] {3, 4, 5, 6, 7, 8});
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.3, 0.2, 2})
    void doWhile(double x) {
        check(loops("doWhile"), x);
    }

    @Test
    void nestedLoopsWithLabelledJumps() {
        check(loops("nested"), new double[][] {{1, 2}, {3, -4, 5}, {0.5, 6, 7, 8}}, 1.3);
        check(loops("nested"), new double[][] {{1, 2}, {3, 400}, {0.5}}, -0.7);
    }
}
