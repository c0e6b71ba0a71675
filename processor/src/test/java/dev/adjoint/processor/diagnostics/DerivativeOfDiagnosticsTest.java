package dev.adjoint.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * {@code @DerivativeOf}: a rule that does not fit its function ({@code RuleSignature}), names a
 * missing function ({@code RuleFunction}) or parameter ({@code RuleParameter}), repeats another
 * ({@code RuleDuplicate}); and a differentiated argument where the function has no rule
 * ({@code MissingRule}, at the argument).
 */
class DerivativeOfDiagnosticsTest {

    @Test
    void rulesThatDoNotFitTheirFunction() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.DerivativeOf;

        final class BadRules {
          static double f(double x, double[] v, int k) { return x * v[0] * k; }

          @DerivativeOf(value = "f", wrt = "x") static double fewer(double x) { return 1; } // ERROR at `fewer`: [Adjoint.RuleSignature] @DerivativeOf rule BadRules.fewer does not fit BadRules.f: the rule takes (double) but BadRules.f takes (double, double[], int) ... give the rule exactly the function's parameter list
          @DerivativeOf(value = "f", wrt = "v") static double scalarForArray(double x, double[] v, int k) { return 1; } // ERROR at `scalarForArray`: [Adjoint.RuleSignature] the rule returns double; the partial derivative with respect to v has its type, double[]
          @DerivativeOf(value = "f", wrt = "k") static int integer(double x, double[] v, int k) { return 1; } // ERROR at `"k"`: [Adjoint.RuleSignature] parameter k has type int; rules are for double, double[] and double[][] parameters
          @DerivativeOf(value = "f", wrt = "y") static double unknown(double x, double[] v, int k) { return 1; } // ERROR at `"y"`: [Adjoint.RuleParameter] wrt names "y", but BadRules.f has no parameter of that name or position; its parameters are [x, v, k], at positions 0 to 2
          @DerivativeOf(value = "f", wrt = "3") static double beyond(double x, double[] v, int k) { return 1; } // ERROR at `"3"`: [Adjoint.RuleParameter] wrt names "3"
          @DerivativeOf(value = "g", wrt = "x") static double missing(double x) { return 1; } // ERROR at `"g"`: [Adjoint.RuleFunction] @DerivativeOf names g, but demo.BadRules has no method of that name ... set in = ...
          @DerivativeOf(value = "f", wrt = "x") double instance(double x, double[] v, int k) { return 1; } // ERROR at `instance`: [Adjoint.RuleSignature] the rule must be static
          @DerivativeOf(value = "f", wrt = "0") static double first(double x, double[] v, int k) { return 1; }
          @DerivativeOf(value = "f", wrt = "x") static double again(double x, double[] v, int k) { return 1; } // ERROR at `"x"`: [Adjoint.RuleDuplicate] BadRules.f has two @DerivativeOf rules for parameter x: BadRules.first and BadRules.again; keep one
        }
        """);
    }

    @Test
    void aRuleForAFunctionOfAnotherClass() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.DerivativeOf;

        final class Elsewhere {
          @DerivativeOf(value = "hypot", in = Math.class, wrt = "x") static double hypotDx(double x, double y) { return x / Math.hypot(x, y); }
          @DerivativeOf(value = "hypt", in = Math.class, wrt = "x") static double typo(double x, double y) { return 1; } // ERROR at `"hypt"`: [Adjoint.RuleFunction] @DerivativeOf names hypt, but java.lang.Math has no method of that name
        }
        """);
    }

    @Test
    void aDifferentiatedArgumentWithoutARule() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.DerivativeOf;
        import dev.adjoint.Differentiable;

        final class Partial {
          static double f(double a, double b) { return a * Math.sin(b); }

          @DerivativeOf(value = "f", wrt = "a") static double fDa(double a, double b) { return Math.sin(b); }

          @Differentiable
          static double fine(double x) {
            return f(x, 0.5); // only a is differentiated, and it has its rule
          }

          @Differentiable
          static double lacking(double x) {
            return f(x, x * x); // ERROR at `x * x`: [Adjoint.MissingRule] the argument for parameter b of Partial.f depends on the differentiated parameters, but Partial.f has no @DerivativeOf rule for b: write one, @DerivativeOf(value = "f", wrt = "b")
          }
        }
        """);
    }

    @Test
    void aPrivateRule() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.DerivativeOf;
        import dev.adjoint.Differentiable;

        final class Hidden {
          static double f(double a) { return a * a; }

          @DerivativeOf(value = "f", wrt = "a") private static double fDa(double a) { return 2 * a; }

          @Differentiable
          static double uses(double x) {
            return f(x); // ERROR at `f(x)`: [Adjoint.Private] @DerivativeOf rule Hidden.fDa is not accessible from the generated class HiddenGrad
          }
        }
        """);
    }
}
