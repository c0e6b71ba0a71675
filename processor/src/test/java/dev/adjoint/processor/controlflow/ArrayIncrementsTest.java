package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Increments and merged reads of arrays in the reverse sweep: an increment {@code a[i] = a[i] ± v}
 * keeps {@code ā[i]} in place, but only when it is one ({@code a[i] + a[i]}, {@code v - a[i]} and a
 * store in between are not); two reads of one element of a written array with nothing in between
 * are one read, and never across a store.
 *
 * <p>Every gradient is checked against central finite differences and every tangent against
 * gradient · direction ({@link GradCheck#check}); {@link ArrayStoreChecks#verify} also checks that a
 * call leaves the thread's stacks at the size it found them and gives the same result when repeated.
 */
class ArrayIncrementsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Stores {
        // ---- increments

        @Differentiable
        static double increments(double[] x, double y) {
          double[] a = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            a[i] = a[i] + x[i] * y;
            a[i] -= y * y;
            a[i] = Math.sin(x[i]) + a[i];
            a[i] += a[i] * y;
            a[i] = a[i] - a[i] * a[i] * 0.1;
          }
          double s = 0;
          for (int i = 0; i < a.length; i++) s += a[i] * a[i];
          return s;
        }

        // a0 = y - xy (partial -1), a1 = x + x (partial 2), a2 = (x + y) - a1:
        // f = 5 a0 + 7 a1 + 11 a2 = 16y - 5xy + 3x
        @Differentiable
        static double signs(double x, double y) {
          double[] a = {x * y, x, y};
          a[0] = y - a[0];
          a[1] = a[1] + a[1];
          a[2] = x + a[2];
          a[2] -= a[1];
          return 5 * a[0] + 7 * a[1] + 11 * a[2];
        }

        // w0 := 2 w0, w1 := w1 - w1 w0: f = w0 w1 = w1 (2 w0 - 4 w0²)
        @Differentiable
        static double selfIncrementsInPlace(double[] w) {
          w[0] = w[0] + w[0];
          w[1] = w[1] - w[1] * w[0];
          return w[0] * w[1];
        }

        // the element read for the increment is also used elsewhere: f = w0² (1 + y) + w1
        @Differentiable
        static double readAlsoUsed(double[] w, double y) {
          double u = w[0];
          w[0] = w[0] + y * u;
          return u * w[0] + w[1];
        }

        // a store into a[j] stands between reading a[i] and storing a[i]; i == j overwrites it
        @Differentiable
        static double storeBetween(double[] v, double x, double y, int i, int j) {
          double[] a = {v[0] * v[1], v[1] * v[1], v[2]};
          double t = a[i];
          a[j] = x * x;
          a[i] = t + y;
          return a[0] * a[1] + 3 * a[2] + a[0] * x;
        }

        // the same with a read of a[i] again after the store into a[j]
        @Differentiable
        static double storeBetweenReads(double[] v, double x, int i, int j) {
          double[] a = {v[0], v[1] * v[2], v[2]};
          double u = a[i];
          a[j] = a[j] * x;
          a[i] = a[i] + u * x;
          return a[0] * a[1] + a[2] * u;
        }

        // increments in loops hitting the same elements again, at data-dependent indices, in branches
        @Differentiable
        static double accumulateInLoops(double[] x, int[] bins, double w) {
          double[] acc = new double[2];
          double[] hist = new double[3];
          for (int i = 0; i < x.length; i++) {
            acc[i % 2] = acc[i % 2] + x[i] * x[i];
            hist[bins[i]] += w * x[i];
            if (x[i] > 0) hist[bins[i]] = hist[bins[i]] - acc[0] * w;
          }
          return acc[0] * acc[1] + hist[0] * hist[1] + hist[2] * hist[2];
        }

        // a parameter updated in place by increments (the derivative methods work on a copy)
        @Differentiable
        static double inPlaceIncrements(double[] w, double[] g, double t) {
          for (int k = 0; k < 2; k++) {
            for (int i = 0; i < w.length; i++) {
              w[i] = w[i] - t * g[i] * w[i];
              w[i] += 0.1 * g[i];
            }
          }
          return w[0] * w[1] + w[2];
        }

        // increments on matrix elements, directly and through a row view, at index k + 1
        @Differentiable
        static double matrixIncrements(double[] x) {
          double[][] m = new double[2][x.length];
          for (int k = 0; k + 1 < x.length; k++) {
            m[0][k + 1] = m[0][k + 1] + x[k] * x[k + 1];
            double[] r = m[1];
            r[k] = r[k] + m[0][k + 1] * x[k];
            r[k] -= x[k + 1];
          }
          double s = 0;
          for (int k = 0; k < x.length; k++) s += m[0][k] * m[1][k] + m[1][k];
          return s;
        }

        // ---- merged reads

        @Differentiable
        static double squareOfElement(double[] x) {
          double[] a = new double[x.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            a[i] = Math.sin(x[i]) + x[i];
            s += a[i] * a[i];
          }
          return s + a[0] * a[0] * a[0];
        }

        // u = x, v = y²: f = u v + u a[0] = 2 x y²
        @Differentiable
        static double readStoreRead(double x, double y) {
          double[] a = {x, y};
          double u = a[0];
          a[0] = y * y;
          double v = a[0];
          return u * v + u * a[0];
        }

        // u = p0², p0 := u p1: f = p0² + u = p0⁴ p1² + p0²
        @Differentiable
        static double readStoreReadInPlace(double[] p) {
          double u = p[0] * p[0];
          p[0] = u * p[1];
          return p[0] * p[0] + u;
        }

        // two reads of a[i] around a store into a[j]: one element when i == j
        @Differentiable
        static double readStoreOtherRead(double[] v, int i, int j) {
          double[] a = {v[0], v[1], v[2]};
          double u = a[i];
          a[j] = v[0] * v[1];
          double w = a[i];
          return u * w + w;
        }

      }
      """;

    private static Differentiated stores(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Stores", method);
    }

    private static Differentiated.Gradient verify(Differentiated f, Object... args) {
        return ArrayStoreChecks.verify(f, args);
    }

    // ---- increments

    @ParameterizedTest
    @ValueSource(doubles = {0.3, -0.8})
    void incrementsOfALocalArray(double y) {
        verify(stores("increments"), new double[] {0.4, -1.1, 0.9, 1.6}, y);
    }

    @ParameterizedTest
    @CsvSource({"0.7, -1.3", "-2.5, 0.4"})
    void incrementsThatAreNotShortcuts(double x, double y) {
        var f = stores("signs");
        verify(f, x, y);
        assertGradient(f, new Object[] {x, y}, 3 - 5 * y, 16 - 5 * x);
        var g = stores("selfIncrementsInPlace");
        double[] w = {0.6, -1.7};
        verify(g, (Object) w);
        assertGradient(g, new Object[] {w}, w[1] * (2 - 8 * w[0]), 2 * w[0] - 4 * w[0] * w[0]);
    }

    @ParameterizedTest
    @CsvSource({"0.6, 1.5, 0.3", "-1.2, 0.4, -2"})
    void anIncrementWhoseReadIsAlsoUsedElsewhere(double w0, double w1, double y) {
        var f = stores("readAlsoUsed");
        verify(f, new double[] {w0, w1}, y);
        assertGradient(f, new Object[] {new double[] {w0, w1}, y}, 2 * w0 * (1 + y), 1, w0 * w0);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "2, 2", "0, 1", "1, 0", "2, 0", "0, 2"})
    void aStoreBetweenTheReadAndTheIncrement(int i, int j) {
        verify(stores("storeBetween"), new double[] {0.4, -1.1, 0.9}, 1.3, -0.6, i, j);
        verify(stores("storeBetweenReads"), new double[] {0.4, -1.1, 0.9}, 1.3, i, j);
    }

    @Test
    void incrementsInLoops() {
        verify(stores("accumulateInLoops"), new double[] {0.4, -1.1, 0.9, 1.6, -0.3}, new int[] {2, 0, 2, 1, 0}, 0.7);
        verify(stores("accumulateInLoops"), new double[] {-0.5, 1.2, 0.8}, new int[] {1, 1, 1}, -1.3);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, -0.45})
    void incrementsOfAParameterUpdatedInPlace(double t) {
        verify(stores("inPlaceIncrements"), new double[] {0.4, -1.1, 0.9}, new double[] {1.5, 0.3, -0.7}, t);
    }

    @Test
    void incrementsOfMatrixElementsAndRows() {
        verify(stores("matrixIncrements"), new double[] {0.4, -1.1, 0.9, 1.6});
        verify(stores("matrixIncrements"), new double[] {-0.7, 0.5});
    }

    // ---- merged reads

    @Test
    void theSquareOfAWrittenElement() {
        var g = verify(stores("squareOfElement"), new double[] {0.4, -1.1, 0.9});
        double x0 = 0.4;
        double a0 = Math.sin(x0) + x0;
        assertEquals((2 * a0 + 3 * a0 * a0) * (Math.cos(x0) + 1), g.vector("x")[0], 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"0.7, -1.3", "-2.5, 0.4"})
    void readsAroundAStoreAreNotMerged(double x, double y) {
        var f = stores("readStoreRead");
        verify(f, x, y);
        assertGradient(f, new Object[] {x, y}, 2 * y * y, 4 * x * y);
        var g = stores("readStoreReadInPlace");
        double[] p = {x, y};
        verify(g, (Object) p);
        assertGradient(g, new Object[] {p}, 4 * x * x * x * y * y + 2 * x, 2 * x * x * x * x * y);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "0, 1", "2, 0"})
    void readsAroundAStoreAtAnotherIndex(int i, int j) {
        verify(stores("readStoreOtherRead"), new double[] {0.4, -1.1, 0.9}, i, j);
    }
}
