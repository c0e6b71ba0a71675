package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Processor bugs found by the random program generator ({@code fuzz/}), each as the shrunk
 * program it printed, checked in both modes against finite differences. A test is
 * {@code @Disabled} (with the bug) until the processor is fixed; then the annotation goes and the
 * test stays as a regression test.
 */
class FuzzRegressionTest {
    static final String SOURCE = """
      package fuzzreg;

      import dev.adjoint.Differentiable;

      final class Found {
        // Bug 1 (fixed): an array element read inside a loop and read again after it; the reverse
        // sweep dropped the adjoint the in-loop read contributes (dy/dv[1] = 1, not 2).
        @Differentiable
        static double elementReadInAndAfterLoop(double[] v, double y) {
          for (int i = 0; i < 3; i++) {
            y = v[1];
          }
          return y + v[1];
        }

        // Bug 1, as the fuzzer shrank it (seed 20240611, class F6, method m5).
        @Differentiable
        static double elementReadInAndAfterForEach(double[] v, double y, double x) {
          for (double val : v) {
            y = v[1];
          }
          return (v[1] != 0 ? 0 : x) - y;
        }

        // Bug 2 (fixed): a product with a negated active value, (-x) * c, in a loop body;
        // reverse mode gave 0: the backward iteration's branch yielded 0.0 instead of -3 * xBar (forward mode
        // is right, -3). x need not be loop-carried (see negatedInvariantIntoArray). x = -x,
        // x = 3 - x, x = sin(-x), x = -(x * x) are fine, and so is the same statement under an if
        // instead of a loop.
        @Differentiable
        static double negatedCarriedTimesConstant(double x) {
          for (int i = 0; i < 1; i++) {
            x = -x * 3;
          }
          return x;
        }

        // Bug 2, through a local.
        @Differentiable
        static double negatedCarriedThroughLocal(double x) {
          for (int i = 0; i < 1; i++) {
            double t = -x;
            x = t * 3;
          }
          return x;
        }

        // Bug 2, as the fuzzer shrank it (seed 1, class F42, method m24); also y *= -y (F8.m15).
        @Differentiable
        static double negatedSquare(double x) {
          for (int i = 0; i < 1; i++) {
            x = -x * x;
          }
          return x;
        }

        // Bug 2 with a loop-invariant x, written into a local array (seed 12345, class F97, m33).
        @Differentiable
        static double negatedInvariantIntoArray(double x) {
          double[] buf = new double[3];
          for (int i = 0; i < buf.length; i++) {
            buf[i] = -x * 2;
          }
          return buf[2];
        }

        // Bug 3: the loop body computes cos(y), and cos(y) is also the derivative of sin(y)
        // outside the loop; reverse mode drops the loop's contribution -sin(y) (it returns cos(y),
        // not cos(y) - sin(y)). Same with sinh / cosh; fine when the loop computes tan(y), when
        // cos(y) is also a primal value outside, or with an if instead of the loop.
        @Differentiable
        static double sinPlusCosFromLoop(double y) {
          double a = 0;
          for (int i = 0; i < 1; i++) {
            a = Math.cos(y);
          }
          return Math.sin(y) + a;
        }

        // Bug 3, as the fuzzer shrank it (seed 12345, class F115, method m16).
        @Differentiable
        static double fmaWithCosFromWhile(double y) {
          double a = y;
          int it = 0;
          while (it < 1) {
            it++;
            a = Math.cos(y);
          }
          return Math.fma(1, Math.sin(y), a);
        }

        // Bug 3 through an array written in a loop and a call (seed 12345, class F228, method
        // m12): sin(x) is written into v in the loop and is also the derivative of cos(x), an
        // argument of the call; the generated backward sweep sums the loop's adjoint of sin(x)
        // but never adds it (times cos(x)) to xBar.
        @Differentiable
        static double first(double[] v, double x, double y) {
          return v[2];
        }

        @Differentiable
        static double sinIntoArrayThenCall(double x, double[] v) {
          for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(x);
          }
          x = first(v, Math.cos(x), x);
          return x;
        }

        @Differentiable
        static double timesAssignNegated(double y) {
          for (int l = 1; l < 2; l++) {
            y *= -y;
          }
          return y;
        }

        // Bug 3 (fixed; seed 936, class F16, method m8): x++ looked like a sum no one else reads,
        // but a -= x reads its new value; the loop was taken for one whose iterations are
        // independent and the processor stopped with an internal error.
        @Differentiable
        static double sumReadAfterItsUpdate(double x) {
          double a = 1;
          int it = 0;
          while (it < 3) {
            it++;
            x++;
            a -= x * x;
          }
          return a;
        }

        @Differentiable
        static double scaledFirst(double[] v) {
          return v[0] * 0.3;
        }

        // Bug 4 (fixed; seed 943, class F15, method m34): the second call, given the array the
        // first call's result was stored into, was merged with the first, so the store was lost
        // (value v0 * 0.3 instead of v0 * 0.09, in both modes).
        @Differentiable
        static double callAfterStoreIntoItsArgument(double[] v) {
          v[0] = scaledFirst(v);
          return scaledFirst(v);
        }

        static double[] same(double[] a) {
          return a;
        }

        // Bug 5 (fixed; found by a review, not the fuzzer): h is a, returned by a plain method;
        // the stores into a, read only through h, were removed as dead (value 0).
        @Differentiable
        static double readThroughAReturnedArray(double[] x) {
          int n = x.length;
          double[] a = new double[n];
          double[] h = same(a);
          for (int i = 0; i < n; i++) a[i] = i + 1.0;
          double s = 0;
          for (int i = 0; i < n; i++) s += h[i] * x[i] * x[i];
          return s;
        }
      }
      """;

