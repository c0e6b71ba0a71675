package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import dev.adjoint.runtime.Dual;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated code must compile, and be right, whatever names the user picks: locals and
 * parameters that look like generated names, a parameter named {@code value}, parameters
 * {@code x} and {@code dx} both differentiated, a class whose generated record shadows it, and
 * locals that obscure the class, its package and {@code java}/{@code dev}.
 */
class NamesTest {

    static final String NAMES = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Names {
        @Differentiable
        static double locals(double x, double y) {
          double dx = x * y;
          double value = dx + x;
          double grad = value * value;
          double xBar = grad - y;
          double xDot = xBar * x;
          double t0 = xDot + 1;
          double tmp = t0 * y;
          double result = tmp - dx;
          double tangent = result * 0.5;
          double adj = tangent + value;
          double $t = adj * x;
          double x$1 = $t - grad;
          double _x = x$1 + xBar;
          double dy = _x * 0.1;
          double ddx = dy + dx;
          double bar = ddx * y;
          double dot = bar - xDot;
          return _x + tmp + dot;
        }

        @Differentiable
        static double paramValue(double value, double x) {
          return value * x + value * value;
        }

        @Differentiable
        static double xAndDx(double x, double dx) {
          return x * dx + dx * dx + Math.sin(x);
        }

        @Differentiable
        static double xDxDdx(double x, double dx, double ddx) {
          return x * dx * ddx + ddx;
        }

        @Differentiable
        static double unused(double x) {
          double unused = Math.acos(2 * x);
          return x * x;
        }

        @Differentiable
        static double unusedLog(double x) {
          double a = Math.log(x);
          double b = Math.sqrt(x) * a;
          return 3 * x;
        }
      }
      """;

    static final String MODEL = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Model {
        static final double RATE = 0.3;

        private Model() {}

        static double helper(int n) {
          return n * 0.5;
        }

        @Differentiable
        static double sq(double x) {
          return x * x;
        }

        @Differentiable
        static double model(double x, int n) {
          return RATE * x * x + helper(n) * x + Model.RATE + Model.helper(2) * sq(x) + Model.sq(x + 1);
        }
      }
      """;

    static final String SHADOW = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Shadow {
        static final double K = 2.0;

        static double helper(int n) {
          return n + 0.5;
        }

        @Differentiable
        static double square(double x) {
          return x * x;
        }

        @Differentiable
        static double obscured(double x, int n) {
          double Shadow = x * K;
          double ShadowGrad = Shadow * helper(n);
          double demo = ShadowGrad + square(x);
          double dev = demo * x;
          double java = dev + Math.sin(x);
          double Dual = java * 0.5;
          double Square = Dual + x;
          double Obscured = Square * Square;
          return Obscured + java;
        }
      }
      """;

    static final String PARAM_NAMED_MATH = """
      package demo;

      import dev.adjoint.Differentiable;

      final class ObscuredMath {
        @Differentiable
        static double f(double Math, double x) {
          return StrictMath.abs(x) * StrictMath.max(x, Math) + StrictMath.pow(x, 3)
              + StrictMath.log10(Math) + StrictMath.tan(x) * Math;
        }
      }
      """;

    /** {@code f} and {@code fTangent(double, double)}: ClashGrad.fTangent would be defined twice. */
    static final String CLASH_TANGENT = """
      package demo;

      import dev.adjoint.Differentiable;

      final class ClashTangent {
        @Differentiable
        static double f(double x) {
          return x * x;
        }

        @Differentiable
        static double fTangent(double x, double y) {
          return x * y;
        }
      }
      """;

    /** {@code foo} and {@code Foo}: both records would be named ClashCaseGrad.Foo. */
    static final String CLASH_CASE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class ClashCase {
        @Differentiable
        static double foo(double x) {
          return x * x;
        }

        @Differentiable
        static double Foo(double x) {
          return 3 * x;
        }
      }
      """;

    private static Differentiated names(String m) {
        return Differentiated.of(TestCompiler.compileCached(NAMES), "demo.Names", m);
    }

    static Stream<Arguments> xy() {
        return Stream.of(
                Arguments.of(0.7, -0.3), Arguments.of(-1.2, 0.9), Arguments.of(0.25, 1.6), Arguments.of(-0.6, -1.1));
    }

