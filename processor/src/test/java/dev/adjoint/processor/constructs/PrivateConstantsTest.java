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
 * tables of constants are copied once into the generated class; other private static fields are
 * read through VarHandles.
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

    static final String TABLES = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Tables {
        private static final double A = 0.25;
        private static final double[] COEFFICIENTS = {0.5, -A, 2, -1e-3};
        private static final double[][] GRID = {{1.0, -2.0}, {0.5, +3}};
        private static final int[] POWERS = {1, 2, 3};
        private static final double[] COMPUTED = computed();
        private static double scale = 1.5;

        private static double[] computed() {
          return new double[] {Math.sqrt(2), Math.log(3)};
        }

        @Differentiable
        static double series(double x) {
          double s = 0;
          for (int i = 0; i < COEFFICIENTS.length; i++) s += COEFFICIENTS[i] * Math.pow(x, POWERS[i % 3]);
          return s + GRID[1][0] * x * GRID[0][1] + COMPUTED[1] * x * x * scale;
        }
      }
      """;

    /** Tables of constants are copied into the generated class; anything else is read through a VarHandle. */
    @Test
    void privateTablesAreCopiedOrReadThroughHandles() throws Exception {
        TestCompiler.Compiled compiled = TestCompiler.compileCached(TABLES);
        Differentiated f = Differentiated.of(compiled, "demo.Tables", "series");
        for (double x : new double[] {-0.7, 0.4, 1.9}) {
            double expected = 0.5 - 0.25 * 2 * x + 2 * 3 * x * x - 1e-3 + 0.5 * -2.0 + Math.log(3) * 2 * x * 1.5;
            org.junit.jupiter.api.Assertions.assertEquals(expected, check(f, x).scalar("x"), 1e-12);
        }
        String grad = compiled.generatedSource("demo.TablesGrad");
        for (String copied : new String[] {
            "private static final double[] TABLES_COEFFICIENTS = {0.5, -0.25, 2, -0.001};",
            "private static final double[][] TABLES_GRID = {{1.0, -2.0}, {0.5, 3}};",
            "private static final int[] TABLES_POWERS = {1, 2, 3};"
        }) {
            org.junit.jupiter.api.Assertions.assertTrue(grad.contains(copied), copied + " in\n" + grad);
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                grad.contains("findStaticVarHandle(Tables.class, \"COMPUTED\""), grad);
    }

    @Test
    void aVariableOfAPrivateClassRemainsAnError() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Hidden {
          private static final class Holder {
            private static final double[] TABLE = {0.5, 0.25};
            static double rate = 2;
          }

          @Differentiable
          static double series(double x) {
            // a table of constants is copied, wherever it is; a variable needs a VarHandle, which needs its class
            return Holder.TABLE[0] * x * Holder.rate; // ERROR at `Holder.rate`: [Adjoint.Private] field rate is not accessible from the generated class HiddenGrad
          }
        }
        """);
    }
}
