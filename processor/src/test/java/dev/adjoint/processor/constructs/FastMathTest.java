package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code FastMath} of Hipparchus and of Commons Math takes the rules of {@code java.lang.Math}
 * (issue 16, point 3), in both modes, and the generated code calls the user's own FastMath so
 * that the derivative methods return the same value as the method. The real libraries are on
 * the test class path.
 */
class FastMathTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;
      import org.hipparchus.util.FastMath;

      final class Fast {
        @Differentiable
        static double hipparchus(double x, double y) {
          double r = FastMath.exp(-x * x) * FastMath.sin(y) + FastMath.log1p(x * x) * FastMath.atan2(y, x);
          r += FastMath.pow(x, 3) + FastMath.pow(FastMath.abs(y), 1.5) + FastMath.hypot(x, y);
          return r + FastMath.sqrt(1 + y * y) * FastMath.cosh(x / 4) - FastMath.max(x, y) * FastMath.floor(y);
        }

        @Differentiable
        static double commons(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += org.apache.commons.math3.util.FastMath.log(1 + v[i] * v[i])
                + org.apache.commons.math3.util.FastMath.pow(v[i], 2L)
                + org.apache.commons.math3.util.FastMath.tanh(v[i]) * org.apache.commons.math3.util.FastMath.expm1(-v[i]);
          }
          return s * org.apache.commons.math3.util.FastMath.cbrt(s);
        }
      }
      """;

    @Test
    void hipparchusFastMathDifferentiatesAsMath() {
        var compiled = TestCompiler.compileCached(SOURCE);
        Differentiated f = Differentiated.of(compiled, "demo.Fast", "hipparchus");
        check(f, 0.7, 1.3);
        check(f, -1.1, -0.4);
        check(f, 2.2, 0.6);
        String generated = compiled.generatedSource("demo.FastGrad");
        assertTrue(generated.contains("FastMath.exp("), generated);
    }

    @Test
    void commonsMathFastMathDifferentiatesAsMathInLoops() {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Fast", "commons");
        check(f, (Object) new double[] {0.3, -0.8, 1.4});
        check(f, (Object) new double[] {2.1, 0.5});
    }
}
