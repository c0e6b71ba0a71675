package dev.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Bugs found while writing the diagnostics suite, each as the test that holds once it is fixed.
 * The fixed ones run as regression tests; those still {@code @Disabled} are open, each failing
 * today for the reason in its {@code @Disabled} text. Remove the annotation with the fix.
 */
class RegressionTest {

    private static Compilation compile(String... sources) {
        var files = new java.util.ArrayList<javax.tools.JavaFileObject>();
        for (String s : sources) files.add(JavaFileObjects.forSourceString(MarkedErrors.qualifiedName(s), s));
        return Compiler.javac().withProcessors(new DifferentiableProcessor()).compile(files);
    }

    private static void assertNoErrorInGeneratedFiles(Compilation c) {
        for (var d : c.diagnostics()) {
            org.junit.jupiter.api.Assertions.assertFalse(
                    d.getSource() != null && d.getSource().getName().contains("SOURCE_OUTPUT"),
                    "diagnostic in a generated file: " + MarkedErrors.format(d));
        }
        if (c.status() == Compilation.Status.FAILURE) {
            for (var d : c.errors()) {
                org.junit.jupiter.api.Assertions.assertTrue(
                        d.getMessage(null).startsWith("[Adjoint."), MarkedErrors.format(d));
            }
        }
    }

    @Test
    void privateNestedClassFieldRead() {
        assertThat(compile("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Outer {
          private static final class Inner {
            static double k = 2;
            @Differentiable static double f(double x) { return k * x; }
          }
        }
        """))
                .hadErrorContaining(
                        "[Adjoint.Private] field k is not accessible from the generated class Outer_InnerGrad");
    }

    @Test
    void privateNestedClassHelperCall() {
        assertThat(compile("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Host {
          private static final class Inner { static double h(int n) { return n; } }
          @Differentiable static double g(double x) { return Inner.h(2) * x; }
        }
        """))
                .hadErrorContaining(
                        "[Adjoint.Private] method Inner.h is not accessible from the generated class HostGrad");
    }

    @Test
    void methodNamesDifferingOnlyInCaseOfFirstLetter() {
        // fixed either by an error on the methods or by distinct generated names; never by a broken generated file
        assertNoErrorInGeneratedFiles(compile("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Case {
          @Differentiable static double m(double x) { return x; }
          @Differentiable static double M(double x) { return 2 * x; }
        }
        """));
    }

    @Test
    void methodNamedLikeAnotherTangent() {
        // fixed either by an error on the methods or by distinct generated names; never by a broken generated file
        assertNoErrorInGeneratedFiles(compile("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Clash {
          @Differentiable static double f(double x) { return x; }
          @Differentiable static double fTangent(double x, double y) { return x * y; }
        }
        """));
    }

    @Test
    void protectedInheritedStaticMembersFromAnotherPackage() {
        Compilation c = compile("""
        package base;
        public class Base {
          protected static double K = 2;
          protected static double help(int n) { return n; }
        }
        """, """
        package demo;
        import dev.adjoint.Differentiable;
        final class Derived extends base.Base {
          @Differentiable static double f(double x) { return K * x + help(1); }
        }
        """);
        assertNoErrorInGeneratedFiles(c); // fixed by a [Adjoint.Private]-like error, or by generated code that compiles
    }

    @Disabled(
            "bug: an instance call on a static field (RNG.nextDouble(), W.clone()) is reported as [Adjoint.UnknownName] 'cannot resolve RNG ... it must be ... a static field' although RNG is one")
    @Test
    void instanceCallOnStaticField() {
        MarkedErrors.check("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Rand {
          static final java.util.Random RNG = new java.util.Random();
          @Differentiable static double f(double x) {
            double r = RNG.nextDouble(); // ERROR: [Adjoint.InstanceCall] RNG.nextDouble is an instance method
            return x * r;
          }
        }
        """);
    }

    @Disabled(
            "bug: @Differentiable on a method of a local or anonymous class is silently ignored: no error and no generated class")
    @Test
    void localClassMethodIsNotSilentlyIgnored() {
        Compilation c = compile("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Local {
          static double host(double x) {
            class L { @Differentiable static double f(double v) { return v; } }
            return x;
          }
        }
        """);
        assertThat(c).hadErrorContaining("[Adjoint.");
    }

    @Test
    void noCompanionWhenTheSignatureDoesNotResolve() {
        Compilation c = compile("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Sig {
          @Differentiable static double f(double x, Missing m) { return x; }
        }
        """);
        assertThat(c).failed();
        for (var d : c.errors()) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    d.getSource() != null && !d.getSource().getName().contains("SOURCE_OUTPUT"),
                    "error in a generated file: " + MarkedErrors.format(d));
        }
    }

    @Test
    void longExpressionIsNotAnInternalError() {
        String source = "package demo;\nimport dev.adjoint.Differentiable;\nfinal class Long1000 {\n"
                + "  @Differentiable static double f(double x) { return " + "x + ".repeat(1000) + "x; }\n}\n";
        Compilation c = compile(source);
        for (var d : c.errors()) {
            org.junit.jupiter.api.Assertions.assertFalse(
                    d.getMessage(null).contains("[Adjoint.Internal]"), MarkedErrors.format(d));
        }
    }

    @Disabled(
            "bug: an unsupported statement is skipped, so a variable it assigns is then reported as [Adjoint.Unassigned] too: a second, false error")
    @Test
    void noCascadeAfterAnUnsupportedStatement() {
        MarkedErrors.check("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Cascade {
          @Differentiable static double f(double x, int n) {
            double y;
            switch (n) { default: y = x; } // ERROR: [Adjoint.Statement] a switch statement
            return y;
          }
        }
        """);
    }

    @Test
    void companionNameTakenIsAUserError() {
        Compilation c = compile("""
        package demo;
        import dev.adjoint.Differentiable;
        final class Named { @Differentiable static double f(double x) { return x; } }
        """, """
        package demo;
        final class NamedGrad { }
        """);
        assertThat(c).failed();
        assertThat(c).hadErrorCount(1);
        org.junit.jupiter.api.Assertions.assertFalse(
                c.errors().get(0).getMessage(null).contains("[Adjoint.Internal]"),
                MarkedErrors.format(c.errors().get(0)));
    }

    // ---- found in the loop support that was being added while this suite was written

    @Test
    void opaqueCallInsideALoop() {
        MarkedErrors.check("""
        package demo;
        import dev.adjoint.Differentiable;
        final class LoopCall {
          static double opaque(double v) { return v; }
          @Differentiable static double f(double x, int n) {
            double s = x;
            for (int i = 0; i < n; i++) { s = Double.sum(s, 1); } // ERROR: [Adjoint.OpaqueCall] Double.sum
            return s;
          }
        }
        """);
    }
}
