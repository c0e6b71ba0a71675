package dev.adjoint.processor.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.corpus.CorpusSources.CorpusMethod;
import dev.adjoint.processor.corpus.CorpusSources.SourceFile;
import dev.adjoint.processor.testing.TestCompiler;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus's own checks can fail: on a small class written here (not part of the corpus), the
 * gradient check passes on smooth methods with scalar and array parameters, and fails where the
 * derivative and the finite difference disagree (max(x, 0) at its kink, where the difference is
 * 1/2); the point check refuses a point where the method is not finite.
 */
class CorpusGradientsTest {

    private static final String SOURCE = """
      package corpusdemo;

      public final class Shapes {
        @dev.adjoint.Differentiable
        public static double weighted(double[] a, double[] b, int n, double s) {
          double sum = 0;
          for (int i = 0; i < n; i++) {
            sum += a[i] * Math.sin(b[i]);
          }
          return s * sum;
        }

        @dev.adjoint.Differentiable
        public static double kink(double x) {
          return Math.max(x, 0.0);
        }

        @dev.adjoint.Differentiable
        public static double inverse(double x) {
          return 1 / x;
        }
      }
      """;

    private static CorpusMethod method(List<CorpusMethod> methods, String name) {
        return methods.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static CorpusPoints.Entry points(Object[]... points) {
        return new CorpusPoints.Entry(null, new double[0], List.of(points), 1e-5);
    }

    @Test
    void checksPassOnSmoothMethodsAndFailWhereTheDerivativeDisagrees() throws Exception {
        List<CorpusMethod> methods =
                CorpusSources.annotatedMethods(new SourceFile("demo", Path.of("corpusdemo/Shapes.java"), SOURCE));
        assertEquals(
                List.of(
                        "corpusdemo.Shapes.weighted(double[],double[],int,double)",
                        "corpusdemo.Shapes.kink(double)",
                        "corpusdemo.Shapes.inverse(double)"),
                methods.stream().map(CorpusMethod::key).toList());
        TestCompiler.Compiled compiled = TestCompiler.compile(SOURCE);

        CorpusGradients.check(compiled, method(methods, "weighted"), points(new Object[] {
            new double[] {1.5, -2, 0.3}, new double[] {0.2, 1.1, -0.7}, 3.0, 0.8
        }));
        CorpusGradients.check(compiled, method(methods, "kink"), points(new Object[] {-1.5}, new Object[] {2.0}));

        AssertionError wrong = assertThrows(
                AssertionError.class,
                () -> CorpusGradients.check(compiled, method(methods, "kink"), points(new Object[] {0.0})));
        assertTrue(wrong.getMessage().contains("finite difference"), wrong.getMessage());
        AssertionError infinite = assertThrows(
                AssertionError.class,
                () -> CorpusGradients.checkPoints(compiled, method(methods, "inverse"), points(new Object[] {0.0})));
        assertTrue(infinite.getMessage().contains("choose another point"), infinite.getMessage());
    }
}
