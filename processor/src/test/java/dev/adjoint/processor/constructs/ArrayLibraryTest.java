package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code System.arraycopy}, {@code Arrays.fill}, {@code Arrays.copyOf} and argument checks called
 * as statements (issue 16, point 3): gradients and tangents against finite differences, the
 * Hessian under {@code order = 2}, and the derivative methods throwing what the method throws.
 * Copies overwrite elements that were read before (their old values' adjoints end at the copy),
 * copy within one array both ways (as through a temporary array), fill inside loops, and run in
 * a loop whose backward sweep must restore what each copy overwrote.
 */
class ArrayLibraryTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;
      import java.util.Arrays;
      import java.util.Objects;

      final class Library {
        static void checkPositive(double x) {
          if (!(x > 0)) throw new IllegalArgumentException("not positive: " + x);
        }

        static void checkSameLength(double[] a, double[] b) {
          if (a.length != b.length) throw new IllegalArgumentException(a.length + " != " + b.length);
          checkNotEmpty(a.length);
        }

        static void checkNotEmpty(int n) {
          if (n == 0) throw new IllegalArgumentException("empty");
        }

        @Differentiable(order = 2)
        static double shifted(double[] x, double[] y) {
          checkSameLength(x, y);
          Objects.requireNonNull(x);
          double[] t = new double[x.length + 2];
          double before = t[1];
          System.arraycopy(x, 0, t, 1, x.length);
          double s = before + t[1] * y[0];
          System.arraycopy(y, 0, t, 0, 2); // overwrites t[1], read above
          for (int i = 0; i < t.length; i++) s += t[i] * t[i] * (i + 1);
          return s;
        }

        @Differentiable(order = 2)
        static double withinOneArray(double[] x) {
          double[] t = Arrays.copyOf(x, x.length + 1);
          System.arraycopy(t, 0, t, 1, x.length); // up: as through a temporary array
          double s = t[0] * t[1] + t[x.length] * t[2];
          System.arraycopy(t, 2, t, 0, 2); // down
          return s + t[0] * Math.sin(t[1]) + t[3];
        }

        @Differentiable(order = 2)
        static double filled(double[] x, double c) {
          checkPositive(c);
          double[] t = x.clone();
          double s = 0;
          for (int r = 0; r < 3; r++) {
            s += t[0] * t[t.length - 1] + Math.exp(t[1]);
            Arrays.fill(t, 1, t.length, c * s * 0.1);
            System.arraycopy(x, 0, t, 0, 2);
            Arrays.fill(t, 0, 1, t[1] * c);
          }
          double[] u = new double[3];
          Arrays.fill(u, c * c);
          return s + u[2] * t[t.length - 1];
        }

        @Differentiable(order = 2)
        static double intoParameters(double[] x, double[] y) {
          double before = x[0] * x[1];
          System.arraycopy(y, 0, x, 1, 1);
          Arrays.fill(y, 0, 1, before);
          return x[1] * x[0] + y[0] * y[1] + before * x[1];
        }

        @Differentiable
        static double integers(double[] x, int[] idx) {
          int[] order = new int[idx.length];
          System.arraycopy(idx, 0, order, 0, idx.length);
          Arrays.fill(order, 0, 1, idx.length - 1);
          double s = 0;
          for (int i = 0; i < order.length; i++) s += x[order[i]] * (i + 1);
          return s;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Library", name);
    }

    @Test
    void copiesFlowValuesAndDerivativesElementByElement() {
        Differentiated f = method("shifted");
        check(f, new double[] {0.3, -1.2, 2.5}, new double[] {1.1, 0.7, -0.4});
        check(f, new double[] {2.0, 0.5}, new double[] {-1.0, 3.0});
        HessianCheck.check(f, new double[] {0.3, -1.2, 2.5}, new double[] {1.1, 0.7, -0.4});
        Differentiated g = method("withinOneArray");
        check(g, (Object) new double[] {0.3, -1.2, 2.5});
        check(g, (Object) new double[] {1.5, 0.2, -0.7, 0.9});
        HessianCheck.check(g, (Object) new double[] {0.3, -1.2, 2.5});
        Differentiated p = method("intoParameters");
        check(p, new double[] {0.3, -1.2}, new double[] {1.1, 0.7});
        HessianCheck.check(p, new double[] {0.3, -1.2}, new double[] {1.1, 0.7});
        Differentiated i = method("integers");
        check(i, new double[] {0.3, -1.2, 2.5}, new int[] {2, 0, 1});
    }

    @Test
    void fillsInLoopsRestoreWhatTheyOverwrite() {
        Differentiated f = method("filled");
        check(f, new double[] {0.3, -1.2, 2.5, 0.8}, 0.9);
        check(f, new double[] {1.0, 0.4}, 1.7);
        HessianCheck.check(f, new double[] {0.3, -1.2, 2.5, 0.8}, 0.9);
    }

    @Test
    void derivativeMethodsThrowWhatTheChecksAndTheLibraryThrow() {
        Differentiated f = method("shifted");
        sameThrow(
                () -> f.primal(new double[] {1, 2}, new double[] {1}),
                () -> f.gradient(new double[] {1, 2}, new double[] {1}),
                () -> f.tangent(
                        new Object[] {new double[] {1, 2}, new double[] {1}},
                        new Object[] {new double[2], new double[1]}));
        sameThrow(
                () -> f.primal(new double[0], new double[0]),
                () -> f.gradient(new double[0], new double[0]),
                () -> f.tangent(
                        new Object[] {new double[0], new double[0]}, new Object[] {new double[0], new double[0]}));
        Differentiated g = method("filled");
        sameThrow(
                () -> g.primal(new double[] {1, 2}, -1.0),
                () -> g.gradient(new double[] {1, 2}, -1.0),
                () -> g.tangent(new Object[] {new double[] {1, 2}, -1.0}, new Object[] {new double[2], 1.0}));
        // x has one element: arraycopy(x, 0, t, 0, 2) is out of bounds
        sameThrow(
                () -> g.primal(new double[] {1}, 1.0),
                () -> g.gradient(new double[] {1}, 1.0),
                () -> g.tangent(new Object[] {new double[] {1}, 1.0}, new Object[] {new double[1], 1.0}));
    }

    private static void sameThrow(Executable primal, Executable... derivatives) {
        Throwable expected = unwrap(assertThrows(Throwable.class, primal));
        for (Executable d : derivatives) {
            Throwable actual = unwrap(assertThrows(Throwable.class, d));
            assertEquals(expected.getClass(), actual.getClass());
            assertEquals(expected.getMessage(), actual.getMessage());
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t.getCause() != null
                && (t instanceof AssertionError || t instanceof java.lang.reflect.InvocationTargetException)) {
            t = t.getCause();
        }
        return t;
    }
}
