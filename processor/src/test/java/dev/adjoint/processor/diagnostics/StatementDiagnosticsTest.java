package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Statements outside the straight-line subset: each is reported on its keyword, and translation
 * goes on with the next statement, so all of them show up in one build.
 */
class StatementDiagnosticsTest {

  @Test
  void loops() {
    Compilation c = MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Loops {
          @Differentiable
          static double loops(double x, double[] a, int n) {
            double s = x;
            for (int i = 0; i < n; i++) { s = s + x; } // ERROR at `for`: [Adjoint.Statement] a loop is not supported in a @Differentiable method yet ... unroll it, or keep the loop outside
            for (double v : a) { s = s + v; } // ERROR at `for`: [Adjoint.Statement] a loop ... unroll it
            while (n > 0) { n = n - 1; } // ERROR at `while`: [Adjoint.Statement] a loop ... unroll it
            do { n = n - 1; } while (n > 0); // ERROR at `do`: [Adjoint.Statement] a loop ... unroll it
            return s;
          }
        }
        """);
    assertTrue(c.generatedSourceFiles().isEmpty());
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
            if (x > 0) s = x; // ERROR at `if`: [Adjoint.Statement] an if statement is not supported ... use the conditional operator (condition ? a : b)
            if (n > 1) { s = 2 * x; } else { s = 3 * x; } // ERROR at `if`: [Adjoint.Statement] an if statement
            switch (n) { case 1: s = x; break; default: s = 2; } // ERROR at `switch`: [Adjoint.Statement] a switch statement ... use the conditional operator
            switch (n) { case 1 -> s = x; default -> s = 2; } // ERROR at `switch`: [Adjoint.Statement] a switch statement
            try { s = x; } catch (RuntimeException e) { s = 0; } // ERROR at `try`: [Adjoint.Statement] a try statement ... remove it
            try { s = x; } finally { n = 0; } // ERROR at `try`: [Adjoint.Statement] a try statement
            done: { s = x; } // ERROR at `done`: [Adjoint.Statement] a jump (labeled_statement)
            synchronized (Branches.class) { s = x; } // ERROR at `synchronized`: [Adjoint.Statement] a synchronized block ... remove it
            assert x > 0; // ERROR at `assert`: [Adjoint.Statement] an assert statement ... check the condition before calling the method
            if (n < 0) throw new IllegalArgumentException(); // ERROR at `if`: [Adjoint.Statement] an if statement
            return s;
          }

          @Differentiable
          static double thrower(double x) {
            throw new IllegalStateException(); // ERROR at `throw`: [Adjoint.Statement] a throw statement is not supported ... validate arguments before calling the method
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
            new Object(); // ERROR at `new`: [Adjoint.Expression] ... assign its value to a local variable
            ; // an empty statement is fine
            { double y = x; } // so is a block
            return x;
          }
        }
        """);
  }
}
