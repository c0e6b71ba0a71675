package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

/**
 * {@code @Differentiable} instance methods (API.md, "Instance methods"): the derivative methods
 * are static and take the receiver first; the receiver's fields, private ones included, are
 * constants. Each gradient is checked against central finite differences and each tangent
 * against gradient·direction ({@link dev.adjoint.processor.testing.GradCheck}).
 */
class InstanceMethodsTest {

    static final String SOURCES = """
      package demo;

      import dev.adjoint.DerivativeOf;
      import dev.adjoint.Differentiable;

      /** A distribution: private parameters, a density and a log-density that calls it. */
      final class Normal {
        private final double mu;
        private final double sigma;
        final double[] weights;

        Normal(double mu, double sigma) {
          this.mu = mu;
          this.sigma = sigma;
          this.weights = new double[] {0.5, 1.5, -2.0};
        }

        double variance() {
          return sigma * sigma;
        }

        @Differentiable
        double density(double x) {
          double z = (x - mu) / sigma;
          return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
        }

        @Differentiable
        double logDensity(double x) {
          return Math.log(density(x)) + this.mu * 0;
        }

        /** A throw in an instance method: the derivative methods call it again on the receiver. */
        @Differentiable
        double probability(double x0, double x1) {
          if (x0 > x1) throw new IllegalArgumentException("x0 > x1");
          return (x1 - x0) * density(0.5 * (x0 + x1));
        }

        @Differentiable
        double weighted(double[] x, double s) {
          double t = 0;
          for (int i = 0; i < x.length; i++) t += weights[i] * this.density(x[i] * s) + x[i] / variance();
          return t + Stats.square(s - this.mu) + s * smooth(this.mu);
        }

        double smooth(double s) {
          return Math.log1p(s * s);
        }

        @DerivativeOf(value = "smoothStatic", wrt = "s")
        static double smoothStaticDs(double s) {
          return 2 * s / (1 + s * s);
        }

        static double smoothStatic(double s) {
          return Math.log1p(s * s);
        }

        @Differentiable
        double usesRule(double s) {
          return smoothStatic(s * mu) * sigma;
        }
      }

      final class Stats {
        @Differentiable
        static double square(double v) {
          return v * v;
        }
      }

      record Line(double slope, double intercept) {
        @Differentiable
        double residual(double x, double y) {
          double r = slope * x + intercept() - y;
          return r * r;
        }
      }

      enum Activation {
        TANH(1.0), SCALED(2.5);

        private final double gain;

        Activation(double gain) {
          this.gain = gain;
        }

        @Differentiable
        double apply(double x) {
          return Math.tanh(gain * x) + gain * Math.sin(x);
        }
      }
      """;

    private static Compiled compiled;

    private static synchronized Compiled compiled() {
        if (compiled == null) compiled = TestCompiler.compile(SOURCES);
        return compiled;
    }

    private static Object normal(double mu, double sigma) throws Exception {
        Constructor<?> c = compiled().load("demo.Normal").getDeclaredConstructor(double.class, double.class);
        c.setAccessible(true);
        return c.newInstance(mu, sigma);
    }

    @Test
    void aDensityReadsPrivateFieldsAsConstants() throws Exception {
        Differentiated density =
                Differentiated.of(compiled(), "demo.Normal", "density").on(normal(0.5, 1.7));
        check(density, 0.2);
        check(density, -2.4);
        double x = 1.1, mu = 0.5, sigma = 1.7;
        assertEquals(
                -(x - mu) / (sigma * sigma) * density.primal(x),
                density.gradient(x).scalar("x"),
                1e-12);
    }

    @Test
    void aThrowInAnInstanceMethodIsRethrownOnTheReceiver() throws Exception {
        Differentiated p =
                Differentiated.of(compiled(), "demo.Normal", "probability").on(normal(0.5, 1.7));
        check(p, 0.2, 0.9);
        Object n = normal(0.5, 1.7);
        java.lang.reflect.Method reverse =
                compiled().load("demo.NormalGrad").getMethod("probability", n.getClass(), double.class, double.class);
        reverse.setAccessible(true);
        java.lang.reflect.InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.lang.reflect.InvocationTargetException.class, () -> reverse.invoke(null, n, 2.0, 1.0));
        assertEquals("x0 > x1", e.getCause().getMessage());
    }

    @Test
    void callsOfTheReceiversOtherMethods() throws Exception {
        Object n = normal(-0.3, 0.9);
        check(Differentiated.of(compiled(), "demo.Normal", "logDensity").on(n), 0.4);
        check(Differentiated.of(compiled(), "demo.Normal", "weighted").on(n), new double[] {0.3, -0.2, 0.6}, 1.2);
        check(Differentiated.of(compiled(), "demo.Normal", "usesRule").on(n), 0.8);
    }

    @Test
    void aRecordReadsItsComponentsAndCallsAnAccessor() throws Exception {
        Constructor<?> c = compiled().load("demo.Line").getDeclaredConstructor(double.class, double.class);
        c.setAccessible(true);
        Object line = c.newInstance(2.0, -0.5);
        check(Differentiated.of(compiled(), "demo.Line", "residual").on(line), 1.3, 0.7);
    }

    @Test
    void anEnum() {
        Object[] constants = compiled().load("demo.Activation").getEnumConstants();
        for (Object activation : constants)
            check(Differentiated.of(compiled(), "demo.Activation", "apply").on(activation), 0.35);
    }

    @Test
    void privateFieldsAreReadThroughVarHandleConstants() {
        String source = compiled().generatedSource("demo.NormalGrad");
        assertTrue(source.contains("private static final VarHandle NORMAL_SIGMA;"), source);
        assertTrue(source.contains("MethodHandles.privateLookupIn(Normal.class, MethodHandles.lookup())"), source);
        assertTrue(source.contains("public static Density density(Normal self, double x)"), source);
        assertTrue(source.contains("public static Dual densityTangent(Normal self, double x, double dx)"), source);
        assertTrue(source.contains("self.weights"), source);
    }

    static final String BASE = """
      package demo.lib;

      import dev.adjoint.Differentiable;

      public class Base {
        private final double k;

        public Base(double k) {
          this.k = k;
        }

        @Differentiable
        public double f(double x) {
          return k * x * x;
        }
      }
      """;

    static final String DERIVED = """
      package demo;

      import demo.lib.Base;
      import dev.adjoint.Differentiable;

      final class Derived extends Base {
        Derived() {
          super(1.5);
        }

        @Differentiable
        double g(double x, double y) {
          return f(x * y) + this.f(y);
        }
      }
      """;

    @Test
    void aLaterBuildCallsAnInheritedMethodCompiledEarlier() throws Exception {
        Compiled later = TestCompiler.compile(TestCompiler.compile(BASE), DERIVED);
        Constructor<?> c = later.load("demo.Derived").getDeclaredConstructor();
        c.setAccessible(true);
        Differentiated g = Differentiated.of(later, "demo.Derived", "g").on(c.newInstance());
        check(g, 0.6, -1.1);
        double x = 0.6, y = -1.1;
        assertEquals(3 * x * y * y, g.gradient(x, y).scalar("x"), 1e-12);
    }
}
