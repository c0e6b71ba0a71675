package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import dev.adjoint.runtime.internal.IntStack;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bodies too large for one JIT-compilable method are cut into helper parts that pass values
 * through frames. The derivatives must not notice: values, arrays, loop outputs, branch outputs
 * and the stacks' tops all cross the cuts here, and every gradient is checked numerically.
 */
class SplitMethodsTest {
    /** Long straight-line stretches around a loop that saves values, a local array and a branch. */
    private static String source() {
        StringBuilder body = new StringBuilder();
        body.append("    double s = x;\n    double t = y;\n    double[] a = new double[4];\n");
        for (int i = 0; i < 300; i++) body.append(step(i));
        body.append("""
            a[0] = s; a[1] = t * s; a[2] = Math.cos(s); a[3] = w[1] * t;
            for (int i = 0; i < w.length; i++) {
              s = Math.sin(s * w[i]) + t * 0.5;
              t = t * 0.9 + s * w[i] * 0.1;
            }
            double branch = s > 0 ? Math.exp(-s * s) : s * t;
        """);
        for (int i = 0; i < 300; i++) body.append(step(i + 1));
        body.append("    return s + t + branch + a[0] * a[1] + a[2] - a[3] + w[0] * w[2];\n");
        return """
        package demo;
        import dev.adjoint.Differentiable;
        final class Big {
          @Differentiable
          static double f(double x, double y, double[] w) {
        %s  }
        }
        """.formatted(body);
    }

    private static String step(int i) {
        return switch (i % 5) {
            case 0 -> "    s = s * 0.99 + Math.sin(t) * 0.01;\n";
            case 1 -> "    t = t * 0.98 + s * w[" + (i % 3) + "] * 0.02;\n";
            case 2 -> "    s = s + Math.tanh(s * t) * 0.01;\n";
            case 3 -> "    t = t - Math.log1p(s * s) * 0.001;\n";
            default -> "    s = Math.sqrt(s * s + 1e-3) * 0.999 + x * 0.001;\n";
        };
    }

    private static final TestCompiler.Compiled COMPILED = TestCompiler.compileCached(source());

    @Test
    void bothModesAreCutIntoParts() {
        Class<?> grad = COMPILED.load("demo.BigGrad");
        List<String> parts = Arrays.stream(grad.getDeclaredMethods())
                .filter(m -> m.getName().contains("Part"))
                .peek(m -> assertTrue(Modifier.isPrivate(m.getModifiers()), m + " is private"))
                .map(Method::getName)
                .toList();
        assertTrue(parts.contains("fPart1") && parts.contains("fPart2"), "reverse parts: " + parts);
        assertTrue(parts.contains("fTangentPart1") && parts.contains("fTangentPart2"), "tangent parts: " + parts);
    }

    @Test
    void gradientsOfACutBodyMatchFiniteDifferences() {
        Differentiated f = Differentiated.of(COMPILED, "demo.Big", "f");
        check(f, 0.7, 0.3, new double[] {0.5, -0.2, 0.9});
        check(f, -0.4, 1.1, new double[] {1.2, 0.3, -0.6, 0.25});
        check(f, 1.5, -0.8, new double[] {-0.3, 0.8, 0.1});
    }

    @Test
    void theStacksAreLeftAsFound() {
        Differentiated f = Differentiated.of(COMPILED, "demo.Big", "f");
        int doubles = DoubleStack.forThisThread().size();
        int ints = IntStack.forThisThread().size();
        Differentiated.Gradient first = f.gradient(0.7, 0.3, new double[] {0.5, -0.2, 0.9});
        for (int k = 0; k < 3; k++) {
            Differentiated.Gradient again = f.gradient(0.7, 0.3, new double[] {0.5, -0.2, 0.9});
            assertEquals(first.value(), again.value());
            assertEquals(first.scalar("x"), again.scalar("x"));
            assertTrue(Arrays.equals(first.vector("w"), again.vector("w")));
        }
        assertEquals(doubles, DoubleStack.forThisThread().size(), "double stack size");
        assertEquals(ints, IntStack.forThisThread().size(), "int stack size");
    }
}
