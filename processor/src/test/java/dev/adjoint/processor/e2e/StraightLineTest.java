package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Straight-line code: locals, reassignment, compound assignment, arithmetic, literals, casts,
 * constants, non-double locals, inherited constants and helpers, and calls of plain helpers with
 * constant arguments. Every gradient is checked against central finite differences and every
 * tangent against gradient · direction (see {@link GradCheck}). The conditional operator is in
 * {@link ConditionalOperatorTest}, array reads, {@code wrt} and the generated class's shape in
 * {@link ArrayReadsAndModelsTest}.
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
    void inheritedStaticConstantsAndHelpers(double x, double ignored) {
        // C from an implemented interface, BASE and twice(int) from the superclass: plain Java
        // resolves them by simple name inside Inherited.
        Compiled c = TestCompiler.compileCached(INHERITED, INHERITED_BASE, INHERITED_CONSTANTS);
        Differentiated.Gradient g = check(Differentiated.of(c, "demo.Inherited", "f"), x);
        assertEquals(3.0 * x + 0.25 + 6.0, g.scalar("x"), 1e-12);
    }
}
