package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.controlflow.ArrayStoreChecks.assertSameGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.Dual;
import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The thread's stacks, kept by generated code as a local array and top, are left as found across
 * nested calls of generated reverse methods, grow during a call (also inside a callee), and their
 * high-water mark stays exact.
 *
 * <p>Every gradient is checked against central finite differences and every tangent against
 * gradient · direction ({@link GradCheck#check}); {@link ArrayStoreChecks#verify} also checks that a
 * call leaves the thread's stacks at the size it found them and gives the same result when repeated.
 */
class ReverseCallStacksTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Stores {
        // ---- calls between generated reverse methods, sharing the thread's stacks

        // saves p for each iteration
        @Differentiable
        static double inner(double[] v, double c) {
          double p = 1;
          // the guard (never false here) makes the trip count depend on the data: it is saved
          for (int i = 0; i < v.length && p < 1e12; i++) p = p * v[i] + c;
          return p;
        }

        // saves q before the calls, then calls inner in a loop on an array it rebuilds
        @Differentiable
        static double outer(double[] v, double c) {
          double q = c;
          for (int k = 0; k < 3; k++) q = q * c + 0.25;
          double s = 0;
          double[] w = new double[v.length];
          for (int k = 0; k < 3; k++) {
            for (int i = 0; i < v.length; i++) w[i] = v[i] * (1 + 0.1 * k) + 0.01 * s;
            s = Math.sin(s) * q + inner(w, c + 0.1 * s);
          }
          return s + q;
        }

        // saves x.length values of p after a call that may have grown the stack
        @Differentiable
        static double callThenLoop(double[] v, double c, double[] x) {
          double p = inner(v, c);
          for (int i = 0; i < x.length; i++) p = p * x[i] + c;
          return p;
        }

        // a copy made in a loop, of an array written after the loop: saved whole, between
        // the doubles saved for x; then a call saving on the same stack
        @Differentiable
        static double wholeArraysSaved(double x, double[] v) {
          for (int it = 0; it < 3; it++) {
            double[] buf = v.clone();
            double r = buf[2];
            buf[2] = 5;
            x = x * r + buf[2] * buf[0] + x * x * 0.1;
          }
          v[2] = 3;
          return x * inner(v, x);
        }

        // a call in a loop left early
        @Differentiable
        static double outerEarlyReturn(double[] v, double c) {
          double s = 0;
          for (int k = 0; k < 5; k++) {
            s = s * c + inner(v, c * s + 0.5);
            if (s > 4) return s * s;
          }
          return s;
        }

        // p = a^(2n): 2n doubles and n + 1 trip counts saved
        @Differentiable
        static double power(double a, int n) {
          double p = 1;
          for (int i = 0; i < n; i++) {
            for (int k = 0; k * k < 4; k++) p = p * a; // not counted: its trip count is saved
          }
          return p;
        }
      }
      """;

    private static Differentiated stores(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Stores", method);
    }

    private static Differentiated.Gradient verify(Differentiated f, Object... args) {
        return ArrayStoreChecks.verify(f, args);
    }

    // ---- calls between generated reverse methods sharing the thread's stacks

    @Test
    void nestedReverseCallsLeaveTheThreadsStacksAsTheyFoundThem() {
        double[] v = {0.5, -0.3, 0.8, 0.2};
        double c = 0.6;
        verify(stores("inner"), v, c);
        var outer = stores("outer");
        verify(outer, v, c);
        verify(outer, new double[] {-0.4, 0.9}, -0.8);
        var early = stores("outerEarlyReturn");
        verify(early, v, 0.3); // runs all five iterations
        assertTrue(early.primal(v, 0.3) <= 4, "no early return");
        verify(early, v, c); // returns in the fourth iteration
        verify(early, new double[] {1.5, 1.2}, 1.1); // returns in the second iteration
        assertTrue(early.primal(v, c) > 16, "the early return is taken");

        verify(stores("wholeArraysSaved"), 0.8, new double[] {-0.9, 0.43, -1.16, 0.39});
        verify(stores("wholeArraysSaved"), -0.3, new double[] {1.2, -0.5, 0.7});

        // values an enclosing caller left on the stacks survive repeated calls untouched
        DoubleStack doubles = DoubleStack.forThisThread();
        IntStack ints = IntStack.forThisThread();
        doubles.push(Math.PI);
        doubles.push(-2.5);
        ints.push(42);
        int doublesBefore = doubles.size();
        int intsBefore = ints.size();
        doubles.resetHighWater();
        ints.resetHighWater();
        var first = outer.gradient(v, c);
        for (int r = 0; r < 5; r++) {
            assertSameGradient(first, outer.gradient(v, c), "call " + (r + 2));
            assertEquals(doublesBefore, doubles.size(), "doubles after call " + (r + 2));
            assertEquals(intsBefore, ints.size(), "ints after call " + (r + 2));
        }
        // inner saved its v.length values on top of what outer had saved when it called it
        assertTrue(
                doubles.highWater() >= doublesBefore + v.length + 1,
                "double high water " + doubles.highWater() + " from " + doublesBefore);
        assertTrue(ints.highWater() >= intsBefore + 1, "int high water " + ints.highWater() + " from " + intsBefore);
        assertEquals(42, ints.pop());
        assertEquals(-2.5, doubles.pop());
        assertEquals(Math.PI, doubles.pop());
    }

    // ---- growth

    @Test
    void theStacksGrowDuringACall() throws Exception {
        var f = stores("power");
        int n = 50_000;
        double a = 1 + 1e-5;
        inAFreshThread(() -> {
            DoubleStack doubles = DoubleStack.forThisThread();
            IntStack ints = IntStack.forThisThread();
            assertTrue(doubles.array().length < 2 * n && ints.array().length < n, "fresh stacks");
            var g = f.gradient(a, n);
            assertEquals(Math.pow(a, 2 * n), g.value(), 1e-9 * Math.pow(a, 2 * n));
            double expected = 2 * n * Math.pow(a, 2 * n - 1);
            assertEquals(expected, g.scalar("a"), 1e-9 * expected);
            assertEquals(expected, f.tangent(new Object[] {a, n}, 1.0).tangent(), 1e-9 * expected);
            assertTrue(doubles.array().length >= 2 * n, "doubles grew to " + doubles.array().length);
            assertTrue(ints.array().length >= n, "ints grew to " + ints.array().length);
            assertEquals(0, doubles.size());
            assertEquals(0, ints.size());
            // the high-water marks are exact: 2n saved values of p, one trip count per inner loop
            // (the outer loop is counted: its trip count is computed again, not saved)
            assertEquals(2 * n, doubles.highWater());
            assertEquals(n, ints.highWater());
            // and a second call, on grown stacks, gives the same result
            assertSameGradient(g, f.gradient(a, n), "second call");
        });
    }

    @Test
    void theStacksGrowInsideANestedCall() throws Exception {
        var f = stores("outer");
        int n = 100_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.5 + 0.1 * Math.sin(i);
        double c = 0.6;
        var reference = f.gradient(v, c); // on this thread
        AtomicReference<Differentiated.Gradient> fresh = new AtomicReference<>();
        inAFreshThread(() -> {
            DoubleStack doubles = DoubleStack.forThisThread();
            assertTrue(doubles.array().length < n, "fresh stack");
            fresh.set(f.gradient(v, c));
            assertTrue(doubles.array().length >= n, "grew to " + doubles.array().length);
            assertEquals(0, doubles.size());
            assertEquals(0, IntStack.forThisThread().size());
        });
        assertSameGradient(reference, fresh.get(), "on a fresh thread");
        // reverse against forward mode, along c and along a random direction
        Random random = new Random(7);
        double[] dv = new double[n];
        for (int i = 0; i < n; i++) dv[i] = 2 * random.nextDouble() - 1;
        double dc = 0.3;
        double dot = reference.scalar("c") * dc;
        double scale = Math.abs(dot);
        for (int i = 0; i < n; i++) {
            dot += reference.vector("v")[i] * dv[i];
            scale += Math.abs(reference.vector("v")[i] * dv[i]);
        }
        Dual along = f.tangent(new Object[] {v, c}, new Object[] {dv, dc});
        assertEquals(dot, along.tangent(), 1e-9 * scale);
        Dual alongC = f.tangent(new Object[] {v, c}, new Object[] {new double[n], 1.0});
        assertEquals(reference.scalar("c"), alongC.tangent(), 1e-9 * Math.abs(reference.scalar("c")));
        assertEquals(f.primal(v, c), reference.value(), 1e-12 * Math.abs(reference.value()));
    }

    @Test
    void valuesSavedAfterACalleeGrewTheStackGoIntoTheGrownArray() throws Exception {
        // inner grows the fresh thread's double stack from 16 to 1024 values; callThenLoop then
        // saves 40 values, more than the array it held before the call could take
        var f = stores("callThenLoop");
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = 0.5 + 0.1 * Math.cos(i);
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) x[i] = 0.7 + 0.05 * Math.sin(3 * i);
        inAFreshThread(() -> {
            assertTrue(DoubleStack.forThisThread().array().length < 40, "fresh stack");
            verify(f, v, 0.6, x);
            assertTrue(DoubleStack.forThisThread().array().length >= v.length, "grew");
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} on a new thread, whose stacks start small; rethrows what it threw. */
    private static void inAFreshThread(Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "fresh-stacks");
        thread.start();
        thread.join();
        if (failure.get() instanceof Error e) throw e;
        if (failure.get() instanceof Exception e) throw e;
    }
}
