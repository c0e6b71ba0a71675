package dev.adjoint.processor.diagnostics;

import org.junit.jupiter.api.Test;

/** Expressions outside the subset ({@code [Adjoint.Expression]}), each reported on the expression itself. */
class ExpressionDiagnosticsTest {

    @Test
    void allocationLambdasAndLiterals() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        final class Exprs {
          static double apply(DoubleUnaryOperator f, double v) { return f.applyAsDouble(v); }
          static double id(Object o) { return 1; }
          static double len(String s) { return s.length(); }

          @Differentiable
          static double allocation(double x) {
            double a = id(new Object()); // ERROR at `new`: [Adjoint.Expression] object allocation (new ...) is not supported in a @Differentiable method ... compute with doubles and arrays passed in as parameters
            double[][] b = new double[3][]; // ERROR at `new`: [Adjoint.Expression] creating this array ... with every dimension given
            double[] c = {1, x};
            double[][] d = new double[][] {{x}}; // ERROR at `new`: [Adjoint.Expression] an initialiser for double[][] ... new double[n][m] and element assignments
            return x + a;
          }

          @Differentiable
          static double functional(double x) {
            double a = apply(v -> v * x, x); // ERROR at `v -> v * x`: [Adjoint.Expression] a lambda is not supported ... call a static method instead
            double b = apply(Math::sin, x); // ERROR at `Math::sin`: [Adjoint.Expression] a method reference ... call a static method instead
            return x;
          }

          @Differentiable
          static double literals(double x) {
            double a = len("abc"); // a String literal passed on to a call is a constant argument (ReferenceSwitchTest)
            String s = "abc"; // ERROR at `"abc"`: [Adjoint.Expression] a string is not supported ... keep strings out of the method
            double b = x * 2f + 3 * 2f; // ERROR at `3 * 2f`: [Adjoint.Expression] float arithmetic (a float literal or float constant next to a float or an integer) ... drop the f
            final float h = 0.5f;
            double e = x * h + h * 2f; // ERROR at `h * 2f`: [Adjoint.Expression] float arithmetic (a float literal or float constant next to a float or an integer) ... drop the f
            double g = x + h * h; // ERROR at `h * h`: [Adjoint.Expression] float arithmetic
            double k = x + 0.1f * 3f; // ERROR at `0.1f * 3f`: [Adjoint.Expression] float arithmetic
            int c = 'a'; // fine: a char literal is an integer
            double[] d = null; // ERROR at `null`: [Adjoint.Expression] null ... pass an actual array
            return x;
          }
        }
        """);
    }

    @Test
    void instanceStateAndOperators() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Ops {
          double w;

          static <T> double generic(T t) { return 1; }

          @Differentiable
          static double state(double x) {
            double a = this.w; // ERROR at `this`: [Adjoint.Expression] instance state (this) ... pass what the method reads as parameters
            double b = w; // ERROR at `w`: [Adjoint.Expression] instance field w ... pass its value as a parameter
            return x;
          }

          @Differentiable
          static double operators(double x, int n, boolean f, double[] a) {
            int b = n & 1 | n << 2 ^ ~n; // fine: bit operators on integers (constructs.BitOperatorsTest)
            double c = x & 1; // ERROR at `&`: [Adjoint.Expression] the bit operator & on double and int ... apply it to int or long values
            double d = ~x; // ERROR at `~`: [Adjoint.Expression] ~ on a double ... apply it to an int or a long
            double e = f ? x : a; // ERROR at `?`: [Adjoint.Expression] a conditional mixing double and double[] ... give both branches one type
            double y = 0;
            double g = (y = x); // fine: an assignment as a value (constructs.AssignmentValuesTest)
            int h = n++; // fine: ++ as a value
            boolean i = a instanceof Object; // ERROR at `a instanceof Object`: [Adjoint.Expression] instanceof ... the differentiated subset has no objects
            double j = switch (n) { case 0 -> x; default -> 1.0; }; // supported since issue 16
            double k = x[0]; // ERROR at `x`: [Adjoint.Expression] indexing a double ... index an array
            double l = a[x]; // ERROR at `x`: [Adjoint.Expression] an index of type double ... indices are int
            double m = x.length; // ERROR at `x.length`: [Adjoint.Expression] member length of a double ... only .length of arrays is supported
            boolean o = !x; // ERROR at `!x`: [Adjoint.Expression] where a condition is expected ... compare it, e.g. x > 0
            double p = -f; // ERROR at `-f`: [Adjoint.Expression] where a number is expected ... use a number
            boolean q = f < x; // ERROR at `<`: [Adjoint.Expression] comparing boolean with double ... compare numbers
            double r = f + x; // ERROR at `+`: [Adjoint.Expression] arithmetic on boolean and double ... use numbers
            double s = Ops.<Double>generic(x); // ERROR at `Ops.<Double>generic(x)`: [Adjoint.Expression] explicit type arguments ... remove them
            int t = (int) f; // ERROR at `(int) f`: [Adjoint.Expression] a cast from boolean ... cast numbers only
            double u = n > 0 ? x : 1; // fine: a conditional of double and int is a double
            return x;
          }
        }
        """);
    }
}
