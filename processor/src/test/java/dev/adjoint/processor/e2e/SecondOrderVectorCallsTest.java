package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code order = 2} through calls of {@code double[]}-valued {@code @Differentiable} methods
 * (modes/second/CalleeHvp.java): the least-squares shape {@code double[] r = residuals(p, x); s +=
 * r[i] * r[i]}, whose Hessian is JᵀJ + Σ r_i H_i. The callee's value comes from its
 * {@code fTangent} (r and J·ṗ) and its backward sweep from its {@code fVjpHvp}, the second order
 * of its {@code fVjp} with the seed as one more input. {@link HessianCheck} checks each Hessian
 * against central differences of the gradient, its symmetry, and {@code mHvp} against Hessian · v;
 * the least-squares one is also checked against JᵀJ + Σ r_i H_i written out.
 */
class SecondOrderVectorCallsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Fit {
        /** A damped oscillation's residuals: p = (amplitude, decay, frequency). */
        @Differentiable(wrt = "p")
        static double[] residuals(double[] p, double[] t, double[] y) {
          double[] r = new double[t.length];
          for (int i = 0; i < t.length; i++) r[i] = p[0] * Math.exp(-p[1] * t[i]) * Math.cos(p[2] * t[i]) - y[i];
          return r;
        }

        @Differentiable(order = 2, wrt = "p")
        static double leastSquares(double[] p, double[] t, double[] y) {
          double[] r = residuals(p, t, y);
          double s = 0;
          for (int i = 0; i < r.length; i++) s += r[i] * r[i];
          return 0.5 * s;
        }

        /** A double and an array differentiated, a branch and a scalar callee inside. */
        @Differentiable
        static double[] features(double[] v, double w) {
          double[] out = new double[v.length + 1];
          for (int i = 0; i < v.length; i++) out[i] = v[i] > 0 ? Math.sin(w * v[i]) : w * v[i] * v[i];
          out[v.length] = Scalars.softAbs(w) * v[0];
          return out;
        }

        /** A vector callee that calls another. */
        @Differentiable
        static double[] nested(double[] v, double w) {
          double[] f = features(v, w * w);
          double[] out = new double[f.length];
          for (int i = 0; i < f.length; i++) out[i] = f[i] * f[i] + w;
          return out;
        }

        @Differentiable(order = 2)
        static double mixed(double[] v, double w) {
          double[] u = new double[v.length];
          for (int i = 0; i < v.length; i++) u[i] = v[i] * w + 0.1;
          double[] f = features(u, Math.cos(w));
          double s = 0;
          for (int i = 0; i < f.length; i++) s += Math.exp(0.3 * f[i]) * f[0];
          return s + nested(v, 0.5)[1] * w;
        }

