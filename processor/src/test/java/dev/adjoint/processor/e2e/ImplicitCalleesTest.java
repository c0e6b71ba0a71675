package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Callees nobody annotated, differentiated from their bodies: chains of them, private helpers,
 * helpers of another class, private tables, and a helper called with constants and with
 * differentiated values at once. Every derivative is checked against finite differences in both
 * modes, and against its closed form where that is short.
 */
class ImplicitCalleesTest {

    static final String HELPERS = """
      package demo;

      final class Helpers {
        private Helpers() {}

        static double square(double x) {
          return x * x;
        }

        /** Package-private, called from another class. */
        static double smooth(double x, double scale) {
          return Math.log1p(Math.exp(x / scale)) * scale;
        }
      }
      """;

    static final String SPECIAL = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Special {
        private static final double[] COEFFICIENTS = {0.5, -1.25, 2.0, 0.75};
        private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

        /** A chain: annotated → private → private → package-private helper of another class. */
        @Differentiable
        static double chain(double x, double y) {
          return outer(x, y) + Helpers.smooth(y, 2.0);
        }

        private static double outer(double x, double y) {
          double s = inner(x) * y;
          return s + Helpers.square(s);
        }

        private static double inner(double x) {
          return Math.sin(x) + HALF_LOG_2PI;
        }

        /** A polynomial from a private table, by Horner's rule in a loop. */
        @Differentiable
        static double table(double x) {
          return horner(x) * Math.exp(-x);
        }

        private static double horner(double x) {
          double sum = 0;
          for (int i = COEFFICIENTS.length - 1; i >= 0; i--) {
            sum = sum * x + COEFFICIENTS[i];
          }
          return sum;
        }

        /** The same helper with a constant and with a differentiated argument. */
        @Differentiable
        static double mixed(double x) {
          return power(x, 3) + power(2.0, 5) * x + power(3.0, x);
        }

        private static double power(double base, double exponent) {
          return Math.pow(base, exponent);
        }

        /** A helper with an array parameter, and an int one. */
        @Differentiable
        static double arrays(double[] v, double w) {
          return weighted(v, w, 2) + weighted(v, 1.0, 0);
        }

        private static double weighted(double[] v, double w, int skip) {
          double s = 0;
          for (int i = skip; i < v.length; i++) s += w * v[i] * v[i];
          return s;
        }

        /** Recursion as Boost writes its odd functions: f(-x) = -f(x). */
        @Differentiable
        static double symmetric(double x) {
          return 2 * odd(x);
        }

        private static double odd(double x) {
          if (x < 0) return -odd(-x);
          return Math.sin(x) + x * x * x;
        }

        /** Mutual recursion, n steps deep. */
        @Differentiable
        static double mutual(double x, int n) {
          return even(x, n);
        }

        private static double even(double x, int n) {
          return n == 0 ? x : oddStep(1.1 * x, n - 1) + x;
        }

        private static double oddStep(double x, int n) {
          return n == 0 ? Math.sin(x) : even(Math.cos(x), n - 1) * x;
        }

        /** A private helper that throws, and private helpers read for their values only. */
        @Differentiable
        static double checked(double x) {
          return logPositive(x) * scale(3) + (isSmall(x) ? 1 : 0);
        }

        private static double logPositive(double x) {
          if (x <= 0) throw new IllegalArgumentException("not positive: " + x);
          return Math.log(x);
        }

        private static double scale(int n) {
          return 0.5 * n;
        }

        private static boolean isSmall(double x) {
          return x < 0.5;
        }
      }
      """;

    private static Compiled compiled() {
        return TestCompiler.compileCached(HELPERS, SPECIAL);
    }

    @Test
    void chainsOfUnannotatedCalleesAcrossClasses() {
        Differentiated f = Differentiated.of(compiled(), "demo.Special", "chain");
        for (double[] p : new double[][] {{0.3, 1.2}, {-1.1, 0.4}, {2.0, -0.7}}) {
            Differentiated.Gradient g = check(f, p[0], p[1]);
            // closed form: s = (sin x + c) y; outer = s + s²; smooth = 2 log(1 + e^{y/2})
            double c = 0.5 * Math.log(2 * Math.PI);
            double s = (Math.sin(p[0]) + c) * p[1];
            double sig = 1 / (1 + Math.exp(-p[1] / 2));
            assertEquals((1 + 2 * s) * Math.cos(p[0]) * p[1], g.scalar("x"), 1e-12);
            assertEquals((1 + 2 * s) * (Math.sin(p[0]) + c) + sig, g.scalar("y"), 1e-12);
        }
    }

    @Test
    void aPrivateTableReadInAHelper() {
        Differentiated f = Differentiated.of(compiled(), "demo.Special", "table");
        for (double x : new double[] {-0.8, 0.4, 1.7}) {
            Differentiated.Gradient g = check(f, x);
            double p = 0.5 + x * (-1.25 + x * (2.0 + x * 0.75));
            double dp = -1.25 + x * (4.0 + x * 2.25);
            assertEquals((dp - p) * Math.exp(-x), g.scalar("x"), 1e-12);
        }
    }

    @Test
    void aHelperCalledWithConstantsAndWithDifferentiatedValues() {
        Differentiated f = Differentiated.of(compiled(), "demo.Special", "mixed");
        for (double x : new double[] {0.6, 1.3, 2.4}) {
            Differentiated.Gradient g = check(f, x);
            assertEquals(3 * x * x + 32 + Math.log(3) * Math.pow(3, x), g.scalar("x"), 1e-10);
        }
    }

    @Test
    void aHelperWithArrayAndIntParameters() {
        Differentiated f = Differentiated.of(compiled(), "demo.Special", "arrays");
        Differentiated.Gradient g = check(f, new double[] {0.5, -1.0, 2.0, 1.5}, 0.7);
        double[] dv = g.vector("v");
        assertEquals(2 * 0.5, dv[0], 1e-12);
        assertEquals(2 * -1.0, dv[1], 1e-12);
        assertEquals(2 * 2.0 * (0.7 + 1), dv[2], 1e-12);
        assertEquals(2.0 * 2.0 + 1.5 * 1.5, g.scalar("w"), 1e-12);
    }

    @Test
    void aRecursiveHelperCallsItsOwnDerivativeMethods() {
        Differentiated f = Differentiated.of(compiled(), "demo.Special", "symmetric");
        for (double x : new double[] {-1.3, -0.2, 0.5, 1.9}) {
            Differentiated.Gradient g = check(f, x);
            assertEquals(2 * (Math.cos(x) + 3 * x * x), g.scalar("x"), 1e-12);
        }
    }

    @Test
    void mutuallyRecursiveHelpers() {
        Differentiated f = Differentiated.of(compiled(), "demo.Special", "mutual");
        for (int n = 0; n <= 4; n++) check(f, 0.7, n);
        // n = 2: even(x) = oddStep(1.1x, 1) + x = even(cos(1.1x), 0) * 1.1x + x = 1.1x cos(1.1x) + x
        double x = 0.7;
        double expected = 1.1 * Math.cos(1.1 * x) - 1.1 * x * Math.sin(1.1 * x) * 1.1 + 1;
        assertEquals(expected, check(f, x, 2).scalar("x"), 1e-12);
    }

    @Test
    void privateHelpersThatThrowOrGiveConstantsAreCalledThroughMethodHandles() throws Exception {
        Differentiated f = Differentiated.of(compiled(), "demo.Special", "checked");
        for (double x : new double[] {0.3, 1.0, 2.5}) {
            assertEquals(1.5 / x, check(f, x).scalar("x"), 1e-12);
        }
        Class<?> grad = compiled().load("demo.SpecialGrad");
        for (String mode : new String[] {"checked", "checkedTangent"}) {
            Method m = null;
            for (Method candidate : grad.getMethods()) if (candidate.getName().equals(mode)) m = candidate;
            Object[] args = mode.equals("checked") ? new Object[] {-1.0} : new Object[] {-1.0, 1.0};
            try {
                m.invoke(null, args);
                throw new AssertionError(mode + " returned at x = -1");
            } catch (java.lang.reflect.InvocationTargetException e) {
                assertTrue(e.getCause() instanceof IllegalArgumentException, mode + ": " + e.getCause());
                assertEquals("not positive: -1.0", e.getCause().getMessage());
            }
        }
    }

    @Test
    void derivativesOfCalleesArePrivateMethodsOfTheCallersClassNamedAfterThem() throws Exception {
        Class<?> grad = compiled().load("demo.SpecialGrad");
        for (String name : new String[] {
            "special_outer", "special_outerTangent", "special_inner", "helpers_square", "helpers_smooth"
        }) {
            Method m = null;
            for (Method candidate : grad.getDeclaredMethods())
                if (candidate.getName().equals(name)) m = candidate;
            assertTrue(m != null, "SpecialGrad." + name + " exists");
            assertTrue(Modifier.isPrivate(m.getModifiers()), name + " is private");
        }
        Class<?> record = compiled().load("demo.SpecialGrad$Special_outer");
        assertTrue(Modifier.isPrivate(record.getModifiers()), "its record is private");
    }
}
