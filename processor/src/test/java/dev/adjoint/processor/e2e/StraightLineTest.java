package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import dev.adjoint.runtime.Dual;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Straight-line code: locals, reassignment, compound assignment, arithmetic, literals, casts,
 * constants, the conditional operator, non-double locals, array element reads, {@code wrt}, and
 * calls of plain helpers with constant arguments. Every gradient is checked against central
 * finite differences and every tangent against gradient · direction (see {@link GradCheck}).
 */
class StraightLineTest {

    static final String ARITH = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Arith {
        @Differentiable
        static double locals(double x, double y) {
          double a = x * y;
          var b = a + x;
          double c = b - y / x;
          a = c * c;
          var d = a;
          d = d - b * 0.5;
          return d + a;
        }

        @Differentiable
        static double compound(double x, double y) {
          double s = x;
          s += y * x;
          s -= 2 * y;
          s *= x + 1;
          s /= y * y + 1;
          var t = s;
          t += s;
          t *= t;
          t -= x;
          t /= 3;
          return t - s;
        }

        @Differentiable
        static double arith(double x, double y) {
          return -(x - y) * (x + 2 * y) / (1 + y * y) - -x + (-y) * 3 - (x * (y - (x + 1)));
        }

        @Differentiable
        static double literals(double x) {
          return 1 - x + x / 2 + 3 * x * x - 2.5e-1 * x + 7 / 2 + 7.0 / 2 + 2 / x + 0x10 * x
              + 1_000 * x * 1e-3 + .5 * x + 2. * x;
        }

        @Differentiable
        static double sameVariable(double x) {
          return x * x * x + x / x + x - x + (x + x) * (x - 1);
        }

        @Differentiable
        static double remainder(double x, double y) {
          return x % y + x % 2.0 + 7.3 % y;
        }

        @Differentiable
        static double constantResult(double x) {
          double k = 2.5;
          return k * k;
        }
      }
      """;

    static final String CASTS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Casts {
        static final double SCALE = 2.5;
        static final int COUNT = 3;
        static final long BIG = 10L;

        static double norm(int n) {
          return 1.0 / Math.sqrt(n);
        }

        @Differentiable
        static double casts(double x, int n, long m) {
          int k = (int) x;
          double nd = (double) n;
          long big = (long) (x * 10);
          double z = big;
          double q = (double) x;
          double r = n;
          return x * k + nd * x + z + (double) m * x + (int) (x * x) + q * q + r / 4 + n / 4 * x
              + (double) (n / 2) * x;
        }

        @Differentiable
        static double constants(double x) {
          return SCALE * x + Consts.FACTOR * x * x + Math.PI * x - Math.E + COUNT * x
              + Casts.SCALE + Consts.N / x + BIG * x + StrictMath.PI + Consts.DERIVED * x
              + Consts.ROOT2 * x * x;
        }

        @Differentiable
        static double intLocals(double x, int n, boolean flag) {
          int k = n * 2 + 1;
          long m = k * 3L;
          boolean big = x > 1;
          int j = k;
          j += 2;
          double s = flag ? x * k : x * m;
          return big || flag ? s * x + j : s - x * j;
        }

        @Differentiable
        static double helper(double x, int n) {
          return norm(n) * x * x + norm(3) + Consts.weight(n, 2) * x;
        }
      }
      """;

    static final String CONSTS = """
      package demo;

      final class Consts {
        static final double FACTOR = 0.75;
        public static final int N = 4;
        static final double DERIVED = FACTOR * 2;
        static final double ROOT2 = Math.sqrt(2.0);

        private Consts() {}

        static double weight(int a, int b) {
          return a * 0.5 + b;
        }
      }
      """;

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

    static final String ARRAYS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class ArrayReads {
        @Differentiable
        static double arrays(double[] w, double[][] a, int i, int j) {
          double s = w[0] * w[1] + w[i] * a[i][j] + a[1][0] * a[0][1];
          double t = w[i + 1] * a[j][i - 1] - w[w.length - 1] * a[a.length - 1][a[0].length - 1];
          return s * t + w[i] * w[i] + a[i][j] / (1 + a[j][i] * a[j][i]);
        }

        @Differentiable
        static double mixed(double x, double[] w, double y) {
          return x * w[0] - y * w[1] + w[0] * w[1] * w[2];
        }
      }
      """;

    static final String MODELS = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Models {
        @Differentiable
        static double rosenbrock(double x, double y) {
          double a = 1 - x;
          double b = y - x * x;
          return a * a + 100 * b * b;
        }

        @Differentiable(wrt = "w")
        static double loss(double[] w, double[] x, double y, int n) {
          double p = w[0] * x[0] + w[1] * x[1] + w[2];
          double r = p - y;
          return r * r / n + 0.01 * w[n] * w[n];
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

    static final String INHERITED = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Inherited extends InheritedBase implements InheritedConstants {
        @Differentiable
        static double f(double x) {
          return C * x * x + BASE * x + twice(3) * x + InheritedConstants.C + InheritedBase.BASE;
        }
      }
      """;

