package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conditional operator {@code ?:} in differentiated code: with {@code &&}, {@code ||}, {@code !}
 * and comparisons, both branches taken, a branch not taken that is undefined or singular at the
 * point, and a choice between arrays. Gradients against central finite differences, tangents
 * against gradient · direction (see {@link GradCheck}).
 */
class ConditionalOperatorTest {
    static final String CONDITIONAL = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Cond {
        @Differentiable
        static double cond(double x, double y) {
          return x > 0 && y < 1 || !(x > -1) ? x * y : x + y * y;
        }

        @Differentiable
        static double comparisons(double x, double y, int n) {
          double a = x <= y ? x * 2 : y * 3;
          double b = n == 2 ? a * x : (n != 3 ? a + x : a - y);
          return x >= 1 ? a + b * y : a * b;
        }

        @Differentiable
        static double safeLog(double x) {
          return x > 0 ? Math.log(x) : x;
        }

        @Differentiable
        static double safeSqrt(double x) {
          double r = x >= 0 ? Math.sqrt(x) : -x * x;
          return r * 2;
        }

        @Differentiable
        static double safeIndex(double[] w, int i) {
          return i >= 0 && i < w.length ? w[i] * w[i] : 0.0;
        }
      }
      """;

    static final String CONDITIONAL_ARRAY = """
      package demo;

      import dev.adjoint.Differentiable;

      final class CondArray {
        @Differentiable
        static double pick(double[] a, double[] b, int n) {
          return (n > 0 ? a : b)[0] * a[1];
        }
      }
      """;

    private static Differentiated cond(String m) {
        return Differentiated.of(TestCompiler.compileCached(CONDITIONAL), "demo.Cond", m);
    }

    @ParameterizedTest
    @MethodSource("dev.adjoint.processor.e2e.StraightLineTest#xy")
    void conditionalWithAndOrNot(double x, double y) {
        Differentiated f = cond("cond");
        check(f, x, y);
    }

    @Test
    void conditionalTakesBothBranches() {
        Differentiated f = cond("cond");
        // true branch x * y: via x > 0 && y < 1, and via !(x > -1)
        for (double[] p : new double[][] {{0.5, 0.3}, {-2.0, 3.0}}) {
            assertEquals(p[0] * p[1], f.primal(p[0], p[1]));
            assertGradient(f, new Object[] {p[0], p[1]}, p[1], p[0]);
            check(f, p[0], p[1]);
        }
        // false branch x + y * y
        for (double[] p : new double[][] {{0.5, 2.0}, {-0.5, 0.2}}) {
            assertEquals(p[0] + p[1] * p[1], f.primal(p[0], p[1]));
            assertGradient(f, new Object[] {p[0], p[1]}, 1, 2 * p[1]);
            check(f, p[0], p[1]);
        }
    }

    static Stream<Arguments> comparisonPoints() {
        return Stream.of(
                Arguments.of(0.5, 0.9, 2),
                Arguments.of(0.5, 0.2, 3),
                Arguments.of(1.5, 0.7, 4),
                Arguments.of(1.5, 2.7, 2),
                Arguments.of(-1.2, -3.0, 3),
                Arguments.of(2.2, 2.9, 5));
    }

    @ParameterizedTest
    @MethodSource("comparisonPoints")
    void conditionalWithComparisons(double x, double y, int n) {
        check(cond("comparisons"), x, y, n);
    }

    @ParameterizedTest
    @MethodSource("dev.adjoint.processor.e2e.StraightLineTest#xy")
    void branchNotTakenMayBeUndefined(double x, double ignored) {
        check(cond("safeLog"), x);
        check(cond("safeSqrt"), x);
    }

    @Test
    void branchNotTakenAtItsSingularity() {
        // x = 0 takes the `: x` branch; log(0) = -inf and 1/0 must not leak into the derivative.
        assertGradient(cond("safeLog"), new Object[] {0.0}, 1.0);
        assertGradient(cond("safeLog"), new Object[] {-3.0}, 1.0);
        assertGradient(cond("safeSqrt"), new Object[] {-2.0}, 8.0);
    }

    @Test
    void outOfRangeIndexInBranchNotTaken() {
        Differentiated f = cond("safeIndex");
        double[] w = {1.5, -2.0, 0.25};
        for (int i : new int[] {0, 1, 2}) {
            Differentiated.Gradient g = check(f, w, i);
            double[] expected = new double[3];
            expected[i] = 2 * w[i];
            assertArrayEquals(expected, g.vector("w"), 1e-15);
        }
        for (int i : new int[] {3, 7, -1}) {
            Differentiated.Gradient g = check(f, w, i);
            assertEquals(0.0, g.value());
            assertArrayEquals(new double[3], g.vector("w"));
        }
    }

    @Test
    void conditionalChoosingAnArray() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(CONDITIONAL_ARRAY), "demo.CondArray", "pick");
        double[] a = {1.5, -2.0};
        double[] b = {0.25, 4.0};
        Differentiated.Gradient g = check(f, a, b, 1);
        assertArrayEquals(new double[] {-2.0, 1.5}, g.vector("a"), 1e-15);
        assertArrayEquals(new double[] {0.0, 0.0}, g.vector("b"), 0.0);
        g = check(f, a, b, 0);
        assertArrayEquals(new double[] {0.0, 0.25}, g.vector("a"), 1e-15);
        assertArrayEquals(new double[] {-2.0, 0.0}, g.vector("b"), 1e-15);
    }
}
