package dev.adjoint.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Calls used as statements (issue 16, point 3): an argument check is accepted when it reads what
 * it receives, and {@code [Adjoint.CallMayWrite]} names why it may not: it writes an element of an
 * array or a field, calls something that does, or comes from a compiled class and receives an
 * array. The array library's copies and fills need an array the method owns, of one type.
 */
class StatementCallDiagnosticsTest {

    @Test
    void callsThatMayWriteWhatTheyReceive() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Checks {
          static int calls;

          static void checkPositive(double x) {
            if (x <= 0) throw new IllegalArgumentException("x");
          }

          static void checkSorted(double[] a) {
            for (int i = 1; i < a.length; i++) checkOrder(a[i - 1], a[i]);
          }

          static void checkOrder(double a, double b) {
            if (a > b) throw new IllegalArgumentException(a + " > " + b);
          }

          static void normalize(double[] a) {
            double s = 0;
            for (double v : a) s += v;
            for (int i = 0; i < a.length; i++) a[i] /= s;
          }

          static void counted(double x) {
            calls++;
          }

          static void indirectly(double[] a) {
            normalize(a);
          }

          @Differentiable
          static double f(double[] w, double x) {
            checkPositive(x);
            checkSorted(w);
            java.util.Objects.requireNonNull(w);
            normalize(w); // ERROR at `normalize(w)`: [Adjoint.CallMayWrite] Checks.normalize is called as a statement, but Checks.normalize writes an element of an array (a[i]) ... do the writing in the @Differentiable method itself
            counted(x); // ERROR at `counted(x)`: [Adjoint.CallMayWrite] Checks.counted is called as a statement, but Checks.counted writes the field calls
            indirectly(w); // ERROR at `indirectly(w)`: [Adjoint.CallMayWrite] but Checks.indirectly calls Checks.normalize, which writes an element of an array
            java.util.Arrays.sort(w); // ERROR at `java.util.Arrays.sort(w)`: [Adjoint.CallMayWrite] Arrays.sort is called as a statement, but Arrays.sort comes from a compiled class, whose body Adjoint cannot read
            Math.sin(x); // ERROR at `Math.sin(x)`: [Adjoint.Expression] a call whose result is not used ... remove the call or use its result
            return w[0] * x;
          }
        }
        """);
    }

    @Test
    void copiesAndFillsNeedAnArrayTheMethodOwns() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;
        import java.util.Arrays;

        final class Copies {
          static final double[] TABLE = {1, 2, 3};

          @Differentiable
          static double f(double[] w, int[] n) {
            double[] t = new double[3];
            System.arraycopy(t, 0, TABLE, 0, 3); // ERROR at `TABLE`: [Adjoint.ArrayWrite] assignment to an element of TABLE
            System.arraycopy(n, 0, t, 0, 1); // ERROR at `System.arraycopy(n`: [Adjoint.Expression] System.arraycopy from a int[] into a double[] ... copy between two double[] or two int[]
            Arrays.fill(t, 3 * 1.5f); // ERROR at `3 * 1.5f`: [Adjoint.Expression] float arithmetic
            double[][] m = new double[2][2];
            Arrays.fill(m, t); // ERROR at `Arrays.fill(m`: [Adjoint.Expression] Arrays.fill of a double[][] ... a matrix row by row
            Arrays.fill(w, 0.0);
            return w[0] + t[0];
          }
        }
        """);
    }

    @Test
    void objectTypedFieldsAreNamedByTheirTypeOnce() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Objects {
          static final Object LOCK = new Object();

          enum Mode { A, B }

          @Differentiable
          static double f(double x) {
            Object o = LOCK; // ERROR at `LOCK`: [Adjoint.Type] values of type java.lang.Object are not supported
            String s = "a"; // ERROR at `"a"`: [Adjoint.Expression] a string
            float q = 2; // ERROR at `float`: [Adjoint.Type] values of type float are not supported
            Object r = java.math.RoundingMode.HALF_UP; // ERROR at `java.math.RoundingMode.HALF_UP`: [Adjoint.Type] values of type java.math.RoundingMode are supported only where a String or enum parameter or field stands for itself
            Mode m = Mode.A; // ERROR at `Mode.A`: [Adjoint.Type] values of type demo.Objects.Mode are supported only where a String or enum parameter or field stands for itself
            return x;
          }
        }
        """);
    }
}
