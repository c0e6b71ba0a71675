package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression (random programs, seed 1703): a switch on a String or enum field whose value is
 * stored where nothing reads it keeps its case index for the null check it makes; pruning took
 * that index for a derivative call to turn into a value call and failed on it.
 */
class DeadSwitchIndexTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Dead {
        enum Pick { P0, P1, P2 }

        static String label = "s5";
        static Pick pick = Pick.P2;

        @Differentiable
        static double byString(double x) {
          double[] buf = new double[1];
          buf[0] = (switch (label) { case "s4": yield 2; default: yield x; });
          return x * x;
        }

        @Differentiable
        static double byEnum(double x) {
          double[] buf = new double[1];
          buf[0] = (switch (pick) { case P1: yield 2; default: yield x; });
          return Math.sin(x);
        }
      }
      """;

    @ParameterizedTest
    @ValueSource(strings = {"byString", "byEnum"})
    void aDeadSwitchOnAFieldCompilesAndDifferentiates(String method) {
        check(Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Dead", method), 0.7);
    }
}