    private static Differentiated found(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "fuzzreg.Found", method);
    }

    /** Bug 1 (fixed): reverse d/dv[1] was 1.0, finite differences 2.0. */
    @Test
    void elementReadInAndAfterLoop() {
        check(found("elementReadInAndAfterLoop"), new double[] {1.7, -1.3, 0.46, -0.9}, 1.08);
    }

    /** Bug 2 (fixed): reverse d/dx was 0.0, finite differences -3.0. */
    @Test
    void negatedCarriedTimesConstant() {
        check(found("negatedCarriedTimesConstant"), 1.2);
    }

    /** Bug 2 (fixed): reverse d/dx was 0.0, finite differences -3.0. */
    @Test
    void negatedCarriedThroughLocal() {
        check(found("negatedCarriedThroughLocal"), 1.2);
    }

    /** Bug 2 (fixed): reverse d/dx was 0.0, finite differences 0.540278. */
    @Test
    void negatedSquare() {
        check(found("negatedSquare"), -0.270139);
    }

    /** Bug 2 (fixed): reverse d/dx was 0.0, finite differences -2.0. */
    @Test
    void negatedInvariantIntoArray() {
        check(found("negatedInvariantIntoArray"), 0.7);
    }

    @Test
    void sinPlusCosFromLoop() {
        check(found("sinPlusCosFromLoop"), 0.486567);
    }

    @Test
    void fmaWithCosFromWhile() {
        check(found("fmaWithCosFromWhile"), 0.486567);
    }

    @Test
    void sinIntoArrayThenCall() {
        check(found("sinIntoArrayThenCall"), -1.633302, new double[] {-0.381736, 0.927891, 0.017593, -1.040106});
    }

    /** Bug 2 (fixed): reverse d/dy was 0.0, finite differences 0.871218. */
    @Test
    void timesAssignNegated() {
        check(found("timesAssignNegated"), -0.435609);
    }

    /** Bug 1 (fixed): reverse d/dv[1] was 0.0, finite differences -1.0. */
    @Test
    void elementReadInAndAfterForEach() {
        check(
                found("elementReadInAndAfterForEach"),
                new double[] {1.692994, -1.316782, 0.462999, -0.911581},
                1.086626,
                -0.805477);
    }

    /** Bug 3 (fixed): [Adjoint.Internal] "an accumulator's adjoint is ... not its seed". */
    @Test
    void sumReadAfterItsUpdate() {
        check(found("sumReadAfterItsUpdate"), 0.4);
    }

    /** Bug 4 (fixed): reverse-mode value -0.0490467, primal -0.0147140 at v[0] = -0.163489. */
    @Test
    void callAfterStoreIntoItsArgument() {
        check(found("callAfterStoreIntoItsArgument"), (Object) new double[] {-0.163489, 0.045788, -0.171677, 1.050466});
    }

    /** Bug 5 (fixed): reverse-mode value 0.0, primal 1.5088 at x = {-1.107, 0.281, 0.685}. */
    @Test
    void readThroughAReturnedArray() {
        check(found("readThroughAReturnedArray"), (Object) new double[] {-1.107, 0.281, 0.685});
    }
}
