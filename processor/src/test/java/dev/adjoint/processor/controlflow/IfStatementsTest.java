package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code if}/{@code else if}/{@code else} and {@code return} anywhere, in both modes: the
 * derivative of a piecewise function is the derivative of the branch taken. Points are chosen
 * to take every branch, away from the kinks.
 */
class IfStatementsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Ifs {
        @Differentiable
        static double huber(double r, double delta) {
          double a = Math.abs(r);
          double out;
          if (a <= delta) {
            out = 0.5 * r * r;
          } else if (a > 10) {
            return Math.log(a) * delta;
          } else {
            out = delta * (a - 0.5 * delta);
          }
          double s = out * 2;
          if (s > 3) s = 3 + Math.sqrt(s);
          return s;
        }

        @Differentiable
        static double nested(double x, double y, int mode) {
          double z = x * y;
          if (mode > 0) {
            if (x > y) {
              z += Math.sin(x);
            } else {
              z -= Math.cos(y);
              if (z < 0) return z * z;
            }
          } else {
            double t = Math.exp(-x * x);
            z = z * t;
          }
          return z + y;
        }

        @Differentiable
        static double onlyThen(double x) {
          double y = x;
          if (x < 1) {
            y = x * x;
          }
          return y;
        }

        @Differentiable
        static double returnsEverywhere(double x) {
          if (x > 2) return x * x * x;
          if (x > 0) {
            return Math.sqrt(x);
          } else if (x > -1) {
            return -x;
          }
          return Math.exp(x);
        }
      }
      """;

    private static Differentiated ifs(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Ifs", method);
    }

    @ParameterizedTest
    @CsvSource({"0.3, 1.0", "-0.7, 1.0", "1.5, 1.0", "-2.5, 1.2", "12.0, 1.5", "-20.0, 0.5", "2.2, 2.0"})
    void huberTakesEachBranch(double r, double delta) {
        check(ifs("huber"), r, delta);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0.5, 1", "0.5, 1.5, 1", "-0.5, 0.3, 1", "0.2, 0.7, 0", "-1.3, 2.0, -1"})
    void nestedBranchesAndEarlyReturn(double x, double y, int mode) {
        check(ifs("nested"), x, y, mode);
    }

    @ParameterizedTest
    @CsvSource({"0.5", "-3.0", "2.0"})
    void ifWithoutElse(double x) {
        check(ifs("onlyThen"), x);
    }

    @ParameterizedTest
    @CsvSource({"3.0, 27.0", "1.0, 0.5", "-0.5, -1.0", "-2.0, 0.1353352832366127"})
    void returnFromEveryBranch(double x, double slope) {
        var g = check(ifs("returnsEverywhere"), x);
        assertEquals(slope, g.scalar("x"), 1e-12);
    }
}
