package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Calls whose result is {@code boolean} take differentiated arguments freely (the result only
 * steers control flow), and so do calls with an {@code int} or {@code long} result, whose result
 * is piecewise constant like a cast to {@code int} (issue 16, point 3) — both modes, checked
 * against finite differences. A double rebuilt from the bits of a differentiated value is an
 * error ({@code BitReinterpretation}), never a silent zero — except low mantissa bits cleared by a
 * mask that keeps sign and exponent, a rounding like {@code Math.floor} (Dekker's split, checked
 * here through the accurate products of Ogita, Rump and Oishi).
 */
class PredicatesAndIntegerCallsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Checks {
        static boolean positive(double v) {
          return v > 0;
        }

        static int bucket(double v) {
          return (int) Math.floor(v * 4);
        }

        @Differentiable
        static double guarded(double x, double y) {
          if (Double.isNaN(x) || Double.isInfinite(y) || !Double.isFinite(x * y)) {
            return 0;
          }
          int e = Math.getExponent(x * y);
          long bits = Double.doubleToRawLongBits(y);
          double sign = bits < 0 ? -1 : 1;
          return sign * x * y * (e + bucket(x)) + (positive(x - y) ? x * x : Math.sin(y));
        }

        @Differentiable
        static double skipsBad(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i]) || !positive(v[i])) {
              continue;
            }
            s += v[i] * Math.log(v[i]) * Long.signum(Double.doubleToLongBits(v[i]) - 4607182418800017408L);
          }
          return s;
        }
      }
      """;

    @Test
    void predicatesAndIntegerResultsTakeDifferentiatedArguments() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Checks", "guarded");
        check(f, 0.7, 1.3);
        check(f, -1.1, -0.4);
        check(f, 3.2, 0.6);
    }

    @Test
    void predicatesInLoops() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Checks", "skipsBad");
        check(f, (Object) new double[] {0.3, -0.8, 1.4, 2.5});
        check(f, (Object) new double[] {-2.1, 0.5});
    }

    static final String SPLIT = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Split {
        /** a1 * b1 + a2 * b2 through Dekker's split: the high halves are roundings, the low ones carry x. */
        @Differentiable
        static double twoProducts(double a1, double b1, double a2, double b2) {
          final double a1High = Double.longBitsToDouble(Double.doubleToRawLongBits(a1) & ((-1L) << 27));
          final double a1Low = a1 - a1High;
          final double b1High = Double.longBitsToDouble(Double.doubleToLongBits(b1) & 0xFFFFFFFFF8000000L);
          final double b1Low = b1 - b1High;
          final double prod1High = a1 * b1;
          final double prod1Low = a1Low * b1Low - (((prod1High - a1High * b1High) - a1Low * b1High) - a1High * b1Low);
          long mask = -1L << 27;
          final double a2High = Double.longBitsToDouble(mask & Double.doubleToRawLongBits(a2));
          final double a2Low = a2 - a2High;
          return prod1High + prod1Low + a2High * b2 + a2Low * b2;
        }

        /** The high half alone: a rounding, whose derivative is 0 wherever it has one. */
        @Differentiable
        static double highHalf(double x) {
          return 3 * x + Double.longBitsToDouble(Double.doubleToRawLongBits(x) & ((-1L) << 27));
        }
      }
      """;

    @Test
    void aMantissaTruncatedByAMaskIsARounding() {
        var compiled = TestCompiler.compileCached(SPLIT);
        Differentiated f = Differentiated.of(compiled, "demo.Split", "twoProducts");
        var g = check(f, 1.3, -0.7, 2.9, 0.45);
        org.junit.jupiter.api.Assertions.assertEquals(-0.7, g.scalar("a1"), 1e-15);
        org.junit.jupiter.api.Assertions.assertEquals(1.3, g.scalar("b1"), 1e-15);
        org.junit.jupiter.api.Assertions.assertEquals(0.45, g.scalar("a2"), 1e-15);
        check(f, -3.1e5, 2.2e-3, 7.0, -1.0 / 3);
        // the rounding alone: 3 in both modes, as for Math.floor (a finite difference over a step of
        // 2^-26 relative would see the staircase's average slope, 1 more)
        Differentiated h = Differentiated.of(compiled, "demo.Split", "highHalf");
        org.junit.jupiter.api.Assertions.assertEquals(3.0, h.gradient(0.7).scalar("x"), 0);
        org.junit.jupiter.api.Assertions.assertEquals(
                3.0, h.tangent(new Object[] {0.7}, 1.0).tangent(), 0);
    }

    @Test
    void aDoubleRebuiltFromTheBitsOfADifferentiatedValueIsAnError() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Bits {
          @Differentiable
          static double nextUp(double x) {
            long bits = Double.doubleToRawLongBits(x) + 1;
            return Double.longBitsToDouble(bits); // ERROR at `(bits)`: [Adjoint.BitReinterpretation] Double.longBitsToDouble rebuilds a floating-point value from the bits of a value that depends on the differentiated parameters ... silently wrong zero
          }

          @Differentiable
          static double throughALoop(double x, int n) {
            long bits = 0;
            for (int i = 0; i < n; i++) {
              bits = bits + Double.doubleToLongBits(x * i);
            }
            return x * Double.longBitsToDouble(bits); // ERROR at `(bits)`: [Adjoint.BitReinterpretation]
          }

          @Differentiable
          static double exponentMasked(double x) {
            long bits = Double.doubleToRawLongBits(x) & 0x000FFFFFFFFFFFFFL; // the mantissa alone: not a rounding of x
            return Double.longBitsToDouble(bits); // ERROR at `(bits)`: [Adjoint.BitReinterpretation]
          }

          @Differentiable
          static double truncatedThenShifted(double x) {
            long bits = (Double.doubleToRawLongBits(x) & ((-1L) << 27)) + 1;
            return Double.longBitsToDouble(bits); // ERROR at `(bits)`: [Adjoint.BitReinterpretation]
          }

          @Differentiable
          static double ofAConstant(double x) {
            double eps = Double.longBitsToDouble(Double.doubleToRawLongBits(1.0) + 1) - 1.0; // fine: no differentiated value
            return x * eps;
          }
        }
        """);
    }
}
