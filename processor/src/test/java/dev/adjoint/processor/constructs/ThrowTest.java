package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code throw} in argument checks (issue 16, point 3): where the method throws, both derivative
 * methods throw the same exception with the same message; elsewhere their derivatives match
 * finite differences. Throws at the top, in a branch after work, and inside a loop.
 */
class ThrowTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Checked {
        @Differentiable
        static double logDensity(double x, double scale) {
          if (scale <= 0) {
            throw new IllegalArgumentException("scale " + scale + " is not positive");
          }
          double z = x / scale;
          if (Double.isNaN(z)) throw new ArithmeticException("NaN");
          return -0.5 * z * z - Math.log(scale);
        }

        @Differentiable
        static double sumOfLogs(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            if (v[i] <= 0) {
              throw new IllegalArgumentException("element " + i + " is " + v[i]);
            }
            s += Math.log(v[i]) * v[i];
          }
          return s;
        }

        // double[]-valued: the path that throws calls the method again for a double[] (the fuzzer
        // found generated code that took it for a double and did not compile)
        @Differentiable
        static double[] scaled(double[] v, double x) {
          if (x > 1.5) throw new IllegalStateException("x out of range");
          return new double[] {v[0] * x, v[1] * Math.sin(x)};
        }

        @Differentiable
        static double total(double[] v, double x) {
          double[] r = scaled(v, x);
          return r[0] + 0.5 * r[1];
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Checked", name);
    }

    @Test
    void derivativesWhereTheMethodReturns() {
        Differentiated f = method("logDensity");
        check(f, 0.7, 1.3);
        check(f, -2.1, 0.4);
        Differentiated g = method("sumOfLogs");
        check(g, (Object) new double[] {0.3, 1.8, 2.5});
        check(g, (Object) new double[] {4.0});
    }

    @Test
    void derivativeMethodsThrowWhatTheMethodThrows() {
        Differentiated f = method("logDensity");
        sameThrow(
                () -> f.primal(1.0, -2.0),
                () -> f.gradient(1.0, -2.0),
                () -> f.tangent(new Object[] {1.0, -2.0}, 1.0, 0.0));
        sameThrow(
                () -> f.primal(0.0, 0.0),
                () -> f.gradient(0.0, 0.0),
                () -> f.tangent(new Object[] {0.0, 0.0}, 0.0, 1.0));
        Differentiated g = method("sumOfLogs");
        double[] bad = {0.5, 2.0, -1.0, 3.0};
        sameThrow(
                () -> g.primal((Object) bad.clone()),
                () -> g.gradient((Object) bad.clone()),
                () -> g.tangent(new Object[] {bad.clone()}, new Object[] {new double[] {1, 0, 0, 1}}));
    }

    @Test
    void aDoubleArrayValuedMethodThrowsToo() {
        Differentiated f = method("total");
        check(f, new double[] {0.4, -1.3}, 0.7);
        sameThrow(
                () -> f.primal(new double[] {0.4, -1.3}, 2.0),
                () -> f.gradient(new double[] {0.4, -1.3}, 2.0),
                () -> f.tangent(new Object[] {new double[] {0.4, -1.3}, 2.0}, new Object[] {new double[2], 1.0}));
    }

    private static void sameThrow(Executable primal, Executable... derivatives) {
        Throwable expected = unwrap(assertThrows(Throwable.class, primal));
        for (Executable d : derivatives) {
            Throwable actual = unwrap(assertThrows(Throwable.class, d));
            assertEquals(expected.getClass(), actual.getClass());
            assertEquals(expected.getMessage(), actual.getMessage());
        }
    }

    /** The harness reports a call that threw as an AssertionError whose cause is the exception. */
    private static Throwable unwrap(Throwable t) {
        while (t.getCause() != null
                && (t instanceof AssertionError || t instanceof java.lang.reflect.InvocationTargetException)) {
            t = t.getCause();
        }
        return t;
    }
}
