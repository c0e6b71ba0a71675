package dev.adjoint.processor.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/**
 * {@code @Checkpointed} (modes/reverse/Checkpointing.java): the gradient is the unmarked loop's to
 * 1e-10 and the finite differences' to 1e-6, on 10⁶ steps of a damped pendulum; the stacks' peak
 * is what docs/ARCHITECTURE.md predicts, exactly: ⌈n/K⌉ snapshots of the carried values (two
 * doubles and the counter), and while a segment runs again, the other snapshots and that
 * segment's K iterations' saved values (x and v, two doubles), against two doubles per step unmarked.
 */
class CheckpointingTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Checkpointed;
      import dev.adjoint.Differentiable;

      final class Pendulum {
        @Differentiable(wrt = {"x0", "k"})
        static double marked(double x0, double k, int steps, double h) {
          double x = x0, v = 0;
          for (@Checkpointed int s = 0; s < steps; s++) {
            double a = -Math.sin(x) - k * v;
            x = x + h * v;
            v = v + h * a;
          }
          return x * x + v;
        }

        @Differentiable(wrt = {"x0", "k"})
        static double every250(double x0, double k, int steps, double h) {
          double x = x0, v = 0;
          for (@Checkpointed(every = 250) int s = 0; s < steps; s++) {
            double a = -Math.sin(x) - k * v;
            x = x + h * v;
            v = v + h * a;
          }
          return x * x + v;
        }

        @Differentiable(wrt = {"x0", "k"})
        static double downwards(double x0, double k, int steps, double h) {
          double x = x0, v = 0;
          for (@Checkpointed(every = 7) int s = steps; s >= 1; s--) {
            double a = -Math.sin(x) - k * v;
            x = x + h * v;
            v = v + h * a;
          }
          return x * x + v;
        }

        // the bound computed by Math calls into a local before the loop, as [Adjoint.Checkpoint] advises
        @Differentiable(wrt = {"x0", "k"})
        static double localBound(double x0, double k, int steps, double h) {
          double x = x0, v = 0;
          int n = (int) Math.floor(steps * Math.abs(Math.cos(0.0)));
          for (@Checkpointed(every = 9) int s = 0; s < n; s++) {
            double a = -Math.sin(x) - k * v;
            x = x + h * v;
            v = v + h * a;
          }
          return x * x + v;
        }

        @Differentiable(wrt = {"x0", "k"})
        static double unmarked(double x0, double k, int steps, double h) {
          double x = x0, v = 0;
          for (int s = 0; s < steps; s++) {
            double a = -Math.sin(x) - k * v;
            x = x + h * v;
            v = v + h * a;
          }
          return x * x + v;
        }
      }
      """;

    private static final int N = 1_000_000;
    private static final double H = 1e-5;

    private static Class<?> grad() {
        return TestCompiler.compileCached(SOURCE).load("demo.PendulumGrad");
    }

    private static double[] gradient(String method, double x0, double k, int steps) throws Exception {
        Method m = grad().getMethod(method, double.class, double.class, int.class, double.class);
        Object r = m.invoke(null, x0, k, steps, H);
        RecordComponent[] c = r.getClass().getRecordComponents();
        return new double[] {
            (double) c[0].getAccessor().invoke(r),
            (double) c[1].getAccessor().invoke(r),
            (double) c[2].getAccessor().invoke(r)
        };
    }

    @Test
    void gradientsAreTheUnmarkedLoopsAndTheFiniteDifferences() throws Exception {
        Class<?> primal = TestCompiler.compileCached(SOURCE).load("demo.Pendulum");
        Method f = primal.getDeclaredMethod("unmarked", double.class, double.class, int.class, double.class);
        f.setAccessible(true);
        for (int steps : new int[] {0, 1, 2, 6, 7, 8, 49, 50, 1000, N}) {
            double[] reference = gradient("unmarked", 0.7, 0.3, steps);
            for (String method : new String[] {"marked", "every250", "downwards", "localBound"}) {
                double[] g = gradient(method, 0.7, 0.3, steps);
                assertEquals(reference[0], g[0], 0, method + " value, " + steps + " steps");
                for (int j = 1; j < 3; j++) {
                    assertEquals(reference[j], g[j], 1e-10 * Math.max(1, Math.abs(reference[j])), method + " " + steps);
                }
            }
        }
        double[] g = gradient("marked", 0.7, 0.3, N);
        double e = 1e-6;
        double dx0 =
                ((double) f.invoke(null, 0.7 + e, 0.3, N, H) - (double) f.invoke(null, 0.7 - e, 0.3, N, H)) / (2 * e);
        double dk =
                ((double) f.invoke(null, 0.7, 0.3 + e, N, H) - (double) f.invoke(null, 0.7, 0.3 - e, N, H)) / (2 * e);
        assertEquals(dx0, g[1], 1e-6 * Math.max(1, Math.abs(dx0)), "∂/∂x0 against central differences");
        assertEquals(dk, g[2], 1e-6 * Math.max(1, Math.abs(dk)), "∂/∂k against central differences");
    }

    @Test
    void theStacksHoldTheSnapshotsAndOneSegment() throws Exception {
        // K = ⌈√10⁶⌉ = 1000: 1000 snapshots of (x, v) and s; the peak comes while the last segment
        // runs again, its own snapshot taken back: 999 snapshots and 1000 iterations' (x, v)
        assertEquals(new Peak(1000, 2 * 999 + 2 * 1000), peak("marked", N));
        // K = 250: 4000 snapshots, one segment of 250 iterations
        assertEquals(new Peak(4000, 2 * 3999 + 2 * 250), peak("every250", N));
        assertEquals(new Peak(0, 2 * N), peak("unmarked", N));
        Peak small = peak("marked", 10_000), large = peak("marked", N);
        assertTrue(
                large.doubles() < 11 * small.doubles(),
                "100 times the steps, 10 times the stacks: " + small + ", " + large);
    }

    /**
     * Found by the random programs: a bound the step computes from values outside the loop
     * ({@code buf.length} of an array made before it) was not copied before the loop, where the
     * snapshots' arithmetic needs it ([Adjoint.Internal] "not copied yet").
     */
    @Test
    void aBoundComputedInTheStepIsComputedAgainBeforeTheLoop() {
        var compiled = TestCompiler.compileCached("""
          package demo;

          import dev.adjoint.Checkpointed;
          import dev.adjoint.Differentiable;

          final class Bounds {
            @Differentiable
            static double m(double x, int n) {
              double[] buf = new double[2];
              for (@Checkpointed int j = 0; j < buf.length; j++) buf[j] = x * j + 1;
              double s = 0;
              for (@Checkpointed(every = 2) int j = 0; j < buf.length + n; j++) s = Math.sin(s + buf[j % 2] * x);
              return s + buf[1];
            }
          }
          """);
        Differentiated f = Differentiated.of(compiled, "demo.Bounds", "m");
        for (int n : new int[] {0, 1, 5, 9}) GradCheck.check(f, 0.37, n);
    }

    private record Peak(int ints, int doubles) {}

    private static Peak peak(String method, int steps) throws Exception {
        IntStack ints = IntStack.forThisThread();
        DoubleStack doubles = DoubleStack.forThisThread();
        ints.resetHighWater();
        doubles.resetHighWater();
        int intsBefore = ints.size(), doublesBefore = doubles.size();
        gradient(method, 0.7, 0.3, steps);
        assertEquals(intsBefore, ints.size(), "every push popped");
        assertEquals(doublesBefore, doubles.size(), "every push popped");
        return new Peak(ints.highWater() - intsBefore, doubles.highWater() - doublesBefore);
    }
}
