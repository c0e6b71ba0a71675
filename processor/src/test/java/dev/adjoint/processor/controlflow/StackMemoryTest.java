package dev.adjoint.processor.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The memory prediction of docs/ARCHITECTURE.md for the reverse sweep, measured on loops of 10⁶ iterations:
 * each iteration stores the carried values its backward iteration reads, plus one trip count
 * per loop, and nothing else. The stacks' high-water marks must equal the prediction exactly;
 * and once the thread's stacks have grown, a call allocates nothing but its gradient arrays.
 */
class StackMemoryTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Memory {
        // backward reads i (to index x and y again) but recomputes it from the iteration number,
        // and does not read s: nothing an iteration, one trip count
        @Differentiable
        static double dot(double[] x, double[] y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) s += x[i] * y[i];
          return s;
        }

        // backward reads p (the partial of p * x[i] wrt x[i] is p): a double an iteration
        @Differentiable
        static double product(double[] x, double[] y) {
          double p = 1;
          for (int i = 0; i < x.length; i++) p = p * x[i] + y[i];
          return p;
        }
      }
      """;

    private static final int N = 1_000_000;

    @Test
    void storesOnlyWhatTheBackwardSweepReads() throws Exception {
        Class<?> grad = TestCompiler.compileCached(SOURCE).load("demo.MemoryGrad");
        double[] x = new double[N], y = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 1 + 1e-7 * (i % 13);
            y[i] = 1e-9 * (i % 7);
        }
        // the body runs N times; its trip count is computed again from i's start and bound: no int
        assertEquals(new Peak(0, 0), peak(grad.getMethod("dot", double[].class, double[].class), x, y));
        assertEquals(new Peak(0, N), peak(grad.getMethod("product", double[].class, double[].class), x, y));
    }

    @Test
    void warmedUpCallsAllocateOnlyTheirGradients() throws Exception {
        Method dot = TestCompiler.compileCached(SOURCE)
                .load("demo.MemoryGrad")
                .getMethod("dot", double[].class, double[].class);
        double[] x = new double[N], y = new double[N];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        dot.invoke(null, x, y); // grows this thread's stacks
        long before = threads.getThreadAllocatedBytes(id);
        dot.invoke(null, x, y);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        long gradients = 2 * (8L * N + 16);
        assertTrue(
                allocated >= gradients && allocated < gradients + (1 << 16),
                "allocated " + allocated + " bytes, gradients take " + gradients);
    }

    private record Peak(int ints, int doubles) {}

    private static Peak peak(Method reverse, double[] x, double[] y) throws Exception {
        IntStack ints = IntStack.forThisThread();
        DoubleStack doubles = DoubleStack.forThisThread();
        ints.resetHighWater();
        doubles.resetHighWater();
        int intsBefore = ints.size(), doublesBefore = doubles.size();
        reverse.invoke(null, x, y);
        assertEquals(intsBefore, ints.size(), "every push popped");
        assertEquals(doublesBefore, doubles.size(), "every push popped");
        return new Peak(ints.highWater() - intsBefore, doubles.highWater() - doublesBefore);
    }
}
