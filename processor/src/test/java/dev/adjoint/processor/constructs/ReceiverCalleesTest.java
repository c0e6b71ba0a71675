package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instance {@code @Differentiable} method calling its own class's unannotated instance methods,
 * private ones included (issue 16, point 3): each is derived from its body like an unannotated
 * static callee, into private methods of the generated class that take the receiver first and read
 * its fields (private ones through VarHandles) as constants. Checked against central differences in
 * both modes.
 */
class ReceiverCalleesTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Density {
        private final double rate;
        private final double[] weights = {0.5, -0.25};

        Density() {
          this.rate = 1.7;
        }

        @Differentiable
        double logDensity(double x) {
          return logKernel(x) + this.shape(x * x) - normalizer();
        }

        private double logKernel(double x) {
          return -rate * x + Math.log(rate) + weights[0] * square(x);
        }

        double shape(double y) {
          return weights[1] * Math.sqrt(1 + y) + logKernel(0.5 * y);
        }

        double normalizer() {
          return Math.log1p(rate);
        }

        private static double square(double x) {
          return x * x;
        }
      }
      """;

    @Test
    void privateAndUnannotatedInstanceCalleesAreDifferentiated() throws ReflectiveOperationException {
        var compiled = TestCompiler.compileCached(SOURCE);
        var ctor = compiled.load("demo.Density").getDeclaredConstructor();
        ctor.setAccessible(true);
        Differentiated f =
                Differentiated.of(compiled, "demo.Density", "logDensity").on(ctor.newInstance());
        check(f, 0.8);
        check(f, -1.3);
        // derived, not called: private methods of the generated class taking the receiver first
        List<String> derived = Arrays.stream(f.gradClass().getDeclaredMethods())
                .filter(m -> Modifier.isPrivate(m.getModifiers()))
                .filter(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] == ctor.getDeclaringClass())
                .map(Method::getName)
                .filter(n -> n.startsWith("density_"))
                .distinct()
                .sorted()
                .toList();
        assertEquals(
                List.of("density_logKernel", "density_logKernelTangent", "density_shape", "density_shapeTangent"),
                derived);
    }
}
