package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Differentiable(order = 2)} on instance methods (API.md, "Instance methods": the
 * second-order forms likewise): {@code mHvp(self, a, va, ...)} and {@code mHessian(self, a, ...)}
 * take the receiver first, its fields (private ones through VarHandles) are constants, and its
 * other {@code @Differentiable} methods are callees whose own {@code Hvp} takes the receiver too.
 * A class with private fields, a record and an enum; {@link HessianCheck} checks each Hessian
 * against central differences of the gradient {@code m} returns, its symmetry, and {@code mHvp}
 * against Hessian · v.
 */
class SecondOrderInstanceTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      /** Private parameters, read as constants; the receiver's other methods called. */
      final class Gaussian {
        private final double mu;
        private final double sigma;
        private final double[] weights;

        Gaussian(double mu, double sigma) {
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

        @Differentiable(order = 2)
        double logDensity(double x) {
          double z = (x - mu) / sigma;
          return -0.5 * z * z - Math.log(sigma) + Math.sin(x * mu);
        }

        /** The receiver's order-1 and order-2 methods, a helper with constant arguments, a static callee. */
        @Differentiable(order = 2)
        double mixture(double[] x, double s) {
          double t = 0;
          for (int i = 0; i < x.length; i++) t += weights[i] * this.density(x[i] * s) + x[i] * x[i] / variance();
          return t + Cubes.cube(s - mu) + s * logDensity(s * x[0]);
        }
      }

      final class Cubes {
        @Differentiable
        static double cube(double v) {
          return v * v * v;
        }
      }

      record Valley(double a, double b) {
        @Differentiable(order = 2)
        double energy(double[] x, double y) {
          double e = 0;
          for (int i = 0; i + 1 < x.length; i++) {
            double d = x[i + 1] - x[i] * x[i];
            e += a * d * d + b() * (1 - x[i]) * (1 - x[i]);
          }
          return e * y + (x[0] > y ? Math.exp(x[0] - y) : Math.cos(x[0] * y));
        }

        /** An order-2 method of the record calling another. */
        @Differentiable(order = 2)
        double scaled(double[] x, double y) {
          return energy(x, y * y) / (1 + b * y * y);
        }
      }

      enum Link {
        LOGIT(1.0),
        PROBIT(1.7);

        private final double scale;

        Link(double scale) {
          this.scale = scale;
        }

        @Differentiable(order = 2)
        double loss(double eta, double y) {
          double p = 1 / (1 + Math.exp(-scale * eta));
          return -(y * Math.log(p) + (1 - y) * Math.log(1 - p)) + 0.01 * scale * eta * eta * y;
        }
      }
      """;

    static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    static Object gaussian(double mu, double sigma) throws Exception {
        Constructor<?> c = compiled().load("demo.Gaussian").getDeclaredConstructor(double.class, double.class);
        c.setAccessible(true);
        return c.newInstance(mu, sigma);
    }

    static Object valley(double a, double b) throws Exception {
        Constructor<?> c = compiled().load("demo.Valley").getDeclaredConstructor(double.class, double.class);
        c.setAccessible(true);
        return c.newInstance(a, b);
    }

    static Object link(String name) {
        for (Object constant : compiled().load("demo.Link").getEnumConstants())
            if (((Enum<?>) constant).name().equals(name)) return constant;
        throw new AssertionError(name);
    }

    static Stream<Arguments> points() throws Exception {
        return Stream.of(
                Arguments.of("demo.Gaussian", "logDensity", gaussian(0.4, 1.3), new Object[] {0.9}),
                Arguments.of(
                        "demo.Gaussian", "mixture", gaussian(0.4, 1.3), new Object[] {new double[] {0.3, -0.7, 1.1}, 0.8
                        }),
                Arguments.of("demo.Gaussian", "mixture", gaussian(-1.1, 0.6), new Object[] {
                    new double[] {1.3, 0.2, -0.4}, -0.5
                }),
                Arguments.of(
                        "demo.Valley", "energy", valley(1.5, 0.3), new Object[] {new double[] {0.3, -0.7, 1.1, 0.5}, 0.2
                        }),
                Arguments.of("demo.Valley", "energy", valley(1.5, 0.3), new Object[] {new double[] {-0.3, 0.7}, 0.9}),
                Arguments.of(
                        "demo.Valley", "scaled", valley(0.8, 2.0), new Object[] {new double[] {0.3, -0.7, 1.1}, 0.6}),
                Arguments.of("demo.Link", "loss", link("LOGIT"), new Object[] {0.7, 1.0}),
                Arguments.of("demo.Link", "loss", link("PROBIT"), new Object[] {-0.4, 0.3}));
    }

    @ParameterizedTest(name = "{0}.{1} at {3}")
    @MethodSource("points")
    void hessianAndHvpAgreeWithFiniteDifferencesAndWithEachOther(
            String type, String method, Object receiver, Object[] args) {
        HessianCheck.check(Differentiated.of(compiled(), type, method).on(receiver), args);
    }

    /** The contract's shapes: mHvp(self, a, va, ...) and mHessian(self, a, ...), public and static. */
    @Test
    void theSecondOrderMethodsTakeTheReceiverFirst() throws Exception {
        Class<?> gaussian = compiled().load("demo.Gaussian");
        Class<?> grad = compiled().load("demo.GaussianGrad");
        Method hvp = grad.getMethod("mixtureHvp", gaussian, double[].class, double[].class, double.class, double.class);
        Method hessian = grad.getMethod("mixtureHessian", gaussian, double[].class, double.class);
        assertEquals("MixtureHvp", hvp.getReturnType().getSimpleName());
        assertEquals("MixtureHessian", hessian.getReturnType().getSimpleName());
        assertEquals(
                java.util.List.of("value", "dx", "ds", "hvx", "hvs"),
                Stream.of(hvp.getReturnType().getRecordComponents())
                        .map(c -> c.getName())
                        .toList());
        // the order-1 callee gets its Hvp for its callers (receiver first), and no Hessian
        grad.getMethod("densityHvp", gaussian, double.class, double.class);
        assertEquals(
                0,
                Stream.of(grad.getMethods())
                        .filter(m -> m.getName().equals("densityHessian"))
                        .count());
    }

    /** The enum's loss in closed form (log(p / (1 - p)) = s·η): ∂²/∂η² = s²p(1 - p) + 0.02·s·y, ∂²/∂η∂y = -s + 0.02·s·η. */
    @Test
    void theEnumsHessianIsTheClosedForm() throws Exception {
        Class<?> grad = compiled().load("demo.LinkGrad");
        Object probit = link("PROBIT");
        double s = 1.7, eta = -0.4, y = 0.3;
        Object r = grad.getMethod("lossHessian", compiled().load("demo.Link"), double.class, double.class)
                .invoke(null, probit, eta, y);
        double[][] h = (double[][]) r.getClass().getMethod("hessian").invoke(r);
        double p = 1 / (1 + Math.exp(-s * eta));
        // f = -(y log p + (1-y) log(1-p)) + 0.01 s η² y; ∂f/∂η = s(p - y) + 0.02 s η y; ∂f/∂y = -s η + 0.01 s η²
        double fee = s * s * p * (1 - p) + 0.02 * s * y;
        double fey = -s + 0.02 * s * eta;
        assertArrayEquals(new double[] {fee, fey}, h[0], 1e-12);
        assertArrayEquals(new double[] {fey, 0}, h[1], 1e-12);
    }
}
