package dev.adjoint.processor.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stores into an array the method created that no needed read can observe are dead
 * ({@code ArrayStores}), which removes the backward sweep's replays of loops that only rebuild a
 * local array (an MLP's hidden layer), while every store some read may see (later in the block,
 * in a later iteration, through a {@code ?:}, a copy, a callee) stays.
 *
 * <p>Every gradient is checked against central finite differences and every tangent against
 * gradient · direction ({@link GradCheck#check}); {@link ArrayStoreChecks#verify} also checks that a
 * call leaves the thread's stacks at the size it found them and gives the same result when repeated.
 */
class DeadArrayStoresTest {
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

      }
      """;

    private static Differentiated stores(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Stores", method);
    }

    private static Differentiated.Gradient verify(Differentiated f, Object... args) {
        return ArrayStoreChecks.verify(f, args);
    }

    private static Differentiated storesWrt(String method, String... wrt) {
        return Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Stores", method, wrt);
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
}
