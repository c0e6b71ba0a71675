package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.IntStack;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A counted loop ({@code i} advancing by ±1, compared with a bound fixed before the loop) does
 * not save its trip count: the backward sweep computes it again from where {@code i} started.
 * Every other loop saves it. Both must give the same gradients, for loops that run zero, one or
 * many times.
 */
class RecountedTripsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Trips {
        // <, <=, > and >= against a constant, a parameter, an array's length and an outer counter
        @Differentiable(wrt = "x")
        static double shapes(double[] x, int from, int to) {
          double s = 0;
          for (int i = from; i < to; i++) s += Math.sin(x[i] * s + 0.1);
          for (int i = from; i <= to - 1; i++) s += x[i] * s * 0.5;
          for (int i = to - 1; i >= from; i--) s = s * x[i] + 0.2;
          for (int i = to - 1; i > from - 1; i--) s = Math.cos(s) * x[i];
          for (int i = 0; i < x.length; i++) s += x[i] * x[i] * s;
          for (int i = 0; i < 3; i++) s = s * 0.9 + x[i];
          for (int i = 0; 3 > i; i++) s = s * 0.8 + x[2 - i];
          return s;
        }

        // the inner loop starts at the outer counter: its count differs every time
        @Differentiable(wrt = "x")
        static double triangle(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) s = s * 0.7 + x[i] * x[j];
          }
          return s;
        }

        // not counted: the bound changes in the loop, the step is 2, the test is not on a counter
        @Differentiable(wrt = "x")
        static double uncounted(double[] x, int n) {
          double s = 0;
          int m = n;
          for (int i = 0; i < m; i++) { s = s * x[i % x.length] + 0.3; if (i == 1) m--; }
          for (int i = 0; i < n; i += 2) s = Math.sin(s) + x[i % x.length];
          for (int i = 0; i * i < n; i++) s = s * 0.5 + x[i % x.length];
          return s;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Trips", name);
    }

    private static double[] data(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.6 + 0.3 * Math.sin(2.1 * i + 0.4);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5})
    void countedLoopsOfEveryShape(int span) {
        double[] x = data(8);
        check(method("shapes"), x, 3, 3 + span);
        check(method("shapes"), x, 3 + span, 3); // no iteration: start past the bound
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6})
    void innerLoopsStartingAtTheOuterCounter(int n) {
        check(method("triangle"), (Object) data(n));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7})
    void loopsThatAreNotCountedStillSaveTheirCount(int n) {
        check(method("uncounted"), data(4), n);
    }

    @Test
    void countedLoopsSaveNoInt() throws Exception {
        Class<?> grad = TestCompiler.compileCached(SOURCE).load("demo.TripsGrad");
        assertEquals(0, intsSaved(grad.getMethod("shapes", double[].class, int.class, int.class), data(8), 1, 6));
        assertEquals(0, intsSaved(grad.getMethod("triangle", double[].class), data(6)));
        // the loop whose bound moves saves one count; the step-2 loop one; the i * i loop one
        assertEquals(3, intsSaved(grad.getMethod("uncounted", double[].class, int.class), data(4), 7));
    }

    private static int intsSaved(Method reverse, Object... args) throws Exception {
        IntStack ints = IntStack.forThisThread();
        int before = ints.size();
        ints.resetHighWater();
        reverse.invoke(null, args);
        assertEquals(before, ints.size(), "every push popped");
        return ints.highWater() - before;
    }
}
