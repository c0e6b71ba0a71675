package dev.adjoint.processor.constructs;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import org.junit.jupiter.api.Test;

/**
 * The messages issue 16 found misleading, corrected: a float parameter is named as float (not
 * "nothing to differentiate"); a switch Adjoint cannot lower (on a String) names its own
 * reason and leaves no false Unassigned behind; @Differentiable in a local or
 * anonymous class is an error instead of being silently ignored.
 */
class MessagesTest {

    @Test
    void floatParametersAreNamed() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Floats {
          @Differentiable
          static double f(float x) { // ERROR at `x`: [Adjoint.Float] parameter x of @Differentiable method f is a float; Adjoint differentiates double values only ... declare it double
            return x * 2.0;
          }

          @Differentiable
          static double g(int n, float[] w) { // ERROR at `w`: [Adjoint.Float] parameter w of @Differentiable method g is a float[]
            return n;
          }
        }
        """);
    }

    @Test
    void bitwiseOperatorsAndSwitch() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Statements {
          private enum Mode { ONE, TWO }

          static Mode mode = Mode.ONE;

          @Differentiable
          static double f(double x, int n, long bits) {
            n &= 7; // bit operators on integers are supported (BitOperatorsTest)
            long low = bits >>> 3;
            double s;
            switch (mode) { case ONE: s = x; break; default: s = 2 * x; } // ERROR at `mode`: [Adjoint.Statement] a switch on field mode, of an enum the generated class cannot name (demo.Statements.Mode) ... make the enum package-private
            double t = switch (mode) { case ONE -> x; default -> 2 * x; }; // ERROR at `mode`: [Adjoint.Expression] a switch on field mode
            return s * t; // no Unassigned: s was assigned, in the switch
          }
        }
        """);
    }

    @Test
    void differentiableInLocalAndAnonymousClassesIsAnError() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        final class Locals {
          @Differentiable
          static double top(double x) {
            return x * x;
          }

          static DoubleUnaryOperator make() {
            class Square {
              @Differentiable
              static double sq(double x) { // ERROR at `sq`: [Adjoint.LocalClass] @Differentiable method sq is declared in local class Square, which the generated class cannot name ... move it to a top-level or static nested class
                return x * x;
              }
            }
            return new DoubleUnaryOperator() {
              @Differentiable
              public double applyAsDouble(double x) { // ERROR at `applyAsDouble`: [Adjoint.LocalClass] @Differentiable method applyAsDouble is declared in an anonymous class
                return Square.sq(x);
              }
            };
          }
        }
        """);
    }
}
