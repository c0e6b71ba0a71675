package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.JacobianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code fJacobianInto(..., double[] jacobian, int offset)}, the project's addition beyond the
 * contract: the Jacobian written row-major into the caller's array from an offset, returning the
 * value. {@link JacobianCheck} compares it with {@code fJacobian} entry for entry (which it checks
 * against central differences) for every shape here — scalar, array and matrix parameters, a
 * subset differentiated, loops and branches, an instance method, reverse mode (fewer outputs),
 * forward mode (fewer inputs) and the whole-pass fallback — and an array one entry too short.
 */
class JacobianIntoTest {

    static final String SOURCES = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Flat {
        /** A matrix and a scalar, nested loops and a branch: 3 outputs, 7 inputs. */
        @Differentiable
        static double[] affine(double[][] a, double shift) {
          double[] y = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
              if (a[i][j] > 0) y[i] += a[i][j] * a[i][j] * shift;
              else y[i] -= a[i][j] * shift;
            }
          }
          return y;
        }

        /** Many inputs (an array of 40) and 3 outputs: the adjoint rows are long enough to be borrowed. */
        @Differentiable(wrt = "p")
        static double[] moments(double[] p, int count) {
          double[] m = new double[3];
          for (int i = 0; i < count; i++) {
            m[0] += p[i];
            m[1] += p[i] * p[i];
            m[2] += Math.tanh(p[i]) * i;
          }
          return m;
        }

        /** A call whose vector-Jacobian product is added into the parameter's adjoint whole: that adjoint is copied. */
        @Differentiable
        static double[] scaledMoments(double[] p, double s) {
          double[] m = moments(p, p.length);
          double[] out = new double[3];
          for (int i = 0; i < 3; i++) out[i] = s * m[i];
          return out;
        }

        /** Arrays swapped in a loop. */
        @Differentiable
        static double[] diffuse(double[] u0, double rate) {
          double[] u = u0.clone();
          double[] next = new double[u.length];
          for (int t = 0; t < 3; t++) {
            for (int i = 0; i < u.length; i++) next[i] = u[i] + rate * Math.sin(u[(i + 1) % u.length]);
            double[] swap = u;
            u = next;
            next = swap;
          }
          return u;
        }
      }

      /** An instance method: the receiver's field is a constant, the Jacobian square (reverse mode). */
      record Spring(double stiffness) {
        @Differentiable
        double[] force(double[] x) {
          double[] f = new double[x.length];
          for (int i = 0; i < x.length; i++) f[i] = -stiffness * x[i] * Math.abs(x[i]);
          return f;
        }
      }
      """;

    private static Compiled compiled() {
        return TestCompiler.compileCached(SOURCES);
    }

    /** {@code project} (2 outputs, 7 inputs) and {@code curve} (2 inputs, 6 outputs) are {@link JacobianSweepsTest}'s. */
    private static Compiled sweeps() {
        return TestCompiler.compileCached(JacobianSweepsTest.SWEEPS);
    }

    /** The generated method whose declaration starts with {@code declaration}, to the end of its body. */
    private static String method(String declaration) {
        return method(compiled(), "demo.FlatGrad", declaration);
    }

    private static String method(Compiled compiled, String grad, String declaration) {
        String source = compiled.generatedSource(grad);
        int start = source.indexOf(declaration);
        assertTrue(start >= 0, declaration + " is generated");
        return source.substring(start, source.indexOf("\n  }\n", start));
    }

    @Test
    void reverseModeWithASubsetDifferentiatedAndABranch() {
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
        String into = method(sweeps(), "demo.SweepsGrad", "public static double[] projectJacobianInto(");
        String code = String.join(
                "\n", into.lines().filter(l -> !l.strip().startsWith("//")).toList());
        assertEquals(2, code.split("Math\\.sqrt\\(", -1).length, "one forward sweep, its sqrt once: " + into);
        assertTrue(into.contains("for (int row = 0; row < rows; row++)"), into);
        assertFalse(into.contains("new ProjectJacobian"), "no record: " + into);
    }

    @Test
    void forwardModeWhenTheInputsAreFewer() {
        double[][] j = JacobianCheck.check(sweeps(), "demo.Sweeps", "curve", 0.7, -0.4);
        assertEquals(6, j.length);
        assertTrue(method(sweeps(), "demo.SweepsGrad", "public static double[] curveJacobianInto(")
                .contains("curveJacobianIntoByTangents("));
    }

    @Test
    void aMatrixAndAScalarInLoopsAndBranches() {
        double[][] a = {{0.2, -0.4}, {0.7, 0.1, 0.3}, {-0.3}};
        JacobianCheck.check(compiled(), "demo.Flat", "affine", a, 1.3);
    }

    @Test
    void anArrayParametersAdjointIsAddedIntoItsRowInPlace() {
        double[] p = new double[40];
        for (int i = 0; i < p.length; i++) p[i] = Math.sin(i + 0.5);
        JacobianCheck.check(compiled(), "demo.Flat", "moments", p, 33);
        String into = method("public static double[] momentsJacobianInto(");
        assertTrue(into.contains("FlatJacobians.zero(jacobian, pAt, p.length)"), into);
        assertTrue(into.contains("jacobian[pAt + "), into);
        assertFalse(into.contains("pBar"), "no adjoint array of its own: " + into);
    }

    @Test
    void anAdjointAddedIntoWholeIsBorrowedAndCopied() {
        double[] p = new double[20];
        for (int i = 0; i < p.length; i++) p[i] = Math.cos(i + 0.5);
        JacobianCheck.check(compiled(), "demo.Flat", "scaledMoments", p, 0.7);
        String into = method("public static double[] scaledMomentsJacobianInto(");
        assertTrue(into.contains("pBar = scratch.zeros(p.length)"), into);
        assertTrue(into.contains("FlatJacobians.put(jacobian, rowStart, pBar)"), into);
        assertTrue(into.contains("scratch.giveBack(pBar)"), into);
    }

    /** Cut into parts (as a very long body is), the backward sweep cannot run again: the record is copied. */
    @Test
    void aBodyInPartsCopiesTheRecordOfWholePasses() {
        Compiled parts =
                TestCompiler.compileCachedWithOptions(List.of("-Aadjoint.partBytes=150"), JacobianSweepsTest.SWEEPS);
        JacobianCheck.check(
                parts,
                "demo.Sweeps",
                "project",
                new double[] {0.3, -0.2, 0.4},
                new double[] {0.5, 0.7, 3.0},
                1.7,
                new double[] {0.1, -0.2});
        String into = method(parts, "demo.SweepsGrad", "public static double[] projectJacobianInto(");
        assertTrue(into.contains("projectJacobian(Jacobians.EITHER, w, x, scale, target)"), into);
    }

    @Test
    void arraysSwappedInALoop() {
        JacobianCheck.check(compiled(), "demo.Flat", "diffuse", new double[] {0.4, -0.8, 1.1}, 0.3);
    }

    @Test
    void anInstanceMethodTakesTheReceiverFirst() throws Exception {
        var constructor = compiled().load("demo.Spring").getDeclaredConstructor(double.class);
        constructor.setAccessible(true);
        Object spring = constructor.newInstance(2.5);
        JacobianCheck.checkOn(compiled(), spring, "force", (Object) new double[] {0.3, -1.2, 0.8});
    }

    /** Blocks side by side in one array, as ADBench's bundle adjustment fills them: each call writes its own rows. */
    @Test
    void blocksOneAfterAnotherInOneArray() throws Exception {
        Class<?> grad = sweeps().load("demo.SweepsGrad");
        Method into = grad.getDeclaredMethod(
                "projectJacobianInto",
                double[].class,
                double[].class,
                double.class,
                double[].class,
                double[].class,
                int.class);
        Method jacobian =
                grad.getDeclaredMethod("projectJacobian", double[].class, double[].class, double.class, double[].class);
        double[][] points = {{0.5, 0.7, 3.0}, {-0.4, 0.2, 2.5}, {0.1, 0.1, 4.0}};
        double[] w = {0.3, -0.2, 0.4}, target = {0.1, -0.2};
        int block = 2 * 7;
        double[] all = new double[points.length * block];
        for (int o = 0; o < points.length; o++) {
            double[] value = (double[]) into.invoke(null, w, points[o], 1.7, target, all, o * block);
            Object record = jacobian.invoke(null, w, points[o], 1.7, target);
            assertArrayEquals(value, (double[]) component(record, "value"), 0);
            for (int row = 0; row < 2; row++) {
                double[] dw = ((double[][]) component(record, "dw"))[row];
                double[] dx = ((double[][]) component(record, "dx"))[row];
                double dscale = ((double[]) component(record, "dscale"))[row];
                int at = o * block + row * 7;
                for (int k = 0; k < 3; k++) assertEquals(dw[k], all[at + k], 0);
                for (int k = 0; k < 3; k++) assertEquals(dx[k], all[at + 3 + k], 0);
                assertEquals(dscale, all[at + 6], 0);
            }
        }
        InvocationTargetException refused = assertThrows(
                InvocationTargetException.class,
                () -> into.invoke(null, w, points[0], 1.7, target, all, all.length - block + 1));
        assertEquals(
                "the Jacobian of 2 outputs by 7 inputs needs an array of length at least offset + 2 * 7 = 43,"
                        + " but it has length 42 (offset 29)",
                refused.getCause().getMessage());
        assertTrue(refused.getCause() instanceof IllegalArgumentException);
        assertThrows(InvocationTargetException.class, () -> into.invoke(null, w, points[0], 1.7, target, all, -1));
    }

    private static Object component(Object record, String name) throws Exception {
        return record.getClass().getMethod(name).invoke(record);
    }
}
