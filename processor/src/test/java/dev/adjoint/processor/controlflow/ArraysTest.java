package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arrays the method writes, in both modes: local arrays ({@code new double[n]},
 * {@code new double[n][m]}, initialisers), parameters updated in place (derivative methods work
 * on a copy: the harness checks the caller's arrays are unchanged), int arrays as index data,
 * and writes inside loops and branches, read again later in the same or another iteration.
 */
class ArraysTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Arr {
        @Differentiable
        static double matVec(double[][] a, double[] x) {
          double[] y = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) y[i] += a[i][j] * x[j];
          }
          double s = 0;
          for (double v : y) s += v * v;
          return s;
        }

        @Differentiable
        static double inPlace(double[] w, double t) {
          for (int i = 0; i < w.length; i++) w[i] = w[i] * t + 1;
          double[] c = {w[0], t, 2};
          return w[0] * w[1] + c[1] * c[0] * c[2];
        }

        @Differentiable
        static double copyAndUpdate(double[] w, double[] g) {
          double[] v = w.clone();
          for (int k = 0; k < 3; k++) {
            for (int i = 0; i < v.length; i++) v[i] = v[i] - 0.1 * g[i] * v[i];
          }
          double s = 0;
          for (int i = 0; i < v.length; i++) s += v[i] * w[i];
          return s;
        }

        @Differentiable
        static double prefixProducts(double[] x) {
          double[] p = new double[x.length];
          p[0] = x[0];
          for (int i = 1; i < x.length; i++) p[i] = p[i - 1] * x[i];
          double s = 0;
          for (int i = 0; i < p.length; i++) s += Math.sin(p[i]);
          return s;
        }

        @Differentiable
        static double gather(double[] x, int[] idx) {
          double[] out = new double[idx.length];
          for (int i = 0; i < idx.length; i++) out[i] = x[idx[i]] * (i + 1);
          double s = 0;
          for (double v : out) s += v * v;
          return s;
        }

        @Differentiable
        static double matrix(double[] x) {
          double[][] m = new double[2][x.length];
          for (int j = 0; j < x.length; j++) {
            m[0][j] = Math.exp(x[j]);
            m[1][j] = m[0][j] * x[j];
          }
          double s = 0;
          for (int j = 0; j < x.length; j++) s += m[1][j] / (1 + m[0][j]);
          return s;
        }

        @Differentiable
        static double branchesWrite(double[] x, double t) {
          double[] y = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            if (x[i] > t) y[i] = x[i] * x[i];
            else y[i] = t * x[i];
            if (i > 0) y[i] += y[i - 1];
          }
          return y[x.length - 1];
        }

        @Differentiable
        static double aliasing(double[] a, double[] b) {
          a[0] = 2 * b[0];
          return a[0] * b[0];
        }

        @Differentiable
        static double overwrite(double x) {
          double[] a = new double[2];
          a[0] = x;
          double r = a[0] * 3;
          a[0] = Math.sin(x);
          a[1] = a[0] * a[0];
          a[0] = 5;
          return r + a[1] + a[0];
        }
      }
      """;

    private static Differentiated arr(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Arr", method);
    }

    @Test
    void matrixVectorProductIntoALocalArray() {
        check(arr("matVec"), new double[][] {{1, 2, -1}, {0.5, -3, 2}}, new double[] {0.3, -1.2, 2});
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, -1.5})
    void parameterUpdatedInPlace(double t) {
        check(arr("inPlace"), new double[] {1.5, -2, 0.25}, t);
    }

    @Test
    void copyOfAParameterUpdatedInPlace() {
        check(arr("copyAndUpdate"), new double[] {1, -2, 0.5}, new double[] {0.3, 0.7, -1.1});
    }

    @Test
    void recurrenceThroughALocalArray() {
        var g = check(arr("prefixProducts"), new double[] {0.9, 1.1, -0.8, 1.2});
        assertEquals(4, g.vector("x").length);
    }

    @Test
    void intArraysAsIndexData() {
        check(arr("gather"), new double[] {0.5, -1, 2}, new int[] {2, 0, 2, 1});
    }

    @Test
    void localMatrix() {
        check(arr("matrix"), new double[] {0.2, -0.7, 1.3});
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, 0.4, 3})
    void writesInBranches(double t) {
        check(arr("branchesWrite"), new double[] {0.3, -1.1, 0.8, 2.2}, t);
    }

    @Test
    void aParameterWrittenAndAliasedByAnotherIsRefusedAtRunTime() throws Exception {
        var f = arr("aliasing");
        check(f, new double[] {1, 2}, new double[] {3, 4});
        double[] same = {1, 2};
        Class<?> grad = f.gradClass();
        for (var m : List.of(
                grad.getMethod("aliasing", double[].class, double[].class),
                grad.getMethod("aliasingTangent", double[].class, double[].class, double[].class, double[].class))) {
            Object[] args = m.getParameterCount() == 2
                    ? new Object[] {same, same}
                    : new Object[] {same, new double[2], same, new double[2]};
            var thrown = assertThrows(InvocationTargetException.class, () -> m.invoke(null, args));
            assertTrue(thrown.getCause() instanceof IllegalArgumentException);
            assertTrue(
                    thrown.getCause().getMessage().contains("parameters a and b are the same array"),
                    thrown.getCause().getMessage());
        }
    }

    @Test
    void overwrittenElementsStopPropagating() {
        var g = check(arr("overwrite"), 0.7);
        assertEquals(3 + 2 * Math.sin(0.7) * Math.cos(0.7), g.scalar("x"), 1e-12);
    }
}
