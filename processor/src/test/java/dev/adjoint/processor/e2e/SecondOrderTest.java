package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Differentiable(order = 2)}: {@code mHvp} (forward mode over the reverse-mode graph) and
 * {@code mHessian}, checked by {@link HessianCheck} at several points — the Hessian against
 * central differences of the gradient, symmetry, H·v against Hessian · v, value and gradient
 * against {@code m} — on straight-line code, every kind of Math function, branches, arrays and
 * loops (saved values, saved results, uncounted loops, loops reversed in place).
 */
class SecondOrderTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Second {
        @Differentiable(order = 2)
        static double rosenbrock(double x, double y) {
          double a = 1 - x;
          double b = y - x * x;
          return a * a + 100 * b * b;
        }

        @Differentiable(order = 2)
        static double functions(double x, double y) {
          return Math.exp(x * y) + Math.sin(x) * Math.cos(y) + Math.log(1 + x * x) + Math.sqrt(2 + y * y)
              + Math.tanh(x - y) + Math.atan2(y, 1 + x * x) + Math.pow(1.5 + x * x, y) + Math.hypot(x, y)
              + x / (1 + y * y) + Math.cbrt(3 + x) * Math.expm1(y / 4) + Math.log1p(y * y);
        }

        @Differentiable(order = 2)
        static double kinks(double x, double y) {
          return Math.max(x * x, y * x) + Math.abs(x * y - 0.3) * x + Math.min(Math.sin(x), y * y * y);
        }

        @Differentiable(order = 2)
        static double branches(double x, double y) {
          double s = x * y;
          if (x > y) {
            s = s * s + Math.exp(x);
          } else {
            s = Math.sin(s) * y;
          }
          double t = x < 0.5 ? s * x * x : s / (1 + x * x);
          if (t > 100) return t * t;
          return t + s * y;
        }

        @Differentiable(order = 2)
        static double arrays(double[] v, double[][] m, double c) {
          double a = v[0] * v[1] * m[0][1] + v[2] * v[2] * c;
          double b = Math.exp(m[1][0] * v[0]) + m[0][0] * m[1][1] * c * c;
          return a * b + m[0][1] * m[0][1] * m[0][1];
        }

        @Differentiable(order = 2)
        static double localArrays(double[] v, double w) {
          double[] u = new double[3];
          u[0] = v[0] * w;
          u[1] = Math.sin(v[1]) + u[0] * u[0];
          u[2] = u[1] * v[2];
          u[0] = u[2] / (1 + w * w);
          double[] copy = v.clone();
          copy[1] = copy[1] * u[0];
          return u[0] * u[1] + u[2] + copy[1] * copy[2];
        }

        @Differentiable(order = 2)
        static double writesParameter(double[] v, int k) {
          v[k] = v[k] * v[k] * v[0];
          v[0] = Math.log(2 + v[1] * v[1]);
          return v[0] * v[k] + v[1];
        }

        @Differentiable(wrt = {"x", "z"}, order = 2)
        static double someParameters(double x, double y, double z, int n) {
          return x * y * z * n + Math.sin(x * z) * y + z * z * z;
        }

        @Differentiable(order = 2)
        static double linear(double x, double[] v) {
          return 3 * x - v[0] + 2 * v[1];
        }

