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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@code fAdd} returns no value, so what only the value needed goes from it, a loop's running
 * total included, while a carried value its backward part reads stays: here in a style other than
 * {@link AddMethodsTest}'s (while loops, a running index and scale, nested loops over a flat
 * matrix). The callers' gradients are checked against finite differences and the tangent.
 */
class DeadValueInAddTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Decayed {
        /** sum_i a^i w[at + i] for i < n, the scale a carried and read by the backward part. */
        @Differentiable(wrt = "w")
        static double decayed(double[] w, int at, int n, double a) {
          double total = 0;
          double scale = 1;
          int k = at;
          while (k < at + n) {
            total = total + scale * w[k];
            scale = scale * a;
            k++;
          }
          return total;
        }

        /** v' M v with M square, flat and row-major: a total carried by two nested loops. */
        @Differentiable
        static double quadratic(double[] m, double[] v) {
          double q = 0;
          for (int i = 0; i < v.length; i++) {
            double row = 0;
            for (int j = 0; j < v.length; j++) row += m[i * v.length + j] * v[j];
            q += v[i] * row;
          }
          return q;
        }

        @Differentiable
        static double caller(double[] w, double[] m, double[] v) {
          double s = 0;
          int i = 0;
          while (i + 3 <= w.length) {
            s += Math.sin(decayed(w, i, 3, 0.5)) * quadratic(m, v);
            i += 2;
          }
          return s + quadratic(m, w);
        }
      }
      """;

    private static Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() * 2 - 1;
        return a;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void callersOfAddsWithoutTheirValueKeepTheirGradient(long seed) {
        check(
                Differentiated.of(compiled(), "demo.Decayed", "caller"),
                random(7, seed),
                random(49, seed + 1),
                random(7, seed + 2));
        check(Differentiated.of(compiled(), "demo.Decayed", "quadratic"), random(9, seed), random(3, seed + 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"decayedAdd", "quadraticAdd"})
    void theAddComputesNoTotal(String add) {
        String src = compiled().generatedSource("demo.DecayedGrad");
        List<String> bodies = SourceText.methodBodies(src, "void", add);
        assertEquals(1, bodies.size(), src);
        String body = bodies.get(0);
        assertFalse(body.contains("total"), body);
        assertFalse(body.matches("(?s).*\\bq\\d* = .*"), body);
        // the scale is carried: the backward part reads it
        if (add.equals("decayedAdd")) assertTrue(body.contains("scale"), body);
        // the reverse method still returns its value
        assertTrue(src.contains("total"), src);
    }
}
