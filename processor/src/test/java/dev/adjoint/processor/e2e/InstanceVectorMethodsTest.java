package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.JacobianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

/**
 * {@code double[]}-valued instance methods (API.md, "Instance methods"): fJacobian, fTangent and
 * fVjp are static and take the receiver first. Each is checked with real numbers by
 * {@link JacobianCheck}: the Jacobian in both modes against central differences, fTangent
 * against J·t, fVjp against seedᵀ·J, and a seed of the wrong length.
 */
class InstanceVectorMethodsTest {

    static final String SOURCES = """
      package demo;

      import dev.adjoint.Differentiable;

      /** A model with private parameters: residuals of a fit and the loss that sums their squares. */
      final class Model {
        private final double rate;
        private final double[] xs;
        final double[] ys;

        Model(double rate, double[] xs, double[] ys) {
          this.rate = rate;
          this.xs = xs;
          this.ys = ys;
        }

        @Differentiable
        double[] residuals(double[] p) {
          double[] r = new double[xs.length];
          for (int i = 0; i < xs.length; i++) r[i] = p[0] * Math.exp(-rate * p[1] * xs[i]) - ys[i];
          return r;
        }

        @Differentiable(order = 2)
        double loss(double[] p) {
          double[] r = residuals(p);
          double s = 0;
          for (int i = 0; i < r.length; i++) s += r[i] * r[i];
          return 0.5 * s;
        }
      }

      record Rotation(double angle) {
        @Differentiable
        double[] apply(double x, double y, int times) {
          double c = Math.cos(angle * times), s = Math.sin(angle() * times);
          return new double[] {c * x - s * y, s * x + c * y, x * y};
        }
      }

      enum Squash {
        SOFT(0.5), HARD(3.0);

        private final double gain;

        Squash(double gain) {
          this.gain = gain;
        }

        @Differentiable
        double[] apply(double[] v, double bias) {
          double[] out = new double[v.length];
          for (int i = 0; i < v.length; i++) out[i] = Math.tanh(gain * v[i] + bias);
          return out;
        }
      }
      """;

    private static Compiled compiled;

    private static synchronized Compiled compiled() {
        if (compiled == null) compiled = TestCompiler.compile(SOURCES);
        return compiled;
    }

    private static Object model() throws Exception {
        Constructor<?> c =
                compiled().load("demo.Model").getDeclaredConstructor(double.class, double[].class, double[].class);
        c.setAccessible(true);
        return c.newInstance(0.8, new double[] {0.1, 0.5, 1.2, 2.0}, new double[] {1.9, 1.2, 0.7, 0.3});
    }

    @Test
    void aClassWithPrivateFields() throws Exception {
        double[][] j = JacobianCheck.checkOn(compiled(), model(), "residuals", new double[] {2.1, 0.9});
        assertEquals(Math.exp(-0.8 * 0.9 * 0.1), j[0][0], 1e-14);
    }

    @Test
    void aRecord() throws Exception {
        Constructor<?> c = compiled().load("demo.Rotation").getDeclaredConstructor(double.class);
        c.setAccessible(true);
        JacobianCheck.checkOn(compiled(), c.newInstance(0.4), "apply", 1.3, -0.6, 2);
    }

    @Test
    void anEnum() {
        for (Object squash : compiled().load("demo.Squash").getEnumConstants())
            JacobianCheck.checkOn(compiled(), squash, "apply", new double[] {0.3, -0.7, 0.1}, 0.2);
    }

    @Test
    void aScalarMethodCallsTheReceiversVectorMethodToFirstAndSecondOrder() throws Exception {
        Differentiated loss =
                Differentiated.of(compiled(), "demo.Model", "loss").on(model());
        check(loss, new double[] {2.1, 0.9});
        HessianCheck.check(loss, (Object) new double[] {2.1, 0.9});
    }

    @Test
    void theGeneratedMethodsTakeTheReceiverFirst() {
        String source = compiled().generatedSource("demo.ModelGrad");
        assertTrue(
                source.contains("public static ResidualsJacobian residualsJacobian(Model self, double[] p)"), source);
        assertTrue(
                source.contains("public static DualArray residualsTangent(Model self, double[] p, double[] dp)"),
                source);
        assertTrue(
                source.contains("public static ResidualsVjp residualsVjp(Model self, double[] p, double[] seed)"),
                source);
    }
}
