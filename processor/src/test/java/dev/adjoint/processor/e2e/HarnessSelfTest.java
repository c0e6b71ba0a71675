package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.SourceText;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the harness itself, independently of the processor, on hand-written {@code HandGrad}
 * code (the primal methods carry no annotation): correct derivatives pass, and each kind of
 * mistake the end-to-end tests are meant to catch makes {@code GradCheck} fail.
 */
class HarnessSelfTest {

    static final String HAND = """
      package demo;

      final class Hand {
        static double rosen(double x, double y) {
          double a = 1 - x;
          double b = y - x * x;
          return a * a + 100 * b * b;
        }

        static double arr(double[] w, double[][] a, int i) {
          return w[i] * a[0][1] + w[0] * w[0];
        }

        static double badGrad(double x, double y) { return x * y; }
        static double badTangent(double x, double y) { return x * y; }
        static double badValue(double x, double y) { return x * y; }
        static double mutates(double[] w) { return w[0] * w[1]; }
        static double aliases(double[] w) { return w[0]; }
      }
      """;

    static final String HAND_GRAD = """
      package demo;

      import dev.adjoint.runtime.Dual;

      public final class HandGrad {
        private HandGrad() {}

        public record Rosen(double value, double dx, double dy) {}

        public static Rosen rosen(double x, double y) {
          double a = 1 - x;
          double b = y - x * x;
          return new Rosen(a * a + 100 * b * b, -2 * a - 400 * x * b, 200 * b);
        }

        public static Dual rosenTangent(double x, double dx, double y, double dy) {
          Rosen r = rosen(x, y);
          return new Dual(r.value(), r.dx() * dx + r.dy() * dy);
        }

        public record Arr(double value, double[] dw, double[][] da) {}

        public static Arr arr(double[] w, double[][] a, int i) {
          double[] dw = new double[w.length];
          double[][] da = new double[a.length][];
          for (int k = 0; k < a.length; k++) {
            da[k] = new double[a[k].length];
          }
          dw[i] += a[0][1];
          da[0][1] += w[i];
          dw[0] += 2 * w[0];
          return new Arr(Hand.arr(w, a, i), dw, da);
        }

        public static Dual arrTangent(double[] w, double[] dw, double[][] a, double[][] da, int i) {
          return new Dual(Hand.arr(w, a, i), dw[i] * a[0][1] + w[i] * da[0][1] + 2 * w[0] * dw[0]);
        }

        public record BadGrad(double value, double dx, double dy) {}

        public static BadGrad badGrad(double x, double y) {
          return new BadGrad(x * y, y, x * 1.001);
        }

        public static Dual badGradTangent(double x, double dx, double y, double dy) {
          return new Dual(x * y, y * dx + x * 1.001 * dy);
        }

        public record BadTangent(double value, double dx, double dy) {}

        public static BadTangent badTangent(double x, double y) {
          return new BadTangent(x * y, y, x);
        }

        public static Dual badTangentTangent(double x, double dx, double y, double dy) {
          return new Dual(x * y, y * dx + x * dx);
        }

        public record BadValue(double value, double dx, double dy) {}

        public static BadValue badValue(double x, double y) {
          return new BadValue(x * y + 1e-9, y, x);
        }

        public static Dual badValueTangent(double x, double dx, double y, double dy) {
          return new Dual(x * y, y * dx + x * dy);
        }

        public record Mutates(double value, double[] dw) {}

        public static Mutates mutates(double[] w) {
          double v = w[0] * w[1];
          double[] dw = {w[1], w[0]};
          w[0] = w[0];
          w[1] = w[1] + 0.0 * v + (w.length > 1 ? 0 : 1);
          w[0] += 1e-300 > 0 ? 0.0 : 1.0;
          return new Mutates(v, dw);
        }

        public static Dual mutatesTangent(double[] w, double[] dw) {
          double v = w[0] * w[1];
          dw[0] = dw[0] * 2;
          return new Dual(v, w[1] * dw[0] / 2 + w[0] * dw[1]);
        }

        public record Aliases(double value, double[] dw) {}

        public static Aliases aliases(double[] w) {
          java.util.Arrays.fill(w, 0.0);
          return new Aliases(w[0], w);
        }

        public static Dual aliasesTangent(double[] w, double[] dw) {
          return new Dual(w[0], dw[0]);
        }
      }
      """;