        /** Two calls in a loop, and one whose arguments are constants to the caller (no tangents). */
        @Differentiable(order = 2)
        static double inALoop(double[] v, double w) {
          double s = 0;
          double[] fixed = new double[] {0.5, -0.25};
          for (int k = 0; k < 2; k++) {
            double[] f = features(v, w + k);
            s += f[k] * f[k + 1] + features(fixed, 0.75)[k] * w;
          }
          return s;
        }
      }

      final class Scalars {
        @Differentiable
        static double softAbs(double x) {
          return Math.sqrt(x * x + 0.01);
        }
      }

      /** A static vector callee of an instance order-2 method, given a private field (a constant). */
      final class Model {
        private final double[] times;

        Model(double[] times) {
          this.times = times;
        }

        @Differentiable(order = 2, wrt = "p")
        double loss(double[] p, double[] y) {
          double[] r = Fit.residuals(p, times, y);
          double s = 0;
          for (int i = 0; i < r.length; i++) s += Math.log(1 + r[i] * r[i]);
          return s;
        }
      }
      """;

    static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE);
    }

    static final double[] T = {0.0, 0.4, 0.9, 1.5, 2.2};
    static final double[] Y = {1.1, 0.6, -0.1, -0.5, -0.2};

    static Stream<Arguments> points() {
        return Stream.of(
                Arguments.of("mixed", new Object[] {new double[] {0.3, -0.7, 1.1}, 0.8}),
                Arguments.of("mixed", new Object[] {new double[] {-0.4, 0.2}, -1.3}),
                Arguments.of("inALoop", new Object[] {new double[] {0.3, -0.7, 1.1}, 0.6}),
                Arguments.of("inALoop", new Object[] {new double[] {-0.3, 0.9}, -0.2}));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("points")
    void hessianAndHvpAgreeWithFiniteDifferencesAndWithEachOther(String method, Object[] args) {
        HessianCheck.check(Differentiated.of(compiled(), "demo.Fit", method), args);
    }

    @Test
    void theLeastSquaresHessianIsJtJPlusTheResidualsTimesTheirHessians() throws Exception {
        Differentiated f = Differentiated.withWrt(compiled(), "demo.Fit", "leastSquares", "p");
        double[] p = {1.2, 0.7, 2.1};
        double[][] h = HessianCheck.check(f, p, T, Y);
        HessianCheck.check(f, new double[] {0.4, -0.2, 0.5}, T, Y);
        // r_i = a e^{-b t} cos(c t) - y_i: J and each H_i written out
        double[][] expected = new double[3][3];
        for (int i = 0; i < T.length; i++) {
            double t = T[i], e = Math.exp(-p[1] * t), c = Math.cos(p[2] * t), s = Math.sin(p[2] * t);
            double r = p[0] * e * c - Y[i];
            double[] j = {e * c, -t * p[0] * e * c, -t * p[0] * e * s};
            double[][] hi = {
                {0, -t * e * c, -t * e * s},
                {-t * e * c, t * t * p[0] * e * c, t * t * p[0] * e * s},
                {-t * e * s, t * t * p[0] * e * s, -t * t * p[0] * e * c}
            };
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) expected[a][b] += j[a] * j[b] + r * hi[a][b];
        }
        for (int a = 0; a < 3; a++) assertArrayEquals(expected[a], h[a], 1e-12 * (1 + Math.abs(expected[a][a])));
    }

    @Test
    void aVectorCalleeOfAnInstanceOrderTwoMethod() throws Exception {
        Constructor<?> c = compiled().load("demo.Model").getDeclaredConstructor(double[].class);
        c.setAccessible(true);
        Object model = c.newInstance((Object) T);
        Differentiated loss =
                Differentiated.withWrt(compiled(), "demo.Model", "loss", "p").on(model);
        HessianCheck.check(loss, new double[] {1.1, 0.7, 0.8}, Y);
        HessianCheck.check(loss, new double[] {-0.6, 0.4, 1.3}, Y);
    }

    /** The vector callee's second order is generated for its callers: value, seedᵀ·J and its tangent. */
    @Test
    void theCalleeGetsAVjpHvpAndTheContractsMethodsStayAsTheyWere() throws Exception {
        Class<?> grad = compiled().load("demo.FitGrad");
        Method vjpHvp = grad.getMethod(
                "featuresVjpHvp",
                double[].class,
                double[].class,
                double.class,
                double.class,
                double[].class,
                double[].class);
        assertEquals(
                java.util.List.of("value", "dv", "dw", "hvv", "hvw"),
                Stream.of(vjpHvp.getReturnType().getRecordComponents())
                        .map(rc -> rc.getName())
                        .toList());
        assertTrue(Stream.of(grad.getMethods()).noneMatch(m -> m.getName().equals("featuresHessian")));
        // a seed of the wrong length is refused, as by fVjp
        InvocationTargetException e = assertThrows(
                InvocationTargetException.class,
                () -> vjpHvp.invoke(
                        null, new double[] {0.3}, new double[] {1}, 0.5, 0.0, new double[] {1}, new double[] {0, 0}));
        assertTrue(
                e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
    }
}
