package dev.adjoint.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Instance methods: what the receiver may do. Its other methods follow the rules of static
 * calls (derived from their bodies when they take a double, else called with constant arguments,
 * a private one through a MethodHandle); methods of other objects stay {@code InstanceCall}; the receiver
 * itself is no value; an interface's default method stays {@code NotStatic}.
 */
class InstanceMethodDiagnosticsTest {

    @Test
    void theReceiversMethodsFollowTheRulesOfStaticCalls() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Model {
          private final double scale = Math.random();
          final Model other = null;

          double plain(double v) { return v * scale; }

          private double hidden() { return scale; }

          @Differentiable
          double loss(double x) {
            double a = plain(scale); // fine: a constant argument
            double b = plain(x); // fine: derived from its body, the receiver first (constructs.ReceiverCalleesTest)
            double c = this.hidden(); // fine: private, called through a MethodHandle (e2e.PrivateReceiverMethodsTest)
            double d = other.plain(1.0); // ERROR at `other.plain(1.0)`: [Adjoint.InstanceCall] other.plain is an instance method
            double e = this.missing; // ERROR at `this.missing`: [Adjoint.UnknownName] cannot resolve this.missing
            return a + b + c + d + e + x * scale;
          }
        }

        interface Shape {
          @Differentiable
          default double area(double r) { // ERROR at `area`: [Adjoint.NotStatic] area is an instance method of an interface
            return r * r;
          }
        }
        """);
    }

    @Test
    void aStaticMethodHasNoReceiver() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Holder {
          double w = 2;

          double scaled(double v) { return v * w; }

          @Differentiable
          static double uses(double x) {
            double a = scaled(1.0); // ERROR at `scaled(1.0)`: [Adjoint.InstanceCall] Holder.scaled is an instance method
            return a * x + w; // ERROR at `w`: [Adjoint.Expression] instance field w
          }
        }
        """);
    }
}
