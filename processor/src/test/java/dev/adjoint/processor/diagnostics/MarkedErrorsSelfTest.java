package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The marker helper must be able to fail: one compilation with a known error, verified against
 * variants of the same source whose markers are wrong in one way each.
 */
class MarkedErrorsSelfTest {
    /** {@code %s} is replaced by the marker comment of line 8 (the synchronized block). */
    private static final String TEMPLATE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Self {
        @Differentiable
        static double f(double x, int n) {
          synchronized (Self.class) { x = x * 2; }  %s
          return x;
        }
      }
      """;

    private static Compilation compilation;

    @BeforeAll
    static void compileOnce() {
        compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(variant("// ERROR at `synchronized`: [Adjoint.Statement] a synchronized block ... remove it"));
    }

    private static JavaFileObject variant(String marker) {
        return JavaFileObjects.forSourceString("demo.Self", TEMPLATE.formatted(marker));
    }

    private static void verify(String marker) {
        MarkedErrors.verify(compilation, List.of(variant(marker)));
    }

    @Test
    void rightMarkerPasses() {
        verify("// ERROR at `synchronized`: [Adjoint.Statement] a synchronized block ... remove it");
        verify("// ERROR: [Adjoint.Statement]");
    }

    @Test
    void missingMarkerFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> verify(""));
        assertTrue(e.getMessage().contains("reported but not expected"), e.getMessage());
    }

    @Test
    void wrongTextFails() {
        assertThrows(AssertionError.class, () -> verify("// ERROR: [Adjoint.Expression]"));
        // fragments must appear in order
        assertThrows(AssertionError.class, () -> verify("// ERROR: remove it ... a synchronized block"));
    }

    @Test
    void wrongColumnFails() {
        AssertionError e =
                assertThrows(AssertionError.class, () -> verify("// ERROR at `x = x * 2`: [Adjoint.Statement]"));
        assertTrue(e.getMessage().contains("expected but not reported"), e.getMessage());
    }

    @Test
    void extraMarkerFails() {
        AssertionError e = assertThrows(
                AssertionError.class, () -> verify("// ERROR: [Adjoint.Statement] // ERROR: [Adjoint.Statement]"));
        assertTrue(e.getMessage().contains("expected but not reported"), e.getMessage());
    }

    @Test
    void markersAreParsed() {
        List<MarkedErrors.Expected> expected = MarkedErrors.expectations(
                List.of(variant("// ERROR at `synchronized`: [Adjoint.Statement] a synchronized // ERROR: second")));
        assertEquals(2, expected.size());
        assertEquals(8, expected.get(0).line());
        assertEquals("synchronized", expected.get(0).anchor());
        assertEquals(4, expected.get(0).anchorStart());
        assertEquals("[Adjoint.Statement] a synchronized", expected.get(0).text());
        assertEquals("second", expected.get(1).text());
        assertThrows(
                IllegalArgumentException.class,
                () -> MarkedErrors.expectations(List.of(variant("// ERROR at `nowhere`: x"))));
    }

    @Test
    void successfulCompilationWithMarkersFails() {
        Compilation ok = Compiler.javac().compile(JavaFileObjects.forSourceString("demo.Ok", """
        package demo;
        final class Ok {
          static int f() { return 1; } // ERROR: something
        }
        """));
        assertThrows(
                AssertionError.class,
                () -> MarkedErrors.verify(ok, List.of(JavaFileObjects.forSourceString("demo.Ok", """
        package demo;
        final class Ok {
          static int f() { return 1; } // ERROR: something
        }
        """))));
    }
}
