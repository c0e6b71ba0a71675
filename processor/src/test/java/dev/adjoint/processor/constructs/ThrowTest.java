package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.Method;
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

        @Differentiable
        static double checked(double x) {
          if (x < -1.0) throw new IllegalStateException("x out of range");
          return x * x;
        }

        // the call's value is dead, but Java evaluates it for what it throws (fuzz bug A)
        @Differentiable
        static double unusedCall(double x) {
          double unused = checked(x);
          return 2 * x * Math.sin(x);
        }

        // likewise in a loop that fills an array nobody reads
        @Differentiable
        static double unusedInLoop(double x) {
          double[] dead = new double[3];
          for (int i = 0; i < dead.length; i++) dead[i] = checked(x - i);
          return x * x * x;
        }
      }
      """;

    /** Order 2 (fuzz bug C: the method called again to throw was taken for a rule to differentiate). */
    static final String SECOND_ORDER = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Curved {
        @Differentiable(order = 2)
        static double curved(double x, double y) {
          if (x < 0) throw new IllegalArgumentException("x " + x + " is negative");
          if (Double.isNaN(y)) throw new ArithmeticException("y is NaN");
          return x * x * y + Math.sin(x * y);
        }

        @Differentiable(order = 2)
        static double checkedSquare(double x) {
          if (x > 1.0) throw new IllegalArgumentException("x out of range");
          return x * x;
        }

        // a call kept only for what it throws, in a method differentiated twice (the random
        // programs, order 2, seed 13: a value-only call there stopped forward over reverse)
        @Differentiable(order = 2)
        static double unusedCallTwice(double x, double y) {
          double unused = checkedSquare(2.0 * Math.cos(y));
          return x * x * y;
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

    @Test
    void aCallWhoseValueIsUnusedStillThrows() {
        for (String name : new String[] {"unusedCall", "unusedInLoop"}) {
            Differentiated f = method(name);
            check(f, 1.4);
            check(f, 2.7);
            sameThrow(() -> f.primal(-2.0), () -> f.gradient(-2.0), () -> f.tangent(new Object[] {-2.0}, 1.0));
        }
        Differentiated loop = method("unusedInLoop");
        // the third iteration's argument (0.5 - 2) fails the check
        sameThrow(() -> loop.primal(0.5), () -> loop.gradient(0.5), () -> loop.tangent(new Object[] {0.5}, 1.0));
    }

    /**
     * The dead call is kept for what it throws and nothing more (issue 16: "dead kept call does
     * derivative work"): both derivative methods call {@code checked} itself, never its gradient
     * or its tangent, whose results no one reads.
     */
    @Test
    void aCallWhoseValueIsUnusedDoesNoDerivativeWork() {
        String grad = TestCompiler.compileCached(SOURCE).generatedSource("demo.CheckedGrad");
        for (String name : new String[] {"unusedCall", "unusedInLoop"}) {
            for (String mode : new String[] {"(double x)", "Tangent(double x, double dx)"}) {
                int from = grad.indexOf(" " + name + mode + " {");
                String body = grad.substring(from, grad.indexOf("\n  }\n", from));
                assertTrue(body.contains("Checked.checked(x"), body);
                assertFalse(body.contains("CheckedGrad.checked"), body);
            }
        }
    }

    @Test
    void secondOrderMethodsThrowWhatTheMethodThrows() throws ReflectiveOperationException {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SECOND_ORDER), "demo.Curved", "curved");
        HessianCheck.check(f, 0.7, 1.3);
        HessianCheck.check(f, 1.9, -0.4);
        Method hvp = f.gradClass().getMethod("curvedHvp", double.class, double.class, double.class, double.class);
        Method hessian = f.gradClass().getMethod("curvedHessian", double.class, double.class);
        for (double[] at : new double[][] {{-1.0, 2.0}, {1.0, Double.NaN}}) {
            double x = at[0], y = at[1];
            sameThrow(
                    () -> f.primal(x, y),
                    () -> f.gradient(x, y),
                    () -> hvp.invoke(null, x, 1.0, y, 0.5),
                    () -> hessian.invoke(null, x, y));
        }
    }

    @Test
    void aCallWhoseValueIsUnusedThrowsUnderOrderTwo() throws ReflectiveOperationException {
        Differentiated f =
                Differentiated.of(TestCompiler.compileCached(SECOND_ORDER), "demo.Curved", "unusedCallTwice");
        HessianCheck.check(f, 0.7, 1.4);
        Method hvp =
                f.gradClass().getMethod("unusedCallTwiceHvp", double.class, double.class, double.class, double.class);
        // 2 cos(0.2) > 1: checkedSquare throws there, and so must every derivative method
        sameThrow(
                () -> f.primal(0.7, 0.2),
                () -> f.gradient(0.7, 0.2),
                () -> f.tangent(new Object[] {0.7, 0.2}, 1.0, 0.5),
                () -> hvp.invoke(null, 0.7, 1.0, 0.2, 0.5));
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
