package dev.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls: {@code OpaqueCall}, {@code NoRule}, {@code CalleeWrt}, {@code CalleeWrites}, {@code UnresolvedMethod} and
 * {@code CalleeNames} (a library compiled without parameter names).
 */
class CallDiagnosticsTest {

    @Test
    void aCalleeThatWritesItsArrayParameter() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Writers {
          @Differentiable
          static double doubleFirst(double[] v) {
            v[0] = 2 * v[0];
            return 0;
          }

          @Differentiable
          static double bumps(double[][] m, double s) {
            m[1][0] += s;
            return s;
          }

          @Differentiable
          static double reads(double[] v) { return v[0] * v[0]; }

          @Differentiable
          static double caller(double x, double[][] grid) {
            double[] a = {x};
            double r = doubleFirst(a); // ERROR at `a`: [Adjoint.CalleeWrites] Writers.doubleFirst writes into the elements of its parameter v, which the caller would see; the derivative methods of Writers.doubleFirst work on a copy of v ... and return what the caller needs
            double q = bumps(grid, x); // ERROR at `grid`: [Adjoint.CalleeWrites] Writers.bumps writes into the elements of its parameter m
            double ok = reads(a); // fine: the callee only reads
            return a[0] + r + q + ok;
          }
        }
        """);
    }

    @Test
    void activeValuesIntoCalls() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Calls {
          static double opaque(double v) { return v; }
          static double sum(double... v) { return 0; }
          static int count(int n) { return n; }

          @Differentiable(wrt = "a")
          static double partial(double a, double b) { return a * b; }

          @Differentiable
          static double calls(double x, int n, double[] arr) {
            double a = Double.sum(x, 1); // ERROR at `Double.sum(x, 1)`: [Adjoint.OpaqueCall] Double.sum receives a value that depends on the differentiated parameters, but it is neither a java.lang.Math function nor @Differentiable ... mark it @Differentiable, or pass it only constants
            double b = opaque(2.0) + count(n) + Math.ulp(2.0); // fine: constants only
            double c = Math.ulp(x); // ERROR at `Math.ulp(x)`: [Adjoint.NoRule] Math.ulp receives a value that depends on the differentiated parameters, but Adjoint has no derivative rule for it: rewrite it with functions Adjoint knows
            double d = Math.nextUp(x * 2); // ERROR at `Math.nextUp(x * 2)`: [Adjoint.NoRule] Math.nextUp ... rewrite it
            double e = StrictMath.ulp(x); // ERROR at `StrictMath.ulp(x)`: [Adjoint.NoRule] StrictMath.ulp
            double f = Math.copySign(1.0, x); // ERROR at `Math.copySign(1.0, x)`: [Adjoint.NoRule] Math.copySign
            double g = Math.scalb(x, 2); // ERROR at `Math.scalb(x, 2)`: [Adjoint.NoRule] Math.scalb
            double h = java.util.Arrays.hashCode(arr); // fine: an int result is piecewise constant, like a cast to int
            double i = partial(1.0, x); // ERROR at `x`: [Adjoint.CalleeWrt] the argument for parameter b of Calls.partial depends on the differentiated parameters, but Calls.partial is not differentiated with respect to b: add it to that method's wrt
            double j = partial(x, 2.0); // fine: a is differentiated
            double k = missing(x); // ERROR at `missing(x)`: [Adjoint.UnresolvedMethod] cannot find a static method missing applicable to (double)
            double l = Math.max(x); // ERROR at `Math.max(x)`: [Adjoint.UnresolvedMethod] cannot find a static method max applicable to (double)
            double m = Math.sin(x, n); // ERROR at `Math.sin(x, n)`: [Adjoint.UnresolvedMethod] method sin applicable to (double, int)
            return x + b + j;
          }
        }
        """);
    }

    /** Active values reach another class's restricted wrt; its unannotated method is derived from its body. */
    @Test
    void acrossClasses() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Caller {
          @Differentiable
          static double f(double x, double y) {
            double a = Callee.twice(x) + Callee.plain(y); // fine: plain is derived from its body
            double b = Callee.scaled(x, y); // ERROR at `y`: [Adjoint.CalleeWrt] parameter s of Callee.scaled ... add it to that method's wrt
            return a + b;
          }
        }
        """, """
        package demo;

        import dev.adjoint.Differentiable;

        final class Callee {
          @Differentiable
          static double twice(double v) { return 2 * v; }

          static double plain(double v) { return v; }

          @Differentiable(wrt = "v")
          static double scaled(double v, double s) { return s * v; }
        }
        """);
    }

    private static final String LIBRARY = """
      package lib;

      import dev.adjoint.Differentiable;

      public final class Lib {
        @Differentiable(wrt = "a")
        public static double g(double a, double b) { return a * b; }
      }
      """;

    private static final String USER = """
      package demo;

      import dev.adjoint.Differentiable;

      final class User {
        @Differentiable
        static double f(double x) {
          return lib.Lib.g(x, 2.0);%s
        }
      }
      """;

    @Test
    void libraryWithoutParameterNamesIsMatchedThroughItsGeneratedClass(@TempDir Path dir) {
        // LibGrad records which positions g differentiates (@DifferentiatedParameters), so wrt needs no names
        Path classes = compileLibrary(dir, List.of());
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withClasspath(classpath(classes))
                .compile(JavaFileObjects.forSourceString("demo.User", USER.formatted("")));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.UserGrad");
    }

    @Test
    void libraryWithoutParameterNamesOrGeneratedClass(@TempDir Path dir) {
        // a library whose generated class is missing: wrt cannot be matched to arg0, arg1…
        Path classes = compileLibrary(dir, List.of());
        try {
            Files.delete(classes.resolve("lib/LibGrad.class"));
            Files.delete(classes.resolve("lib/LibGrad$G.class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Compiler user =
                Compiler.javac().withProcessors(new DifferentiableProcessor()).withClasspath(classpath(classes));
        MarkedErrors.check(
                user,
                USER.formatted(
                        " // ERROR at `lib.Lib.g(x, 2.0)`: [Adjoint.CalleeNames] Lib.g was compiled without parameter names, so its wrt cannot be matched to its parameters: compile it with -parameters"));
    }

    @Test
    void libraryWithParameterNames(@TempDir Path dir) {
        Path classes = compileLibrary(dir, List.of("-parameters"));
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .withClasspath(classpath(classes))
                .compile(JavaFileObjects.forSourceString("demo.User", USER.formatted("")));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.UserGrad");
    }

    private static Path compileLibrary(Path dir, List<String> options) {
        Compilation lib = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions(options)
                .compile(JavaFileObjects.forSourceString("lib.Lib", LIBRARY));
        assertThat(lib).succeededWithoutWarnings();
        int written = 0;
        for (JavaFileObject f : lib.generatedFiles()) {
            if (f.getKind() != JavaFileObject.Kind.CLASS) continue;
            String path = f.toUri().getPath();
            String rel = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
            Path out = dir.resolve(rel);
            try (InputStream in = f.openInputStream()) {
                Files.createDirectories(out.getParent());
                Files.write(out, in.readAllBytes());
                written++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(
                true,
                Files.exists(dir.resolve("lib/LibGrad.class")),
                "LibGrad.class among " + written + " class files");
        return dir;
    }

    private static List<File> classpath(Path extra) {
        List<File> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) cp.add(new File(entry));
        }
        cp.add(extra.toFile());
        return cp;
    }
}
