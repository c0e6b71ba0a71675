package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;

import com.google.testing.compile.Compiler;
import dev.adjoint.processor.DifferentiableProcessor;
import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Array variables a loop only permutes (issue 16: swapped buffers, {@code double[] t = u; u =
 * next; next = t;}): the loop carries its phase, each phase's body writes the arrays by their own
 * names, and after the loop each variable names the array of the phase the loop ended in. Checked
 * for loops of zero, one, two and more iterations (each phase ends a loop), a rotation of three
 * arrays and a swap in an inner loop, in both modes.
 */
class SwappedBuffersTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Swaps {
        // an explicit solver: each step computes next from u, then the buffers change places
        @Differentiable(wrt = {"u0", "r"})
        static double solver(double[] u0, double r, int steps) {
          int n = u0.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = u0[i];
          double[] next = new double[n];
          for (int s = 0; s < steps; s++) {
            next[0] = u[0];
            next[n - 1] = u[n - 1];
            for (int i = 1; i < n - 1; i++) next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]) * u[i];
            double[] t = u;
            u = next;
            next = t;
          }
          double loss = 0;
          for (int i = 0; i < n; i++) loss += Math.sin(u[i]) * next[i];
          return loss;
        }

        // three buffers rotated: the loop has three phases
        @Differentiable
        static double rotation(double[] x, int steps) {
          int n = x.length;
          double[] a = x.clone();
          double[] b = new double[n];
          double[] c = new double[n];
          for (int s = 0; s < steps; s++) {
            for (int i = 0; i < n; i++) c[i] = a[i] * b[i] + Math.cos(a[(i + 1) % n]);
            double[] t = a;
            a = c;
            c = b;
            b = t;
          }
          double sum = 0;
          for (int i = 0; i < n; i++) sum += a[i] * 2 + b[i] * 3 + c[i] * 5;
          return sum;
        }

        // the swap in an inner loop, the buffers made afresh by each iteration of an outer loop
        @Differentiable
        static double inner(double[] x, double k, int outer, int steps) {
          int n = x.length;
          double total = 0;
          for (int o = 0; o < outer; o++) {
            double[] u = x.clone();
            double[] v = new double[n];
            for (int s = 0; s < steps; s++) {
              for (int i = 0; i < n; i++) v[i] = k * u[i] * u[n - 1 - i] + 0.1 * o;
              double[] t = v;
              v = u;
              u = t;
            }
            total += u[0] * u[n - 1] + v[1];
          }
          return total;
        }

        // a for-each loop swaps too: one step per weight
        @Differentiable
        static double forEach(double[] x, double[] weights) {
          double[] u = x.clone();
          double[] v = new double[x.length];
          for (double w : weights) {
            for (int i = 0; i < x.length; i++) v[i] = Math.tanh(w * u[i] + u[x.length - 1 - i]);
            double[] t = u;
            u = v;
            v = t;
          }
          return u[0] + 2 * v[x.length - 1];
        }

        // no swap: the bug that inner() found. The backward sweep recomputes the outer step, which
        // makes u again and runs the inner loop; the inner loop's reads of u were taken to be
        // still there (u was judged by the stores of the forward sweep, and this u has none), so
        // nothing was saved and the backward iterations read the last value: wrong gradients
        @Differentiable
        static double madeInAnOuterLoop(double[] x, double k, int steps) {
          double total = 0;
          for (int o = 0; o < 2; o++) {
            double[] u = new double[1];
            u[0] = x[0];
            for (int s = 0; s < steps; s++) u[0] = k * u[0];
            total = total * 0.5 + u[0];
          }
          return total;
        }

        // smooth and nonlinear, with an argument check that only the primal's arguments pass
        @Differentiable
        static double limited(double a) {
          if (a > 2.5) throw new IllegalArgumentException("a out of range");
          return a * a * a;
        }

        // the bug that the fuzzer's argument checks found: the choice of buffer after the loop was
        // taken for an escape, so every store into the buffers was kept, and with them the backward
        // sweep's replay of each step, which read next[1] after later steps had overwritten it and
        // called limited() with arguments the primal never passed (above 2.5 here)
        @Differentiable
        static double growing(double x, int steps) {
          double[] u = new double[2];
          double[] next = new double[2];
          for (int s = 0; s < steps; s++) {
            for (int j = 0; j < 2; j++) next[j] = u[j] + 1 + 0.1 * limited(x * next[1]);
            double[] t = u;
            u = next;
            next = t;
          }
          return u[0] + Math.sin(next[1]);
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Swaps", name);
    }

    private static double[] data(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.4 + 0.3 * Math.sin(1.7 * i + 0.2);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 6})
    void solver(int steps) {
        check(method("solver"), data(7), 0.3, steps);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 7})
    void rotationOfThree(int steps) {
        check(method("rotation"), data(5), steps);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void swapInAnInnerLoop(int steps) {
        check(method("inner"), data(4), 0.7, 2, steps);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void forEachLoop(int steps) {
        double[] weights = new double[steps];
        for (int k = 0; k < steps; k++) weights[k] = 0.6 - 0.3 * k;
        check(method("forEach"), data(3), weights);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void arrayMadeInAnOuterLoopAndOverwrittenInAnInnerOne(int steps) {
        check(method("madeInAnOuterLoop"), data(2), 0.7, steps);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aReplayedStepCallsNothingWithArgumentsThePrimalNeverPassed(int steps) {
        // check() compares the gradient with finite differences and the tangent; the reverse mode
        // threw IllegalArgumentException here before, where the primal returns
        check(method("growing"), 0.6, steps);
    }

    /** What stays rejected: a reassignment that is no plain permutation, or one a jump could skip. */
    @Test
    void whatIsNotAPermutationStaysAnError() {
        MarkedErrors.check(Compiler.javac().withProcessors(new DifferentiableProcessor()), """
        package demo;

        import dev.adjoint.Differentiable;

        final class NotSwaps {
          @Differentiable
          static double branch(double[] x, int steps) {
            double[] u = x.clone();
            double[] v = new double[x.length];
            for (int s = 0; s < steps; s++) { // ERROR at `for`: [Adjoint.Statement] a loop that assigns the array variable ... assign array variables outside loops
              v[0] = u[0] * 2;
              if (s > 2) { double[] t = u; u = v; v = t; }
            }
            return u[0];
          }

          @Differentiable
          static double same(double[] x, int steps) {
            double[] u = x.clone();
            double[] v = new double[x.length];
            for (int s = 0; s < steps; s++) { // ERROR at `for`: [Adjoint.Statement] a loop that assigns the array variable ... assign array variables outside loops
              v[0] = u[0] * 2;
              u = v;
            }
            return u[0];
          }

          @Differentiable
          static double jump(double[] x, int steps) {
            double[] u = x.clone();
            double[] v = new double[x.length];
            for (int s = 0; s < steps; s++) { // ERROR at `for`: [Adjoint.Statement] a loop that assigns the array variable ... assign array variables outside loops
              v[0] = u[0] * 2;
              if (v[0] > 5) break;
              double[] t = u; u = v; v = t;
            }
            return u[0];
          }

          // an error inside the body is reported once, though the body is translated once per phase
          @Differentiable
          static double once(double[] x, int steps) {
            double[] u = x.clone();
            double[] v = new double[x.length];
            for (int s = 0; s < steps; s++) {
              v[0] = Double.sum(u[0], 2); // ERROR at `Double.sum(u[0], 2)`: [Adjoint.OpaqueCall] Double.sum
              double[] t = u; u = v; v = t;
            }
            return u[0];
          }
        }
        """);
    }
}
