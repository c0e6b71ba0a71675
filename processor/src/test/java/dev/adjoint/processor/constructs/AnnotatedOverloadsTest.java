package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two or more {@code @Differentiable} overloads of one name (issue 16, point 3): their methods keep
 * the name (Java tells them apart by their parameters) and their records get the parameter types
 * ({@code Erf_double}, {@code Erf_double_double}); a differentiated caller reaches the derivative of
 * the overload javac picks. Every derivative is checked against central differences in both modes.
 */
class AnnotatedOverloadsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Erfs {
        @Differentiable
        static double erf(double x) {
          return Math.tanh(1.2 * x + 0.1 * x * x * x);
        }

        // the difference erf(x2) - erf(x1), as commons-numbers writes it
        @Differentiable
        static double erf(double x1, double x2) {
          return erf(x2) - erf(x1);
        }

        @Differentiable
        static double both(double a, double b) {
          return erf(a * b) + erf(a, b) * b;
        }

        @Differentiable
        static double sum(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) s += v[i] * v[i];
          return s;
        }

        @Differentiable
        static double sum(double[] v, double w) {
          return sum(v) * w + v[0];
        }

        @Differentiable
        static double[] scaled(double[] p) {
          double[] r = new double[p.length];
          for (int i = 0; i < p.length; i++) r[i] = Math.sin(p[i]);
          return r;
        }

        @Differentiable
        static double[] scaled(double[] p, double s) {
          double[] r = new double[p.length];
          for (int i = 0; i < p.length; i++) r[i] = s * p[i] * p[i];
          return r;
        }

        @Differentiable
        static double usesVectors(double[] p, double s) {
          double[] a = scaled(p);
          double[] b = scaled(p, s);
          return a[0] * b[1] + a[1];
        }

        @Differentiable(order = 2)
        static double quad(double x) {
          return x * x * x;
        }

        @Differentiable(order = 2)
        static double quad(double[] w, double x) {
          return w[0] * x * x + w[1] * Math.exp(x);
        }
      }
      """;

    static final String INSTANCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Model {
        private final double scale = 1.5;

        @Differentiable
        double value(double x) {
          return scale * Math.log1p(x * x);
        }

        @Differentiable
        double value(double x, double y) {
          return value(x) * y + value(y);
        }
      }
      """;

    @Test
    void eachOverloadHasItsRecordAndItsDerivatives() {
        var compiled = TestCompiler.compileCached(SOURCE);
        check(Differentiated.overload(compiled, "demo.Erfs", "erf", "Erf_double", double.class), 0.7);
        Differentiated two =
                Differentiated.overload(compiled, "demo.Erfs", "erf", "Erf_double_double", double.class, double.class);
        check(two, -0.4, 1.3);
        check(
                Differentiated.overload(compiled, "demo.Erfs", "sum", "Sum_doubleArray", double[].class),
                new double[] {0.5, -1.5, 2});
        check(
                Differentiated.overload(
                        compiled, "demo.Erfs", "sum", "Sum_doubleArray_double", double[].class, double.class),
                new double[] {0.5, -1.5, 2},
                0.3);
        check(Differentiated.overload(compiled, "demo.Erfs", "quad", "Quad_double", double.class), 1.1);
        check(
                Differentiated.overload(
                        compiled, "demo.Erfs", "quad", "Quad_doubleArray_double", double[].class, double.class),
                new double[] {0.5, 2},
                0.3);
    }

    @Test
    void callsReachTheOverloadJavacPicks() {
        var compiled = TestCompiler.compileCached(SOURCE);
        // a call that reached the other overload's derivative would not match these differences
        check(Differentiated.of(compiled, "demo.Erfs", "both"), 0.6, -0.9);
        check(Differentiated.of(compiled, "demo.Erfs", "usesVectors"), new double[] {0.4, 1.2}, 0.7);
    }

    @Test
    void vectorAndSecondOrderRecordsFollowTheRule() {
        var compiled = TestCompiler.compileCached(SOURCE);
        List<String> records = Arrays.stream(compiled.load("demo.ErfsGrad").getDeclaredClasses())
                .map(Class::getSimpleName)
                .filter(n -> n.startsWith("Scaled") || n.startsWith("Quad"))
                .sorted()
                .toList();
        assertEquals(
                List.of(
                        "Quad_double",
                        "Quad_doubleArray_double",
                        "Quad_doubleArray_doubleHessian",
                        "Quad_doubleArray_doubleHvp",
                        "Quad_doubleHessian",
                        "Quad_doubleHvp",
                        "Scaled_doubleArrayJacobian",
                        "Scaled_doubleArrayVjp",
                        "Scaled_doubleArray_doubleJacobian",
                        "Scaled_doubleArray_doubleVjp"),
                records);
    }

    @Test
    void instanceOverloadsTakeTheReceiverFirst() throws ReflectiveOperationException {
        var compiled = TestCompiler.compileCached(INSTANCE);
        var ctor = compiled.load("demo.Model").getDeclaredConstructor();
        ctor.setAccessible(true);
        Object model = ctor.newInstance();
        check(
                Differentiated.overload(compiled, "demo.Model", "value", "Value_double", double.class)
                        .on(model),
                0.8);
        check(
                Differentiated.overload(
                                compiled, "demo.Model", "value", "Value_double_double", double.class, double.class)
                        .on(model),
                0.8,
                -1.7);
    }
}
