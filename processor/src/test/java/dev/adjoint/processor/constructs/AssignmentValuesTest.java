package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Assignments, compound assignments, {@code ++} and {@code --} used as values (issue 16, point
 * 3): {@code a = b = c}, {@code while ((t = t * x) < y)}, {@code v[i++]} — both modes against
 * finite differences, values against the method's own (Java's left-to-right order).
 */
class AssignmentValuesTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Values {
        @Differentiable
        static double chained(double x, double y) {
          double a;
          double b;
          a = b = x * y;
          double t = x;
          int n = 0;
          while ((t = t * 0.5 + y) < 10 && n < 50) {
            n++;
          }
          double[] v = {x, y, x * y};
          int i = 0;
          double s = v[i++] + v[i++] * 2 + v[i];
          int k = 0;
          double u = (k += 2) * x + (++k) * y + (k--) * x + k * y;
          double w = x;
          double z = (w *= y) + w + (w = 1) * w;
          return a * b + t + s + u + n + z;
        }
      }
      """;

    @Test
    void assignmentsAsValues() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Values", "chained");
        check(f, 0.7, 1.3);
        check(f, -1.1, 4.4);
        check(f, 2.2, 0.6);
    }

    @Test
    void assignmentsThatCannotBeValues() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Bad {
          @Differentiable
          static double f(double x, double[] v) {
            double y = 0;
            if (x > 0 && (y = x * 2) > 1) { // ERROR at `y = x * 2`: [Adjoint.Expression] an assignment inside a branch of ?:, && or || ... before the condition
              x = y;
            }
            double w = x > 1 ? (y = 3) : 2; // ERROR at `y = 3`: [Adjoint.Expression] an assignment inside a branch
            double[] c = v.clone();
            double z = (c[0] = x) * 2; // ERROR at `c[0] = x`: [Adjoint.Expression] an assignment to an array element used as a value
            return x + y + w + z;
          }
        }
        """);
    }
}
