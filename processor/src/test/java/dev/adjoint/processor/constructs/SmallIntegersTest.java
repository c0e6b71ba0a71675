package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code char}, {@code short} and {@code byte} arithmetic (locals, literals, casts, compound
 * assignments and {@code ++} that wrap around, promotions to int and double) and
 * {@code long[]}, {@code boolean[]}, {@code short[]}, {@code char[]} and {@code byte[]}
 * parameters read as constants (issue 16, point 3). They are integers: the derivatives are those
 * of the double arithmetic around them, and the values (checked against the method's own) wrap as
 * Java's do.
 */
class SmallIntegersTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Small {
        @Differentiable(order = 2)
        static double wrapped(double x, short s, char c, byte k, long[] weights, boolean[] on, short[] q, char[] t, byte[] u) {
          short a = s;
          a += 30000;
          a++;
          char letter = 'A';
          letter += c;
          letter -= 'B';
          byte small = (byte) (k * 3);
          small <<= 2;
          small--;
          int bucket = (short) (x * 10000) + (char) (x * 7) + (byte) (long) (x * 300);
          double s2 = 0;
          for (int i = 0; i < weights.length; i++) {
            if (on[i]) s2 += weights[i] * Math.sin(x * q[i]) + t[i] * x + u[i] * x * x;
          }
          for (short v : q) s2 += v * x;
          long[] w = weights;
          return s2 + a * x + letter * x * x + small * Math.cos(x) + bucket * 1e-3 * x + w[0];
        }
      }
      """;

    @Test
    void smallIntegersWrapAsJavasAndCarryNoDerivative() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Small", "wrapped");
        Object[] at = {
            0.37,
            (short) 12345,
            'z',
            (byte) 77,
            new long[] {3L, -5L, 1L << 40},
            new boolean[] {true, false, true},
            new short[] {-7, 300, 2},
            new char[] {'a', 'b', 'c'},
            new byte[] {-128, 5, 127}
        };
        check(f, at);
        at[0] = -2.9;
        at[3] = (byte) -100;
        check(f, at);
        HessianCheck.check(f, at);
    }

    @Test
    void arraysOfSmallIntegersAreReadOnly() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class ReadOnly {
          @Differentiable
          static double f(double x, short[] q, long[] w) {
            q[0] = 1; // ERROR at `q[0]`: [Adjoint.Expression] writing into a short[] ... as constants
            w[1] += 2; // ERROR at `w[1]`: [Adjoint.Expression] writing into a long[]
            short[] r = new short[2]; // ERROR at `new short[2]`: [Adjoint.Expression] creating this array
            return x * q[0];
          }
        }
        """);
    }
}
