package dev.adjoint.processor.emit;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Generated code reads like the user's own: counted loops as {@code for}, no assignment that
 * changes nothing, versions of a name that ends in a digit numbered after an underscore, and
 * each statement group headed by the source line it comes from (whose text a unicode escape
 * cannot break).
 */
class ReadableCodeTest {
    private static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Readable {
        @Differentiable
        static double sum(double[] x, double scale) {
          double s = 0;
          double u2 = scale;
          for (int i = 0; i < x.length; i++) {
            s = s + x[i] * u2; // the text \\\\u000a stays text, no line break
            u2 = u2 * 0.5;
          }
          return s;
        }
      }
      """;

    private static String generated() {
        return TestCompiler.compileCached(SOURCE).generatedSource("demo.ReadableGrad");
    }

    @Test
    void gradientsStayRight() {
        check(
                Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Readable", "sum"),
                new double[] {0.3, -1.2, 2.5},
                0.7);
    }

    @Test
    void loopsReadAsWritten() {
        String source = generated();
        assertTrue(source.contains("for (int i = 0; i < x.length; i++) {"), source);
        assertTrue(source.contains("for (int iteration = "), source);
        assertFalse(source.contains("Next"), source);
        assertFalse(source.contains("while ("), source);
        assertTrue(source.contains("u2_2"), source);
        assertFalse(source.contains("u22"), source);
    }

    @Test
    void statementGroupsNameTheirSourceLine() {
        String source = generated();
        assertTrue(source.contains("// line 10: for (int i = 0; i < x.length; i++) {"), source);
        assertTrue(
                source.contains("// line 11: s = s + x[i] * u2; // the text \\\\\\\\u000a stays text, no line break"),
                source);
    }
}
