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
 * error ({@code BitReinterpretation}), never a silent zero — low mantissa bits cleared by a mask
 * (Dekker's split) included: that rounding is a step of relative width 2^-26, so a finite difference
 * at any practical scale sees slope 1 where the derivative almost everywhere is 0.
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
          static double dekkerHighHalf(double x) {
            long bits = Double.doubleToRawLongBits(x) & ((-1L) << 27); // low mantissa bits cleared: neither 0 nor 1 is the honest slope
            return 3 * x + Double.longBitsToDouble(bits); // ERROR at `(bits)`: [Adjoint.BitReinterpretation]
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
