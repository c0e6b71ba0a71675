package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import dev.adjoint.runtime.Dual;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Array element reads at constant and int indices, arrays and scalars together, small models
 * (Rosenbrock, a regularised loss), {@code wrt} and the API it shapes, and the shape of a generated
 * class. Gradients against central finite differences, tangents against gradient · direction
 * (see {@link GradCheck}).
 */
class ArrayReadsAndModelsTest {
    static final String ARRAYS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class ArrayReads {
        @Differentiable
        static double arrays(double[] w, double[][] a, int i, int j) {
          double s = w[0] * w[1] + w[i] * a[i][j] + a[1][0] * a[0][1];
          double t = w[i + 1] * a[j][i - 1] - w[w.length - 1] * a[a.length - 1][a[0].length - 1];
          return s * t + w[i] * w[i] + a[i][j] / (1 + a[j][i] * a[j][i]);
        }

        @Differentiable
        static double mixed(double x, double[] w, double y) {
          return x * w[0] - y * w[1] + w[0] * w[1] * w[2];
        }
      }
      """;

    static final String MODELS = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Models {
        @Differentiable
        static double rosenbrock(double x, double y) {
          double a = 1 - x;
          double b = y - x * x;
          return a * a + 100 * b * b;
        }

        @Differentiable(wrt = "w")
        static double loss(double[] w, double[] x, double y, int n) {
          double p = w[0] * x[0] + w[1] * x[1] + w[2];
          double r = p - y;
          return r * r / n + 0.01 * w[n] * w[n];
        }
      }
      """;

    private static Compiled models() {
        return TestCompiler.compileCached(MODELS);
    }

    static Stream<Arguments> arrayPoints() {
        return Stream.of(
                Arguments.of(
                        new double[] {0.5, -1.2, 2.0, 0.7},
                        new double[][] {{1, 2, -3}, {0.4, -0.5, 0.6}, {-1.1, 0.9, 0.3}},
                        1,
                        2),
                Arguments.of(
                        new double[] {-0.5, 1.3, -2.0, 0.1},
                        new double[][] {{0.2, -2, 1}, {1.4, 0.5, -0.6}, {2.1, -0.9, 0.8}},
                        2,
                        0),
                Arguments.of(
                        new double[] {1.5, 0.3, -0.2, -0.9},
                        new double[][] {{-1, 0.2, 0.3}, {0.7, 1.5, 0.6}, {0.1, 0.9, -1.3}},
                        1,
                        1));
    }

    @ParameterizedTest
    @MethodSource("arrayPoints")
    void arrayElementsAtConstantAndIntIndices(double[] w, double[][] a, int i, int j) {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(ARRAYS), "demo.ArrayReads", "arrays");
        check(f, w, a, i, j);
    }

    @ParameterizedTest
    @MethodSource("dev.adjoint.processor.e2e.StraightLineTest#xy")
    void scalarsAndArrayTogether(double x, double y) {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(ARRAYS), "demo.ArrayReads", "mixed");
        Differentiated.Gradient g = check(f, x, new double[] {y, x - y, 0.5}, y);
        assertEquals(y, g.scalar("x"), 1e-15);
        assertEquals(-(x - y), g.scalar("y"), 1e-15);
    }

    @ParameterizedTest
    @MethodSource("dev.adjoint.processor.e2e.StraightLineTest#xy")
    void rosenbrock(double x, double y) {
        Differentiated f = Differentiated.of(models(), "demo.Models", "rosenbrock");
        Differentiated.Gradient g = check(f, x, y);
        double b = y - x * x;
        assertEquals((1 - x) * (1 - x) + 100 * b * b, g.value(), 1e-12);
        assertEquals(-2 * (1 - x) - 400 * x * b, g.scalar("x"), 1e-10);
        assertEquals(200 * b, g.scalar("y"), 1e-10);
        Dual t = f.tangent(new Object[] {x, y}, 0.3, -0.6);
        assertEquals(0.3 * g.scalar("x") - 0.6 * g.scalar("y"), t.tangent(), 1e-9);
    }

    @Test
    void rosenbrockAtItsMinimum() {
        Differentiated f = Differentiated.of(models(), "demo.Models", "rosenbrock");
        assertGradient(f, new Object[] {1.0, 1.0}, 0.0, 0.0);
    }

    @Test
    void wrtSelectsParametersAndShapesTheApi() throws Exception {
        Differentiated f = Differentiated.withWrt(models(), "demo.Models", "loss", "w");
        // The record holds value and dw only; the tangent takes (w, dw, x, y, n).
        Class<?> grad = f.gradClass();
        Class<?> rec = grad.getMethod("loss", double[].class, double[].class, double.class, int.class)
                .getReturnType();
        assertEquals(
                List.of("value", "dw"),
                Stream.of(rec.getRecordComponents()).map(c -> c.getName()).toList());
        grad.getMethod("lossTangent", double[].class, double[].class, double[].class, double.class, int.class);

        for (int n : new int[] {1, 2}) {
            double[] w = {0.3, -1.1, 0.8};
            double[] x = {1.5, -0.4};
            double y = 0.9;
            Differentiated.Gradient g = check(f, w, x, y, n);
            double r = w[0] * x[0] + w[1] * x[1] + w[2] - y;
            double[] expected = {2 * r * x[0] / n, 2 * r * x[1] / n, 2 * r / n};
            expected[n] += 0.02 * w[n];
            assertArrayEquals(expected, g.vector("w"), 1e-12);
        }
    }

    @Test
    void generatedClassShape() {
        Compiled c = models();
        Class<?> grad = c.load("demo.ModelsGrad");
        assertTrue(Modifier.isPublic(grad.getModifiers()) && Modifier.isFinal(grad.getModifiers()));
        for (Constructor<?> k : grad.getDeclaredConstructors()) {
            assertTrue(Modifier.isPrivate(k.getModifiers()), "ModelsGrad must not be instantiable: " + k);
        }
        String src = c.generatedSource("demo.ModelsGrad");
        assertTrue(
                src.contains("@Generated") || src.contains("@javax.annotation.processing.Generated"),
                "ModelsGrad must be marked @Generated:\n" + src);
    }
}
