package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Float literals next to doubles, as Boost's code writes its thresholds and coefficients
 * ({@code z * 1.125f}, {@code z < 5.9306640625f}): widened to double as Java widens them, so the
 * value is the float's, exactly. Float arithmetic (a float literal next to an integer) is an
 * error, checked in ExpressionDiagnosticsTest.
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

    @Test
    void floatLiteralsNextToDoublesHaveTheFloatsValue() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Floats", "f");
        double y = 0.0891314744949340820313f;
        assertEquals(1.125 + y, check(f, 0.2).scalar("z"), 0);
        assertEquals(-2 * (double) 0.1f * 1.5, check(f, 1.5).scalar("z"), 1e-15);
        assertEquals(0.2 * 1.125 + 0.2 * y, check(f, 0.2).value(), 0);
    }
}
