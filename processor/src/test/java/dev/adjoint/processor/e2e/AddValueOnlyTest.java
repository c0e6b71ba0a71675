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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fAdd returns nothing, so what only computes f's value is left out of it: a helper call returned
 * as it is, arithmetic on a call whose value the derivative reads too. Written in a style unlike
 * {@link AddMethodsTest}'s: a while loop over blocks of a flat array, helpers returning
 * expressions of other helpers. The caller's gradient (which calls the helpers' fAdd) and each
 * fAdd called directly are checked against finite differences.
 */
class AddValueOnlyTest {

    static final String BLOCKS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Blocks {
        @Differentiable
        static double sumSq(double[] v) {
          double s = 0;
          int i = 0;
          while (i < v.length) { s = s + v[i] * v[i]; i++; }
          return s;
        }

        /** The value is a helper's, returned as it is: nothing in blocksAdd reads it. */
        @Differentiable
        static double scaledDistance(double[] w, int at, double[] x, int n) {
          double[] z = new double[n];
          for (int r = 0; r < n; r++) z[r] = Math.exp(w[at + r]) * (x[r] - w[at + n + r]);
          return sumSq(z);
        }

        /** log of a helper's value: log is dead in the fAdd, the helper's value is not (1/q). */
        @Differentiable
        static double logNorm(double[] w, int at, int n) {
          double[] z = new double[n];
          for (int r = 0; r < n; r++) z[r] = w[at + r];
          double q = sumSq(z) + 1;
          return Math.log(q) * (n / 2);
        }

        @Differentiable
        static double blocks(double[] w, double[] x, int n, int count) {
          double total = 0;
          int b = 0;
          while (b < count) {
            total = total + 0.5 * scaledDistance(w, b * 2 * n, x, n) - logNorm(w, b * 2 * n, n);
            b++;
          }
          return total;
        }
      }
      """;

    private static Compiled compiled() {
        return TestCompiler.compileCached(BLOCKS);
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() * 2 - 1;
        return a;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theCallersGradientThroughTheHelpersAdd(long seed) {
        int n = 3, count = 4;
        check(
                Differentiated.of(compiled(), "demo.Blocks", "blocks"),
                random(2 * n * count, seed),
                random(n, seed + 9),
                n,
                count);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void eachAddAddsSeedTimesItsCheckedGradient(long seed) throws Exception {
        int n = 3;
        double[] w = random(4 * n, seed);
        double[] x = random(n, seed + 1);
        Class<?> grad = compiled().load("demo.BlocksGrad");

        double[] distance = check(Differentiated.of(compiled(), "demo.Blocks", "scaledDistance"), w, n, x, n)
                .vector("w");
        double[] into = random(w.length, seed + 2);
        double[] expected = into.clone();
        for (int i = 0; i < w.length; i++) expected[i] += -1.5 * distance[i];
        Method add = grad.getMethod(
                "scaledDistanceAdd",
                double[].class,
                int.class,
                double[].class,
                int.class,
                double.class,
                double[].class,
                double[].class);
        add.invoke(null, w, n, x, n, -1.5, into, null);
        assertArrayEquals(expected, into, 1e-12);

        double[] norm = check(Differentiated.of(compiled(), "demo.Blocks", "logNorm"), w, 2, n)
                .vector("w");
        into = random(w.length, seed + 3);
        expected = into.clone();
        for (int i = 0; i < w.length; i++) expected[i] += 0.25 * norm[i];
        grad.getMethod("logNormAdd", double[].class, int.class, int.class, double.class, double[].class)
                .invoke(null, w, 2, n, 0.25, into);
        assertArrayEquals(expected, into, 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scaledDistance", "logNorm"})
    void theAddComputesNoValueNothingReads(String method) {
        String src = compiled().generatedSource("demo.BlocksGrad");
        List<String> bodies = SourceText.methodBodies(src, "void", method + "Add");
        assertEquals(1, bodies.size(), src);
        String body = bodies.get(0);
        assertTrue(body.contains("BlocksGrad.sumSqAdd("), body);
        if (method.equals("scaledDistance")) assertFalse(body.contains("Blocks.sumSq("), body);
        else assertTrue(body.contains("Blocks.sumSq("), "1/q reads the value:\n" + body);
        assertFalse(body.contains("Math.log("), body);
        assertFalse(body.contains(" value "), body);
    }
}
