package dev.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Build-level promises of the issue: every error of a file in one build, no generated class for
 * a type with errors nor for its callers (so no generated file can fail to compile), and valid
 * code compiles without a single warning.
 */
class WholeBuildTest {

    @Test
    void everyErrorOfAFileInOneBuild() {
        String source = """
        package demo;

        import dev.adjoint.Differentiable;

        final class Many {
          static double opaque(double v) { return v; }

          @Differentiable
          static double first(double x, int n) {
            assert n > 0; // ERROR at `assert`: [Adjoint.Statement] an assert statement
            double a = Double.sum(x, 0); // ERROR at `Double.sum(x, 0)`: [Adjoint.OpaqueCall] Double.sum
            double[][] b = new double[2][]; // ERROR at `new`: [Adjoint.Expression] creating this array
            return a + x;
          }

          @Differentiable
          static double second(double x) {
            synchronized (Many.class) { x = 2 * x; } // ERROR at `synchronized`: [Adjoint.Statement] a synchronized block
            double c = Math.ulp(x); // ERROR at `Math.ulp(x)`: [Adjoint.NoRule] Math.ulp
            double d = unknown; // ERROR at `unknown`: [Adjoint.UnknownName] cannot resolve unknown
            return c + d;
          }

          @Differentiable
          static int third(double x) { // ERROR at `third`: [Adjoint.ReturnType] third returns int
            return 1;
          }

          @Differentiable(wrt = "q") // ERROR at `"q"`: [Adjoint.WrtUnknown] wrt names "q"
          static double fourth(double x) {
            return x;
          }

          @Differentiable
          static double fine(double x) {
            return x * x;
          }
        }
        """;
        RecordingProcessor processor = new RecordingProcessor();
        Compilation c = MarkedErrors.check(Compiler.javac().withProcessors(processor), source);
        assertEquals(List.of(), processor.created());
        List<Diagnostic<? extends JavaFileObject>> errors = c.errors();
        assertEquals(8, errors.size(), MarkedErrors.describe(c, List.of()));
        assertEquals(
                List.of(10L, 11L, 12L, 18L, 19L, 20L, 25L, 29L),
                errors.stream().map(Diagnostic::getLineNumber).sorted().toList());
        assertEquals(
                8,
                errors.stream()
                        .map(d -> d.getMessage(Locale.ROOT))
                        .filter(m -> m.startsWith("[Adjoint."))
                        .count());
    }

    @Test
    void noCompanionForATypeWithErrorsNorForItsCallers() {
        String a = """
        package demo;

        import dev.adjoint.Differentiable;

        final class A {
          @Differentiable
          static double good(double x) {
            return x * x;
          }

          @Differentiable
          static double bad(double x, int n) {
            try { n--; } finally { } // ERROR at `try`: [Adjoint.Statement] a try statement
            return x;
          }
        }
        """;
        String b = """
        package demo;

        import dev.adjoint.Differentiable;

        final class B {
          @Differentiable
          static double usesA(double x) {
            return A.good(x) + 1;
          }
        }
        """;
        String c = """
        package demo;

        import dev.adjoint.Differentiable;

        final class C {
          @Differentiable
          static double usesB(double x) {
            return B.usesA(x) * 3;
          }
        }
        """;
        String d = """
        package demo;

        import dev.adjoint.Differentiable;

        final class D {
          @Differentiable
          static double independent(double x) {
            return Math.sin(x);
          }
        }
        """;
        RecordingProcessor processor = new RecordingProcessor();
        Compilation compilation = MarkedErrors.check(Compiler.javac().withProcessors(processor), a, b, c, d);
        // A has an error; B calls A's generated class and C calls B's, so neither may be written
        assertEquals(List.of("demo.DGrad"), processor.created(), MarkedErrors.describe(compilation, List.of()));
        assertEquals(1, compilation.errors().size());
        for (Diagnostic<? extends JavaFileObject> diag : compilation.diagnostics()) {
            assertTrue(
                    diag.getSource() != null && diag.getSource().getName().endsWith("/A.java"),
                    "diagnostic outside A.java: " + MarkedErrors.format(diag));
        }
    }

    private static final String VALID = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Valid {
        static final double RATE = 0.1;
        static double scale = 2;
        static final double[] WEIGHTS = {1, 2, 3};

        private Valid() {}

        @Differentiable
        static double rosenbrock(double x, double y) {
          double a = 1 - x;
          double b = y - x * x;
          return a * a + 100 * b * b;
        }

        @Differentiable(wrt = "w")
        static double loss(double[] w, double[] x, double y, int n) {
          double p = w[0] * x[0] + w[1] * x[1] + RATE * n;
          double r = p - y;
          return r * r * scale + WEIGHTS[0];
        }

        @Differentiable
        private static double helper(double v) {
          return Math.exp(v) + Math.ulp(1.0);
        }

        @Differentiable
        static double callsHelper(double x, boolean flag, long k) {
          double v = helper(x) + Valid.rosenbrock(x, 2);
          v += flag ? Math.sin(x) : Math.abs(x);
          return v * k + (x > 0 && k > 1 ? Math.max(x, 1) : Math.min(x, -1));
        }

        @Differentiable
        static double controlFlow(double[] w, double x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) s += w[i] * x;
          if (s > 0) {
            s = s * s;
          } else {
            return -x;
          }
          return s;
        }

        @Differentiable
        static double matrix(double[][] m, int[] idx) {
          return m[idx[0]][idx[1]] * m.length + m[0].length;
        }
      }
      """;

    @Test
    void validCodeCompilesWithoutWarnings() {
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Valid", VALID));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.ValidGrad");
    }

    /** Loops, once they landed: valid loops compile without a warning (regressions found while writing this suite). */
    @Test
    void validLoopsCompileWithoutWarnings() {
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Loops", """
            package demo;

            import dev.adjoint.Differentiable;

            final class Loops {
              @Differentiable
              static double forEach(double x, double[] a) {
                double s = x;
                for (double v : a) { s = s + v * x; }
                return s;
              }

              @Differentiable
              static double labeledContinue(double x, int n) {
                double s = x;
                outer: for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) { if (j > i) continue outer; s = s * x; } }
                return s;
              }

              @Differentiable
              static double ifInLoop(double x, int n) {
                double s = x;
                for (int i = 0; i < n; i++) { if (i > 2) s = s * x; else s += 1; }
                int k = 0;
                while (k < n) { k++; if (s > 10) break; s = s + x; }
                do { s = s / 2; } while (s > 1);
                return s;
              }
            }
            """));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.LoopsGrad");
    }

    /** The generated code is lint-clean too (every lint but "processing"; with it: see below). */
    @Test
    void validCodeCompilesWithoutLintWarnings() {
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Xlint:all,-processing", "-Werror")
                .compile(JavaFileObjects.forSourceString("demo.Valid", VALID));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.ValidGrad");
    }

    /**
     * A user's strict build: -Xlint:processing (part of -Xlint:all) warns about any annotation of a
     * round that no processor claims, generated sources included. Adjoint claims the annotations
     * it reads and those it writes (@Generated, @DifferentiatedParameters), so nothing is left.
     */
    @Test
    void validCodeCompilesUnderXlintAllWerror() {
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(JavaFileObjects.forSourceString("demo.Valid", VALID));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.ValidGrad");
    }
}
