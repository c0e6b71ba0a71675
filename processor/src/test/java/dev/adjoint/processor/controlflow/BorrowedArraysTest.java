package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.ScratchArrays;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reverse-mode method borrows the {@code double[]} arrays its body makes once per call (the
 * primal's local arrays and the adjoints of those) from {@link ScratchArrays} and gives them back
 * before returning: a warmed-up call allocates its result's arrays only. The gradient arrays it
 * returns are never borrowed, and a borrowed array comes back zeroed.
 */
class BorrowedArraysTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Borrowing {
        // two local arrays (and their adjoints), one filled per point and read back
        @Differentiable
        static double points(double[] x, double[] m, int count) {
          int d = m.length;
          double[] c = new double[d];
          double[] w = new double[2 * d];
          double s = 0;
          for (int p = 0; p < count; p++) {
            for (int i = 0; i < d; i++) c[i] = x[(p + i) % x.length] - m[i];
            for (int i = 0; i < d; i++) {
              w[2 * i] = w[2 * i] + c[i] * c[i];
              s += Math.sin(c[(i + 1) % d]) * w[2 * i];
            }
          }
          return s;
        }
      }
      """;

    private static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.3 * i + phase);
        return x;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        check(Differentiated.of(compiled(), "demo.Borrowing", "points"), data(7, 0.1), data(4, 0.6), 3);
    }

    /**
     * Golden file {@code golden/controlflow/BorrowedArrays.java.txt}, the whole generated class:
     * the reverse method borrows c, w and their adjoints ({@code scratch.zeros}) and gives all four
     * back; dx and dm are new arrays, returned; forward mode borrows nothing.
     */
    @Test
    @Tag("golden")
    void theBodyBorrowsAndGivesBackItsOwnArraysOnly() {
        GoldenFile.assertMatches(
                "controlflow/BorrowedArrays.java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.BorrowingGrad"));
    }

    /** Calls again and again give the same gradient; what they returned earlier stays as it was; the same arrays go round. */
    @Test
    void borrowedArraysComeBackZeroedAndTheResultsAreNeverBorrowed() throws Exception {
        Method reverse =
                compiled().load("demo.BorrowingGrad").getMethod("points", double[].class, double[].class, int.class);
        // m longer than ScratchArrays.SMALL, so that c, w and their adjoints are kept between calls
        double[] x = data(7, 0.2), m = data(ScratchArrays.SMALL + 4, 0.9);
        Object first = reverse.invoke(null, x, m, 3);
        double[] dx = gradient(first, "dx").clone(), dm = gradient(first, "dm").clone();
        ScratchArrays scratch = ScratchArrays.forThisThread();
        int kept = scratch.kept();
        for (int call = 0; call < 3; call++) {
            Object again = reverse.invoke(null, x, m, 3);
            assertArrayEquals(dx, gradient(again, "dx"));
            assertArrayEquals(dm, gradient(again, "dm"));
            assertEquals(kept, scratch.kept(), "each call borrows the arrays the last one gave back");
        }
        assertArrayEquals(dx, gradient(first, "dx"), "a returned gradient is not reused");
        assertArrayEquals(dm, gradient(first, "dm"));
    }

    private static double[] gradient(Object record, String name) throws Exception {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) return (double[]) c.getAccessor().invoke(record);
        }
        throw new AssertionError("no component " + name);
    }
}