    static final String INHERITED_BASE = """
      package demo;

      class InheritedBase {
        static final double BASE = 0.25;

        static double twice(int n) {
          return 2.0 * n;
        }
      }
      """;

    static final String INHERITED_CONSTANTS = """
      package demo;

      interface InheritedConstants {
        double C = 1.5;
      }
      """;

    private static Differentiated arith(String m) {
        return Differentiated.of(TestCompiler.compileCached(ARITH), "demo.Arith", m);
    }

    private static Differentiated casts(String m) {
        return Differentiated.of(TestCompiler.compileCached(CASTS, CONSTS), "demo.Casts", m);
    }

    private static Differentiated cond(String m) {
        return Differentiated.of(TestCompiler.compileCached(CONDITIONAL), "demo.Cond", m);
    }

    private static Compiled models() {
        return TestCompiler.compileCached(MODELS);
    }

    static Stream<Arguments> xy() {
        return Stream.of(
                Arguments.of(1.3, -0.7), Arguments.of(-2.1, 0.4), Arguments.of(0.6, 2.5), Arguments.of(-0.35, -1.8));
    }

    @ParameterizedTest
    @MethodSource("xy")
    void localsVarAndReassignment(double x, double y) {
        check(arith("locals"), x, y);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void compoundAssignments(double x, double y) {
        check(arith("compound"), x, y);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void arithmeticAndUnaryMinus(double x, double y) {
        check(arith("arith"), x, y);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void intAndDoubleLiterals(double x, double ignored) {
        Differentiated f = arith("literals");
        check(f, x);
        // 7 / 2 is int division (3); d/dx = -1 + 1/2 + 6x - 1/4 - 2/x² + 16 + 1 + 1/2 + 2
        double expected = -1 + 0.5 + 6 * x - 0.25 - 2 / (x * x) + 16 + 1 + 0.5 + 2;
        assertEquals(expected, f.gradient(x).scalar("x"), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest
    @MethodSource("xy")
    void sameVariableUsedManyTimes(double x, double ignored) {
        Differentiated f = arith("sameVariable");
        check(f, x);
        double expected = 3 * x * x + 2 * (x - 1) + 2 * x;
        assertEquals(expected, f.gradient(x).scalar("x"), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest
    @MethodSource("xy")
    void remainderOperator(double x, double y) {
        Differentiated f = arith("remainder");
        Differentiated.Gradient g = check(f, x, y);
        // x % y = x - y * trunc(x / y)
        assertEquals(2.0, g.scalar("x"), 1e-12);
        double expectedY = -(double) (long) (x / y) - (double) (long) (7.3 / y);
        assertEquals(expectedY, g.scalar("y"), 1e-9);
    }

    @Test
    void resultIndependentOfInputHasZeroGradient() {
        Differentiated f = arith("constantResult");
        assertGradient(f, new Object[] {1.7}, 0.0);
        assertEquals(6.25, f.gradient(1.7).value());
    }

    static Stream<Arguments> castPoints() {
        return Stream.of(
                Arguments.of(1.37, 7, 5L),
                Arguments.of(-2.71, -3, -2L),
                Arguments.of(0.456, 2, 0L),
                Arguments.of(3.21, 3, 11L));
    }

    @ParameterizedTest
    @MethodSource("castPoints")
    void castsBetweenNumericTypes(double x, int n, long m) {
        Differentiated f = casts("casts");
        check(f, x, n, m);
        // (int) x, (long) (x * 10) and (int) (x * x) are constants.
        double expected = (int) x + n + (double) m + 2 * x + n / 4 + (double) (n / 2);
        assertEquals(expected, f.gradient(x, n, m).scalar("x"), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest
    @MethodSource("xy")
    void staticFinalConstants(double x, double ignored) {
        Differentiated f = casts("constants");
        check(f, x);
        double expected = 2.5 + 2 * 0.75 * x + Math.PI + 3 - 4 / (x * x) + 10 + 1.5 + 2 * Math.sqrt(2.0) * x;
        assertEquals(expected, f.gradient(x).scalar("x"), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    static Stream<Arguments> intLocalPoints() {
        return Stream.of(
                Arguments.of(1.5, 2, true),
                Arguments.of(1.5, 2, false),
                Arguments.of(-0.8, -4, true),
                Arguments.of(-0.8, 3, false));
    }

    @ParameterizedTest
    @MethodSource("intLocalPoints")
    void intLongBooleanLocalsAreConstants(double x, int n, boolean flag) {
        check(casts("intLocals"), x, n, flag);
    }

    @ParameterizedTest
    @MethodSource("castPoints")
    void helperWithConstantArgumentsIsAConstant(double x, int n, long ignored) {
        Differentiated f = casts("helper");
        int nn = Math.abs(n) + 1;
        check(f, x, nn);
        double expected = 2 * x / Math.sqrt(nn) + (nn * 0.5 + 2);
        assertEquals(expected, f.gradient(x, nn).scalar("x"), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest
    @MethodSource("xy")
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
    @MethodSource("xy")
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

    static Stream<Arguments> arrayPoints() {
        return Stream.of(
                Arguments.of(
                        new double[] {0.5, -1.2, 2.0, 0.7},
                        new double[][] {{1, 2, -3}, {0.4, -0.5, 0.6}, {-1.1, 0.9, 0.3}},
                        1,
                        2),
                Arguments.of(
                        new double[] {-0.5, 1.3, -2.0, 0.1},
                        new double[][] {{0.2, -2, 1}, {1.4, 0.5, -0.6}, {2.1, -0.9, 0.8}},
                        2,
                        0),
                Arguments.of(
                        new double[] {1.5, 0.3, -0.2, -0.9},
                        new double[][] {{-1, 0.2, 0.3}, {0.7, 1.5, 0.6}, {0.1, 0.9, -1.3}},
                        1,
                        1));
    }

    @ParameterizedTest
    @MethodSource("arrayPoints")
    void arrayElementsAtConstantAndIntIndices(double[] w, double[][] a, int i, int j) {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(ARRAYS), "demo.ArrayReads", "arrays");
        check(f, w, a, i, j);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void scalarsAndArrayTogether(double x, double y) {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(ARRAYS), "demo.ArrayReads", "mixed");
        Differentiated.Gradient g = check(f, x, new double[] {y, x - y, 0.5}, y);
        assertEquals(y, g.scalar("x"), 1e-15);
        assertEquals(-(x - y), g.scalar("y"), 1e-15);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void rosenbrock(double x, double y) {
        Differentiated f = Differentiated.of(models(), "demo.Models", "rosenbrock");
        Differentiated.Gradient g = check(f, x, y);
        double b = y - x * x;
        assertEquals((1 - x) * (1 - x) + 100 * b * b, g.value(), 1e-12);
        assertEquals(-2 * (1 - x) - 400 * x * b, g.scalar("x"), 1e-10);
        assertEquals(200 * b, g.scalar("y"), 1e-10);
        Dual t = f.tangent(new Object[] {x, y}, 0.3, -0.6);
        assertEquals(0.3 * g.scalar("x") - 0.6 * g.scalar("y"), t.tangent(), 1e-9);
    }

    @Test
    void rosenbrockAtItsMinimum() {
        Differentiated f = Differentiated.of(models(), "demo.Models", "rosenbrock");
        assertGradient(f, new Object[] {1.0, 1.0}, 0.0, 0.0);
    }

    @Test
    void wrtSelectsParametersAndShapesTheApi() throws Exception {
        Differentiated f = Differentiated.withWrt(models(), "demo.Models", "loss", "w");
        // The record holds value and dw only; the tangent takes (w, dw, x, y, n).
        Class<?> grad = f.gradClass();
        Class<?> rec = grad.getMethod("loss", double[].class, double[].class, double.class, int.class)
                .getReturnType();
        assertEquals(
                List.of("value", "dw"),
                Stream.of(rec.getRecordComponents()).map(c -> c.getName()).toList());
        grad.getMethod("lossTangent", double[].class, double[].class, double[].class, double.class, int.class);

        for (int n : new int[] {1, 2}) {
            double[] w = {0.3, -1.1, 0.8};
            double[] x = {1.5, -0.4};
            double y = 0.9;
            Differentiated.Gradient g = check(f, w, x, y, n);
            double r = w[0] * x[0] + w[1] * x[1] + w[2] - y;
            double[] expected = {2 * r * x[0] / n, 2 * r * x[1] / n, 2 * r / n};
            expected[n] += 0.02 * w[n];
            assertArrayEquals(expected, g.vector("w"), 1e-12);
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

    @ParameterizedTest
    @MethodSource("xy")
    void inheritedStaticConstantsAndHelpers(double x, double ignored) {
        // C from an implemented interface, BASE and twice(int) from the superclass: plain Java
        // resolves them by simple name inside Inherited.
        Compiled c = TestCompiler.compileCached(INHERITED, INHERITED_BASE, INHERITED_CONSTANTS);
        Differentiated.Gradient g = check(Differentiated.of(c, "demo.Inherited", "f"), x);
        assertEquals(3.0 * x + 0.25 + 6.0, g.scalar("x"), 1e-12);
    }

    @Test
    void generatedClassShape() {
        Compiled c = models();
        Class<?> grad = c.load("demo.ModelsGrad");
        assertTrue(Modifier.isPublic(grad.getModifiers()) && Modifier.isFinal(grad.getModifiers()));
        for (Constructor<?> k : grad.getDeclaredConstructors()) {
            assertTrue(Modifier.isPrivate(k.getModifiers()), "ModelsGrad must not be instantiable: " + k);
        }
        String src = c.generatedSource("demo.ModelsGrad");
        assertTrue(
                src.contains("@Generated") || src.contains("@javax.annotation.processing.Generated"),
                "ModelsGrad must be marked @Generated:\n" + src);
    }
}