    private static Compiled hand() {
        return TestCompiler.compileCached(HAND, HAND_GRAD);
    }

    private static Differentiated hand(String m) {
        return Differentiated.of(hand(), "demo.Hand", m);
    }

    @Test
    void correctDerivativesPass() {
        check(hand("rosen"), -1.2, 0.8);
        check(hand("rosen"), 0.3, -2.5);
        check(hand("arr"), new double[] {0.5, -1, 2}, new double[][] {{1, 2}, {3, 4, 5}}, 2);
    }

    @Test
    void wrongGradientIsCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> check(hand("badGrad"), 1.5, -0.5));
        assertTrue(e.getMessage().contains("d/dy"), e.getMessage());
    }

    @Test
    void wrongTangentIsCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> check(hand("badTangent"), 1.5, -0.5));
        assertTrue(e.getMessage().contains("tangent"), e.getMessage());
    }

    @Test
    void wrongValueIsCaught() {
        assertThrows(AssertionError.class, () -> check(hand("badValue"), 1.5, -0.5));
    }

    @Test
    void mutatedArgumentsAreCaught() {
        // mutates(...) leaves w alone only in value; its tangent doubles dw[0].
        AssertionError e =
                assertThrows(AssertionError.class, () -> check(hand("mutates"), (Object) new double[] {1.5, -0.5}));
        assertTrue(e.getMessage().contains("modified"), e.getMessage());
        AssertionError e2 =
                assertThrows(AssertionError.class, () -> check(hand("aliases"), (Object) new double[] {1.5, -0.5}));
        assertTrue(e2.getMessage().contains("modified") || e2.getMessage().contains("itself"), e2.getMessage());
    }

    @Test
    void wrongShapeOfApiIsCaught() {
        // HandGrad has no method named like this: Differentiated reports the missing reverse method.
        assertThrows(AssertionError.class, () -> Differentiated.withWrt(hand(), "demo.Hand", "rosen", "x"));
    }

    @Test
    void failedCompilationShowsDiagnosticsAndGeneratedSources() {
        String broken = """
        package demo;

        import dev.adjoint.Differentiable;

        final class Broken {
          @Differentiable
          static double f(double x) {
            return x * x;
          }

          static int g() {
            return "not an int";
          }
        }
        """;
        AssertionError e = assertThrows(AssertionError.class, () -> TestCompiler.compile(broken));
        String m = e.getMessage();
        assertTrue(m.contains("=== Diagnostics ===") && m.contains("Broken.java:12"), m);
        assertTrue(m.contains("=== Generated sources ===") && m.contains("class BrokenGrad"), m);
    }

    @Test
    void sourceTextFindsBodiesAndCalls() {
        String src = """
        /** calls {@link Foo#f(double)} */
        final class FooGrad {
          public record Chain(double value, double dw) {}
          public static FooGrad.Chain chain(double w) {
            // f(w) in a comment
            String s = "f(";
            var a = FooGrad.f(w);
            var b = f(a.value());
            var c = Foo.f(b.value());
            double g = diff(1) + fTangent(2).value();
            return new Chain(c, 1);
          }
          public static dev.adjoint.runtime.Dual chainTangent(double w, double dw) { return fTangent(w); }
        }
        """;
        List<String> bodies = SourceText.methodBodies(src, "[\\w.]*Chain", "chain");
        assertEquals(1, bodies.size());
        assertEquals(3, SourceText.countCalls(bodies.get(0), "f"));
        assertEquals(1, SourceText.countCalls(bodies.get(0), "fTangent"));
        List<String> t = SourceText.methodBodies(src, "(?:dev\\.adjoint\\.runtime\\.)?Dual", "chainTangent");
        assertEquals(1, t.size());
        assertEquals(0, SourceText.countCalls(t.get(0), "f"));
    }
}
