package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Errors about a {@code @Differentiable} method's declaration (frontend/Signature.java): they sit
 * on the method (the line of its name) or, for {@code wrt}, on the annotation's value.
 */
class SignatureDiagnosticsTest {

    @Test
    void modifiersAndReturnTypes() {
        RecordingProcessor processor = new RecordingProcessor();
        MarkedErrors.check(Compiler.javac().withProcessors(processor), """
        package demo;

        import dev.adjoint.Differentiable;

        abstract class Decls {
          @Differentiable
          double instance(double x) { // an instance method of a class: differentiated, the receiver first
            return x;
          }

          @Differentiable
          static float single(double x) { // ERROR at `single`: [Adjoint.ReturnType] @Differentiable method single returns float ... it must return double
            return 1f;
          }

          @Differentiable
          static int integer(double x) { // ERROR at `integer`: [Adjoint.ReturnType] integer returns int ... must return double
            return 1;
          }

          @Differentiable
          static void nothing(double x) { // ERROR at `nothing`: [Adjoint.ReturnType] nothing returns void ... must return double
          }

          @Differentiable
          static Double boxed(double x) { // ERROR at `boxed`: [Adjoint.ReturnType] boxed returns java.lang.Double ... must return double
            return x;
          }

          @Differentiable
          static double[][] matrix(double x) { // ERROR at `matrix`: [Adjoint.MatrixReturn] @Differentiable method matrix returns double[][]; Adjoint differentiates methods that return double or double[] only: return the matrix's elements as one double[] in row-major order
            return null;
          }

          @Differentiable
          static int[] indices(double x) { // ERROR at `indices`: [Adjoint.ReturnType] indices returns int[] ... or double[] for a Jacobian
            return null;
          }

          @Differentiable
          static native double nat(double x); // ERROR at `nat(`: [Adjoint.NoBody] @Differentiable method nat has no body

          @Differentiable
          abstract double abs(double x); // ERROR at `abs(`: [Adjoint.NoBody] abs has no body

          @Differentiable
          static <T> double gen(double x) { // ERROR at `gen`: [Adjoint.Generic] @Differentiable method gen declares type parameters; remove them
            return x;
          }

          @Differentiable
          int everything(int n) { // ERROR: [Adjoint.ReturnType] everything returns int // ERROR: [Adjoint.NoInputs]
            return n;
          }
        }

        interface Shape {
          @Differentiable
          double area(double r); // ERROR at `area`: [Adjoint.NotStatic] area is an instance method of an interface ... make it static // ERROR at `area`: [Adjoint.NoBody] area has no body

          @Differentiable
          static double perimeter(double r) {
            return 6.28 * r;
          }
        }
        """);
        // a declaration error anywhere in a type means no companion class for it
        assertEquals(List.of(), processor.created());
    }

    @Test
    void overloads() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Overloaded {
          @Differentiable
          static double f(double x) { // fine: records F_double and F_double_double (constructs.AnnotatedOverloadsTest)
            return x;
          }

          @Differentiable
          static double f(double x, double y) {
            return x * y;
          }

          @Differentiable
          static double h(double x, double y) {
            return x * y;
          }

          @Differentiable(wrt = "a")
          static double h(double a, double b, double c) { // ERROR at `h`: [Adjoint.Overload] @Differentiable method h and its @Differentiable overload h(double,double) would both generate hTangent(double, double, double, double) in OverloadedGrad, the same method twice: rename one of them, or change which parameters wrt differentiates
            return a * b * c;
          }

          @Differentiable
          static double g(double x) { // fine: its overload g(int) is not @Differentiable (constructs.OverloadsTest)
            return x;
          }

          static double g(int n) {
            return n;
          }

          @Differentiable
          static double fine(double x) {
            return x;
          }
        }
        """);
    }

    @Test
    void wrtAndInputs() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;

        final class Wrt {
          @Differentiable(wrt = "z") // ERROR at `"z"`: [Adjoint.WrtUnknown] wrt names "z", but missing has no parameter of that name; its parameters are: [x, y]
          static double missing(double x, double y) {
            return x * y;
          }

          @Differentiable(wrt = "n") // ERROR at `"n"`: [Adjoint.WrtType] wrt names parameter n of type int; only double, double[] and double[][] parameters can be differentiated: remove it from wrt
          static double integer(double x, int n) {
            return x * n;
          }

          @Differentiable(wrt = "f") // ERROR at `"f"`: [Adjoint.WrtType] parameter f of type float ... remove it from wrt
          static double single(double x, float f) {
            return x;
          }

          @Differentiable(wrt = "t") // ERROR at `"t"`: [Adjoint.WrtType] parameter t of type double[][][] ... remove it from wrt
          static double tensor(double x, double[][][] t) {
            return x;
          }

          @Differentiable(wrt = {"x", "n", "q"}) // ERROR at `{`: [Adjoint.WrtType] parameter n of type int // ERROR at `{`: [Adjoint.WrtUnknown] wrt names "q" ... its parameters are: [x, n]
          static double several(double x, int n) {
            return x * n;
          }

          @Differentiable
          static double onlyInts(int a, long b) { // ERROR at `onlyInts`: [Adjoint.NoInputs] onlyInts has nothing to differentiate: it needs a double, double[] or double[][] parameter
            return a + b;
          }

          @Differentiable
          static double noParameters() { // ERROR at `noParameters`: [Adjoint.NoInputs] noParameters has nothing to differentiate
            return 1;
          }

          @Differentiable
          static double otherFloating(float f, Double boxed, float[] fs) { // ERROR at `f,`: [Adjoint.Float] parameter f of @Differentiable method otherFloating is a float // ERROR at `fs`: [Adjoint.Float] parameter fs of @Differentiable method otherFloating is a float[]
            return 1;
          }

          @Differentiable(wrt = "w")
          static double fine(double[] w, double[] x, int n) {
            return w[0] * x[0] + n;
          }
        }
        """);
    }
}
