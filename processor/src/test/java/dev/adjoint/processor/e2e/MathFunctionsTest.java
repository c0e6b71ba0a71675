package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.assertGradient;
import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.Dual;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code java.lang.Math} and {@code java.lang.StrictMath} function on doubles that has a
 * derivative, each at several points inside its domain, plus the documented conventions at
 * special points (integer powers of negative numbers, abs at 0, ties of max and min).
 */
class MathFunctionsTest {

    /** A function under test: its name, arity and points inside its domain. */
    record Fn(String name, int arity, double[][] points) {}

    private static double[][] unary(double... xs) {
        double[][] p = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            p[i] = new double[] {xs[i]};
        }
        return p;
    }

    private static final double[][] GENERAL = unary(-2.3, -0.7, 0.4, 1.9);

    static final List<Fn> FUNCTIONS = List.of(
            new Fn("sin", 1, GENERAL),
            new Fn("cos", 1, GENERAL),
            new Fn("tan", 1, unary(-1.2, -0.3, 0.5, 1.1)),
            new Fn("asin", 1, unary(-0.8, -0.3, 0.2, 0.7)),
            new Fn("acos", 1, unary(-0.8, -0.3, 0.2, 0.7)),
            new Fn("atan", 1, unary(-2.3, -0.7, 0.4, 1.9, 5.5)),
            new Fn("sinh", 1, GENERAL),
            new Fn("cosh", 1, GENERAL),
            new Fn("tanh", 1, GENERAL),
            new Fn("exp", 1, GENERAL),
            new Fn("expm1", 1, GENERAL),
            new Fn("log", 1, unary(0.3, 1.5, 7.2)),
            new Fn("log1p", 1, unary(-0.6, 0.2, 3.0)),
            new Fn("log10", 1, unary(0.3, 1.5, 7.2)),
            new Fn("sqrt", 1, unary(0.3, 1.5, 7.2)),
            new Fn("cbrt", 1, GENERAL),
            new Fn("abs", 1, GENERAL),
            new Fn("floor", 1, GENERAL),
            new Fn("ceil", 1, GENERAL),
            new Fn("rint", 1, GENERAL),
            new Fn("signum", 1, GENERAL),
            new Fn("toRadians", 1, GENERAL),
            new Fn("toDegrees", 1, GENERAL),
            new Fn("atan2", 2, new double[][] {{0.3, 1.2}, {-1.1, -0.4}, {2.0, -1.5}, {-0.5, 0.8}}),
            new Fn("pow", 2, new double[][] {{0.7, 1.3}, {2.1, -0.8}, {1.5, 2.5}, {3.0, 0.5}}),
            new Fn("hypot", 2, new double[][] {{3, 4}, {-1.2, 0.5}, {0.3, -2}}),
            new Fn("max", 2, new double[][] {{1, 2}, {3, -1}, {-0.5, -0.7}}),
            new Fn("min", 2, new double[][] {{1, 2}, {3, -1}, {-0.5, -0.7}}),
            new Fn("fma", 3, new double[][] {{0.5, -1.5, 2}, {-2, 3, 0.25}, {1.1, 0.9, -0.3}}));

    static final List<String> OWNERS = List.of("Math", "StrictMath");

    /** {@code mathSin}, {@code strictMathAtan2}, ... */
    static String methodName(String owner, String fn) {
        return Character.toLowerCase(owner.charAt(0))
                + owner.substring(1)
                + Character.toUpperCase(fn.charAt(0))
                + fn.substring(1);
    }

    static final String SOURCE = buildSource();

    private static String buildSource() {
        StringBuilder s = new StringBuilder();
        s.append("package demo;\n\nimport dev.adjoint.Differentiable;\n\nfinal class Fns {\n");
        String[] names = {"x", "y", "z"};
        for (String owner : OWNERS) {
            for (Fn fn : FUNCTIONS) {
                List<String> params = new ArrayList<>();
                for (int i = 0; i < fn.arity(); i++) {
                    params.add("double " + names[i]);
                }
                String args = String.join(", ", List.of(names).subList(0, fn.arity()));
                s.append("  @Differentiable\n  static double ")
                        .append(methodName(owner, fn.name()))
                        .append('(')
                        .append(String.join(", ", params))
                        .append(") {\n    return ")
                        .append(owner)
                        .append('.')
                        .append(fn.name())
                        .append('(')
                        .append(args)
                        .append(");\n  }\n\n");
            }
            // round returns long: used as a constant factor.
            s.append("  @Differentiable\n  static double ")
                    .append(methodName(owner, "round"))
                    .append("(double x) {\n    return ")
                    .append(owner)
                    .append(".round(x) * x;\n  }\n\n");
            s.append("  @Differentiable\n  static double ")
                    .append(methodName(owner, "cube"))
                    .append("(double x) {\n    return ")
                    .append(owner)
                    .append(".pow(x, 3);\n  }\n\n");
            s.append("  @Differentiable\n  static double ")
                    .append(methodName(owner, "powInt"))
                    .append("(double x, int n) {\n    return ")
                    .append(owner)
                    .append(".pow(x, n);\n  }\n\n");
            s.append("  @Differentiable\n  static double ")
                    .append(methodName(owner, "square"))
                    .append("(double x) {\n    return ")
                    .append(owner)
                    .append(".pow(x, 2.0);\n  }\n\n");
            s.append("  @Differentiable\n  static double ")
                    .append(methodName(owner, "exp2"))
                    .append("(double x) {\n    return ")
                    .append(owner)
                    .append(".pow(2.0, x);\n  }\n\n");
        }
        s.append("""
          @Differentiable
          static double composite(double x, double y) {
            double u = Math.sin(x) * Math.cos(y);
            double v = Math.exp(u) + Math.log(1 + x * x) * Math.sqrt(y * y + 1);
            return Math.atan2(v, x * x + 1) + Math.pow(Math.abs(u) + 1, y)
                + Math.tanh(v - x) * StrictMath.hypot(x, y) - StrictMath.cbrt(u * v + 3);
          }

          @Differentiable
          static double nested(double x) {
            return Math.exp(Math.sin(Math.sqrt(x * x + 1)));
          }
        }
        """);
        return s.toString();
    }

    private static Differentiated fn(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Fns", method);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String owner : OWNERS) {
            for (Fn fn : FUNCTIONS) {
                for (double[] p : fn.points()) {
                    out.add(Arguments.of(owner, fn.name(), p));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}.{1} at {2}")
    @MethodSource("cases")
    void functionAgainstFiniteDifferences(String owner, String function, double[] point) {
        Object[] args = new Object[point.length];
        for (int i = 0; i < point.length; i++) {
            args[i] = point[i];
        }
        check(fn(methodName(owner, function)), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math", "StrictMath"})
    void derivativesHaveTheRightFormula(String owner) {
        // A few exact formulas, so that a rule off by a small factor cannot hide in tolerances.
        double x = 0.4;
        double y = 1.9;
        assertEquals(Math.cos(x), fn(methodName(owner, "sin")).gradient(x).scalar("x"), 1e-14);
        assertEquals(
                1 / Math.sqrt(1 - x * x),
                fn(methodName(owner, "asin")).gradient(x).scalar("x"),
                1e-14);
        assertEquals(
                -1 / Math.sqrt(1 - x * x),
                fn(methodName(owner, "acos")).gradient(x).scalar("x"),
                1e-14);
        assertEquals(
                1 / (y * Math.log(10)),
                fn(methodName(owner, "log10")).gradient(y).scalar("x"),
                1e-14);
        assertEquals(
                1 / (3 * Math.cbrt(y * y)),
                fn(methodName(owner, "cbrt")).gradient(y).scalar("x"),
                1e-14);
        assertEquals(
                Math.PI / 180, fn(methodName(owner, "toRadians")).gradient(y).scalar("x"), 1e-16);
        assertEquals(
                180 / Math.PI, fn(methodName(owner, "toDegrees")).gradient(y).scalar("x"), 1e-12);
        Differentiated.Gradient pow = fn(methodName(owner, "pow")).gradient(2.1, -0.8);
        assertEquals(-0.8 * Math.pow(2.1, -1.8), pow.scalar("x"), 1e-14);
        assertEquals(Math.pow(2.1, -0.8) * Math.log(2.1), pow.scalar("y"), 1e-14);
        Differentiated.Gradient atan2 = fn(methodName(owner, "atan2")).gradient(0.3, 1.2);
        assertEquals(1.2 / (0.3 * 0.3 + 1.2 * 1.2), atan2.scalar("x"), 1e-14); // d/dy of atan2(y, x)
        assertEquals(-0.3 / (0.3 * 0.3 + 1.2 * 1.2), atan2.scalar("y"), 1e-14); // d/dx
        Differentiated.Gradient fma = fn(methodName(owner, "fma")).gradient(0.5, -1.5, 2.0);
        assertEquals(-1.5, fma.scalar("x"));
        assertEquals(0.5, fma.scalar("y"));
        assertEquals(1.0, fma.scalar("z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math", "StrictMath"})
    void roundIsAConstant(String owner) {
        Differentiated f = fn(methodName(owner, "round"));
        for (double x : new double[] {-2.3, -0.7, 0.4, 1.9, 3.6}) {
            Differentiated.Gradient g = check(f, x);
            assertEquals((double) Math.round(x), g.scalar("x"), 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math", "StrictMath"})
    void stepFunctionsHaveZeroDerivative(String owner) {
        for (String s : new String[] {"floor", "ceil", "rint", "signum"}) {
            for (double x : new double[] {-2.3, -0.7, 0.4, 1.9}) {
                assertGradient(fn(methodName(owner, s)), new Object[] {x}, 0.0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math", "StrictMath"})
    void integerPowerOfNegativeBaseIsFinite(String owner) {
        Differentiated cube = fn(methodName(owner, "cube"));
        // d/dx x^3 at -2 is exactly 3 * 4 = 12 in both modes, not NaN (no log of a negative number).
        assertGradient(cube, new Object[] {-2.0}, 12.0);
        assertEquals(-8.0, cube.gradient(-2.0).value());
        Dual t = cube.tangent(new Object[] {-2.0}, 1.0);
        assertEquals(12.0, t.tangent());
        assertEquals(-8.0, t.value());
        for (double x : new double[] {-2.0, -0.5, 0.7, 1.3}) {
            check(cube, x);
        }
        assertGradient(cube, new Object[] {0.0}, 0.0);

        Differentiated powInt = fn(methodName(owner, "powInt"));
        assertGradient(powInt, new Object[] {-2.0, 3}, 12.0);
        assertGradient(powInt, new Object[] {-1.5, 2}, -3.0);
        assertGradient(powInt, new Object[] {-1.5, 4}, 4 * -3.375);
        check(powInt, -1.3, 5);
        check(powInt, 0.8, -2);

        Differentiated square = fn(methodName(owner, "square"));
        assertGradient(square, new Object[] {-1.5}, -3.0);
        check(square, -0.4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math", "StrictMath"})
    void powWithConstantBase(String owner) {
        Differentiated f = fn(methodName(owner, "exp2"));
        for (double x : new double[] {-1.5, 0.3, 2.2}) {
            Differentiated.Gradient g = check(f, x);
            assertEquals(Math.pow(2, x) * Math.log(2), g.scalar("x"), 1e-14);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math", "StrictMath"})
    void absAtZeroHasDerivativeZero(String owner) {
        Differentiated abs = fn(methodName(owner, "abs"));
        assertGradient(abs, new Object[] {0.0}, 0.0);
        assertGradient(abs, new Object[] {-1.5}, -1.0);
        assertGradient(abs, new Object[] {2.5}, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Math", "StrictMath"})
    void tiesOfMaxAndMinGoToTheFirstArgument(String owner) {
        for (String m : new String[] {"max", "min"}) {
            Differentiated f = fn(methodName(owner, m));
            for (double v : new double[] {1.5, -0.25, 0.0}) {
                assertGradient(f, new Object[] {v, v}, 1.0, 0.0);
                Dual t = f.tangent(new Object[] {v, v}, 0.7, -3.0);
                assertEquals(0.7, t.tangent(), 0.0, owner + "." + m + " tie tangent");
                assertEquals(v, t.value());
            }
            assertGradient(f, new Object[] {1.0, 2.0}, m.equals("max") ? 0.0 : 1.0, m.equals("max") ? 1.0 : 0.0);
        }
    }

    static Stream<Arguments> compositePoints() {
        return Stream.of(
                Arguments.of(0.3, 1.2), Arguments.of(-1.1, -0.4), Arguments.of(2.0, -1.5), Arguments.of(-0.5, 0.8));
    }

    @ParameterizedTest
    @MethodSource("compositePoints")
    void compositionOfFunctions(double x, double y) {
        Differentiated.Gradient g = check(fn("composite"), x, y);
        assertTrue(Double.isFinite(g.scalar("x")) && Double.isFinite(g.scalar("y")));
        Differentiated.Gradient n = check(fn("nested"), x);
        double r = Math.sqrt(x * x + 1);
        assertEquals(Math.exp(Math.sin(r)) * Math.cos(r) * x / r, n.scalar("x"), 1e-13);
    }
}
