package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.Modifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code order = 2} through {@code @DerivativeOf} rules that have no rules of their own, and
 * through unannotated callees: the rules' bodies and the callees' bodies are differentiated in
 * their turn (frontend/RuleBodies, modes/second/RuleTangents, frontend/ImplicitCallees). For f
 * with rules p_k, H·v needs Σ_j ∂p_k/∂x_j·v_j: forward mode of each rule. {@link HessianCheck}
 * checks the Hessian against central differences of the gradient, its symmetry, and mHvp against
 * Hessian·v: rules in the same class and in another ({@code in = ...}), a {@code double[]} partial,
 * rules with Math functions and loops, a rule called in a loop, a function of a scalar and an
 * array; unannotated callees with loops, arrays and recursion.
 */
class SecondOrderRuleBodiesTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.DerivativeOf;
      import dev.adjoint.Differentiable;

      final class Special {
        // a function whose body Adjoint is told not to read: only its rules matter
        static double softPlus(double x) {
          return Math.log1p(Math.exp(x));
        }

        /** exp(-x²) integrated by a series: a loop in the function, and in its rule below. */
        static double bump(double x, double s) {
          double t = 0, term = 1;
          for (int k = 0; k < 30; k++) {
            t += term;
            term *= -s * x * x / (k + 1);
          }
          return t;
        }

        static double norm(double[] v) {
          double s = 0;
          for (double e : v) s += e * e;
          return Math.sqrt(s);
        }

        /** A function of an array and a scalar: Σ exp(w·v_i). */
        static double sumExp(double[] v, double w) {
          double s = 0;
          for (int i = 0; i < v.length; i++) s += Math.exp(w * v[i]);
          return s;
        }
      }

      final class Rules {
        @DerivativeOf(value = "softPlus", in = Special.class, wrt = "x")
        static double softPlusDx(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        // bump = exp(-s x²): its partials as exp times the inner derivative, with a loop for exp
        @DerivativeOf(value = "bump", in = Special.class, wrt = "x")
        static double bumpDx(double x, double s) {
          return -2 * s * x * series(-s * x * x);
        }

        @DerivativeOf(value = "bump", in = Special.class, wrt = "s")
        static double bumpDs(double x, double s) {
          return -x * x * series(-s * x * x);
        }

        /** exp(z) by its series, a helper of the rules (differentiated from its body too). */
        private static double series(double z) {
          double t = 0, term = 1;
          for (int k = 0; k < 30; k++) {
            t += term;
            term *= z / (k + 1);
          }
          return t;
        }

        @DerivativeOf(value = "norm", in = Special.class, wrt = "v")
        static double[] normDv(double[] v) {
          double n = Special.norm(v);
          double[] d = new double[v.length];
          for (int i = 0; i < v.length; i++) d[i] = v[i] / n;
          return d;
        }

        @DerivativeOf(value = "sumExp", in = Special.class, wrt = "v")
        static double[] sumExpDv(double[] v, double w) {
          double[] d = new double[v.length];
          for (int i = 0; i < v.length; i++) d[i] = w * Math.exp(w * v[i]);
          return d;
        }

        @DerivativeOf(value = "sumExp", in = Special.class, wrt = "w")
        static double sumExpDw(double[] v, double w) {
          double s = 0;
          for (int i = 0; i < v.length; i++) s += v[i] * Math.exp(w * v[i]);
          return s;
        }
      }

      final class Uses {
        // ---- a function of this class with its rule beside it
        static double cube(double x) {
          return x * x * x;
        }

        @DerivativeOf(value = "cube", wrt = "x")
        static double cubeDx(double x) {
          return 3 * x * x;
        }

        @Differentiable(order = 2)
        static double sameClass(double x, double y) {
          return cube(x * y) + cube(Math.sin(x)) * y;
        }

        @Differentiable(order = 2)
        static double otherClass(double x, double y) {
          return Special.softPlus(x * y) * Special.softPlus(y - x) + Special.bump(x, y * y);
        }

        @Differentiable(order = 2)
        static double arrayPartial(double[] v, double c) {
          double[] u = new double[v.length];
          for (int i = 0; i < v.length; i++) u[i] = c * v[i] + 0.5;
          return Special.norm(u) * c + Special.norm(v);
        }

        @Differentiable(order = 2)
        static double scalarAndArray(double[] v, double w) {
          return Special.sumExp(v, w * w) + Math.log(Special.sumExp(v, 0.3));
        }

        @Differentiable(order = 2)
        static double ruleInALoop(double[] v, double w) {
          double s = 0;
          for (int i = 0; i < v.length; i++) s += Special.softPlus(w * v[i]) * Special.bump(v[i], w);
          return s * s;
        }

        // ---- unannotated callees, differentiated twice from their bodies
        private static double dot(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) s += a[i] * b[i];
          return s;
        }

        private static double odd(double x) {
          if (x < 0) return -odd(-x);
          return Math.sin(x) + x * x * x;
        }

        private static double logistic(double z) {
          return 1 / (1 + Math.exp(-z));
        }

        private static double layer(double[] w, double[] x) {
          return logistic(dot(w, x)) * odd(w[0]);
        }

        @Differentiable(order = 2)
        static double implicitCallees(double[] w, double[] x) {
          double s = 0;
          for (int k = 0; k < 3; k++) s += layer(w, x) * (k + 1) + odd(x[k % x.length] - w[0]);
          return s;
        }

        @Differentiable(order = 2)
        static double recursive(double x) {
          return odd(x) * odd(2 * x - 1);
        }

        /** An unannotated callee that calls a function with rules: both differentiated twice. */
        private static double smooth(double x, double y) {
          return Special.softPlus(x - y) + cube(y);
        }

        @Differentiable(order = 2)
        static double rulesInsideACallee(double x, double y) {
          return smooth(x * y, y) * smooth(y, x);
        }

        /** An annotated callee of an order-2 method gets its Hvp, and its unannotated callees theirs. */
        @Differentiable
        static double annotatedMiddle(double x) {
          return odd(x) * logistic(x) + Special.softPlus(x);
        }

        @Differentiable(order = 2)
        static double throughAnAnnotatedCallee(double x, double y) {
          return annotatedMiddle(x * y) + y * annotatedMiddle(y);
        }

        /** An order-1 method differentiates through the same callee: its plan stays (and gains the Hvp). */
        @Differentiable
        static double firstOrder(double x) {
          return odd(x) + smooth(x, 1);
        }
      }
      """;

    static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    static Stream<Arguments> points() {
        double[] v3 = {0.3, -0.7, 1.1};
        return Stream.of(
                Arguments.of("sameClass", new Object[] {0.6, -1.3}),
                Arguments.of("sameClass", new Object[] {-0.4, 0.7}),
                Arguments.of("otherClass", new Object[] {0.6, -1.3}),
                Arguments.of("otherClass", new Object[] {0.8, 0.4}),
                Arguments.of("arrayPartial", new Object[] {v3, 0.8}),
                Arguments.of("arrayPartial", new Object[] {new double[] {-1.3, 0.2}, -0.4}),
                Arguments.of("scalarAndArray", new Object[] {v3, 0.8}),
                Arguments.of("scalarAndArray", new Object[] {new double[] {-1.3, 0.2}, -0.4}),
                Arguments.of("ruleInALoop", new Object[] {new double[] {0.3, -0.7, 1.1, 0.5}, 0.8}),
                Arguments.of("implicitCallees", new Object[] {new double[] {0.3, -0.7, 1.1}, v3.clone()}),
                Arguments.of("implicitCallees", new Object[] {new double[] {-0.5, 0.4}, new double[] {0.9, 0.1}}),
                Arguments.of("recursive", new Object[] {0.7}),
                Arguments.of("recursive", new Object[] {-0.6}),
                Arguments.of("rulesInsideACallee", new Object[] {0.6, -1.3}),
                Arguments.of("rulesInsideACallee", new Object[] {0.2, 0.9}),
                Arguments.of("throughAnAnnotatedCallee", new Object[] {0.6, -1.3}),
                Arguments.of("throughAnAnnotatedCallee", new Object[] {-0.7, 0.5}));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("points")
    void hessianAndHvpAgreeWithFiniteDifferencesAndWithEachOther(String method, Object[] args) {
        HessianCheck.check(Differentiated.of(compiled(), "demo.Uses", method), args);
    }

    static final String LIBRARY = """
      package lib;

      import dev.adjoint.DerivativeOf;
      import dev.adjoint.Differentiable;

      public final class Lib {
        public static double cube(double x, double y) {
          return x * x * x * y;
        }

        // a rule of a jar is differentiated in its turn by its own generated forward mode
        @Differentiable
        @DerivativeOf(value = "cube", wrt = "0")
        public static double cubeDx(double x, double y) {
          return 3 * x * x * y;
        }

        @Differentiable
        @DerivativeOf(value = "cube", wrt = "1")
        public static double cubeDy(double x, double y) {
          return x * x * x;
        }
      }
      """;

    static final String USER = """
      package demo;

      import dev.adjoint.Differentiable;

      final class User {
        @Differentiable(order = 2)
        static double f(double[] v, double s) {
          return lib.Lib.cube(v[0] * s, v[1]) + Math.sin(lib.Lib.cube(s, s));
        }
      }
      """;

    /** A @Differentiable rule from a previous compilation (a jar): its generated forward mode gives its tangent. */
    @Test
    void aDifferentiableRuleFromAJar() {
        TestCompiler.Compiled library = TestCompiler.compile(LIBRARY);
        TestCompiler.Compiled user = TestCompiler.compile(library, USER);
        HessianCheck.check(Differentiated.of(user, "demo.User", "f"), new double[] {0.3, -0.7}, 0.8);
        HessianCheck.check(Differentiated.of(user, "demo.User", "f"), new double[] {-1.1, 0.4}, -0.6);
    }

    /** sameClass = (xy)³ + sin³(x)·y, whose Hessian is known in closed form. */
    @Test
    void theHessianThroughARuleIsTheClosedForm() throws Exception {
        Class<?> grad = compiled().classLoader().loadClass("demo.UsesGrad");
        double x = 0.6, y = -1.3;
        Object r =
                grad.getMethod("sameClassHessian", double.class, double.class).invoke(null, x, y);
        double[][] h = (double[][]) r.getClass().getMethod("hessian").invoke(r);
        double s = Math.sin(x), c = Math.cos(x);
        // f_x = 3x²y³ + 3s²c·y, f_y = 3x³y² + s³
        double fxx = 6 * x * y * y * y + (6 * s * c * c - 3 * s * s * s) * y;
        double fxy = 9 * x * x * y * y + 3 * s * s * c;
        double fyy = 6 * x * x * x * y;
        assertArrayEquals(new double[] {fxx, fxy}, h[0], 1e-12);
        assertArrayEquals(new double[] {fxy, fyy}, h[1], 1e-12);
    }

    /** The rules' and callees' derivative methods are private to the generated class: no public name is added. */
    @Test
    void derivedBodiesArePrivate() throws Exception {
        Class<?> grad = compiled().classLoader().loadClass("demo.UsesGrad");
        assertTrue(Stream.of(grad.getDeclaredMethods())
                .anyMatch(m -> m.getName().equals("rules_normDvTangent") && Modifier.isPrivate(m.getModifiers())));
        assertTrue(Stream.of(grad.getDeclaredMethods())
                .anyMatch(m -> m.getName().equals("uses_oddHvp") && Modifier.isPrivate(m.getModifiers())));
        assertEquals(
                0,
                Stream.of(grad.getMethods())
                        .filter(m -> m.getName().contains("_"))
                        .count());
        // the order-1 method still works through the callee that now has an Hvp
        Differentiated f = Differentiated.of(compiled(), "demo.Uses", "firstOrder");
        double x = 0.4, h = 1e-6;
        double fd = (f.gradient(x + h).value() - f.gradient(x - h).value()) / (2 * h);
        assertEquals(fd, f.gradient(x).scalar("x"), 1e-8);
    }
}
