package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adjacent counted loops over the same range are fused ({@code graph/LoopFusion}) when each
 * iteration of either touches, of the arrays one writes and the other uses, only the element at
 * its counter; otherwise they stay apart. Gradients must be right either way: each method is
 * checked against finite differences, and its reverse method compared with a golden file.
 */
class LoopFusionTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Fused {
        // GMM's subtract and Qtimesx: c[i] written then read at i; three loops, one after fusion
        @Differentiable
        static double centered(double[] x, double[] m, double[] q, int points) {
          int d = m.length;
          double[] c = new double[d];
          double[] z = new double[d];
          double s = 0;
          for (int p = 0; p < points; p++) {
            for (int i = 0; i < d; i++) c[i] = x[(p * d + i) % x.length] - m[i];
            for (int i = 0; i < d; i++) z[i] = Math.exp(q[i]) * c[i];
            for (int i = 0; i < d; i++) z[i] = z[i] * z[i] + c[i];
            double t = 0;
            for (int i = 0; i < d; i++) t += z[i];
            s += Math.log(1 + t * t);
          }
          return s;
        }

        // bounds that the loop tests compute (a.length), a second pass over the same elements, a sum
        @Differentiable
        static double passes(double[] x) {
          double[] a = new double[x.length];
          for (int i = 0; i < a.length; i++) a[i] = x[i] * x[i];
          for (int i = 0; i < a.length; i++) a[i] = 0.5 * a[i] + Math.sin(x[i] * a.length);
          double s = 0;
          for (int i = 0; i < a.length; i++) s += a[i] * a[i];
          return s;
        }

        // the second loop reads c[i + 1], which the first has not written yet in a fused iteration
        @Differentiable
        static double ahead(double[] x) {
          int n = x.length;
          double[] c = new double[n + 1];
          for (int i = 0; i < n; i++) c[i] = x[i] * x[i];
          double s = 0;
          for (int i = 0; i < n; i++) s += c[i] * c[i + 1];
          return s;
        }

        // the second loop starts from the first's sum
        @Differentiable
        static double chained(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) s += x[i];
          double t = s;
          for (int i = 0; i < x.length; i++) t = t * 0.5 + x[i] * s;
          return t;
        }

        // the first loop reads b[i + 1], which the second writes: kept apart
        @Differentiable
        static double behind(double[] x) {
          int n = x.length;
          double[] b = new double[n + 1];
          double s = 0;
          for (int i = 0; i < n; i++) s += Math.sin(b[i + 1] + x[i]);
          for (int i = 0; i < n; i++) b[i] = x[i] * s;
          return s + b[0] * b[n - 1];
        }

        // different bounds, and a call: kept apart
        @Differentiable
        static double others(double[] x) {
          int n = x.length;
          double[] a = new double[n];
          for (int i = 0; i < n; i++) a[i] = x[i] * 2;
          double s = 0;
          for (int i = 0; i < n - 1; i++) s += a[i] * x[i + 1];
          for (int i = 0; i < n; i++) s += weight(i) * a[i];
          return s;
        }

        static double weight(int i) {
          return 1.0 / (1 + i);
        }

        // found by review: b[i] = a[i], where a[i] is itself forwarded (was an internal error)
        @Differentiable
        static double copyThrough(double[] x) {
          int n = x.length;
          double[] a = new double[n];
          double[] b = new double[n];
          for (int i = 0; i < n; i++) a[i] = x[i];
          double s = 0;
          for (int i = 0; i < n; i++) {
            b[i] = a[i];
            s += b[i] * b[i];
          }
          return s;
        }

        // found by review: the forwarded read is the second loop's new carried value (was an internal error)
        @Differentiable
        static double lastElement(double[] x) {
          int n = x.length;
          double[] a = new double[n];
          for (int i = 0; i < n; i++) a[i] = x[i] * x[i];
          double last = 0;
          for (int i = 0; i < n; i++) last = a[i];
          return last;
        }

        // found by review: a.clone() reads all of a, which the first loop writes (was fused: wrong value)
        @Differentiable
        static double copiedInTheLoop(double[] x) {
          int n = x.length;
          double[] a = new double[n];
          for (int i = 0; i < n; i++) a[i] = x[i] * x[i];
          double s = 0;
          for (int i = 0; i < n; i++) {
            double[] t = a.clone();
            s += t[n - 1 - i] * x[i];
          }
          return s;
        }

        static double[] same(double[] a) {
          return a;
        }

        // found by review: h is a, returned by a call; the first loop writes a (was fused: wrong value)
        @Differentiable
        static double returnedByACall(double[] x) {
          int n = x.length;
          double[] a = new double[n];
          double[] h = same(a);
          for (int i = 0; i < n; i++) a[i] = i + 1.0;
          double s = 0;
          for (int i = 0; i < n; i++) s += h[n - 1 - i] * x[i];
          return s + (n > 0 ? a[n - 1] : 0);
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Fused", name);
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.3 * i + phase);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void gradientsMatchFiniteDifferences(int n) {
        check(method("centered"), data(3 * n, 0.1), data(n, 0.7), data(n, 1.3), 3);
        check(method("ahead"), (Object) data(n, 0.2));
        check(method("passes"), (Object) data(n, 0.6));
        check(method("chained"), (Object) data(n, 0.3));
        check(method("behind"), (Object) data(n, 0.4));
        check(method("others"), (Object) data(n, 0.5));
        check(method("copyThrough"), (Object) data(n, 0.6));
        check(method("lastElement"), (Object) data(n, 0.7));
        check(method("copiedInTheLoop"), (Object) data(n, 0.8));
        check(method("returnedByACall"), (Object) data(n, 0.9));
    }

    /**
     * Golden file {@code golden/controlflow/LoopFusion.java.txt}: the reverse method of each case,
     * where the loops that fuse appear as one (centered: the points loop and one loop inside it;
     * passes, copyThrough, lastElement: one loop) and the others stay apart. Rewrite it after an
     * intended change with {@link GoldenFile#UPDATE_COMMAND}.
     */
    @Test
    @Tag("golden")
    void fusedOnlyWhereEachIterationTouchesItsOwnElements() {
        GoldenFile.assertMethodsMatch(
                "controlflow/LoopFusion.java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.FusedGrad"),
                "centered",
                "passes",
                "ahead",
                "chained",
                "behind",
                "others",
                "copyThrough",
                "lastElement",
                "copiedInTheLoop",
                "returnedByACall");
    }

    /**
     * In the fused loop c[i] and z[i] are written and read in one iteration: their reads become the
     * stored values, the stores are dead, and each point (its scratch arrays gone) is reversed
     * right after it runs. The stacks hold one point's exp(q[i]), nothing of c or z.
     */
    @Test
    void aFusedElementIsComputedAgainNotSaved() throws Exception {
        Method reverse = TestCompiler.compileCached(SOURCE)
                .load("demo.FusedGrad")
                .getMethod("centered", double[].class, double[].class, double[].class, int.class);
        int d = 6;
        DoubleStack doubles = DoubleStack.forThisThread();
        doubles.resetHighWater();
        int before = doubles.size();
        reverse.invoke(null, data(4 * d, 0.3), data(d, 0.2), data(d, 0.9), 4);
        assertEquals(before, doubles.size(), "every push popped");
        assertEquals(d, doubles.highWater() - before, "doubles saved");
    }
}
