package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each overwritten value saved once ({@code ReadsSavedOnce}, issue 17): a loop whose iterations
 * read neighbouring elements of an array that is overwritten later reads a copy made once before
 * it, and the copy is what is saved (n elements and the length per step) instead of each read.
 * The stacks' peak is exact; shapes the rule must leave alone (a gap between the elements read, a
 * loop that writes the array it reads, stores between the reads) save per read as before; every
 * gradient matches finite differences.
 */
class ReadsSavedOnceTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Stencils {
        // explicit steps of a smoothing stencil, the new state copied back each step
        @Differentiable(wrt = {"w"})
        static double copyBack(double[] w, int steps) {
          int n = w.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = w[i];
          double[] next = new double[n];
          for (int s = 0; s < steps; s++) {
            next[0] = u[0];
            next[n - 1] = u[n - 1];
            for (int i = 1; i < n - 1; i++) next[i] = u[i] + 0.2 * (u[i - 1] - 2 * u[i] + u[i + 1]) * u[i];
            for (int i = 0; i < n; i++) u[i] = next[i];
          }
          double loss = 0;
          for (int i = 0; i < n; i++) loss += u[i] * u[i] * (i + 1);
          return loss;
        }

        // the stencil walked downwards, the boundaries read after it
        @Differentiable(wrt = {"w"})
        static double descending(double[] w, int steps) {
          int n = w.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = w[i];
          double[] next = new double[n];
          for (int s = 0; s < steps; s++) {
            for (int i = n - 2; i >= 1; i--) next[i] = u[i] * Math.sin(u[i + 1] - u[i - 1]);
            next[0] = u[0];
            next[n - 1] = u[n - 1] * 0.5;
            for (int i = 0; i < n; i++) u[i] = next[i];
          }
          double loss = 0;
          for (int i = 0; i < n; i++) loss += u[i] * (i + 2);
          return loss;
        }

        // one stencil, then the array overwritten: no loop around, so the copy is kept in place
        @Differentiable(wrt = {"w"})
        static double once(double[] w, int steps) {
          int n = w.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = w[i];
          double[] next = new double[n];
          for (int i = 1; i < n - 1; i++) next[i] = u[i - 1] * u[i] * u[i + 1];
          for (int i = 0; i < n; i++) u[i] = next[i] + steps;
          double loss = 0;
          for (int i = 0; i < n; i++) loss += u[i] * u[i];
          return loss;
        }

        // u[i] is not read: a gap, so the copy would hold elements no one reads; saved per read
        @Differentiable(wrt = {"w"})
        static double gap(double[] w, int steps) {
          int n = w.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = w[i];
          double[] next = new double[n];
          for (int s = 0; s < steps; s++) {
            for (int i = 1; i < n - 1; i++) next[i] = u[i - 1] * u[i + 1];
            for (int i = 1; i < n - 1; i++) u[i] = next[i];
          }
          double loss = 0;
          for (int i = 0; i < n; i++) loss += u[i] * u[i];
          return loss;
        }

        // in place (Gauss-Seidel): the loop writes what it reads, so it reads the array itself
        @Differentiable(wrt = {"w"})
        static double inPlace(double[] w, int steps) {
          int n = w.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = w[i];
          for (int s = 0; s < steps; s++) {
            for (int i = 1; i < n - 1; i++) u[i] = 0.5 * (u[i - 1] + u[i + 1]) * u[i];
          }
          double loss = 0;
          for (int i = 0; i < n; i++) loss += u[i] * u[i];
          return loss;
        }

        // a store into u between the boundary read and the stencil: the copy is made after it
        @Differentiable(wrt = {"w"})
        static double storeBetween(double[] w, int steps) {
          int n = w.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = w[i];
          double[] next = new double[n];
          for (int s = 0; s < steps; s++) {
            double left = u[0];
            u[0] = left * 0.9;
            next[0] = left;
            next[n - 1] = u[n - 1];
            for (int i = 1; i < n - 1; i++) next[i] = u[i - 1] * 0.3 + u[i] * u[i + 1];
            for (int i = 0; i < n; i++) u[i] = next[i] + u[i] * 0.1;
          }
          double loss = 0;
          for (int i = 0; i < n; i++) loss += u[i] * u[i];
          return loss;
        }

        // two buffers swapped each step: each phase's stencil reads its state through a copy
        @Differentiable(wrt = {"w"})
        static double swapped(double[] w, int steps) {
          int n = w.length;
          double[] u = new double[n];
          for (int i = 0; i < n; i++) u[i] = w[i];
          double[] next = new double[n];
          for (int s = 0; s < steps; s++) {
            next[0] = u[0];
            next[n - 1] = u[n - 1];
            for (int i = 1; i < n - 1; i++) next[i] = u[i] * (1 + 0.1 * (u[i + 1] - u[i - 1]));
            double[] t = u;
            u = next;
            next = t;
          }
          double loss = 0;
          for (int i = 0; i < n; i++) loss += u[i] * u[i] * (i + 1);
          return loss;
        }
      }
      """;

    private static double[] start(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.4 + 0.3 * Math.sin(1.3 * i + 0.2);
        return w;
    }

    @ParameterizedTest
    @ValueSource(strings = {"copyBack", "descending", "once", "gap", "inPlace", "storeBetween", "swapped"})
    void gradientsMatchFiniteDifferences(String name) {
        Differentiated m = Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Stencils", name, "w");
        for (int n : new int[] {3, 4, 7}) for (int steps : new int[] {0, 1, 5}) check(m, start(n), steps);
    }

    /** The state saved once per step: n elements and its length, where each read cost one double. */
    @Test
    void theStencilSavesTheStateOncePerStep() throws Exception {
        for (String name : new String[] {"copyBack", "descending", "storeBetween"}) {
            assertEquals(10 * (50 + 1), peakDoubles(name, 50, 10), name);
        }
        assertEquals(0, peakDoubles("once", 50, 1), "a copy outside any loop stays where it is");
        // the phase's copy, and a null for the other phase's branch
        assertEquals(10 * (50 + 2), peakDoubles("swapped", 50, 10));
    }

    /** Shapes the rule leaves alone save one double per read, as before. */
    @Test
    void otherShapesSavePerRead() throws Exception {
        assertEquals(10 * 2 * 48, peakDoubles("gap", 50, 10));
        // u[i - 1], u[i], u[i + 1]: the first was written by the iteration before
        assertEquals(10 * 3 * 48, peakDoubles("inPlace", 50, 10));
    }

    private static int peakDoubles(String name, int n, int steps) throws Exception {
        Method reverse =
                TestCompiler.compileCached(SOURCE).load("demo.StencilsGrad").getMethod(name, double[].class, int.class);
        DoubleStack doubles = DoubleStack.forThisThread();
        doubles.resetHighWater();
        int before = doubles.size();
        reverse.invoke(null, start(n), steps);
        assertEquals(before, doubles.size(), "every push popped");
        return doubles.highWater() - before;
    }
}
