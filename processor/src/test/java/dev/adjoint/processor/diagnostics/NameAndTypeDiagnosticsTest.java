package dev.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Names, writes and types: {@code FieldWrite}, {@code ArrayWrite}, {@code ArrayChoiceWrite}, {@code Private},
 * {@code UnknownName}, {@code Unassigned}, {@code Type}, {@code InstanceCall}.
 */
class NameAndTypeDiagnosticsTest {

    @Test
    void writes() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Writes {
          static double counter;
          static final double[] TABLE = {1, 2};

          @Differentiable
          static double writes(double x, double[] a, double[][] m, int n) {
            counter = x; // ERROR at `counter`: [Adjoint.FieldWrite] assignment to field counter: a @Differentiable method may not write fields; use a local variable
            counter += x; // ERROR at `counter`: [Adjoint.FieldWrite] field counter ... use a local variable
            counter++; // ERROR at `counter`: [Adjoint.FieldWrite] field counter
            Writes.counter = x; // ERROR at `Writes.counter`: [Adjoint.FieldWrite] assignment to field Writes.counter ... use a local variable
            double[] alias = a;
            alias[0] = x; // ERROR at `alias[0]`: [Adjoint.ArrayWrite] assignment to an element of a, an array the method does not own ... copy it first with clone()
            TABLE[n] += x; // ERROR at `TABLE[n]`: [Adjoint.ArrayWrite] assignment to an element of Writes.TABLE
            m[0] = a; // ERROR at `m[0]`: [Adjoint.Statement] assigning a whole row of a matrix ... assign its elements
            double[] p = new double[2];
            double[] q = new double[2];
            double[] chosen = x > 0 ? p : q;
            chosen[1] = x; // ERROR at `chosen[1]`: [Adjoint.ArrayChoiceWrite] assignment to an element of chosen, which names one of several arrays (chosen by ?: or by an if) ... write to each array by its own name
            double[] picked;
            if (n > 0) picked = p; else picked = q;
            picked[0] *= x; // ERROR at `picked[0]`: [Adjoint.ArrayChoiceWrite] assignment to an element of picked
            double read = chosen[0] + picked[1]; // fine: reading through a choice
            return x;
          }
        }
        """);
    }

    @Test
    void namesAndPrivacy() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Names {
          private static double hidden = 2;
          private static final double SECRET = 3;
          static final double RATE = 0.5;

          private static double help(int n) { return n; }

          private static final class Holder {
            static double inside = 4;
          }

          @Differentiable
          static double reads(double x) {
            double a = hidden + Holder.inside; // ERROR at `Holder.inside`: [Adjoint.Private] field inside is not accessible from the generated class NamesGrad ... make it package-private or public
            double b = SECRET * RATE; // fine: constants are inlined
            double c = help(2); // fine: private, called through a MethodHandle (and hidden read through a VarHandle)
            double d = nope; // ERROR at `nope`: [Adjoint.UnknownName] cannot resolve nope in a @Differentiable method: it must be a parameter, a local variable or a static field
            double e = Nope.f(x); // ERROR at `Nope`: [Adjoint.UnknownName] cannot resolve Nope
            double f = Math.NOPE; // ERROR at `Math.NOPE`: [Adjoint.UnknownName] cannot resolve Math.NOPE
            undeclared = x; // ERROR at `undeclared`: [Adjoint.UnknownName] cannot resolve undeclared
            return x * b;
          }

          @Differentiable
          static double unassigned(double x) {
            double y;
            double z;
            z += x; // ERROR at `z`: [Adjoint.Unassigned] variable z is read before it is assigned
            return x * y; // ERROR at `y`: [Adjoint.Unassigned] variable y is read before it is assigned
          }
        }
        """);
    }

    @Test
    void typesAndInstanceCalls() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Types {
          static float ratio = 1f;
          static String text() { return "t"; }
          double inst(double v) { return v; }

          @Differentiable
          static double types(double x, float f, String s) {
            float y = 1; // ERROR at `float`: [Adjoint.Type] values of type float are not supported in a @Differentiable method: use double, int, long, boolean (short, char and byte compute as int), double[], double[][] or int[]
            double a = f; // ERROR at `f`: [Adjoint.Type] values of type float
            double b = (float) x; // ERROR at `float`: [Adjoint.Type] values of type float
            double c = ratio; // ERROR at `ratio`: [Adjoint.Type] values of type float
            char ch = 1; // fine: char arithmetic (constructs.SmallIntegersTest)
            Object o = x; // ERROR at `Object`: [Adjoint.Type] values of type Object are not supported in a @Differentiable method: it is an object, and Adjoint follows double values and arrays, not the state an object keeps in its fields
            double d = text().length(); // ERROR at `text().length()`: [Adjoint.InstanceCall] text().length is an instance method; a @Differentiable method may call static methods, and an instance method its receiver's own methods too
            double e = 1 + text(); // ERROR at `text()`: [Adjoint.Type] values of type java.lang.String
            s = "b"; // ERROR at `s`: [Adjoint.Type] values of type java.lang.String // ERROR at `"b"`: [Adjoint.Expression] a string
            return x;
          }

          @Differentiable
          static double instanceCalls(double x, double[] a, String s) {
            double b = inst(x); // ERROR at `inst(x)`: [Adjoint.InstanceCall] Types.inst is an instance method; a @Differentiable method may call static methods
            double c = a.clone()[0];
            double d = s.length(); // ERROR at `s.length()`: [Adjoint.InstanceCall] s.length is an instance method
            double e = Double.valueOf(x).doubleValue(); // ERROR at `Double.valueOf(x).doubleValue()`: [Adjoint.InstanceCall] doubleValue is an instance method
            return x;
          }
        }
        """);
    }

    /** Static members inherited from a superclass or an interface are valid names (regression). */
    @Test
    void inheritedStaticMembers() {
        Compilation c = MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        class Base {
          static double K = 2;
          static double help(int n) { return n; }
        }

        interface Weights {
          double[] W = {1, 2};
        }

        final class Derived extends Base implements Weights {
          @Differentiable
          static double f(double x) {
            return K * x + help(2) + W[1] * x;
          }
        }
        """);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.DerivedGrad");
    }
}
