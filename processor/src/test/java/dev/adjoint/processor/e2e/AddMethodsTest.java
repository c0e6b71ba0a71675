package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.SourceText;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Helpers called on a slice of the parameters: the caller's backward sweep calls the helper's
 * {@code fAdd}, which adds into the caller's adjoint arrays only what the helper touches, when the
 * arrays the helper was given are unchanged by then; else the helper's record as before. Every
 * gradient is checked against finite differences and the tangent.
 */
class AddMethodsTest {

    static final String HELPERS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Helpers {
        /** Row r of w (rows of v.length) dot v. */
        @Differentiable
        static double unit(double[] w, int r, double[] v) {
          double s = 0;
          for (int c = 0; c < v.length; c++) s += w[r * v.length + c] * v[c];
          return s;
        }

        @Differentiable
        static double logSumExp(double[] a) {
          double m = a[0];
          for (int i = 1; i < a.length; i++) m = Math.max(m, a[i]);
          double z = 0;
          for (int i = 0; i < a.length; i++) z += Math.exp(a[i] - m);
          return m + Math.log(z);
        }

        @Differentiable
        static double trace(double[][] a) {
          return a[0][0] * a[1][1] + a[0][1];
        }

        /** Two dense layers per row of x, the hidden layer in a local array filled before the calls that read it. */
        @Differentiable
        static double net(double[] w1, double[] w2, double[][] x, int hidden) {
          double total = 0;
          for (int b = 0; b < x.length; b++) {
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) h[j] = Math.tanh(unit(w1, j, x[b]));
            double[] out = new double[2];
            for (int o = 0; o < 2; o++) out[o] = unit(w2, o, h);
            total += logSumExp(out) * (b + 1);
          }
          return total;
        }

        /** The array given is written after the call: the backward sweep must not see it as it ends. */
        @Differentiable
        static double rewritten(double[] w) {
          double[] t = new double[2];
          double s = 0;
          for (int k = 0; k < 3; k++) {
            t[0] = w[k] * w[k];
            t[1] = w[k + 1];
            s += unit(w, k, t) * (k + 0.5);
            t[1] = 3 * w[0];
          }
          return s;
        }

        /** The same array on both sides, a call twice with the same arguments, and a double[][] helper. */
        @Differentiable
        static double shared(double[] w, double[][] a) {
          return unit(w, 0, w) + unit(w, 0, w) * w[1] + trace(a) * unit(w, 1, a[1]);
        }
      }
      """;

    private static Compiled compiled() {
        return TestCompiler.compileCached(HELPERS);
    }

    private static Differentiated helpers(String m) {
        return Differentiated.of(compiled(), "demo.Helpers", m);
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() * 2 - 1;
        return a;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void layersOfHelpersPerRow(long seed) {
        int in = 4, hidden = 3;
        double[][] x = {random(in, seed + 10), random(in, seed + 20), random(in, seed + 30)};
        check(helpers("net"), random(hidden * in, seed), random(2 * hidden, seed + 1), x, hidden);
    }

    @Test
    void netCallsTheHelpersForTheirValueAndTheirAddInTheBackwardSweep() {
        String body = reverseBody("net");
        assertFalse(body.contains("HelpersGrad.unit("), "no record of unit(...) is made:\n" + body);
        assertTrue(body.contains("Helpers.unit(w1, "), body);
        assertTrue(body.contains("HelpersGrad.unitAdd(w1, "), body);
        // h is filled before the calls that read it, in the same iteration of the loop that makes it
        assertTrue(body.contains("HelpersGrad.unitAdd(w2, "), body);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void anArrayWrittenAfterTheCallKeepsTheRecord(long seed) {
        check(helpers("rewritten"), random(8, seed));
        String body = reverseBody("rewritten");
        assertFalse(body.contains("unitAdd"), "t is written after the call:\n" + body);
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7})
    void sharedArraysRepeatedCallsAndMatrices(long seed) {
        double[][] a = {random(2, seed), random(2, seed + 1)};
        check(helpers("shared"), random(4, seed + 2), a);
    }

    @Test
    void unitAddAddsSeedTimesTheGradientIntoTheArraysGivenSkippingNull() throws Exception {
        Class<?> grad = compiled().load("demo.HelpersGrad");
        Method add = grad.getMethod(
                "unitAdd", double[].class, int.class, double[].class, double.class, double[].class, double[].class);
        double[] w = {1, 2, 3, 4, 5, 6};
        double[] v = {0.5, -1, 2};
        double[] wBar = {10, 10, 10, 10, 10, 10};
        add.invoke(null, w, 1, v, 2.0, wBar, null);
        // d unit / d w[3 + c] = v[c]; the other elements untouched
        assertArrayEquals(new double[] {10, 10, 10, 11, 8, 14}, wBar, 0.0);
        double[] vBar = {1, 1, 1};
        add.invoke(null, w, 1, v, -1.0, null, vBar);
        assertArrayEquals(new double[] {1 - 4, 1 - 5, 1 - 6}, vBar, 0.0);

        // a double[][] helper adds its record's partials whole
        Method traceAdd = grad.getMethod("traceAdd", double[][].class, double.class, double[][].class);
        double[][] aBar = {{1, 1}, {1, 1}};
        traceAdd.invoke(null, new double[][] {{2, 3}, {5, 7}}, 0.5, aBar);
        assertArrayEquals(new double[] {1 + 3.5, 1.5}, aBar[0], 0.0);
        assertArrayEquals(new double[] {1, 1 + 1}, aBar[1], 0.0);
    }

    private static String reverseBody(String method) {
        String src = compiled().generatedSource("demo.HelpersGrad");
        String record = Character.toUpperCase(method.charAt(0)) + method.substring(1);
        List<String> bodies = SourceText.methodBodies(src, "[\\w.]*" + record, method);
        assertEquals(1, bodies.size(), src);
        return bodies.get(0);
    }
}
