package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statements outside the subset: each is reported on its keyword, and translation goes on with
 * the next statement, so all of them show up in one build. Statements the subset has (if, loops)
 * are checked inside.
 */
class StatementDiagnosticsTest {

    /**
     * Loops have landed (the "until the next issue lands them"): a loop is no error any
     * more, but its contents are checked like any other code, on the exact construct, and the
     * loop-specific limits have errors of their own.
     */
    @Test
    void loops() {
        RecordingProcessor processor = new RecordingProcessor();
        MarkedErrors.check(Compiler.javac().withProcessors(processor), """
        package demo;

        import dev.adjoint.Differentiable;

        final class Loops {
          static double opaque(double v) { return v; }

          @Differentiable
          static double loops(double x, double[] a, int n) {
            double s = x;
            for (int i = 0; i < n; i++) { s = s + x; }
            while (n > 0) { n = n - 1; }
            do { n = n - 1; } while (n > 0);
            while (s > 1) { s = Math.ulp(s); } // ERROR at `Math.ulp(s)`: [Adjoint.NoRule] Math.ulp
            do { x = x * 0.5; } while (n > 0);
            for (int i = 0; i < n; i++) { s = s * (i * 2f); } // ERROR at `i * 2f`: [Adjoint.Expression] float arithmetic
            for (double v : x) { s = s + v; } // ERROR at `x`: [Adjoint.Expression] a for-each over a double ... iterate over a double[]
            double[] b = a;
            for (int i = 0; i < n; i++) { b = a; } // ERROR at `for`: [Adjoint.Statement] a loop that assigns the array variable b ... assign array variables outside loops
            if (n > 100) break; // ERROR at `break`: [Adjoint.Statement] a jump out of no loop ... break and continue must be inside a loop
            return s;
          }
        }
        """);
        assertEquals(List.of(), processor.created());
    }

    @Test
    void branchesAndJumps() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Branches {
          @Differentiable
          static double branches(double x, int n) {
            double s = x;
            switch (n) { case 1: s = x; break; default: s = 2; }
            switch (n) { case 1 -> s = x; default -> s = 2; }
            try { s = x; } catch (RuntimeException e) { s = 0; } // ERROR at `try`: [Adjoint.Statement] a try statement ... remove it
            try { s = x; } finally { n = 0; } // ERROR at `try`: [Adjoint.Statement] a try statement
            done: { s = x; } // ERROR at `done`: [Adjoint.Statement] a label on a statement that is not a loop or switch ... label loops and switches only
            synchronized (Branches.class) { s = x; } // ERROR at `synchronized`: [Adjoint.Statement] a synchronized block ... remove it
            assert x > 0; // ERROR at `assert`: [Adjoint.Statement] an assert statement ... check the condition before calling the method
            return s;
          }

          @Differentiable
          static double thrower(double x) {
            throw new IllegalStateException(); // fine: the derivative methods throw it too (constructs.ThrowTest)
          }
        }
        """);
    }

    /**
     * The issue that lands {@code if} has landed: an if statement is no error any more, but what
     * its branches and condition hold is checked like any other code, on the exact construct.
     */
    @Test
    void insideIfStatements() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Ifs {
          static double opaque(double v) { return v; }

          @Differentiable
          static double ifs(double x, int n) {
            double s = x;
            if (x > 0) s = x * x;
            if (n > 1) { s = 2 * s; } else { s = 3 * s; }
            if (n < 0) throw new IllegalArgumentException(); // fine: rethrown by the derivative methods
            if (n > 5) { try { s = 1; } finally { } } else { s = Math.ulp(s); } // ERROR at `try`: [Adjoint.Statement] a try statement // ERROR at `Math.ulp(s)`: [Adjoint.NoRule] Math.ulp
            if (n) s = 1; // ERROR at `(n)`: [Adjoint.Expression] where a condition is expected ... compare it
            if (s > 1) { double t = Double.sum(s, 0); s = t; } // ERROR at `Double.sum(s, 0)`: [Adjoint.OpaqueCall] Double.sum
            if (n == 2) return 1; else if (n == 3) return s; else return x + n * 2f; // ERROR at `n * 2f`: [Adjoint.Expression] float arithmetic
          }
        }
        """);
    }

    @Test
    void localTypesAndExpressionStatements() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Locals {
          @Differentiable
          static double locals(double x) {
            class Helper { } // ERROR: [Adjoint.Statement] a local class ... declare it outside the method
            record Pair(double a, double b) { } // ERROR: [Adjoint.Statement] a local class ... declare it outside the method
            enum Color { RED } // ERROR: [Adjoint.Statement] a local class
            interface Fn { } // ERROR: [Adjoint.Statement] a local class
            Math.sin(x); // ERROR at `Math.sin(x)`: [Adjoint.Expression] a call whose result is not used ... remove the call or use its result
            new Object(); // ERROR at `new`: [Adjoint.Expression] this expression statement ... assign its value to a local variable
            ; // an empty statement is fine
            { double y = x; } // so is a block
            return x;
          }
        }
        """);
    }
}
