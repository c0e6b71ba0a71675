package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.Dual;
import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reverse sweep's array optimisations, and what they must not break:
 *
 * <ul>
 *   <li>stores into an array the method created that no needed read can observe are dead
 *       ({@code ArrayStores}), which removes the backward sweep's replays of loops that only
 *       rebuild a local array (an MLP's hidden layer), while every store some read may see
 *       (later in the block, in a later iteration, through a {@code ?:}, a copy, a callee) stays;
 *   <li>an increment {@code a[i] = a[i] ± v} keeps {@code ā[i]} in place, but only when it is
 *       one ({@code a[i] + a[i]}, {@code v - a[i]} and a store in between are not);
 *   <li>two reads of one element of a written array with nothing in between are one read, and
 *       never across a store;
 *   <li>the thread's stacks, kept by generated code as a local array and top, are left as found
 *       across nested calls of generated reverse methods, grow during a call (also inside a
 *       callee), and their high-water mark stays exact.
 * </ul>
 *
 * <p>Every gradient is checked against central finite differences and every tangent against
 * gradient · direction ({@link GradCheck#check}); {@link #verify} also checks that a call leaves
 * the thread's stacks at the size it found them and gives the same result when repeated.
 */
class ArrayStoreOptimizationsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Stores {
        // ---- dead stores

        // one hidden layer, rebuilt for each sample in an array made once; the output loop's
        // reads of h are saved, so no backward read sees h: the backward sweep must not rebuild it
        @Differentiable(wrt = {"w1", "b1", "w2"})
        static double mlp(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2) {
          double loss = 0;
          double[] h = new double[b1.length];
          for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < b1.length; j++) {
              double s = b1[j];
              for (int k = 0; k < x[n].length; k++) s += w1[j][k] * x[n][k];
              h[j] = Math.max(s, 0);
            }
            double out = 0;
            for (int j = 0; j < h.length; j++) out += w2[j] * h[j];
            double e = out - y[n];
            loss += e * e;
          }
          return loss / x.length;
        }

        // the samples' shape: the hidden layer of the whole batch in a matrix, read by a second loop
        @Differentiable(wrt = {"w1", "b1", "w2"})
        static double mlpBatch(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2) {
          double[][] h = new double[x.length][b1.length];
          for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < b1.length; j++) {
              double s = b1[j];
              for (int k = 0; k < x[n].length; k++) s += w1[j][k] * x[n][k];
              h[n][j] = Math.max(s, 0);
            }
          }
          double loss = 0;
          for (int n = 0; n < x.length; n++) {
            double out = 0;
            for (int j = 0; j < b1.length; j++) out += w2[j] * h[n][j];
            double e = out - y[n];
            loss += e * e;
          }
          return loss / x.length;
        }

        // the hidden layer in a new array for each sample
        @Differentiable(wrt = {"w1", "b1", "w2"})
        static double mlpFreshLayer(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2) {
          double loss = 0;
          for (int n = 0; n < x.length; n++) {
            double[] h = new double[b1.length];
            for (int j = 0; j < b1.length; j++) {
              double s = b1[j];
              for (int k = 0; k < x[n].length; k++) s += w1[j][k] * x[n][k];
              h[j] = Math.max(s, 0);
            }
            double out = 0;
            for (int j = 0; j < h.length; j++) out += w2[j] * h[j];
            double e = out - y[n];
            loss += e * e;
          }
          return loss / x.length;
        }

        // stores no read follows: into a scratch array never read, and after an array's last read
        @Differentiable
        static double unobservedStores(double[] x) {
          double[] scratch = new double[x.length];
          double[] a = new double[2];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            scratch[i] = Math.exp(x[i]);
            s += x[i] * x[i];
          }
          a[0] = s * x[0];
          double r = a[0] * a[0];
          a[0] = Math.tanh(x[1]);
          a[1] = Math.tanh(x[0]);
          return r + s;
        }

        // ---- stores that must stay

        // stores into a and b after the choice: the read through c sees one of them
        @Differentiable
        static double choice(double[] x, double t) {
          double[] a = new double[2];
          double[] b = new double[2];
          double[] c = t > 0 ? a : b;
          a[0] = x[0] * x[1];
          b[0] = Math.sin(x[0]);
          a[1] = x[1] * x[1];
          b[1] = x[0] + x[1];
          return c[0] * c[1] + x[0] * c[0];
        }

        // the read at the top of the body sees the store at its bottom, one iteration later
        @Differentiable
        static double previousIteration(double[] x) {
          double[] prev = new double[1];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += prev[0] * x[i];
            prev[0] = Math.sin(x[i]) + s;
          }
          return s;
        }

        // written by one inner loop, read by another inner loop of the next outer iteration only
        @Differentiable
        static double laterOuterIteration(double[] x) {
          double[] buf = new double[x.length];
          double s = 0;
          for (int it = 0; it < 3; it++) {
            for (int i = 0; i < x.length; i++) s += buf[i] * x[i];
            for (int i = 0; i < x.length; i++) buf[i] = Math.sin(x[i] * (it + 1)) + 0.5 * s;
          }
          return s;
        }

        // the second loop overwrites the first m elements only: the others keep the first values
        @Differentiable
        static double partlyOverwritten(double[] x, int m) {
          double[] a = new double[x.length];
          for (int i = 0; i < x.length; i++) a[i] = x[i] * x[i];
          for (int i = 0; i < m; i++) a[i] = Math.sin(a[i]) + x[i];
          double s = 0;
          for (int i = 0; i < a.length; i++) s += a[i] * (i + 1);
          return s;
        }

        // which element is written and which is read depends on the data
        @Differentiable
        static double dataIndex(double[] x) {
          double[] a = new double[x.length];
          for (int i = 0; i < x.length; i++) a[i] = Math.exp(x[i]) * (i + 1);
          int k = (int) Math.floor(Math.abs(x[0]) * 2) % x.length;
          int j = (int) Math.floor(Math.abs(x[1]) * 3) % x.length;
          a[k] = a[k] * x[1];
          return a[j] * x[2] + a[k];
        }

        @Differentiable
        static double sumOfSquares(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) s += v[i] * v[i];
          return s;
        }

        // the callee reads the array as written; the store after the call is read too
        @Differentiable
        static double passedToCallee(double[] x, double c) {
          double[] w = new double[x.length];
          for (int i = 0; i < x.length; i++) w[i] = x[i] * c;
          double r = sumOfSquares(w);
          w[0] = Math.cos(c);
          return r + w[0] * x[0];
        }

        // nothing but the callee reads w
        @Differentiable
        static double calleeIsTheOnlyReader(double[] x, double c) {
          double[] w = new double[x.length];
          for (int i = 0; i < x.length; i++) w[i] = x[i] * c;
          w[0] = w[0] + Math.cos(c);
          return sumOfSquares(w);
        }

        // the callee reads the array as each outer iteration rebuilt it
        @Differentiable
        static double calleeInLoop(double[] x, double c) {
          double[] w = new double[x.length];
          double s = 0;
          for (int it = 0; it < 3; it++) {
            for (int i = 0; i < x.length; i++) w[i] = x[i] * (it + 1) + 0.1 * s;
            s = 0.5 * s + sumOfSquares(w) * c;
          }
          return s;
        }

        // a local matrix written through row views and read by element
        @Differentiable
        static double rows(double[] x) {
          int n = x.length;
          double[][] m = new double[n][n];
          for (int i = 0; i < n; i++) {
            double[] r = m[i];
            for (int j = 0; j < n; j++) r[j] = x[i] * x[j] + (i == j ? 1 : 0);
          }
          double[] r1 = m[1];
          r1[0] = r1[0] * x[2];
          double s = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) s += m[i][j] * m[j][i] * x[j];
          }
          return s + m[1][0];
        }

        // a local int array of indices, filled and then used to write and read
        @Differentiable
        static double localIndices(double[] x) {
          int n = x.length;
          int[] order = new int[n];
          for (int i = 0; i < n; i++) order[i] = n - 1 - i;
          double[] y = new double[n];
          for (int i = 0; i < n; i++) y[order[i]] = x[i] * (i + 1);
          double s = 0;
          for (int i = 0; i < n; i++) s += y[i] * x[i];
          return s;
        }

        // a copy of a local array, made between two rounds of stores into it
        @Differentiable
        static double copyBetweenStores(double[] x) {
          double[] a = new double[x.length];
          for (int i = 0; i < x.length; i++) a[i] = x[i] * x[i];
          double[] c = a.clone();
          for (int i = 0; i < x.length; i++) a[i] = Math.sin(x[i]);
          double s = 0;
          for (int i = 0; i < x.length; i++) s += c[i] * a[i];
          return s;
        }

        // nothing but the copy reads the first stores into a; nothing reads the second ones
        @Differentiable
        static double copyIsTheOnlyReader(double[] x) {
          double[] a = new double[x.length];
          for (int i = 0; i < x.length; i++) a[i] = x[i] * x[i];
          double[] c = a.clone();
          for (int i = 0; i < x.length; i++) a[i] = Math.sin(x[i]);
          double s = 0;
          for (int i = 0; i < x.length; i++) s += c[i] * x[i];
          return s;
        }

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

        // ---- calls between generated reverse methods, sharing the thread's stacks

        // saves p for each iteration
        @Differentiable
        static double inner(double[] v, double c) {
          double p = 1;
          // the guard (never false here) makes the trip count depend on the data: it is saved
          for (int i = 0; i < v.length && p < 1e12; i++) p = p * v[i] + c;
          return p;
        }

        // saves q before the calls, then calls inner in a loop on an array it rebuilds
        @Differentiable
        static double outer(double[] v, double c) {
          double q = c;
          for (int k = 0; k < 3; k++) q = q * c + 0.25;
          double s = 0;
          double[] w = new double[v.length];
          for (int k = 0; k < 3; k++) {
            for (int i = 0; i < v.length; i++) w[i] = v[i] * (1 + 0.1 * k) + 0.01 * s;
            s = Math.sin(s) * q + inner(w, c + 0.1 * s);
          }
          return s + q;
        }

        // saves x.length values of p after a call that may have grown the stack
        @Differentiable
        static double callThenLoop(double[] v, double c, double[] x) {
          double p = inner(v, c);
          for (int i = 0; i < x.length; i++) p = p * x[i] + c;
          return p;
        }

        // a copy made in a loop, of an array written after the loop: saved whole, between
        // the doubles saved for x; then a call saving on the same stack
        @Differentiable
        static double wholeArraysSaved(double x, double[] v) {
          for (int it = 0; it < 3; it++) {
            double[] buf = v.clone();
            double r = buf[2];
            buf[2] = 5;
            x = x * r + buf[2] * buf[0] + x * x * 0.1;
          }
          v[2] = 3;
          return x * inner(v, x);
        }

        // a call in a loop left early
        @Differentiable
        static double outerEarlyReturn(double[] v, double c) {
          double s = 0;
          for (int k = 0; k < 5; k++) {
            s = s * c + inner(v, c * s + 0.5);
            if (s > 4) return s * s;
          }
          return s;
        }

        // p = a^(2n): 2n doubles and n + 1 trip counts saved
        @Differentiable
        static double power(double a, int n) {
          double p = 1;
          for (int i = 0; i < n; i++) {
            for (int k = 0; k * k < 4; k++) p = p * a; // not counted: its trip count is saved
          }
          return p;
        }
      }
      """;

    private static Differentiated stores(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Stores", method);
    }

    private static Differentiated storesWrt(String method, String... wrt) {
        return Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Stores", method, wrt);
    }

    /**
     * {@link GradCheck#check}, and: the calls left this thread's stacks at the size they found them,
     * and a repeated reverse-mode call gives exactly the same value and gradient.
     */
    private static Differentiated.Gradient verify(Differentiated f, Object... args) {
        DoubleStack doubles = DoubleStack.forThisThread();
        IntStack ints = IntStack.forThisThread();
        int doublesBefore = doubles.size();
        int intsBefore = ints.size();
        Differentiated.Gradient g = check(f, args);
        assertEquals(doublesBefore, doubles.size(), f.name() + ": doubles left on the stack");
        assertEquals(intsBefore, ints.size(), f.name() + ": ints left on the stack");
        assertSameGradient(g, f.gradient(GradCheck.deepCopy(args)), f.name() + " called again");
        return g;
    }

    private static void assertSameGradient(
            Differentiated.Gradient expected, Differentiated.Gradient actual, String what) {
        assertEquals(expected.value(), actual.value(), 0.0, what + ": value");
        assertEquals(expected.components().keySet(), actual.components().keySet(), what);
        assertArrayEquals(
                expected.components().values().toArray(),
                actual.components().values().toArray(),
                what + ": gradient");
    }

    /** Compares the reverse methods {@code methods} with the golden file {@code golden/controlflow/<name>.java.txt}. */
    private static void assertGolden(String name, String... methods) {
        GoldenFile.assertMethodsMatch(
                "controlflow/" + name + ".java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.StoresGrad"),
                methods);
    }

    // ---- data

    private static final double[][] X = {{0.5, -1.2, 0.3}, {1.1, 0.4, -0.7}, {-0.3, 0.9, 1.5}, {0.8, 0.2, -0.4}};
    private static final double[] Y = {0.7, -0.2, 1.3, 0.1};
    private static final double[][] W1 = {{0.6, -0.4, 0.9}, {-0.8, 0.5, 0.3}, {0.2, 0.7, -0.6}, {1.1, -0.3, 0.4}};
    private static final double[] B1 = {0.1, -0.2, 0.35, -0.05};
    private static final double[] W2 = {0.9, -1.1, 0.6, 0.4};

    /** Every pre-activation of the MLP at X, W1, B1: none may sit within 1e-3 of relu's kink. */
    private static void assertAwayFromKinks(double[][] x, double[][] w1, double[] b1) {
        for (double[] row : x) {
            for (int j = 0; j < b1.length; j++) {
                double s = b1[j];
                for (int k = 0; k < row.length; k++) s += w1[j][k] * row[k];
                assertTrue(Math.abs(s) > 1e-3, "pre-activation " + s + " too close to 0");
            }
        }
    }

    // ---- dead stores removed, gradient right

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "mlpBatch", "mlpFreshLayer"})
    void mlpGradients(String method) {
        assertAwayFromKinks(X, W1, B1);
        var f = storesWrt(method, "w1", "b1", "w2");
        var g = verify(f, X, Y, W1, B1, W2);
        // the three shapes compute the same loss and so the same gradient
        var reference = storesWrt("mlp", "w1", "b1", "w2").gradient(X, Y, W1, B1, W2);
        assertEquals(reference.value(), g.value(), 1e-12);
        for (String p : List.of("w1", "b1", "w2")) {
            Object a = reference.get(p);
            Object b = g.get(p);
            double[][] ra = a instanceof double[][] m ? m : new double[][] {(double[]) a};
            double[][] rb = b instanceof double[][] m ? m : new double[][] {(double[]) b};
            for (int i = 0; i < ra.length; i++) assertArrayEquals(ra[i], rb[i], 1e-12, method + ": d" + p);
        }
        // a second point, with other hidden units off
        double[][] w1 = {{-0.6, 0.4, 0.9}, {0.8, 0.5, -0.3}, {0.25, -0.7, 0.6}, {-1.1, -0.3, 0.4}};
        assertAwayFromKinks(X, w1, B1);
        verify(f, X, Y, w1, B1, new double[] {-0.5, 0.3, 1.2, -0.8});
    }

    /**
     * Golden file {@code ArrayStoresHiddenLayer}: Math.max appears once in each, in the forward
     * sweep. Before the dead stores were removed, the backward sweep replayed the hidden-layer loop
     * (a second max) and restored h (a third).
     */
    @Test
    @Tag("golden")
    void theBackwardSweepDoesNotRebuildTheHiddenLayer() {
        assertGolden("ArrayStoresHiddenLayer", "mlp", "mlpBatch");
    }

    @Test
    @Tag("golden")
    void storesNoReadFollowsAreRemoved() {
        verify(stores("unobservedStores"), new double[] {0.3, -1.2, 0.8});
        // golden: nothing reads scratch, so exp is gone; nothing reads a after r, so neither tanh is computed
        assertGolden("ArrayStoresUnobserved", "unobservedStores");
    }

    // ---- stores that must stay

    @ParameterizedTest
    @ValueSource(doubles = {0.5, -0.5})
    void storesSeenThroughAChoice(double t) {
        var g = verify(stores("choice"), new double[] {0.7, -1.3}, t);
        double x0 = 0.7, x1 = -1.3;
        if (t > 0) {
            // c = a: f = x0 x1 · x1² + x0 · x0 x1
            assertEquals(x1 * x1 * x1 + 2 * x0 * x1, g.vector("x")[0], 1e-12);
        } else {
            // c = b: f = sin x0 (x0 + x1) + x0 sin x0
            assertEquals(
                    Math.cos(x0) * (x0 + x1) + Math.sin(x0) + Math.sin(x0) + x0 * Math.cos(x0),
                    g.vector("x")[0],
                    1e-12);
        }
    }

    @Test
    void storesReadInTheNextIteration() {
        verify(stores("previousIteration"), new double[] {0.4, -1.1, 0.9, 1.6});
        verify(stores("previousIteration"), new double[] {-0.3, 0.2});
        verify(stores("laterOuterIteration"), new double[] {0.4, -1.1, 0.9});
        verify(stores("laterOuterIteration"), new double[] {1.3, 0.25});
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4})
    void storesOnlyPartlyOverwritten(int m) {
        verify(stores("partlyOverwritten"), new double[] {0.4, -1.1, 0.9, 1.6}, m);
    }

    @ParameterizedTest
    @CsvSource({
        "0.8, -1.3, 0.6, 1.1", // writes a[1], reads a[3]
        "1.3, 0.4, -0.9, 0.2", // writes a[2], reads a[1]
        "0.6, 0.4, 1.7, -0.5", // writes and reads a[1]
        "-0.2, -0.1, 0.3, 0.9", // writes and reads a[0]
    })
    void storesAtDataDependentIndices(double x0, double x1, double x2, double x3) {
        verify(stores("dataIndex"), new double[] {x0, x1, x2, x3});
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.7, -1.4})
    void storesReadByACallee(double c) {
        verify(stores("passedToCallee"), new double[] {0.4, -1.1, 0.9}, c);
        verify(stores("calleeInLoop"), new double[] {0.4, -1.1, 0.9}, c);
        var g = verify(stores("calleeIsTheOnlyReader"), new double[] {0.4, -1.1, 0.9}, c);
        // f = (0.4c + cos c)² + (1.21 + 0.81) c²
        double w0 = 0.4 * c + Math.cos(c);
        assertEquals(2 * w0 * (0.4 - Math.sin(c)) + 2 * 2.02 * c, g.scalar("c"), 1e-12);
    }

    @Test
    void matricesWrittenThroughRows() {
        verify(stores("rows"), new double[] {0.4, -1.1, 0.9});
        verify(stores("rows"), new double[] {1.2, 0.3, -0.6, 0.8});
    }

    @Test
    void localIndexArrays() {
        double[] x = {0.4, -1.1, 0.9, 1.6, -0.7};
        var g = verify(stores("localIndices"), x);
        // y[n-1-i] = (i+1) x_i, so s = Σ_i (i+1) x_i x_{n-1-i} and ds/dx_k = (n + 1) x_{n-1-k}
        int n = x.length;
        for (int k = 0; k < n; k++) {
            assertEquals((n + 1) * x[n - 1 - k], g.vector("x")[k], 1e-12, "ds/dx" + k);
        }
    }

    @Test
    @Tag("golden")
    void aCopyTakenBetweenStores() {
        verify(stores("copyBetweenStores"), new double[] {0.4, -1.1, 0.9});
        var g = verify(stores("copyIsTheOnlyReader"), new double[] {0.4, -1.1, 0.9});
        // s = Σ x_i³
        assertArrayEquals(new double[] {3 * 0.16, 3 * 1.21, 3 * 0.81}, g.vector("x"), 1e-12);
        // golden: the stores after the copy are dead, no sin left in the reverse method
        assertGolden("ArrayStoresCopy", "copyIsTheOnlyReader");
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

    // ---- calls between generated reverse methods sharing the thread's stacks

    @Test
    void nestedReverseCallsLeaveTheThreadsStacksAsTheyFoundThem() {
        double[] v = {0.5, -0.3, 0.8, 0.2};
        double c = 0.6;
        verify(stores("inner"), v, c);
        var outer = stores("outer");
        verify(outer, v, c);
        verify(outer, new double[] {-0.4, 0.9}, -0.8);
        var early = stores("outerEarlyReturn");
        verify(early, v, 0.3); // runs all five iterations
        assertTrue(early.primal(v, 0.3) <= 4, "no early return");
        verify(early, v, c); // returns in the fourth iteration
        verify(early, new double[] {1.5, 1.2}, 1.1); // returns in the second iteration
        assertTrue(early.primal(v, c) > 16, "the early return is taken");

        verify(stores("wholeArraysSaved"), 0.8, new double[] {-0.9, 0.43, -1.16, 0.39});
        verify(stores("wholeArraysSaved"), -0.3, new double[] {1.2, -0.5, 0.7});

        // values an enclosing caller left on the stacks survive repeated calls untouched
        DoubleStack doubles = DoubleStack.forThisThread();
        IntStack ints = IntStack.forThisThread();
        doubles.push(Math.PI);
        doubles.push(-2.5);
        ints.push(42);
        int doublesBefore = doubles.size();
        int intsBefore = ints.size();
        doubles.resetHighWater();
        ints.resetHighWater();
        var first = outer.gradient(v, c);
        for (int r = 0; r < 5; r++) {
            assertSameGradient(first, outer.gradient(v, c), "call " + (r + 2));
            assertEquals(doublesBefore, doubles.size(), "doubles after call " + (r + 2));
            assertEquals(intsBefore, ints.size(), "ints after call " + (r + 2));
        }
        // inner saved its v.length values on top of what outer had saved when it called it
        assertTrue(
                doubles.highWater() >= doublesBefore + v.length + 1,
                "double high water " + doubles.highWater() + " from " + doublesBefore);
        assertTrue(ints.highWater() >= intsBefore + 1, "int high water " + ints.highWater() + " from " + intsBefore);
        assertEquals(42, ints.pop());
        assertEquals(-2.5, doubles.pop());
        assertEquals(Math.PI, doubles.pop());
    }

    // ---- growth

    @Test
    void theStacksGrowDuringACall() throws Exception {
        var f = stores("power");
        int n = 50_000;
        double a = 1 + 1e-5;
        inAFreshThread(() -> {
            DoubleStack doubles = DoubleStack.forThisThread();
            IntStack ints = IntStack.forThisThread();
            assertTrue(doubles.array().length < 2 * n && ints.array().length < n, "fresh stacks");
            var g = f.gradient(a, n);
            assertEquals(Math.pow(a, 2 * n), g.value(), 1e-9 * Math.pow(a, 2 * n));
            double expected = 2 * n * Math.pow(a, 2 * n - 1);
            assertEquals(expected, g.scalar("a"), 1e-9 * expected);
            assertEquals(expected, f.tangent(new Object[] {a, n}, 1.0).tangent(), 1e-9 * expected);
            assertTrue(doubles.array().length >= 2 * n, "doubles grew to " + doubles.array().length);
            assertTrue(ints.array().length >= n, "ints grew to " + ints.array().length);
            assertEquals(0, doubles.size());
            assertEquals(0, ints.size());
            // the high-water marks are exact: 2n saved values of p, one trip count per inner loop
            // (the outer loop is counted: its trip count is computed again, not saved)
            assertEquals(2 * n, doubles.highWater());
            assertEquals(n, ints.highWater());
            // and a second call, on grown stacks, gives the same result
            assertSameGradient(g, f.gradient(a, n), "second call");
        });
    }

    @Test
    void theStacksGrowInsideANestedCall() throws Exception {
        var f = stores("outer");
        int n = 100_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.5 + 0.1 * Math.sin(i);
        double c = 0.6;
        var reference = f.gradient(v, c); // on this thread
        AtomicReference<Differentiated.Gradient> fresh = new AtomicReference<>();
        inAFreshThread(() -> {
            DoubleStack doubles = DoubleStack.forThisThread();
            assertTrue(doubles.array().length < n, "fresh stack");
            fresh.set(f.gradient(v, c));
            assertTrue(doubles.array().length >= n, "grew to " + doubles.array().length);
            assertEquals(0, doubles.size());
            assertEquals(0, IntStack.forThisThread().size());
        });
        assertSameGradient(reference, fresh.get(), "on a fresh thread");
        // reverse against forward mode, along c and along a random direction
        Random random = new Random(7);
        double[] dv = new double[n];
        for (int i = 0; i < n; i++) dv[i] = 2 * random.nextDouble() - 1;
        double dc = 0.3;
        double dot = reference.scalar("c") * dc;
        double scale = Math.abs(dot);
        for (int i = 0; i < n; i++) {
            dot += reference.vector("v")[i] * dv[i];
            scale += Math.abs(reference.vector("v")[i] * dv[i]);
        }
        Dual along = f.tangent(new Object[] {v, c}, new Object[] {dv, dc});
        assertEquals(dot, along.tangent(), 1e-9 * scale);
        Dual alongC = f.tangent(new Object[] {v, c}, new Object[] {new double[n], 1.0});
        assertEquals(reference.scalar("c"), alongC.tangent(), 1e-9 * Math.abs(reference.scalar("c")));
        assertEquals(f.primal(v, c), reference.value(), 1e-12 * Math.abs(reference.value()));
    }

    @Test
    void valuesSavedAfterACalleeGrewTheStackGoIntoTheGrownArray() throws Exception {
        // inner grows the fresh thread's double stack from 16 to 1024 values; callThenLoop then
        // saves 40 values, more than the array it held before the call could take
        var f = stores("callThenLoop");
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = 0.5 + 0.1 * Math.cos(i);
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) x[i] = 0.7 + 0.05 * Math.sin(3 * i);
        inAFreshThread(() -> {
            assertTrue(DoubleStack.forThisThread().array().length < 40, "fresh stack");
            verify(f, v, 0.6, x);
            assertTrue(DoubleStack.forThisThread().array().length >= v.length, "grew");
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} on a new thread, whose stacks start small; rethrows what it threw. */
    private static void inAFreshThread(Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "fresh-stacks");
        thread.start();
        thread.join();
        if (failure.get() instanceof Error e) throw e;
        if (failure.get() instanceof Exception e) throw e;
    }
}
