package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * A switch on an enum field whose case index nothing needs (empty arms, or an arm whose value is
 * discarded): the index is kept for the NullPointerException a null selector throws, and the
 * pruning that makes dead derivative calls value calls must leave it as it is. The random programs
 * found both shapes (seed 20240611) failing with [Adjoint.Internal] when the enum switches and the
 * value-only calls were merged.
 */
class UnusedCaseIndexTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Picked {
        enum Pick { P0, P1, P2, P3 }

        static Pick pick = Pick.P2;

        @Differentiable
        static double emptyArms(double x) {
          switch (pick) {
            case P0, P1 -> {
            }
            case P3 -> {
            }
            default -> {
            }
          }
          return x * x;
        }

        @Differentiable
        static double discardedValue(double y) {
          long unused = (long) (switch (pick) { case P2: yield 1; case P3: yield 1; default: yield y; });
          return Math.sin(y);
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Picked", name);
    }

    @Test
    void gradientsAndTangentsOfBothShapes() {
        assertEquals(2 * 0.7, check(method("emptyArms"), 0.7).scalar("x"), 1e-12);
        assertEquals(Math.cos(0.3), check(method("discardedValue"), 0.3).scalar("y"), 1e-12);
    }
}
