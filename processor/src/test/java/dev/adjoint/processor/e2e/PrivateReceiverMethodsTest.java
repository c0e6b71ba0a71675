package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

/**
 * Private methods of the receiver called with constant arguments only (API.md, "Instance
 * methods"): the generated class cannot name them, so it calls each through a MethodHandle
 * constant found with {@code privateLookupIn(...).findVirtual}, the receiver first. Each
 * gradient is checked against central finite differences and each tangent against
 * gradient·direction; the order-2 methods against finite differences of the gradient.
 */
class PrivateReceiverMethodsTest {

    static final String SOURCES = """
      package demo;

      import dev.adjoint.Differentiable;

      /** Private helpers that see no differentiated value, and one that does (derived from its body). */
      final class Scaled {
        private final double k;
        private final double[] w = {0.5, -1.0, 2.0};

        Scaled(double k) {
          this.k = k;
        }

        private double scale() {
          return k * 2;
        }

        private int index(int i) {
          return (i + 1) % w.length;
        }

        private double shifted(double s) {
          return s * s + k;
        }

        @Differentiable
        double f(double x) {
          return x * scale() + Math.sin(x) * w[index(0)];
        }

        @Differentiable(order = 2)
        double g(double x, double y) {
          return x * y * scale() + x * x * w[this.index(1)] + shifted(y) * scale();
        }

        @Differentiable
        double cyclic(double[] x) {
          double t = 0;
          for (int i = 0; i < x.length; i++) t += x[i] * x[index(i)] * scale();
          return t;
        }
      }

      record Spring(double stiffness, double rest) {
        private double half() {
          return 0.5 * stiffness;
        }

        @Differentiable(order = 2)
        double energy(double x) {
          double d = x - rest;
          return half() * d * d * Math.exp(0.1 * x);
        }
      }

      enum Gain {
        LOW(0.5), HIGH(3.0);

        private final double g;

        Gain(double g) {
          this.g = g;
        }

        private double squared() {
          return g * g;
        }

        @Differentiable
        double apply(double x) {
          return Math.tanh(squared() * x);
        }
      }
      """;

    private static Compiled compiled;

    private static synchronized Compiled compiled() {
        if (compiled == null) compiled = TestCompiler.compile(SOURCES);
        return compiled;
    }

    private static Object scaled(double k) throws Exception {
        Constructor<?> c = compiled().load("demo.Scaled").getDeclaredConstructor(double.class);
        c.setAccessible(true);
        return c.newInstance(k);
    }

    @Test
    void aPrivateConstantHelperOfAClass() throws Exception {
        Differentiated f = Differentiated.of(compiled(), "demo.Scaled", "f").on(scaled(1.3));
        check(f, 0.4);
        check(f, -1.7);
        double x = 0.4;
        assertEquals(2.6 + Math.cos(x) * -1.0, f.gradient(x).scalar("x"), 1e-12);
    }

    @Test
    void orderTwoWithAPrivateConstantHelperAndADerivedOne() throws Exception {
        Differentiated g = Differentiated.of(compiled(), "demo.Scaled", "g").on(scaled(0.7));
        check(g, 0.3, -1.2);
        HessianCheck.check(g, 0.3, -1.2);
        double[][] h = HessianCheck.check(g, -0.8, 0.5);
        assertEquals(1.4, h[0][1], 1e-9); // ∂²/∂x∂y of x·y·scale()
        assertEquals(2 * 1.4, h[1][1], 1e-9); // ∂²/∂y² of shifted(y)·scale()
    }

    @Test
    void anArrayParameterIndexedThroughAPrivateHelper() throws Exception {
        check(Differentiated.of(compiled(), "demo.Scaled", "cyclic").on(scaled(-0.6)), new double[] {0.3, 1.1, -0.5});
    }

    @Test
    void aRecordsPrivateMethod() throws Exception {
        Constructor<?> c = compiled().load("demo.Spring").getDeclaredConstructor(double.class, double.class);
        c.setAccessible(true);
        Differentiated energy =
                Differentiated.of(compiled(), "demo.Spring", "energy").on(c.newInstance(4.0, 0.5));
        check(energy, 1.2);
        HessianCheck.check(energy, 1.2);
    }

    @Test
    void anEnumsPrivateMethod() {
        for (Object gain : compiled().load("demo.Gain").getEnumConstants())
            check(Differentiated.of(compiled(), "demo.Gain", "apply").on(gain), 0.35);
    }

    @Test
    void theHelperIsReachedThroughAFindVirtualHandle() {
        String source = compiled().generatedSource("demo.ScaledGrad");
        assertTrue(source.contains("private static final MethodHandle"), source);
        assertTrue(source.contains(".findVirtual(owner, name, type)"), source);
        assertTrue(source.contains("(Scaled self)"), source);
    }
}
