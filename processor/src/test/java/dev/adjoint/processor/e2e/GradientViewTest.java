package dev.adjoint.processor.e2e;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.Gradient;
import dev.adjoint.runtime.Sgd;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Gradient records with array components are {@link Gradient}s: {@code arrays()} lists the
 * record's own arrays in parameter order (a matrix as its rows), so one optimiser call steps a
 * whole model. And the generated code passes a user's strict build ({@code -Xlint:all -Werror}).
 */
class GradientViewTest {

    static final String MODEL = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Model {
        /** sum w[i][j]^2 + s * (b . b) + s^3, with w 2x2, b of length 3 */
        @Differentiable
        public static double loss(double[][] w, double s, double[] b) {
          double sum = 0;
          for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[i].length; j++) {
              sum += w[i][j] * w[i][j];
            }
          }
          for (int k = 0; k < b.length; k++) {
            sum += s * b[k] * b[k];
          }
          return sum + s * s * s;
        }

        /** Named like the runtime interface: its record Gradient must not hide it. */
        @Differentiable
        public static double gradient(double[] a, double[] c) {
          return a[0] * c[1];
        }

        @Differentiable
        public static double scalarsOnly(double x) {
          return x * x;
        }
      }
      """;

    @Test
    void arraysAreTheRecordsOwnInParameterOrder() throws Exception {
        ClassLoader loader = TestCompiler.compile(MODEL).classLoader();
        Class<?> grad = loader.loadClass("demo.ModelGrad");
        Method loss = grad.getMethod("loss", double[][].class, double.class, double[].class);
        double[][] w = {{1, 2}, {3, 4}};
        double[] b = {1, -1, 2};
        Object g = loss.invoke(null, w, 0.5, b);
        Gradient view = (Gradient) g;
        assertEquals(1 + 4 + 9 + 16 + 0.5 * 6 + 0.125, view.value(), 1e-12);
        double[][] dw = (double[][]) g.getClass().getMethod("dw").invoke(g);
        double[] db = (double[]) g.getClass().getMethod("db").invoke(g);
        double[][] arrays = view.arrays();
        assertEquals(3, arrays.length);
        assertSame(dw[0], arrays[0]);
        assertSame(dw[1], arrays[1]);
        assertSame(db, arrays[2]);
        assertArrayEquals(new double[] {2, 4}, arrays[0], 1e-12); // 2 w
        assertArrayEquals(new double[] {6, 8}, arrays[1], 1e-12);
        assertArrayEquals(new double[] {1, -1, 2}, arrays[2], 1e-12); // 2 s b

        // one call steps the matrix's rows and the vector
        double[][] params = Gradient.concat(w, new double[][] {b});
        new Sgd(0.25).step(params, view);
        assertArrayEquals(new double[] {0.5, 1}, w[0], 1e-12);
        assertArrayEquals(new double[] {1.5, 2}, w[1], 1e-12);
        assertArrayEquals(new double[] {0.75, -0.75, 1.5}, b, 1e-12);

        Class<?> named = loader.loadClass("demo.ModelGrad$Gradient");
        assertTrue(Gradient.class.isAssignableFrom(named), "record ModelGrad.Gradient is a runtime Gradient");
        Object h = grad.getMethod("gradient", double[].class, double[].class)
                .invoke(null, new double[] {3}, new double[] {0, 5});
        double[][] hArrays = ((Gradient) h).arrays();
        assertArrayEquals(new double[] {5}, hArrays[0], 0);
        assertArrayEquals(new double[] {0, 3}, hArrays[1], 0);

        assertFalse(
                Gradient.class.isAssignableFrom(loader.loadClass("demo.ModelGrad$ScalarsOnly")),
                "a record of scalars has nothing to step in place");
    }

    @Test
    void aStrictBuildIsClean() {
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(JavaFileObjects.forSourceString("demo.Model", MODEL));
        assertThat(compilation).succeededWithoutWarnings();
    }
}