        @Differentiable(order = 2)
        static double sumOfSquaresMinusOne(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) s += x[i] * x[i];
          return (s - 1) * (s - 1);
        }

        @Differentiable(order = 2)
        static double horner(double[] c, double x) {
          double p = 0;
          for (int i = c.length - 1; i >= 0; i--) p = p * x + c[i] * Math.sin(c[i]);
          return p * p;
        }

        @Differentiable(order = 2)
        static double logSumExp(double[] x, double t) {
          double s = 0;
          for (int i = 0; i < x.length; i++) s += Math.exp(t * x[i]) * Math.tanh(x[i]);
          return Math.log(s + 3);
        }

        @Differentiable(order = 2)
        static double logistic(double r, double x0, int n) {
          double x = x0;
          int k = 0;
          while (k < n) {
            x = r * x * (1 - x);
            if (x > 0.7) x = x - 0.1 * x * x;
            k++;
          }
          return x;
        }

        @Differentiable(order = 2)
        static double halvings(double x, double y) {
          double s = x * y;
          while (s > 1) {
            s = s / 3 + Math.sqrt(s) * y * 0.1;
            if (s < 0.25 * y) break;
          }
          return s * x;
        }

        @Differentiable(order = 2)
        static double matrixVector(double[][] a, double[] x) {
          double[] y = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) y[i] += a[i][j] * x[j];
          }
          double s = 0;
          for (int i = 0; i < y.length; i++) s += Math.exp(y[i] / 4) * y[i];
          return s;
        }

        @Differentiable(order = 2)
        static double recurrenceInPlace(double[] x, double w) {
          double[] h = x.clone();
          for (int i = 1; i < h.length; i++) h[i] = Math.tanh(w * h[i - 1] + h[i]);
          double s = 0;
          for (int i = 0; i < h.length; i++) s += h[i] * h[i] * w;
          return s;
        }

        /** Found by the random programs: an array that one branch of a recomputed step leaves null. */
        @Differentiable(order = 2)
        static double nullArrayInABranch(double x) {
          int it = 0;
          while (it < 1) {
            it++;
            double[] buf = {1, x * x, 0.75 % 0.75 + it};
            for (double val : buf) {
              if (buf[0] != 0.5) {
                continue;
              }
              buf[1] = 2.0 * StrictMath.cos(x);
              return 1_0.0e-1;
            }
          }
          return 2 * x * x * x;
        }

        @Differentiable(order = 1)
        static double firstOrder(double x) {
          return x * x;
        }
      }
      """;

    static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    static Stream<Arguments> points() {
        return Stream.of(
                Arguments.of("rosenbrock", new Object[] {-1.2, 1.0}),
                Arguments.of("rosenbrock", new Object[] {0.7, 0.3}),
                Arguments.of("functions", new Object[] {0.4, 0.9}),
                Arguments.of("functions", new Object[] {-0.8, 1.7}),
                Arguments.of("kinks", new Object[] {0.6, 1.3}),
                Arguments.of("kinks", new Object[] {-0.9, 0.4}),
                Arguments.of("kinks", new Object[] {1.7, -0.4}),
                Arguments.of("branches", new Object[] {0.9, 0.4}),
                Arguments.of("branches", new Object[] {0.3, 0.8}),
                Arguments.of("branches", new Object[] {0.2, -0.7}),
                Arguments.of("branches", new Object[] {4.0, 3.0}),
                Arguments.of("arrays", new Object[] {
                    new double[] {0.3, -0.7, 1.1}, new double[][] {{0.5, 1.5}, {-0.4, 0.8}}, 1.3
                }),
                Arguments.of("localArrays", new Object[] {new double[] {0.3, -0.7, 1.1}, 0.8}),
                Arguments.of("localArrays", new Object[] {new double[] {-1.3, 0.2, 0.5}, -0.4}),
                Arguments.of("writesParameter", new Object[] {new double[] {0.6, -0.7, 1.1}, 2}),
                Arguments.of("writesParameter", new Object[] {new double[] {0.6, -0.7, 1.1}, 0}),
                Arguments.of("someParameters", new Object[] {0.5, 1.5, -0.8, 3}),
                Arguments.of("linear", new Object[] {0.5, new double[] {1, 2}}),
                Arguments.of("sumOfSquaresMinusOne", new Object[] {new double[] {0.3, -0.7, 1.1}}),
                Arguments.of("horner", new Object[] {new double[] {0.3, -0.7, 1.1, 0.4}, 0.9}),
                Arguments.of("logSumExp", new Object[] {new double[] {0.3, -0.7, 1.1, 0.4}, 0.9}),
                Arguments.of("logistic", new Object[] {3.1, 0.3, 6}),
                Arguments.of("logistic", new Object[] {2.5, 0.6, 0}),
                Arguments.of("halvings", new Object[] {1.3, 2.1}),
                Arguments.of("halvings", new Object[] {0.3, 0.5}),
                Arguments.of("halvings", new Object[] {3.0, 1.0}),
                Arguments.of("matrixVector", new Object[] {
                    new double[][] {{0.5, 1.5}, {-0.4, 0.8}, {0.2, 0.1}}, new double[] {0.3, -1.2}
                }),
                Arguments.of("recurrenceInPlace", new Object[] {new double[] {0.3, -0.7, 1.1, 0.4}, 0.9}),
                Arguments.of("nullArrayInABranch", new Object[] {0.7}));
    }

    /**
     * At s = 1 the adjoint of the loop's sum is exactly zero, but its tangent is not: the backward
     * loop must still run for H = 8·x·xᵀ (ZeroAdjointLoops skips it only in first order).
     */
    @Test
    void aLoopWhoseAdjointIsZeroStillContributesItsTangent() throws Exception {
        Class<?> grad = compiled().classLoader().loadClass("demo.SecondGrad");
        Object r = grad.getMethod("sumOfSquaresMinusOneHessian", double[].class)
                .invoke(null, (Object) new double[] {1, 0});
        double[][] h = (double[][]) r.getClass().getMethod("hessian").invoke(r);
        assertArrayEquals(new double[] {8, 0}, h[0], 1e-12);
        assertArrayEquals(new double[] {0, 0}, h[1], 1e-12);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("points")
    void hessianAndHvpAgreeWithFiniteDifferencesAndWithEachOther(String method, Object[] args) {
        Differentiated f = method.equals("someParameters")
                ? Differentiated.withWrt(compiled(), "demo.Second", method, "x", "z")
                : Differentiated.of(compiled(), "demo.Second", method);
        HessianCheck.check(f, args);
    }

    @Test
    void rosenbrocksHessianIsTheTextbooksOne() throws Exception {
        Class<?> grad = compiled().classLoader().loadClass("demo.SecondGrad");
        Object r =
                grad.getMethod("rosenbrockHessian", double.class, double.class).invoke(null, -1.2, 1.0);
        double[][] h = (double[][]) r.getClass().getMethod("hessian").invoke(r);
        // ∂²/∂x² = 2 - 400(y - 3x²), ∂²/∂x∂y = -400x, ∂²/∂y² = 200
        assertArrayEquals(new double[] {2 - 400 * (1.0 - 3 * 1.44), 480}, h[0], 1e-12);
        assertArrayEquals(new double[] {480, 200}, h[1], 1e-12);
    }

    @Test
    void theRecordsHaveTheContractsComponents() throws Exception {
        Class<?> grad = compiled().classLoader().loadClass("demo.SecondGrad");
        Class<?> hvp = grad.getMethod(
                        "arraysHvp",
                        double[].class,
                        double[].class,
                        double[][].class,
                        double[][].class,
                        double.class,
                        double.class)
                .getReturnType();
        assertEquals("demo.SecondGrad$ArraysHvp", hvp.getName());
        assertEquals(
                java.util.List.of("value", "dv", "dm", "dc", "hvv", "hvm", "hvc"),
                Stream.of(hvp.getRecordComponents()).map(c -> c.getName()).toList());
        Class<?> hessian = grad.getMethod("arraysHessian", double[].class, double[][].class, double.class)
                .getReturnType();
        assertEquals(
                java.util.List.of("value", "dv", "dm", "dc", "hessian"),
                Stream.of(hessian.getRecordComponents()).map(c -> c.getName()).toList());
        // order = 1 generates no second-order members
        assertEquals(
                0,
                Stream.of(grad.getMethods())
                        .filter(m -> m.getName().startsWith("firstOrderH"))
                        .count());
    }
}
