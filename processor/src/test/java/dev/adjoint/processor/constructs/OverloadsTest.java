package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Only annotated methods generate code (issue 16, point 3): an unannotated overload of the same
 * name (a float variant, an int[] variant, one with an extra policy argument) does not block the
 * annotated one, and a differentiated caller still reaches the overload javac would pick.
 */
class OverloadsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Gammaish {
        static float value(float x) {
          return (float) value((double) x);
        }

        static double value(double x, double epsilon, int maxIterations) {
          return value(x) + epsilon * maxIterations;
        }

        @Differentiable
        static double value(double x) {
          return Math.log(x) * x - x + 0.5 * Math.log(2 * Math.PI / x);
        }

        @Differentiable
        static double usesIt(double a, double b) {
          return value(a * b) + value(3.0) * b;
        }
      }
      """;

    @Test
    void anUnannotatedOverloadDoesNotBlockTheAnnotatedOne() {
        var compiled = TestCompiler.compileCached(SOURCE);
        Differentiated f = Differentiated.of(compiled, "demo.Gammaish", "value");
        check(f, 2.5);
        check(f, 7.1);
        Differentiated g = Differentiated.of(compiled, "demo.Gammaish", "usesIt");
        check(g, 1.5, 2.0);
    }
}
