package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code private static final} scalars that are not compile-time constants
 * ({@code HALF_LOG_2_PI = 0.5 * Math.log(2 * Math.PI)}), which the generated class cannot name:
 * computed again from their initializer where they are read (issue 16, point 3). Private array
 * tables stay an error (copying them would allocate on every call).
 */
class PrivateConstantsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Stirling {
        private static final double HALF_LOG_2_PI = 0.5 * Math.log(2.0 * Math.PI);
        private static final double TWO = Math.sqrt(4.0);
        private static final double TWELFTH = 1 / (6 * TWO);
        private static final double ROOT_TWO = Math.sqrt(TWO);

        @Differentiable
        static double logGamma(double x) {
          double TWO = 5; // a local named like a constant: the initializers still read the field
          return (x - 0.5) * Math.log(x) - x + HALF_LOG_2_PI + TWELFTH / x * ROOT_TWO * ROOT_TWO / TWO;
        }
      }
      """;

    @Test
    void privateScalarConstantsAreComputedFromTheirInitializers() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Stirling", "logGamma");
        check(f, 3.5);
        check(f, 12.7);
    }

    @Test
    void privateTablesRemainAnError() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Tables {
          private static final double[] COEFFICIENTS = {0.5, 0.25};

          @Differentiable
          static double series(double x) {
            return COEFFICIENTS[0] * x + COEFFICIENTS[1] * x * x; // ERROR at `COEFFICIENTS[0]`: [Adjoint.Private] field COEFFICIENTS is not accessible from the generated class TablesGrad // ERROR at `COEFFICIENTS[1]`: [Adjoint.Private] field COEFFICIENTS
          }
        }
        """);
    }
}
