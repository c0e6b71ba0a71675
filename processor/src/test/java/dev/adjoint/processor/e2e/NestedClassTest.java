package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.lang.reflect.Modifier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code @Differentiable} methods in static nested classes: {@code p.Outer.Inner} → {@code p.Outer_InnerGrad}. */
class NestedClassTest {

    static final String OUTER = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Outer {
        private Outer() {}

        public static final class Inner {
          static final double J = 0.5;

          private Inner() {}

          @Differentiable
          static double f(double x, double y) {
            return x * Math.sin(y) + J * y;
          }

          @Differentiable
          static double g(double x) {
            return f(x, x) * x + Inner.f(1.0, x);
          }
        }
      }
      """;

    static final String SHELL = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Shell {
        static final double K = 1.5;

        @Differentiable
        static double top(double x) {
          return K * x * x + Core.h(x);
        }

        static final class Core {
          @Differentiable
          static double h(double x) {
            return K * Math.exp(x) + x;
          }
        }
      }
      """;

    static final String DEEP = """
      package demo;

      import dev.adjoint.Differentiable;

      final class A {
        static final class B {
          static final class C {
            @Differentiable
            static double k(double x) {
              return x * x * x;
            }
          }
        }
      }
      """;

    static Stream<Arguments> xy() {
        return Stream.of(
                Arguments.of(0.7, -0.3), Arguments.of(-1.2, 0.9), Arguments.of(0.25, 1.6), Arguments.of(-0.6, -1.1));
    }

    @ParameterizedTest
    @MethodSource("xy")
    void staticNestedClass(double x, double y) {
        Compiled c = TestCompiler.compileCached(OUTER);
        assertTrue(c.hasClass("demo.Outer_InnerGrad"), "generated: " + c.classNames());
        assertFalse(c.hasClass("demo.OuterGrad"), "Outer declares no @Differentiable method itself");
        Class<?> grad = c.load("demo.Outer_InnerGrad");
        assertTrue(Modifier.isPublic(grad.getModifiers()) && Modifier.isFinal(grad.getModifiers()));
        assertEquals(null, grad.getEnclosingClass(), "Outer_InnerGrad is a top-level class");

        Differentiated.Gradient gf = check(Differentiated.of(c, "demo.Outer$Inner", "f"), x, y);
        assertEquals(Math.sin(y), gf.scalar("x"), 1e-14);
        assertEquals(x * Math.cos(y) + 0.5, gf.scalar("y"), 1e-14);
        Differentiated.Gradient gg = check(Differentiated.of(c, "demo.Outer$Inner", "g"), x);
        // g = x² sin x + 0.5 x² + sin x + 0.5 x
        assertEquals(2 * x * Math.sin(x) + x * x * Math.cos(x) + x + Math.cos(x) + 0.5, gg.scalar("x"), 1e-12);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void outerAndNestedBothDifferentiable(double x, double ignored) {
        Compiled c = TestCompiler.compileCached(SHELL);
        assertTrue(c.hasClass("demo.ShellGrad") && c.hasClass("demo.Shell_CoreGrad"), "generated: " + c.classNames());
        Differentiated.Gradient g = check(Differentiated.of(c, "demo.Shell", "top"), x);
        assertEquals(3 * x + 1.5 * Math.exp(x) + 1, g.scalar("x"), 1e-12);
        check(Differentiated.of(c, "demo.Shell$Core", "h"), x);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void twoLevelsOfNesting(double x, double ignored) {
        // API.md names one level (p.Outer_InnerGrad); two levels are taken to give p.A_B_CGrad.
        Compiled c = TestCompiler.compileCached(DEEP);
        assertTrue(c.hasClass("demo.A_B_CGrad"), "generated: " + c.classNames());
        Differentiated.Gradient g = check(Differentiated.of(c, "demo.A$B$C", "k"), x);
        assertEquals(3 * x * x, g.scalar("x"), 1e-13);
    }
}
