package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * What is wrong around {@code double[]}-valued methods: a {@code double[][]} return
 * ({@code MatrixReturn}), names that clash with the Jacobian methods ({@code NameClash}), a
 * vector callee the generated class cannot call ({@code Private}), a write into a callee's result
 * ({@code ArrayWrite}), a return from inside a loop ({@code Statement}); and, at run time, a seed
 * of the wrong length ({@code SeedLength}), also for an output that does not depend on the
 * differentiated parameters.
 */
class VectorDiagnosticsTest {

    @Test
    void declarations() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Shapes {
          @Differentiable
          static double[][] outer(double[] u, double[] v) { // ERROR at `outer`: [Adjoint.MatrixReturn] @Differentiable method outer returns double[][] ... return the matrix's elements as one double[] in row-major order (element (i, j) at i * columns + j)
            return new double[][] {u, v};
          }

          @Differentiable
          static double[] f(double x) {
            return new double[] {x, x * x};
          }

          @Differentiable
          static double[] early(double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) { // ERROR at `for`: [Adjoint.Statement] a return from inside a loop of a method that returns double[] is not supported in a @Differentiable method: fill an array declared before the loop, break out of it, and return the array after the loop
              s += v[i];
              if (s > 1) {
                return new double[] {s};
              }
            }
            return v;
          }

          @Differentiable
          static double fVjp(double x) { // ERROR at `fVjp`: [Adjoint.NameClash] @Differentiable method fVjp would generate names in ShapesGrad that @Differentiable method f generates too
            return x;
          }

          @Differentiable
          static double fJacobianInto(double[] x, double[] jacobian, int offset) { // ERROR at `fJacobianInto`: [Adjoint.NameClash] @Differentiable method fJacobianInto would generate names in ShapesGrad that @Differentiable method f generates too
            return x[0];
          }
        }
        """);
    }

    @Test
    void calls() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Callers {
          @Differentiable
          static double loss(double[] p) {
            double[] r = Hidden.residuals(p); // ERROR at `Hidden.residuals(p)`: [Adjoint.Private] method Hidden.residuals is not accessible from the generated class CallersGrad
            return r[0] * r[0];
          }

          @Differentiable
          static double writes(double[] p) {
            double[] r = residuals(p);
            r[0] = 2 * r[0]; // ERROR at `r[0]`: [Adjoint.ArrayWrite] assignment to an element of
            return r[0] + r[1];
          }

          @Differentiable
          static double[] residuals(double[] p) {
            return new double[] {p[0] - 1, p[1] * p[0]};
          }

          static final class Hidden {
            @Differentiable
            private static double[] residuals(double[] p) {
              return new double[] {p[0] - 1, p[1] * p[0]};
            }
          }
        }
        """);
    }

    @Test
    void aSeedOfTheWrongLengthIsRejectedWithItsLengthAndTheOutputs() throws ReflectiveOperationException {
        TestCompiler.Compiled c = TestCompiler.compile("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Two {
          @Differentiable
          static double[] f(double x) {
            return new double[] {x, x * x};
          }

          @Differentiable
          static double[] constant(double x) {
            return new double[] {1, 2};
          }
        }
        """);
        for (String name : new String[] {"fVjp", "constantVjp"}) {
            Method vjp = c.load("demo.TwoGrad").getMethod(name, double.class, double[].class);
            InvocationTargetException e =
                    assertThrows(InvocationTargetException.class, () -> vjp.invoke(null, 3.0, new double[3]), name);
            assertTrue(e.getCause() instanceof IllegalArgumentException, name);
            assertEquals(
                    "[Adjoint.SeedLength] the seed has length 3 but the method returned 2 values: pass one cotangent per output"
                            + " (seed.length == value.length)",
                    e.getCause().getMessage(),
                    name);
        }
    }
}
