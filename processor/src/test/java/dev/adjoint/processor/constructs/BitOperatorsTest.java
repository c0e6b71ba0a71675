package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Bit operators and their compound assignments on integers ({@code x &= MASK}, {@code |=},
 * {@code ^=}, {@code <<=}, {@code >>=}, {@code >>>=}, and {@code & | ^ ~ << >> >>>}; issue 16,
 * point 3): piecewise constant, so the derivatives are those of the double arithmetic around
 * them, while the values (checked against the method's own, folded constants included) are
 * Java's. On booleans, {@code & | ^} and their compound forms are the eager logical operators.
 */
class BitOperatorsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Bits {
        static final int MASK = 0x7;

        @Differentiable(order = 2)
        static double mixed(double x, int n, long bits) {
          int m = n;
          m &= MASK;
          m |= 8;
          m ^= 3;
          m <<= 2;
          m >>= 1;
          m >>>= 1;
          long w = bits;
          w &= 0xFFFFL;
          w <<= (n & 3);
          w >>>= 1;
          w >>= 2L;
          int exponent = (int) (Double.doubleToRawLongBits(x) >>> 52) & 0x7FF;
          int folded = (7 << 3) ^ (-17 >> 2) ^ (-17 >>> 28) ^ (int) (5L << 40 >>> 38) | (~5 & 0xF0);
          int[] idx = {1, 2, 3};
          idx[1] |= 4;
          idx[2] <<= n & 1;
          boolean f = x > 0;
          f &= n > 2;
          f ^= true;
          f |= (n & 1) == 0 ^ x < -1;
          double s = x * m + w * x * x * 1e-3 + exponent * x * 1e-3 + (~n) * x + idx[1] * idx[2] * x + folded;
          for (int i = 0; i < (n & 3) + 1; i++) s += (i << 1) * Math.sin(x * (i | 1));
          if (f) s += Math.cos(x);
          return s;
        }
      }
      """;

    @Test
    void valuesAreJavasAndDerivativesSkipTheBits() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Bits", "mixed");
        check(f, 0.7, 5, 123456789L);
        check(f, -1.3, 2, -987654321L);
        check(f, 2.9, -7, 42L);
        HessianCheck.check(f, 0.7, 5, 123456789L);
        HessianCheck.check(f, -1.3, 2, -987654321L);
    }

    @Test
    void operandsJavaWouldRejectAndBitsRebuiltIntoADouble() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Wrong {
          @Differentiable
          static double f(double x, int n) {
            long bits = Double.doubleToRawLongBits(x);
            bits ^= 1L << n;
            double y = Double.longBitsToDouble(bits); // ERROR at `Double.longBitsToDouble(bits)`: [Adjoint.BitReinterpretation]
            boolean b = x > 0;
            int k = n & (b ? 1 : 0);
            return y + k;
          }
        }
        """);
    }
}
