package dev.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import org.junit.jupiter.api.Test;

/** A method whose derivatives cannot fit one JVM method gets an error on it, never a generated file that fails to compile. */
class SizeLimitTest {
    private static final String LINE = "    s = s * 0.999 + Math.sin(s * y) * 0.01 + c;\n";

    /** A straight-line body of {@code statements} lines, or the same lines inside a loop's body. */
    private static Compilation compile(int statements, boolean inLoop) {
        String body = inLoop
                ? "    for (int i = 0; i < 3; i++) {\n" + LINE.repeat(statements) + "    }\n"
                : LINE.repeat(statements);
        String source = """
        package demo;
        import dev.adjoint.Differentiable;
        final class Long {
          @Differentiable
          static double f(double x, double y, double c) {
            double s = x;
        %s    return s;
          }
        }
        """.formatted(body);
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Long", source));
    }

    @Test
    void aLongStraightLineBodyIsCutIntoPartsAndCompiles() {
        assertThat(compile(1500, false)).succeededWithoutWarnings();
    }

    @Test
    void aLoopThatFitsCompiles() {
        assertThat(compile(300, true)).succeededWithoutWarnings();
    }

    @Test
    void aLoopTooLargeForOneJvmMethodIsAnErrorOnIt() {
        Compilation c = compile(1500, true);
        assertThat(c).hadErrorCount(1); // and none from a generated file
        assertThat(c).hadErrorContaining("[Adjoint.TooLarge] the derivatives of f would need");
        assertThat(c).hadErrorContaining("in one loop or branch");
        assertThat(c).hadErrorContaining("split it into smaller @Differentiable methods");
        org.junit.jupiter.api.Assertions.assertEquals(
                5, c.errors().get(0).getLineNumber(), "on the method's declaration");
    }
}
