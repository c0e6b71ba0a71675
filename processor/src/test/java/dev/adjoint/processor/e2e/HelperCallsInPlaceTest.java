package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.SourceText;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A loss summed over points whose step calls {@code @Differentiable} helpers: the iterations are
 * independent, so each is reversed right after it runs, the helpers' {@code fAdd} called there,
 * instead of the backward sweep computing each point again (helpers and all). Helpers called in
 * inner loops filling a scratch array, in branches, calling one another, and with a result that
 * a comparison reads (Math.max's test in the backward sweep reads it saved, not computed again); and a loop whose helper's array is written after it, which is not (its
 * backward loop calls the helper again, on a copy of the array made before the loop). Every
 * gradient is checked against finite differences and the tangent.
 */
class HelperCallsInPlaceTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Points {
        @Differentiable
        static double squaredNorm(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) s += v[i] * v[i];
          return s;
        }

        /** ||diag(exp(a_j)) (x_p - mu_j)||^2, through a scratch array and another helper. */
        @Differentiable
        static double distance(double[] a, double[] mu, int j, double[] x, int p, int d) {
          double[] z = new double[d];
          for (int r = 0; r < d; r++) z[r] = Math.exp(a[j * d + r]) * (x[p * d + r] - mu[j * d + r]);
          return squaredNorm(z);
        }

        @Differentiable
        static double logSumExp(double[] v) {
          double m = v[0];
          for (int i = 1; i < v.length; i++) m = Math.max(m, v[i]);
          double s = 0;
          for (int i = 0; i < v.length; i++) s += Math.exp(v[i] - m);
          return m + Math.log(s);
        }

        /** Row r of w (rows of len) dot v[at..at+len). */
        @Differentiable
        static double dot(double[] w, int r, double[] v, int at, int len) {
          double s = 0;
          for (int c = 0; c < len; c++) s += w[r * len + c] * v[at + c];
          return s;
        }

        /**
         * A ReLU layer per point: the test of Math.max reads a helper's result in the backward
         * sweep. Squared, the sum's adjoint is known only at the end: the points are computed again.
         */
        @Differentiable
        static double layer(double[] w, double[] v, double[] x, int hidden, int in, int n) {
          double total = 0;
          for (int p = 0; p < n; p++) {
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) h[j] = Math.max(dot(w, j, x, p * in, in), 0.0);
            total += dot(v, 0, h, 0, hidden);
          }
          return total * total;
        }

        /** The same, divided by n (the sum's adjoint 1 / n, known before the loop): each point reversed right after it runs. */
        @Differentiable
        static double layerInPlace(double[] w, double[] v, double[] x, int hidden, int in, int n) {
          double total = 0;
          for (int p = 0; p < n; p++) {
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) h[j] = Math.max(dot(w, j, x, p * in, in), 0.0);
            total += dot(v, 0, h, 0, hidden);
          }
          return total / n;
        }

        /** The same on the rows of a double[][] that nothing writes, divided by their number. */
        @Differentiable(wrt = {"w", "v"})
        static double layerRows(double[] w, double[] v, double[][] x, int hidden) {
          double total = 0;
          for (int p = 0; p < x.length; p++) {
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) h[j] = Math.max(dot(w, j, x[p], 0, x[p].length), 0.0);
            total += dot(v, 0, h, 0, hidden);
          }
          return total / x.length;
        }

        /** The sum scaled by values fixed before the loop, in several shapes: each a seed of its own. */
        @Differentiable
        static double overParameter(double[] w, double s, int n) {
          double t = 0;
          for (int p = 0; p < n; p++) t += squaredNorm(w) * w[p];
          return t / s;
        }

        @Differentiable
        static double timesParameter(double[] w, double s, int n) {
          double t = 0;
          for (int p = 0; p < n; p++) t += squaredNorm(w) * w[p];
          return s * t + 1;
        }

        @Differentiable
        static double negatedDifference(double[] w, int n) {
          double t = 0;
          for (int p = 0; p < n; p++) t -= squaredNorm(w) * w[p];
          return -(t / (n + 1.0)) * 0.5;
        }

        /** Two uses with different factors: the ordinary reversal. */
        @Differentiable
        static double twoFactors(double[] w, int n) {
          double t = 0;
          for (int p = 0; p < n; p++) t += squaredNorm(w) * w[p];
          return 2 * t / w.length - t / n * 3;
        }

        /** A mixture's log-likelihood: per point, one term per component in a scratch array. */
        @Differentiable
        static double mixture(double[] a, double[] mu, double[] x, int d, int k, int n) {
          double total = 0;
          for (int p = 0; p < n; p++) {
            double[] terms = new double[k];
            for (int j = 0; j < k; j++) terms[j] = -0.5 * distance(a, mu, j, x, p, d) + a[j];
            total += logSumExp(terms);
          }
          return 2 * total - squaredNorm(a);
        }

        /** A helper in each branch, and a helper's result read by a comparison. */
        @Differentiable
        static double branches(double[] a, double[] mu, double[] x, int d, int n) {
          double total = 0;
          for (int p = 0; p < n; p++) {
            double e = distance(a, mu, 0, x, p, d);
            double t;
            if (e > 1.0) t = -Math.sqrt(e);
            else t = e * distance(a, mu, 1, x, p, d);
            if (x[p * d] > 0) t += squaredNorm(mu);
            total += t;
          }
          return total;
        }

        /**
         * The helper's array is written after the loop (so after the call): not reversed in place,
         * and the backward loop, which calls distance again, must see c as the loop did.
         */
        @Differentiable
        static double writtenAfter(double[] a, double[] x, int d, int n) {
          double[] c = new double[d];
          for (int r = 0; r < d; r++) c[r] = a[r] * a[r];
          double total = 0;
          for (int p = 0; p < n; p++) total += distance(a, c, 0, x, p, d);
          c[0] = 5 * a[1];
          return total + c[0] * a[0];
        }
      }
      """;

    private static Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    private static Differentiated method(String m) {
        return Differentiated.of(compiled(), "demo.Points", m);
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble() * 2 - 1;
        return v;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aMixtureOfHelperCallsPerPointAndComponent(long seed) {
        int d = 3, k = 4, n = 5;
        check(method("mixture"), random(k * d, seed), random(k * d, seed + 1), random(n * d, seed + 2), d, k, n);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6, 7})
    void helpersInBranchesAndUnderAComparison(long seed) {
        int d = 2, n = 6;
        double[] x = random(n * d, seed + 2);
        for (int i = 0; i < x.length; i++) x[i] *= 2;
        check(method("branches"), random(2 * d, seed), random(2 * d, seed + 1), x, d, n);
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 9})
    void anArrayWrittenAfterTheLoopKeepsTheBackwardLoop(long seed) {
        int d = 3, n = 4;
        check(method("writtenAfter"), random(d, seed), random(n * d, seed + 1), d, n);
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 11, 12})
    void aReluOfAHelpersResult(long seed) {
        int hidden = 4, in = 3, n = 3;
        double[] w = random(hidden * in, seed), v = random(hidden, seed + 1), x = random(n * in, seed + 2);
        check(method("layer"), w, v, x, hidden, in, n);
        check(method("layerInPlace"), w, v, x, hidden, in, n);
        double[][] rows = {random(in, seed + 3), random(in, seed + 4), random(in, seed + 5)};
        check(Differentiated.withWrt(compiled(), "demo.Points", "layerRows", "w", "v"), w, v, rows, hidden);
    }

    @ParameterizedTest
    @ValueSource(longs = {13, 14})
    void sumsScaledByValuesFixedBeforeTheLoop(long seed) {
        double[] w = random(4, seed);
        check(method("overParameter"), w, 1.7, 3);
        check(method("timesParameter"), w, -0.6, 3);
        check(method("negatedDifference"), w, 3);
        check(method("twoFactors"), w, 3);
        for (String m : List.of("overParameter", "timesParameter", "negatedDifference"))
            assertFalse(reverseBody(m).contains("iteration > 0"), m + ":\n" + reverseBody(m));
        assertTrue(reverseBody("twoFactors").contains("iteration > 0"), reverseBody("twoFactors"));
    }

    @Test
    void theReluTestReadsTheSavedResultInsteadOfCallingTheHelperAgain() {
        // layer: once forward, once where the backward loop computes the point again (for h), not
        // a third time for the test; layerInPlace: once
        assertEquals(2, occurrences(reverseBody("layer"), "Points.dot(w, "), reverseBody("layer"));
        for (String m : List.of("layerInPlace", "layerRows"))
            assertEquals(1, occurrences(reverseBody(m), "Points.dot(w, "), reverseBody(m));
    }

    @Test
    void theTangentGivesARowWithoutATangentTheSharedZeros() {
        // the unit's tangent is called per hidden unit on a row of x, which has no tangent
        String src = compiled().generatedSource("demo.PointsGrad");
        String tangent =
                SourceText.methodBodies(src, "Dual", "layerRowsTangent").get(0);
        assertTrue(tangent.contains("Adjoints.zeroTangent("), tangent);
        assertFalse(tangent.contains("new double[tmp"), tangent);
    }

    @Test
    void eachPointIsReversedRightAfterItRunsAndNoHelperRunsAgainForItsValue() {
        // one call per call site, all in the forward loop: no backward loop computes a point again
        assertEquals(1, occurrences(reverseBody("mixture"), "Points.distance("), reverseBody("mixture"));
        String branches = reverseBody("branches");
        assertEquals(2, occurrences(branches, "Points.distance("), branches);
        assertFalse(branches.contains("iteration > 0"), "no backward loop over the points:\n" + branches);
    }

    @Test
    void aCalleesArrayOverwrittenAfterTheLoopIsReadFromACopyMadeBeforeIt() {
        // the backward loop computes each distance(...) again: with c as it was, not as it ends
        String body = reverseBody("writtenAfter");
        assertTrue(body.contains("PointsGrad.distance(a, cRead, 0, x, "), body);
        assertFalse(body.contains("PointsGrad.distance(a, c, 0, x, "), body);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }

    private static String reverseBody(String method) {
        String src = compiled().generatedSource("demo.PointsGrad");
        String record = Character.toUpperCase(method.charAt(0)) + method.substring(1);
        List<String> bodies = SourceText.methodBodies(src, "[\\w.]*" + record, method);
        assertEquals(1, bodies.size(), src);
        return bodies.get(0);
    }
}
