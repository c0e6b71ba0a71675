package dev.adjoint.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * {@code CalleeBody}: an unannotated callee whose body cannot be differentiated is reported at the
 * call that needs its derivatives, with each construct inside it that stops it, file and line.
 */
class ImplicitCalleeDiagnosticsTest {

    @Test
    void aCalleeWhoseBodyCannotBeDifferentiatedIsReportedAtTheCallNamingTheConstruct() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Outer {
          @Differentiable
          static double f(double x) {
            return helper(x) + 1; // ERROR: [Adjoint.CalleeBody] Outer.helper receives a value that depends on the differentiated parameters; it is not @Differentiable ... Outer.java:17: [Adjoint.Expression] object allocation (new ...) ... Change that code, or write the derivatives of Outer.helper as @DerivativeOf rules
          }

          @Differentiable
          static double g(double x) {
            return helper(2.0) * x; // fine: a constant argument, and helper is package-private
          }

          static double helper(double x) {
            StringBuilder s = new StringBuilder();
            return x * s.length();
          }
        }
        """);
    }

    @Test
    void aProblemTwoCallsDeepIsQuotedThroughTheChain() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Deep {
          @Differentiable
          static double f(double x) {
            return middle(x); // ERROR: [Adjoint.CalleeBody] Deep.middle ... Deep.java:12: [Adjoint.CalleeBody] Deep.inner ... Deep.java:16: [Adjoint.Statement] a try statement
          }

          private static double middle(double x) {
            return inner(x * x) + x;
          }

          private static double inner(double x) {
            try {
              return Math.sqrt(x);
            } finally {
              x = 0;
            }
          }
        }
        """);
    }

    @Test
    void aRecursiveCalleeWhoseBodyFailsIsReportedOnce() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Rec {
          @Differentiable
          static double f(double x) {
            return down(x, 3); // ERROR: [Adjoint.CalleeBody] Rec.down ... Rec.java:13: [Adjoint.Statement] a synchronized block
          }

          private static double down(double x, int n) {
            if (n == 0) return x;
            synchronized (Rec.class) {
              x = x * 2;
            }
            return down(Math.sin(x), n - 1);
          }
        }
        """);
    }
}