    @ParameterizedTest
    @MethodSource("xy")
    void localsNamedLikeGeneratedCode(double x, double y) {
        check(names("locals"), x, y);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void parameterNamedValue(double value, double x) {
        Differentiated f = names("paramValue");
        assertEquals(List.of("value", "dvalue", "dx"), componentNames(f, "paramValue", double.class, double.class));
        Differentiated.Gradient g = check(f, value, x);
        assertEquals(value * x + value * value, g.value(), 1e-14);
        assertEquals(x + 2 * value, g.scalar("value"), 1e-14);
        assertEquals(value, g.scalar("x"), 1e-14);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void parametersXAndDx(double x, double dx) {
        Differentiated f = names("xAndDx");
        assertEquals(List.of("value", "dx", "ddx"), componentNames(f, "xAndDx", double.class, double.class));
        Differentiated.Gradient g = check(f, x, dx);
        assertEquals(dx + Math.cos(x), g.scalar("x"), 1e-14);
        assertEquals(x + 2 * dx, g.scalar("dx"), 1e-14);
        // tangent signature (x, dx_tangent, dx, dx's tangent): direction (1, 0) and (0, 1)
        Dual t = f.tangent(new Object[] {x, dx}, 0.0, 1.0);
        assertEquals(x + 2 * dx, t.tangent(), 1e-14);
        check(names("xDxDdx"), x, dx, x - dx);
        assertEquals(
                List.of("value", "dx", "ddx", "dddx"),
                componentNames(names("xDxDdx"), "xDxDdx", double.class, double.class, double.class));
    }

    @Test
    void unusedValueIsPrunedAndCannotPoisonTheGradient() {
        Differentiated f = names("unused");
        // acos(6) is NaN and its derivative 1/sqrt(1-36) is NaN: neither may reach the result.
        assertGradient(f, new Object[] {3.0}, 6.0);
        assertEquals(9.0, f.gradient(3.0).value());
        assertEquals(9.0, f.tangent(new Object[] {3.0}, 1.0).value());
        check(f, 3.0);
        check(f, 0.2);
        check(f, -0.4);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, 0.0, 1.5})
    void unusedLogOfNonPositiveIsPruned(double x) {
        assertGradient(names("unusedLog"), new Object[] {x}, 3.0);
    }

    static Stream<Arguments> modelPoints() {
        return Stream.of(Arguments.of(0.4, 3), Arguments.of(-1.7, 0), Arguments.of(2.2, -5));
    }

    @ParameterizedTest
    @MethodSource("modelPoints")
    void recordShadowingTheUserClass(double x, int n) {
        Compiled c = TestCompiler.compileCached(MODEL);
        Differentiated f = Differentiated.of(c, "demo.Model", "model");
        assertEquals(
                "demo.ModelGrad$Model",
                recordOf(f, "model", double.class, int.class).getName());
        Differentiated.Gradient g = check(f, x, n);
        double expected = 0.6 * x + n * 0.5 + 2 * x + 2 * (x + 1);
        assertEquals(expected, g.scalar("x"), 1e-12);
        check(Differentiated.of(c, "demo.Model", "sq"), x);
    }

    @ParameterizedTest
    @MethodSource("modelPoints")
    void localsObscuringTypesAndPackages(double x, int n) {
        Compiled c = TestCompiler.compileCached(SHADOW);
        check(Differentiated.of(c, "demo.Shadow", "obscured"), x, n);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void parameterNamedMath(double x, double ignored) {
        // A parameter named Math obscures java.lang.Math in the method's scope: the user wrote
        // StrictMath, and the generated code must not reach for `Math.` either.
        Compiled c = TestCompiler.compileCached(PARAM_NAMED_MATH);
        check(Differentiated.of(c, "demo.ObscuredMath", "f"), 1.3, x);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClashTangent", "ClashCase"})
    void generatedNameClashesAreReportedOnTheUserMethods(String className) {
        // API.md fixes the generated names, so these cannot be generated; the user must get an
        // error on the clashing methods, never generated code that fails to compile.
        String src = className.equals("ClashTangent") ? CLASH_TANGENT : CLASH_CASE;
        Compilation c = TestCompiler.compileExpectingFailure(src);
        List<Diagnostic<? extends JavaFileObject>> errors = c.errors();
        assertFalse(errors.isEmpty());
        for (Diagnostic<? extends JavaFileObject> e : errors) {
            String file = e.getSource() == null ? "" : e.getSource().toUri().getPath();
            assertTrue(
                    file.matches("(?:.*/)?demo/" + className + "\\.java"),
                    "error must be on the user's source, not in generated code: " + e.getMessage(null) + " at " + file
                            + "\n" + TestCompiler.describeFailure(c, src));
        }
    }

    private static Class<?> recordOf(Differentiated f, String method, Class<?>... types) {
        try {
            return f.gradClass().getMethod(method, types).getReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> componentNames(Differentiated f, String method, Class<?>... types) {
        Class<?> rec = recordOf(f, method, types);
        assertTrue(rec.isRecord());
        return Stream.of(rec.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }
}
