package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * What a switch cannot be lowered from gets an error of its own, on the switch or the label,
 * and nothing else: no follow-on error for the selector's type nor for a variable the switch
 * would have assigned.
 */
class SwitchDiagnosticsTest {

    /**
     * A String or enum selector must be a parameter or a field the generated class can read;
     * a computed one, an enum the generated class cannot name and a label that is not a constant
     * are reported.
     */
    @Test
    void stringAndEnumSelectorsTheLoweringCannotRead() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Selectors {
          enum Mode { FAST, SLOW }

          static final String ONE = "one";
          private enum Secret { ON, OFF }

          static Secret hidden = Secret.ON;

          @Differentiable
          static double byName(double x, String mode) {
            double s;
            switch (mode) { case "a": s = x; break; default: s = 2 * x; }
            double t = switch (mode) { case ONE -> x; case ONE + "s" -> 5 * x; default -> 3 * x; }; // ERROR at `ONE + "s"`: [Adjoint.Expression] this case label ... string literals or String constants
            return s * t;
          }

          @Differentiable
          static double byEnum(double x, Mode mode) {
            double s;
            switch (mode) { case FAST -> s = x; default -> s = x * x; }
            switch (hidden) { case ON -> s = s * x; default -> s = s + x; } // ERROR at `hidden`: [Adjoint.Statement] a switch on field hidden, of an enum the generated class cannot name (demo.Selectors.Secret) is not supported ... make the enum package-private
            return s;
          }

          @Differentiable
          static double computed(double x, String kind, Mode mode) {
            String k = kind; // ERROR at `kind`: [Adjoint.Type] values of type java.lang.String are supported only where a String or enum parameter or field stands for itself ... switch on the parameter or field itself
            double s = mode == Mode.FAST ? x : 2 * x; // ERROR at `mode`: [Adjoint.Type] values of type demo.Selectors.Mode are supported only where ... as the selector of a switch // ERROR at `Mode.FAST`: [Adjoint.Type] values of type demo.Selectors.Mode
            return s;
          }
        }
        """);
    }

    @Test
    void switchExpressionsAdjointCannotType() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Types {
          static int twice(int n) { return 2 * n; }
          static long twice(long n) { return 2 * n; }
          static double half(double v) { return v / 2; }

          @Differentiable
          static double f(double x, int k) {
            int m = switch (k) { case 0 -> twice(k); default -> 1; }; // ERROR at `switch`: [Adjoint.Expression] a switch expression whose values Adjoint cannot type ... cast its values
            int c = (int) switch (k) { case 0 -> (int) twice(k); default -> 1; };
            double y = x > 0 ? switch (k) { case 0 -> { m = 3; yield x; } default -> x * x; } : x; // ERROR at `switch`: [Adjoint.Expression] a switch expression that assigns a variable or throws, inside a branch of ?:
            double z = x > 0 ? switch (k) { case 0 -> x; default -> x * x; } : x;
            z += switch (k) { case 0 -> half(k); default -> half(2.0 * k); }; // a call typed by its method
            return y * m * c + z;
          }
        }
        """);
    }

    /** Type patterns, guards and case null exist from Java 21 on; on 17 javac itself rejects them. */
    @Test
    void patternsGuardsAndCaseNull() {
        assumeTrue(Runtime.version().feature() >= 21, "patterns in switch need Java 21");
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Patterns {
          @Differentiable
          static double f(double x, Object k) {
            double s = x;
            switch (k) {
              case Integer i when i > 5: s = x; break; // ERROR at `case`: [Adjoint.Statement] a pattern in a case label is not supported ... test types and null before calling the method
              default: s = -x;
            }
            return s;
          }

          @Differentiable
          static double g(double x, String kind) {
            return switch (kind) {
              case "a" -> x;
              case null, default -> x * x; // ERROR at `case`: [Adjoint.Expression] case null is not supported ... switch on an int, a String or an enum
            };
          }
        }
        """);
    }
}
