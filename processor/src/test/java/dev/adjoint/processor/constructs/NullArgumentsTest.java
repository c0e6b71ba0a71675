package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code null} passed for an array parameter that carries no derivative, as Boost's
 * {@code lgamma(z, null)} passes it for the sign it does not want: a constant, in both modes,
 * through an unannotated callee and a {@code @Differentiable} one. For a {@code double[]}
 * parameter it stays an error.
 */
class NullArgumentsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Signs {
        /** As Boost's lgamma(z, sign): the sign is written only when an array is given. */
        static double logAbsSigned(double z, int[] sign) {
          double result = Math.log(Math.abs(z));
          if (nonEmpty(sign)) {
            sign[0] = z < 0 ? -1 : 1;
          }
          return result;
        }

        private static boolean nonEmpty(int[] array) {
          return array != null && array.length != 0;
        }

        /** The weights are not read on this path: a null array is fine. */
        @Differentiable
        static double weighted(double x, long[] weights) {
          return x * x;
        }

        @Differentiable
        static double logAbs(double z) {
          return logAbsSigned(z, null) + weighted(z, (null)) * 0.5;
        }
      }
      """;

    @Test
    void nullForAnIntegerArrayParameterIsAConstant() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Signs", "logAbs");
        assertEquals(1 / 1.7 + 1.7, check(f, 1.7).scalar("z"), 1e-12);
        assertEquals(1 / -0.6 - 0.6, check(f, -0.6).scalar("z"), 1e-12);
        assertEquals(Math.log(0.6) + 0.18, check(f, -0.6).value(), 1e-15);
    }

    @Test
    void nullForADoubleArrayParameterIsAnError() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Nulls {
          static double sum(double x, double[] more) { return x; }

          @Differentiable
          static double f(double x) {
            return sum(x, null); // ERROR at `null`: [Adjoint.Expression] null is not supported ... null is accepted only for an int[], long[], boolean[], short[], char[] or byte[] parameter
          }
        }
        """);
    }
}
