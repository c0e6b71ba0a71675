package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backward loop whose every contribution is a multiple of one adjoint, the same in every
 * iteration, runs no iteration when that adjoint is zero: a ReLU unit that was off skips the loop
 * over its inputs. Gradients must not change (for finite values), and loops with any other work
 * must keep running.
 */
class ZeroAdjointLoopsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Relu {
        // units with a negative pre-activation have s̄ = 0: the loop over w's row is skipped
        @Differentiable(wrt = "w")
        static double layer(double[] w, double[] x, int units) {
          int in = x.length;
          double total = 0;
          for (int j = 0; j < units; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) s += w[j * in + i] * x[i];
            total += Math.max(s, 0.0) * (1 + 0.1 * j);
          }
          return total;
        }

        // two units over x's inputs, scaled by c: the loop over the inputs is what gets skipped
        @Differentiable(wrt = "w")
        static double scaled(double[] w, double[] x, double c) {
          int in = x.length;
          double total = 0;
          for (int j = 0; j < 2; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) s += w[j * in + i] * x[i];
            total += Math.max(s, 0.0) * c;
          }
          return total;
        }

        // contributions scaled by two different adjoints (b and a): never skipped
        @Differentiable(wrt = {"w", "c"})
        static double mixed(double[] w, double c) {
          double a = 0, b = 0;
          for (int i = 0; i < w.length; i++) {
            a += w[i] * w[i];
            b += c * w[i];
          }
          return a * b;
        }

        // a loop that reads saved values must keep popping them: never skipped
        @Differentiable(wrt = "w")
        static double carried(double[] w) {
          double total = 0;
          for (int j = 0; j < 2; j++) {
            double g = Math.max(w[j], 0.0);
            double p = 1;
            for (int i = 0; i < w.length; i++) p = p * w[i] + g;
            total += p;
          }
          return total;
        }
      }
      """;

    private static Differentiated method(String name, String... wrt) {
        return Differentiated.withWrt(TestCompiler.compileCached(SOURCE), "demo.Relu", name, wrt);
    }

    /** The generated reverse method's body. */
    /** Compares the reverse methods {@code methods} with the golden file {@code golden/controlflow/<name>.java.txt}. */
    private static void assertGolden(String name, String... methods) {
        GoldenFile.assertMethodsMatch(
                "controlflow/" + name + ".java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.ReluGrad"),
                methods);
    }

    /** Weights for which about half the units are off. */
    private static double[] weights(int units, int in, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] w = new double[units * in];
        for (int k = 0; k < w.length; k++) w[k] = 2 * r.nextDouble() - 1;
        return w;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void reluLayerGradientsMatchFiniteDifferences(long seed) {
        double[] x = {0.7, -0.4, 0.9, 0.2, -0.8};
        check(method("layer", "w"), weights(6, x.length, seed), x, 6);
    }

    @Test
    void unitsThatAreOffGetExactlyZeroAndTheOthersTheirRow() throws Exception {
        double[] x = {0.7, -0.4, 0.9, 0.2, -0.8};
        int units = 8, in = x.length;
        double[] w = weights(units, in, 5);
        double[] g = method("layer", "w").gradient(w, x, units).vector("w");
        int off = 0;
        for (int j = 0; j < units; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) s += w[j * in + i] * x[i];
            for (int i = 0; i < in; i++) {
                double expected = s >= 0 ? x[i] * (1 + 0.1 * j) : 0;
                assertEquals(expected, g[j * in + i], 1e-15, "unit " + j + " input " + i);
            }
            if (s < 0) off++;
        }
        assertTrue(off > 0 && off < units, "some units off, some on: " + off);
    }

    @Test
    void aNanAdjointStillRunsTheLoop() {
        // c = NaN: the units that are on get s̄ = NaN, which is not zero, so NaN reaches their rows
        double[] x = {0.6, 0.3};
        double[] w = {0.5, -0.2, -0.9, 0.1};
        var g = method("scaled", "w").gradient(w, x, Double.NaN);
        assertTrue(Double.isNaN(g.value()));
        double[] gw = g.vector("w");
        assertTrue(Double.isNaN(gw[0]) && Double.isNaN(gw[1]), java.util.Arrays.toString(gw));
        assertEquals(0.0, gw[2]);
        assertEquals(0.0, gw[3]);
    }

    @Test
    void aNonFiniteInputLeavesTheRowsOfUnitsThatAreOffAtZero() {
        // the documented difference: unit 1 is off (s = -Inf), so its row gets nothing, where running
        // the loop would have added 0 * Inf = NaN to w[2]; unit 0 is on (s = +Inf) and gets x
        double[] x = {Double.POSITIVE_INFINITY, 0.3};
        double[] w = {0.5, -0.2, -0.9, 0.1};
        double[] gw = method("scaled", "w").gradient(w, x, 1.0).vector("w");
        assertEquals(Double.POSITIVE_INFINITY, gw[0]);
        assertEquals(0.3, gw[1]);
        assertEquals(0.0, gw[2]);
        assertEquals(0.0, gw[3]);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.3, 0.6, 0.9})
    void loopsWithOtherWorkKeepRunning(double first) {
        check(method("mixed", "w", "c"), new double[] {first, 0.2, 0.8, -0.1}, 0.4);
        check(method("carried", "w"), (Object) new double[] {first, -0.6, 0.7});
    }

    /**
     * Golden file {@code ZeroAdjointLoops}: the backward loops of layer and scaled run only if their
     * adjoint is not zero ({@code != 0.0 ?} on the trip count); those of mixed and carried, whose
     * iterations do other work, always run.
     */
    @Test
    @Tag("golden")
    void onlyTheLoopsWhoseWorkIsScaledAreGuarded() {
        assertGolden("ZeroAdjointLoops", "layer", "mixed", "carried", "scaled");
    }
}
