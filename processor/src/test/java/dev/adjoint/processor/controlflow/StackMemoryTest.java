package dev.adjoint.processor.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.TestCompiler;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The README's memory prediction for the reverse sweep, measured on loops of 10⁶ iterations:
 * each iteration stores the carried values its backward iteration reads (4 bytes an int, 8 a
 * double), and nothing else. Measured as the bytes the call allocates, minus the gradient
 * arrays it returns; the stacks grow by doubling, so they allocate between 1× and 4× what they
 * finally hold.
 */
class StackMemoryTest {
  static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Memory {
        // backward reads i (to index x and y again), not s: 4 bytes an iteration
        @Differentiable
        static double dot(double[] x, double[] y) {
          double s = 0;
          for (int i = 0; i < x.length; i++) s += x[i] * y[i];
          return s;
        }

        // backward reads i and p (the partial of p * x[i] wrt x[i] is p): 12 bytes an iteration
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
    var compiled = TestCompiler.compileCached(SOURCE);
    Class<?> grad = compiled.load("demo.MemoryGrad");
    double[] x = new double[N], y = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = 1 + 1e-7 * (i % 13);
      y[i] = 1e-9 * (i % 7);
    }
    long dot = stackBytes(grad.getMethod("dot", double[].class, double[].class), x, y);
    long product = stackBytes(grad.getMethod("product", double[].class, double[].class), x, y);
    assertWithinDoubling(4L * N, dot, "dot: one int a iteration");
    assertWithinDoubling(12L * N, product, "product: one int and one double an iteration");
  }

  private static void assertWithinDoubling(long held, long allocated, String what) {
    assertTrue(allocated >= held && allocated <= 4 * held + (1 << 16),
        what + ": predicted " + held + " bytes held, allocated " + allocated);
  }

  /** Bytes the reverse call allocates beyond its two gradient arrays (each 8N + header). */
  private static long stackBytes(Method reverse, double[] x, double[] y) throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    reverse.invoke(null, x, y); // first call: class loading and initialisation
    long before = threads.getThreadAllocatedBytes(id);
    Object result = reverse.invoke(null, x, y);
    long after = threads.getThreadAllocatedBytes(id);
    assertEquals(2, result.getClass().getRecordComponents().length - 1);
    long gradients = 2 * (8L * N + 16);
    return after - before - gradients;
  }
}
