package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code order = 2} through calls (modes/second/CalleeHvp.java): each call of another
 * {@code @Differentiable} method is one call of that method's own {@code Hvp}, which the
 * processor generates for a callee of the same build even without {@code order = 2}; and
 * through {@code @DerivativeOf} rules, differentiated in their turn by the rules written for
 * them. {@link HessianCheck} checks the Hessian against central differences of the gradient,
 * its symmetry, and H·v against Hessian · v — for callees with loops, arrays and branches, a
 * callee called twice and in a loop, nested calls, a callee from a previous compilation, rules.
 */
class SecondOrderCallsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.DerivativeOf;
      import dev.adjoint.Differentiable;

      final class Calls {
        // ---- callees with order 1: they get an Hvp for their callers, and no Hessian
        @Differentiable
        static double sumOfSquares(double[] v, double w) {
          double s = 0;
          for (int i = 0; i < v.length; i++) s += w * v[i] * v[i] + Math.sin(v[i] * w);
          return s;
        }

        @Differentiable
        static double branchy(double x, double y) {
          if (x > y) return x * x * y + Math.exp(y);
          return Math.sin(x * y) / (1 + y * y);
        }

        @Differentiable(wrt = "x")
        static double powered(double x, int n, double c) {
          double p = 1;
          for (int i = 0; i < n; i++) p *= x + c;
          return p;
        }

        @Differentiable
        static double middle(double x, double[] v) {
          return branchy(x, v[0]) * sumOfSquares(v, x) + Math.log(1 + x * x);
        }

        // ---- callers with order 2
        @Differentiable(order = 2)
        static double twice(double x, double y) {
          return branchy(x, y) * branchy(y, x) + x * y;
        }

        @Differentiable(order = 2)
        static double withArrays(double[] v, double w) {
          double[] u = new double[v.length];
          for (int i = 0; i < v.length; i++) u[i] = v[i] * w;
          return sumOfSquares(u, w) * sumOfSquares(v, 0.5) + powered(w, 3, 0.25);
        }

        @Differentiable(order = 2)
        static double inALoop(double[] v, double w) {
          double s = 0;
          for (int i = 0; i + 1 < v.length; i++) s += branchy(v[i], v[i + 1] * w) * v[i];
          return s * s;
        }

        @Differentiable(order = 2)
        static double nested(double x, double[] v) {
          return Math.exp(0.1 * middle(x, v)) + middle(v[1], v);
        }

        @Differentiable(order = 2)
        static double calleeWithOrderTwo(double x, double y) {
          return square(x * y) * Math.cos(square(y));
        }

        @Differentiable(order = 2)
        static double square(double x) {
          return x * x;
        }

        /** Found by the random programs: the record of a call in a branch leaves the branch for the backward sweep. */
        @Differentiable(order = 2)
        static double callInABranch(double x) {
          double a = 2.46 * x / -5 / (1.5 + x * x);
          return x > 0.2 ? branchy(2.0 * Math.sin(0.75 - a), 1.0) : 0.25;
        }

        @Differentiable(order = 2)
        static double callInABranchUnderARule(double x) {
          double a = 2.46 * x / -5 / (1.5 + x * x);
          return -softPlus(x > 0.2 ? square(2.0 * Math.sin(0.75 - a)) * Math.tanh(0.3 * x) : 0.25);
        }

        /** Found by the random programs: an array partial of a call in a branch, whose only consumer is the adjoint of v. */
        @Differentiable(order = 2)
        static double arrayPartialOutOfABranch(double[] v, double b) {
          return b < 0.5 ? sumOfSquares(v, 0.75) % 1.5 : b;
        }

        // ---- @DerivativeOf: the rule of softPlus is differentiated by the rule written for it
        static double softPlus(double x) {
          return Math.log1p(Math.exp(x));
        }

        @DerivativeOf(value = "softPlus", wrt = "x")
        static double softPlusDx(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @DerivativeOf(value = "softPlusDx", wrt = "x")
        static double softPlusDxDx(double x) {
          double s = 1 / (1 + Math.exp(-x));
          return s * (1 - s);
        }

        @Differentiable(order = 2)
        static double withRule(double x, double y) {
          return softPlus(x * y) * softPlus(y) + softPlus(x);
        }

        @Differentiable(order = 2)
        static double ruleThroughCallee(double[] v) {
          return sumOfSquares(v, softPlus(v[0]));
        }
      }
      """;

    static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    static Stream<Arguments> points() {
        return Stream.of(
                Arguments.of("twice", new Object[] {0.9, 0.4}),
                Arguments.of("twice", new Object[] {0.3, 0.8}),
                Arguments.of("withArrays", new Object[] {new double[] {0.3, -0.7, 1.1}, 0.8}),
                Arguments.of("withArrays", new Object[] {new double[] {-1.3, 0.2}, -0.4}),
                Arguments.of("inALoop", new Object[] {new double[] {0.3, -0.7, 1.1, 0.5}, 0.8}),
                Arguments.of("inALoop", new Object[] {new double[] {1.3, 0.2, -0.5}, 1.4}),
                Arguments.of("nested", new Object[] {0.6, new double[] {0.3, -0.7, 1.1}}),
                Arguments.of("nested", new Object[] {-0.2, new double[] {1.3, 0.7}}),
                Arguments.of("calleeWithOrderTwo", new Object[] {0.6, 1.3}),
                Arguments.of("callInABranch", new Object[] {0.691834}),
                Arguments.of("callInABranch", new Object[] {-0.3}),
                Arguments.of("callInABranchUnderARule", new Object[] {0.691834}),
                Arguments.of(
                        "arrayPartialOutOfABranch", new Object[] {new double[] {0.265564, 1.205244, 0.41141}, 0.2}),
                Arguments.of("withRule", new Object[] {0.6, -1.3}),
                Arguments.of("withRule", new Object[] {-0.4, 0.7}),
                Arguments.of("ruleThroughCallee", new Object[] {new double[] {0.3, -0.7, 1.1}}));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("points")
    void hessianAndHvpAgreeWithFiniteDifferencesAndWithEachOther(String method, Object[] args) {
        HessianCheck.check(Differentiated.of(compiled(), "demo.Calls", method), args);
    }

    /** H of square(xy) · cos(square(y)) = x²y² cos(y²), whose entries are known in closed form. */
    @Test
    void theHessianThroughTwoCallsIsTheClosedForm() throws Exception {
        Class<?> grad = compiled().classLoader().loadClass("demo.CallsGrad");
        double x = 0.6, y = 1.3;
        Object r = grad.getMethod("calleeWithOrderTwoHessian", double.class, double.class)
                .invoke(null, x, y);
        double[][] h = (double[][]) r.getClass().getMethod("hessian").invoke(r);
        double c = Math.cos(y * y), s = Math.sin(y * y);
        // f_x = 2xy²c, f_y = 2x²y c - 2x²y³ s
        double fxx = 2 * y * y * c;
        double fxy = 4 * x * y * c - 4 * x * y * y * y * s;
        double fyy = 2 * x * x * c - 10 * x * x * y * y * s - 4 * x * x * Math.pow(y, 4) * c;
        assertArrayEquals(new double[] {fxx, fxy}, h[0], 1e-12);
        assertArrayEquals(new double[] {fxy, fyy}, h[1], 1e-11);
    }

    /** A callee without order = 2 gets the Hessian-vector product its callers call, and no Hessian. */
    @Test
    void anOrderOneCalleeGetsAnHvpAndNoHessian() throws Exception {
        Class<?> grad = compiled().classLoader().loadClass("demo.CallsGrad");
        assertTrue(Stream.of(grad.getMethods()).anyMatch(m -> m.getName().equals("branchyHvp")));
        assertEquals(
                0,
                Stream.of(grad.getMethods())
                        .filter(m -> m.getName().equals("branchyHessian"))
                        .count());
        assertEquals(
                java.util.List.of("value", "dx", "dy", "hvx", "hvy"),
                Stream.of(grad.getMethod("branchyHvp", double.class, double.class, double.class, double.class)
                                .getReturnType()
                                .getRecordComponents())
                        .map(c -> c.getName())
                        .toList());
    }

    static final String LIBRARY = """
      package lib;

      import dev.adjoint.Differentiable;

      public final class Lib {
        @Differentiable(order = 2)
        public static double bump(double[] v, double s) {
          double t = 0;
          for (int i = 0; i < v.length; i++) t += Math.exp(-s * v[i] * v[i]);
          return t;
        }
      }
      """;

    static final String USER = """
      package demo;

      import dev.adjoint.Differentiable;

      final class User {
        @Differentiable(order = 2)
        static double f(double[] v, double s) {
          return lib.Lib.bump(v, s * s) * lib.Lib.bump(v, 0.5) + s * v[0];
        }
      }
      """;

    /** A callee from a previous compilation (a jar) with order = 2: the caller calls its generated Hvp. */
    @Test
    void aCalleeFromAJarWithOrderTwo() {
        TestCompiler.Compiled library = TestCompiler.compile(LIBRARY);
        TestCompiler.Compiled user = TestCompiler.compile(library, USER);
        HessianCheck.check(Differentiated.of(user, "demo.User", "f"), new double[] {0.3, -0.7, 1.1}, 0.8);
    }
}
