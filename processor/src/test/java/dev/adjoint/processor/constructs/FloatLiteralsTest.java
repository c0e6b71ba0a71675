package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Float literals next to doubles, as Boost's code writes its thresholds and coefficients
 * ({@code z * 1.125f}, {@code z < 5.9306640625f}): widened to double as Java widens them, so the
 * value is the float's, exactly. So are float constant variables ({@code final float Y = 0.0891f;},
 * Boost's erf_inv; a {@code static final float} field): named float literals. Float arithmetic (a
 * float next to a float or an integer) is an error, checked in ExpressionDiagnosticsTest.
 */
class FloatLiteralsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Floats {
        @Differentiable
        static double f(double z) {
          final double y = 0.0891314744949340820313f;
          if (z < 0.5f) return z * 1.125f + z * y;
          return -(0.1f) * z * z + y;
        }
      }
      """;

    static final String NAMED = """
      package demo;

      import dev.adjoint.Differentiable;

      final class NamedFloats {
        static final float SCALE = 1.044948577880859375f;

        @Differentiable
        static double erfInvLike(double p, double q) {
          double result;
          if (p <= 0.5) {
            final float Y = 0.0891314744949340820313f;
            final double g = p * (p + 10);
            result = g * Y + g * (p / (1 + q * q));
          } else {
            final float Y = -(2.249481201171875f);
            final double xs = q - 0.25f;
            result = Math.sqrt(-2 * Math.log(q)) / (Y + xs) * SCALE;
          }
          return result;
        }
      }
      """;

    @Test
    void finalFloatConstantsAreNamedFloatLiterals() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(NAMED), "demo.NamedFloats", "erfInvLike");
        double y1 = 0.0891314744949340820313f;
        double y2 = -2.249481201171875f;
        double scale = 1.044948577880859375f;
        // both branches, against finite differences in both modes (check), and the values exactly
        double p = 0.3, q = 0.7;
        double g = p * (p + 10);
        assertEquals(g * y1 + g * (p / (1 + q * q)), check(f, p, q).value(), 0);
        double r = 0.2;
        double xs = r - (double) 0.25f;
        assertEquals(
                Math.sqrt(-2 * Math.log(r)) / (y2 + xs) * scale,
                check(f, 0.8, r).value(),
                0);
        // ∂/∂p of the first branch: (2p + 10)(Y + p/(1+q²)) + g/(1+q²)
        assertEquals(
                (2 * p + 10) * (y1 + p / (1 + q * q)) + g / (1 + q * q),
                check(f, p, q).scalar("p"),
                1e-12);
    }

    @Test
    void floatLiteralsNextToDoublesHaveTheFloatsValue() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Floats", "f");
        double y = 0.0891314744949340820313f;
        assertEquals(1.125 + y, check(f, 0.2).scalar("z"), 0);
        assertEquals(-2 * (double) 0.1f * 1.5, check(f, 1.5).scalar("z"), 1e-15);
        assertEquals(0.2 * 1.125 + 0.2 * y, check(f, 0.2).value(), 0);
    }
}
