package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import org.junit.jupiter.api.Test;

/**
 * User-written derivative rules ({@code @DerivativeOf}): every derivative checked against central
 * finite differences (reverse mode) and the tangent against gradient·direction (forward mode),
 * by {@link dev.adjoint.processor.testing.GradCheck}.
 */
class DerivativeOfTest {

    /** Functions the processor cannot differentiate (a loop it would reject is not needed: no annotation). */
    static final String SPECIAL = """
      package demo.special;

      public final class Special {
        /** Stirling's series, good enough for x > 5: a body the processor never reads. */
        public static double logGamma(double x) {
          double series = 1 / (12 * x) - 1 / (360 * x * x * x) + 1 / (1260 * Math.pow(x, 5));
          return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
        }

        /** Its derivative, the series of the digamma function. */
        public static double digamma(double x) {
          return Math.log(x) - 1 / (2 * x) - 1 / (12 * x * x) + 1 / (120 * Math.pow(x, 4)) - 1 / (252 * Math.pow(x, 6));
        }

        public static double scaledNorm(double[] v, double s) {
          double sum = 0;
          for (double e : v) sum += e * e;
          return s * Math.sqrt(sum);
        }

        public static double power(double b, int k) {
          double r = 1;
          for (int i = 0; i < k; i++) r *= b;
          return r;
        }
      }
      """;

    static final String RULES = """
      package demo;

      import demo.special.Special;
      import dev.adjoint.DerivativeOf;
      import dev.adjoint.Differentiable;

      final class Rules {
        static double softplus(double x) {
          return Math.log1p(Math.exp(x));
        }

        @DerivativeOf(value = "softplus", wrt = "x")
        static double softplusDx(double x) {
          return 1 / (1 + Math.exp(-x));
        }

        @DerivativeOf(value = "logGamma", in = Special.class, wrt = "0")
        static double logGammaDx(double x) {
          return Special.digamma(x);
        }

        @DerivativeOf(value = "scaledNorm", in = Special.class, wrt = "v")
        static double[] scaledNormDv(double[] v, double s) {
          double n = Special.scaledNorm(v, 1);
          double[] d = new double[v.length];
          for (int i = 0; i < v.length; i++) d[i] = s * v[i] / n;
          return d;
        }

        @DerivativeOf(value = "scaledNorm", in = Special.class, wrt = "1")
        static double scaledNormDs(double[] v, double s) {
          return Special.scaledNorm(v, 1);
        }

        @DerivativeOf(value = "power", in = Special.class, wrt = "b")
        static double powerDb(double b, int k) {
          return k * Special.power(b, k - 1);
        }

        /** A @Differentiable function whose rule wins: the rule is deliberately twice the truth. */
        @Differentiable
        static double cube(double x) {
          return x * x * x;
        }

        @DerivativeOf(value = "cube", wrt = "x")
        static double cubeDx(double x) {
          return 6 * x * x;
        }

        @Differentiable
        static double sameClass(double a, double b) {
          return softplus(a * b) + a * softplus(b);
        }

        @Differentiable
        static double otherClass(double x, double y) {
          return Special.logGamma(x * y + 6) * Special.power(y, 3);
        }

        @Differentiable
        static double arrays(double[] v, double s) {
          double t = 0;
          for (int i = 0; i < v.length; i++) t += v[i] * Special.scaledNorm(v, s + i);
          return t + Special.scaledNorm(v, s * s);
        }

        @Differentiable
        static double inLoop(double x, int n) {
          double r = x;
          for (int i = 0; i < n; i++) r = softplus(r) * 0.5 + Special.logGamma(r + 6);
          return r;
        }

        /** The array changes after the first call: the backward sweep must see it as the call did. */
        @Differentiable
        static double writtenAfterTheCall(double[] v, double s) {
          double[] w = new double[v.length];
          double a = 0;
          for (int k = 0; k < 3; k++) {
            for (int i = 0; i < v.length; i++) w[i] = v[i] * (k + 1) + s;
            a += Special.scaledNorm(w, s) * a + Special.scaledNorm(w, 1.5);
          }
          w[0] = s * 3;
          return a + Special.scaledNorm(w, 0.5);
        }

        @Differentiable
        static double preferred(double x) {
          return cube(x);
        }
      }
      """;

    private static Compiled compiled;

    private static synchronized Compiled compiled() {
        if (compiled == null) compiled = TestCompiler.compile(TestCompiler.compile(SPECIAL), RULES);
        return compiled;
    }

    private static Differentiated method(String name) {
        return Differentiated.of(compiled(), "demo.Rules", name);
    }

    @Test
    void ruleOfTheSameClass() {
        check(method("sameClass"), 0.7, -1.3);
        check(method("sameClass"), -2.0, 0.4);
    }

    @Test
    void ruleOfAJarClassByPosition() {
        check(method("otherClass"), 0.9, 1.2);
        check(method("otherClass"), 2.5, -0.3);
    }

    @Test
    void arrayPartialsAccumulateElementWise() {
        check(method("arrays"), new double[] {0.3, -1.2, 2.0}, 0.8);
        check(method("arrays"), new double[] {1.5, 0.25}, -1.1);
    }

    @Test
    void anArrayWrittenAfterTheCall() {
        check(method("writtenAfterTheCall"), new double[] {0.3, -1.2, 2.0}, 0.8);
    }

    @Test
    void rulesInsideALoop() {
        check(method("inLoop"), 0.4, 3);
        check(method("inLoop"), -1.0, 0);
    }

    @Test
    void aRuleTakesPrecedenceOverADifferentiableBody() {
        Differentiated f = method("preferred");
        double x = 1.5;
        // the rule says 6x² (twice the truth), and the generated code must follow the rule
        assertEquals(6 * x * x, f.gradient(x).scalar("x"), 1e-12);
        assertEquals(6 * x * x, f.tangent(new Object[] {x}, 1.0).tangent(), 1e-12);
    }

    @Test
    void theFunctionBodyIsNotDifferentiated() {
        String source = compiled().generatedSource("demo.RulesGrad");
        assertTrue(source.contains("Rules.softplusDx("), source);
        assertTrue(source.contains("Special.scaledNorm("), source);
        assertFalse(source.contains("Math.log1p"), source);
    }

    static final String OWN_CLASS_RULE = """
      package demo.lib;

      import dev.adjoint.DerivativeOf;

      public final class Smooth {
        public static double bump(double x) {
          return Math.exp(-x * x);
        }

        @DerivativeOf(value = "bump", wrt = "0")
        public static double bumpDx(double x) {
          return -2 * x * Math.exp(-x * x);
        }
      }
      """;

    static final String LATER_BUILD = """
      package demo;

      import demo.lib.Smooth;
      import dev.adjoint.Differentiable;

      final class Later {
        @Differentiable
        static double useBump(double a, double b) {
          return Smooth.bump(a - b) * b;
        }
      }
      """;

    @Test
    void aLaterBuildFindsRulesInTheFunctionsOwnClassFile() {
        Compiled lib = TestCompiler.compile(null, false, OWN_CLASS_RULE);
        Compiled later = TestCompiler.compile(lib, LATER_BUILD);
        check(Differentiated.of(later, "demo.Later", "useBump"), 0.3, 1.1);
        check(Differentiated.of(later, "demo.Later", "useBump"), -0.8, 0.2);
    }
}
