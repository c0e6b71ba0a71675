package dev.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

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
 * Errors of {@code order} (frontend/SecondOrderCheck.java): a value other than 1 or 2, on the
 * value; {@code order = 2} on a {@code double[]}-valued method, at the method; under
 * {@code order = 2}, a callee from a compiled class without
 * {@code order = 2}, at the call, with its own id, and a {@code double[]}-valued one (which cannot
 * carry it), at the call; a @DerivativeOf rule with no rule of its own, at the call; the
 * second-order names, against the other generated names.
 */
class SecondOrderDiagnosticsTest {

    @Test
    void orderTwoIsForMethodsReturningDouble() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Shapes {
          private final double scale = 2;

          @Differentiable(order = 2)
          double scaled(double x) {
            return scale * x * x;
          }

          @Differentiable(order = 2)
          static double[] pair(double x) { // ERROR at `pair`: [Adjoint.SecondOrderUnsupported] pair has order = 2, but Hessian-vector products through methods that return double[] are not implemented yet
            return new double[] {x, x * x};
          }
        }
        """);
    }

    @Test
    void orderIsOneOrTwo() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Orders {
          @Differentiable(order = 3) // ERROR at `3`: [Adjoint.Order] order = 3 on three: Adjoint generates first derivatives (order = 1, the default) or second derivatives too (order = 2): use 1 or 2
          static double three(double x) {
            return x * x;
          }

          @Differentiable(order = 0) // ERROR at `0`: [Adjoint.Order] order = 0 on zero ... use 1 or 2
          static double zero(double x) {
            return x * x;
          }

          @Differentiable(wrt = "x", order = -1) // ERROR at `-1`: [Adjoint.Order] order = -1 on negative
          static double negative(double x) {
            return x * x;
          }

          @Differentiable(order = 1)
          static double one(double x) {
            return x * x;
          }
        }
        """);
    }

    /**
     * Under order 2 a rule is differentiated in its turn, from its body: a body that cannot be
     * differentiated is an error at the call, in the caller or in its callee, quoting why.
     */
    @Test
    void aRuleWhoseBodyCannotBeDifferentiatedIsAnErrorAtTheCall() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.DerivativeOf;
        import dev.adjoint.Differentiable;

        final class Rules {
          static double softPlus(double x) {
            return Math.log1p(Math.exp(x));
          }

          @DerivativeOf(value = "softPlus", wrt = "x")
          static double softPlusDx(double x) {
            synchronized (Rules.class) {
              return 1 / (1 + Math.exp(-x));
            }
          }

          @Differentiable(order = 2)
          static double caller(double x) {
            double constant = softPlus(2.0);
            return constant * softPlus(x * x); // ERROR at `softPlus(x * x)`: [Adjoint.RuleBody] Rules.softPlus is differentiated by its @DerivativeOf rule Rules.softPlusDx, which second derivatives (order = 2) differentiate in their turn, from the rule's body; Adjoint cannot differentiate that body: Rules.java:13: [Adjoint.Statement] a synchronized block is not supported in a @Differentiable method: remove it: differentiated code has no shared state. Change the rule's code, write rules for the rule itself (@DerivativeOf(value = "softPlusDx", wrt = ...)), or remove order = 2
          }

          @Differentiable
          static double callee(double x) {
            return softPlus(x) * x; // ERROR at `softPlus(x)`: [Adjoint.RuleBody] Rules.softPlus is differentiated by its @DerivativeOf rule Rules.softPlusDx
          }

          @Differentiable(order = 2)
          static double viaCallee(double x) {
            return callee(x);
          }

          @Differentiable
          static double firstOrder(double x) {
            return softPlus(x * x);
          }
        }
        """);
    }

    /**
     * An unannotated callee is differentiated twice under order 2; what second order cannot follow
     * in its body is quoted at the call, while a first-order caller of the same callee is fine.
     */
    @Test
    void anUnannotatedCalleeThatCannotBeDifferentiatedTwiceIsAnErrorAtTheCall(@TempDir Path dir) {
        Compiler user =
                Compiler.javac().withProcessors(new DifferentiableProcessor()).withClasspath(libraryClasspath(dir));
        MarkedErrors.check(user, """
        package demo;

        import dev.adjoint.Differentiable;

        final class Helpers {
          private static double smooth(double[] u) {
            double s = 0;
            for (int i = 0; i < u.length; i++) s += lib.Lib.softPlus(u[i]);
            return s;
          }

          @Differentiable(order = 2)
          static double twice(double[] u) {
            return smooth(u); // ERROR at `smooth(u)`: [Adjoint.CalleeBody]
          }

          @Differentiable
          static double once(double[] u) {
            return smooth(u);
          }
        }
        """);
    }

    /** A rule from a compiled class has no body at hand: an error at the call names the fixes; a @Differentiable rule there works. */
    @Test
    void aCompiledRuleNeedsRulesOfItsOwnOrDifferentiable(@TempDir Path dir) {
        Compiler user =
                Compiler.javac().withProcessors(new DifferentiableProcessor()).withClasspath(libraryClasspath(dir));
        MarkedErrors.check(user, """
        package demo;

        import dev.adjoint.Differentiable;

        final class User {
          @Differentiable(order = 2)
          static double f(double x) {
            return lib.Lib.softPlus(x * x) // ERROR at `lib.Lib.softPlus(x * x)`: [Adjoint.RuleOrder] Lib.softPlus is differentiated by its @DerivativeOf rule Lib.softPlusDx, which f, having order = 2, must differentiate in its turn, and cannot: the rule's body is not part of this compilation (it comes from a compiled class); write @DerivativeOf(value = "softPlusDx", wrt = ...) in this build for each parameter of the rule that depends on the differentiated ones, mark the rule @Differentiable where it is compiled, or remove order = 2
                + lib.Lib.cube(x);
          }

          @Differentiable
          static double g(double x) {
            return lib.Lib.softPlus(x) + lib.Lib.cube(x);
          }
        }
        """);
    }

    /** The second-order names are checked like the first-order ones, whether order = 2 or a caller's makes them. */
    @Test
    void secondOrderNamesClash() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Names {
          @Differentiable(order = 2)
          static double m(double x) {
            return x * x;
          }

          @Differentiable
          static double mHessian(double x) { // ERROR at `mHessian`: [Adjoint.NameClash] @Differentiable method mHessian would generate names in NamesGrad that @Differentiable method m generates too
            return x;
          }

          @Differentiable
          static double g(double x) { // ERROR at `g`: [Adjoint.NameClash] @Differentiable method g would generate names in NamesGrad that @Differentiable method gHvp generates too
            return x * x * x;
          }

          @Differentiable
          static double gHvp(double x) {
            return x;
          }

          @Differentiable(order = 2)
          static double callsG(double x) {
            return g(x);
          }
        }
        """);
    }

    static final String LIBRARY = """
      package lib;

      import dev.adjoint.DerivativeOf;
      import dev.adjoint.Differentiable;

      public final class Lib {
        @Differentiable
        public static double first(double x) {
          return x * x;
        }

        @Differentiable(order = 2)
        public static double second(double x) {
          return x * x * x;
        }

        public static double softPlus(double x) {
          return Math.log1p(Math.exp(x));
        }

        // compiled without -parameters: the parameter by its position
        @DerivativeOf(value = "softPlus", wrt = "0")
        public static double softPlusDx(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        public static double cube(double x) {
          return x * x * x;
        }

        @Differentiable
        @DerivativeOf(value = "cube", wrt = "0")
        public static double cubeDx(double x) {
          return 3 * x * x;
        }

        @Differentiable
        public static double[] pair(double x) {
          return new double[] {x, x * x};
        }
      }
      """;

    @Test
    void aCompiledCalleeMustCarryOrderTwo(@TempDir Path dir) {
        Compiler user =
                Compiler.javac().withProcessors(new DifferentiableProcessor()).withClasspath(libraryClasspath(dir));
        MarkedErrors.check(user, """
        package demo;

        import dev.adjoint.Differentiable;

        final class User {
          @Differentiable(order = 2)
          static double f(double x) {
            return lib.Lib.first(x) // ERROR at `lib.Lib.first(x)`: [Adjoint.CalleeOrder] Lib.first comes from a compiled class without second derivatives (its @Differentiable has no order = 2), so f, which has order = 2, cannot differentiate it twice: add order = 2 to its @Differentiable and compile it again
                + lib.Lib.second(x)
                + lib.Lib.pair(x)[1]; // ERROR at `lib.Lib.pair(x)`: [Adjoint.SecondOrderUnsupported] f has order = 2, but Hessian-vector products through calls of methods that return double[] from a compiled class (Lib.pair) are not implemented yet
          }

          @Differentiable
          static double g(double x) {
            return lib.Lib.first(x) + lib.Lib.second(x) + lib.Lib.pair(x)[1];
          }
        }
        """);
    }

    /** Compiles {@link #LIBRARY} with the processor and returns the class path that holds its class files. */
    private static List<File> libraryClasspath(Path dir) {
        Compilation lib = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("lib.Lib", LIBRARY));
        assertThat(lib).succeededWithoutWarnings();
        for (JavaFileObject f : lib.generatedFiles()) {
            if (f.getKind() != JavaFileObject.Kind.CLASS) continue;
            String path = f.toUri().getPath();
            Path out = dir.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
            try (InputStream in = f.openInputStream()) {
                Files.createDirectories(out.getParent());
                Files.write(out, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<File> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) cp.add(new File(entry));
        }
        cp.add(dir.toFile());
        return cp;
    }
}
