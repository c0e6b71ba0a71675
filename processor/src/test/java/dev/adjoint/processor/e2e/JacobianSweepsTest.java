package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.JacobianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/**
 * How {@code fJacobian} is built: one forward sweep then a backward sweep per output where the
 * backward sweep may run again (straight-line code, branches, loops that save nothing), a tangent
 * pass per input when the inputs are fewer, and whole passes otherwise. Each shape is checked with
 * real numbers ({@link JacobianCheck}: forward against reverse against the mode picked, against
 * central differences), and the rows of one Jacobian are separate arrays.
 */
class JacobianSweepsTest {

    static final String SWEEPS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Sweeps {
        /** Rodrigues's rotation of a point about an axis-angle vector, projected: 2 outputs, 7 inputs. */
        @Differentiable(wrt = {"w", "x", "scale"})
        static double[] project(double[] w, double[] x, double scale, double[] target) {
          double t2 = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
          double r0 = x[0] + w[1] * x[2] - w[2] * x[1];
          double r1 = x[1] + w[2] * x[0] - w[0] * x[2];
          double r2 = x[2] + w[0] * x[1] - w[1] * x[0];
          if (t2 != 0) {
            double t = Math.sqrt(t2);
            double c = Math.cos(t);
            double s = Math.sin(t);
            double along = (w[0] * x[0] + w[1] * x[1] + w[2] * x[2]) / t2 * (1 - c);
            r0 = x[0] * c + (w[1] * x[2] - w[2] * x[1]) / t * s + w[0] * along;
            r1 = x[1] * c + (w[2] * x[0] - w[0] * x[2]) / t * s + w[1] * along;
            r2 = x[2] * c + (w[0] * x[1] - w[1] * x[0]) / t * s + w[2] * along;
          }
          double[] e = new double[2];
          e[0] = scale * (r0 / r2 - target[0]);
          e[1] = scale * (r1 / r2 - target[1]);
          return e;
        }

        /** Few inputs, many outputs: forward mode. */
        @Differentiable
        static double[] curve(double a, double b) {
          double[] out = new double[6];
          for (int i = 0; i < out.length; i++) out[i] = Math.sin(a * i) * Math.exp(b * 0.1 * i);
          return out;
        }

        /** A loop with a vector output whose length comes from an argument. */
        @Differentiable
        static double[] softmax(double[] z) {
          double[] out = new double[z.length];
          double total = 0;
          for (int i = 0; i < z.length; i++) {
            out[i] = Math.exp(z[i]);
            total += out[i];
          }
          for (int i = 0; i < z.length; i++) out[i] = out[i] / total;
          return out;
        }

        /** A matrix parameter and a scalar: 3 outputs, 7 inputs. */
        @Differentiable
        static double[] affine(double[][] a, double shift) {
          double[] y = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) y[i] += a[i][j] * a[i][j] * shift;
          }
          return y;
        }

        /** An output that depends on nothing differentiated, beside one that does. */
        @Differentiable
        static double[] constantRow(double[] v) {
          return new double[] {1.5, v[0] * v[1]};
        }
      }
      """;

    private static Compiled sweeps() {
        return TestCompiler.compileCached(SWEEPS);
    }

    private static String generated() {
        return sweeps().generatedSource("demo.SweepsGrad");
    }

    /** The body of the generated method whose declaration starts with {@code declaration}, to the next method. */
    private static String method(String declaration) {
        String source = generated();
        int start = source.indexOf(declaration);
        assertTrue(start >= 0, declaration + " is generated");
        int end = source.indexOf("\n  }\n", start);
        return source.substring(start, end);
    }

    @Test
    void rotationWithTheAngleNonZeroAndZero() {
        double[] target = {0.1, -0.2};
        JacobianCheck.check(
                sweeps(),
                "demo.Sweeps",
                "project",
                new double[] {0.3, -0.2, 0.4},
                new double[] {0.5, 0.7, 3.0},
                1.7,
                target);
        JacobianCheck.check(
                sweeps(), "demo.Sweeps", "project", new double[] {0, 0, 0}, new double[] {0.5, 0.7, 3.0}, 1.7, target);
    }

    @Test
    void theProjectionRunsItsForwardSweepOnce() {
        String jacobian = method("private static ProjectJacobian projectJacobian(int mode");
        assertEquals(1, occurrences(code(jacobian), "Math.sqrt("), "one sqrt: the forward sweep is not repeated");
        // the derivatives of sin and cos read the forward sweep's cos and sin instead of calling them again
        assertEquals(1, occurrences(code(jacobian), "Math.cos("), jacobian);
        assertEquals(1, occurrences(code(jacobian), "Math.sin("), jacobian);
        assertTrue(jacobian.contains("for (int row = 0; row < rows; row++)"), jacobian);
        assertFalse(jacobian.contains("projectVjp("), "no whole reverse pass");
        assertFalse(jacobian.contains("Jacobians.of("), "no generic assembly");
    }

    @Test
    void moreOutputsThanInputsGoesByTangents() {
        double[][] j = JacobianCheck.check(sweeps(), "demo.Sweeps", "curve", 0.7, -0.4);
        assertEquals(6, j.length);
        // row 0 is sin(0) · exp(0), constant
        assertEquals(0, j[0][0], 0);
        assertEquals(0, j[0][1], 0);
        assertTrue(generated().contains("curveJacobianByTangents("));
    }

    @Test
    void aLoopWithAVectorOutputSquareJacobian() {
        double[][] j = JacobianCheck.check(sweeps(), "demo.Sweeps", "softmax", new double[] {0.2, -1.0, 0.6, 1.3});
        // softmax's Jacobian: diag(s) − s sᵀ, each row sums to 0
        for (double[] row : j) {
            double sum = 0;
            for (double v : row) sum += v;
            assertEquals(0, sum, 1e-14);
        }
    }

    @Test
    void aMatrixAndAScalarParameter() {
        double[][] a = {{0.2, -0.4}, {0.7, 0.1, 0.3}, {-0.3}};
        JacobianCheck.check(sweeps(), "demo.Sweeps", "affine", a, 1.3);
    }

    @Test
    void anOutputThatDependsOnNothing() {
        double[][] j = JacobianCheck.check(sweeps(), "demo.Sweeps", "constantRow", (Object) new double[] {0.4, -2.0});
        assertEquals(0, j[0][0], 0);
        assertEquals(-2.0, j[1][0], 0);
        assertEquals(0.4, j[1][1], 0);
    }

    @Test
    void theRowsOfOneJacobianAreSeparateArraysAndCallsRepeat() throws Exception {
        Class<?> grad = sweeps().load("demo.SweepsGrad");
        Method jacobian =
                grad.getDeclaredMethod("projectJacobian", double[].class, double[].class, double.class, double[].class);
        Object[] args = {new double[] {0.3, -0.2, 0.4}, new double[] {0.5, 0.7, 3.0}, 1.7, new double[] {0.1, -0.2}};
        Object first = jacobian.invoke(null, args);
        double[][] dw = (double[][]) component(first, "dw");
        assertNotSame(dw[0], dw[1]);
        double before = dw[1][0];
        dw[0][0] = 1e9;
        assertEquals(before, dw[1][0], 0, "writing row 0 leaves row 1");
        // a second call on the same thread (borrowed arrays given back and lent again) gives the same numbers
        Object second = jacobian.invoke(null, args);
        assertEquals(before, ((double[][]) component(second, "dw"))[1][0], 0);
        assertEquals(((double[]) component(first, "dscale"))[0], ((double[]) component(second, "dscale"))[0], 0);
    }

    private static Object component(Object record, String name) throws Exception {
        for (RecordComponent c : record.getClass().getRecordComponents())
            if (c.getName().equals(name)) return c.getAccessor().invoke(record);
        throw new AssertionError("no component " + name);
    }

    /** The code without its comments (which quote the user's source lines). */
    private static String code(String method) {
        return String.join(
                "\n", method.lines().filter(l -> !l.strip().startsWith("//")).toList());
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }
}
