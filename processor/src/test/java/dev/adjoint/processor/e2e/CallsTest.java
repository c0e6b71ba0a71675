package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.SourceText;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls between {@code @Differentiable} methods: in the same class, in another class of the same
 * compilation, and in a library compiled earlier (its classes, including the generated
 * {@code LibGrad}, on the class path of the second compilation).
 */
class CallsTest {

    static final String CALLS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Calls {
        @Differentiable
        static double f(double w) {
          return Math.sin(w) + w * w;
        }

        @Differentiable
        static double chain(double w) {
          double x = f(w);
          double y = f(x);
          double z = f(y);
          return z;
        }

        @Differentiable
        static double qualified(double x) {
          return Calls.f(x) * 2 + f(x * x);
        }

        @Differentiable
        static double two(double a, double b) {
          return a * Math.exp(b) - b * b;
        }

        @Differentiable
        static double usesTwo(double x, double y) {
          return two(x * y, y) + two(y, 0.5) + two(1.5, x) + f(x) * f(y);
        }

        @Differentiable
        static double sumsq(double[] v) {
          return v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
        }

        @Differentiable
        static double callsArray(double[] w, double s) {
          return s * sumsq(w) + w[0] * sumsq(w);
        }

        @Differentiable
        static double trace(double[][] a) {
          return a[0][0] + a[1][1] * a[0][1];
        }

        @Differentiable
        static double callsMatrix(double[][] a, double x) {
          return x * trace(a) + a[1][0];
        }

        @Differentiable
        static double withInt(double x, int n) {
          return n * x * x;
        }

        @Differentiable
        static double callsWithInt(double x, int k) {
          return withInt(x, k + 1) + withInt(2 * x, 3);
        }

        @Differentiable(wrt = "x")
        static double partial(double x, double c) {
          return x * c + c;
        }

        @Differentiable
        static double callsPartial(double x) {
          return partial(x, 2.5) * partial(x * x, -1.0);
        }

        @Differentiable
        static double callsOther(double x, double y) {
          return Other.g(x, y) * Other.g(y, x) + Other.h(x);
        }

        @Differentiable
        static double callOfConstant(double x) {
          return f(0.5) * x + Other.h(1.0);
        }
      }
      """;

    static final String OTHER = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Other {
        private Other() {}

        @Differentiable
        public static double g(double x, double y) {
          return x * Math.cos(y) + y;
        }

        @Differentiable
        static double h(double x) {
          return Math.exp(-x * x);
        }
      }
      """;

    static final String LIB = """
      package demo.lib;

      import dev.adjoint.Differentiable;

      public final class Lib {
        private Lib() {}

        @Differentiable
        public static double f(double x, double y) {
          return x * y + Math.sin(x);
        }

        @Differentiable
        public static double norm2(double[] v) {
          return v[0] * v[0] + v[1] * v[1];
        }

        @Differentiable
        public static double sq(double x) {
          return x * x;
        }
      }
      """;

    static final String CLIENT = """
      package demo;

      import demo.lib.Lib;
      import dev.adjoint.Differentiable;

      final class Client {
        @Differentiable
        static double useLib(double x, double[] v) {
          return Lib.f(x, v[0]) * Lib.norm2(v) + x;
        }

        @Differentiable
        static double qualifiedLib(double x) {
          return demo.lib.Lib.f(x, 2.0) + Lib.sq(Lib.sq(x));
        }
      }
      """;

    static final String CLIENT_STATIC_IMPORT = """
      package demo;

      import static demo.lib.Lib.sq;

      import dev.adjoint.Differentiable;

      final class StaticClient {
        @Differentiable
        static double viaStaticImport(double x) {
          return sq(x) * x;
        }
      }
      """;

    private static Compiled calls() {
        return TestCompiler.compileCached(CALLS, OTHER);
    }

    private static Differentiated calls(String m) {
        return Differentiated.of(calls(), "demo.Calls", m);
    }

    private static Compiled library;

    private static synchronized Compiled library() {
        if (library == null) {
            library = TestCompiler.compile(LIB);
        }
        return library;
    }

    static double f(double w) {
        return Math.sin(w) + w * w;
    }

    static double fPrime(double w) {
        return Math.cos(w) + 2 * w;
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.3, -0.4, 0.2, 0.9})
    void chainOfThreeCalls(double w) {
        Differentiated.Gradient g = check(calls("chain"), w);
        double x = f(w);
        double y = f(x);
        assertEquals(f(y), g.value(), 1e-12);
        double expected = fPrime(y) * fPrime(x) * fPrime(w);
        assertEquals(expected, g.scalar("w"), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void chainEvaluatesEachCallOnce() {
        String src = calls().generatedSource("demo.CallsGrad");
        List<String> reverse = SourceText.methodBodies(src, "[\\w.]*Chain", "chain");
        assertEquals(1, reverse.size(), "one reverse method chain(...) in:\n" + src);
        String body = reverse.get(0);
        assertEquals(
                3,
                SourceText.countCalls(body, "f"),
                "the reverse method must call the reverse f exactly once per call site:\n" + body);
        assertEquals(0, SourceText.countCalls(body, "fTangent"), body);

        List<String> tangent = SourceText.methodBodies(src, "(?:dev\\.adjoint\\.runtime\\.)?Dual", "chainTangent");
        assertEquals(1, tangent.size(), "one chainTangent in:\n" + src);
        assertEquals(
                3,
                SourceText.countCalls(tangent.get(0), "fTangent"),
                "the tangent method must call fTangent once per call site:\n" + tangent.get(0));
        assertEquals(0, SourceText.countCalls(tangent.get(0), "f"), tangent.get(0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.3, -0.4, 0.2, 0.9})
    void qualifiedAndUnqualifiedSameClassCalls(double x) {
        Differentiated.Gradient g = check(calls("qualified"), x);
        assertEquals(2 * fPrime(x) + fPrime(x * x) * 2 * x, g.scalar("x"), 1e-12);
    }

    static Stream<Arguments> xy() {
        return Stream.of(
                Arguments.of(0.7, -0.3), Arguments.of(-1.2, 0.9), Arguments.of(0.25, 1.6), Arguments.of(-0.6, -1.1));
    }

    @ParameterizedTest
    @MethodSource("xy")
    void callsWithSeveralArgumentsAndConstants(double x, double y) {
        check(calls("usesTwo"), x, y);
        Differentiated.Gradient g = check(calls("callOfConstant"), x);
        assertEquals(f(0.5), g.scalar("x"), 1e-15);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void callsPassingArrays(double x, double y) {
        double[] w = {x, y, x * y - 0.3};
        Differentiated.Gradient g = check(calls("callsArray"), w, 1.7);
        double ss = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
        assertEquals(ss, g.scalar("s"), 1e-12);
        double[] expected = {(1.7 + w[0]) * 2 * w[0] + ss, (1.7 + w[0]) * 2 * w[1], (1.7 + w[0]) * 2 * w[2]};
        assertArrayEquals(expected, g.vector("w"), 1e-12);

        double[][] a = {{x, y}, {y - 1, x + 2}};
        check(calls("callsMatrix"), a, y);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void callsWithIntAndWrtRestrictedCallee(double x, double y) {
        Differentiated.Gradient g = check(calls("callsWithInt"), x, 4);
        assertEquals(2 * 5 * x + 3 * 8 * x, g.scalar("x"), 1e-12);
        check(calls("callsPartial"), y);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void callsIntoAnotherClassOfTheSameBuild(double x, double y) {
        check(calls("callsOther"), x, y);
        check(Differentiated.of(calls(), "demo.Other", "g"), x, y);
    }

    @ParameterizedTest
    @MethodSource("xy")
    void theLibraryItself(double x, double y) {
        Compiled lib = library();
        assertTrue(lib.hasClass("demo.lib.LibGrad"), "library generates LibGrad: " + lib.classNames());
        check(Differentiated.of(lib, "demo.lib.Lib", "f"), x, y);
        check(Differentiated.of(lib, "demo.lib.Lib", "norm2"), new double[] {x, y});
    }

    private static Compiled clientCompiled;

    private static synchronized Compiled client() {
        if (clientCompiled == null) {
            clientCompiled = TestCompiler.compile(library(), CLIENT);
        }
        return clientCompiled;
    }

    @ParameterizedTest
    @MethodSource("xy")
    void libraryCallsFromAClient(double x, double y) {
        Compiled c = client();
        assertFalse(c.hasClass("demo.lib.LibGrad"), "the client must not regenerate LibGrad");
        Differentiated.Gradient g = check(Differentiated.of(c, "demo.Client", "useLib"), x, new double[] {y, x - y});
        double v0 = y;
        double v1 = x - y;
        double lf = x * v0 + Math.sin(x);
        double n2 = v0 * v0 + v1 * v1;
        assertEquals((v0 + Math.cos(x)) * n2 + 1, g.scalar("x"), 1e-12);
        assertArrayEquals(new double[] {x * n2 + lf * 2 * v0, lf * 2 * v1}, g.vector("v"), 1e-12);
        Differentiated.Gradient q = check(Differentiated.of(c, "demo.Client", "qualifiedLib"), x);
        assertEquals(2 + Math.cos(x) + 4 * x * x * x, q.scalar("x"), 1e-12);
    }

    static final String LIB_WRT = """
      package demo.lib;

      import dev.adjoint.Differentiable;

      public final class LibWrt {
        private LibWrt() {}

        @Differentiable(wrt = "y")
        public static double scaled(double c, double y) {
          return c * y * y;
        }

        @Differentiable
        public static double mix(double a, double[] w, int k, double b) {
          return a * w[k] + b * b;
        }
      }
      """;

    static final String CLIENT_WRT = """
      package demo;

      import demo.lib.LibWrt;
      import dev.adjoint.Differentiable;

      final class ClientWrt {
        @Differentiable
        static double useWrt(double x, double[] v) {
          return LibWrt.scaled(2.5, x) + LibWrt.mix(x, v, 1, v[0]);
        }
      }
      """;

    private static final java.util.Map<Boolean, Compiled> WRT_CLIENTS = new java.util.HashMap<>();

    private static synchronized Compiled wrtClient(boolean libraryParameterNames) {
        return WRT_CLIENTS.computeIfAbsent(libraryParameterNames, names -> {
            Compiled lib = TestCompiler.compile(null, names, LIB_WRT);
            return TestCompiler.compile(lib, CLIENT_WRT);
        });
    }

    @ParameterizedTest(name = "library compiled with -parameters: {0}")
    @ValueSource(booleans = {true, false})
    void libraryWithWrtAndArraysWithOrWithoutParameterNames(boolean libraryParameterNames) {
        // Maven does not pass -parameters by default: a jar's class files may hold no parameter
        // names, and wrt = "y" and the record components dy, dw must still be matched up.
        Compiled c = wrtClient(libraryParameterNames);
        Differentiated f = Differentiated.of(c, "demo.ClientWrt", "useWrt");
        for (double[] p : new double[][] {{0.7, -0.3, 1.2}, {-1.2, 0.9, 0.4}}) {
            double x = p[0];
            double[] v = {p[1], p[2]};
            Differentiated.Gradient g = check(f, x, v);
            assertEquals(5 * x + v[1], g.scalar("x"), 1e-12);
            assertArrayEquals(new double[] {2 * v[0], x}, g.vector("v"), 1e-12);
        }
    }

    private static Compiled clientOfNamelessLibrary;

    private static synchronized Compiled clientOfNamelessLibrary() {
        if (clientOfNamelessLibrary == null) {
            Compiled lib = TestCompiler.compile(null, false, LIB);
            clientOfNamelessLibrary = TestCompiler.compile(lib, CLIENT);
        }
        return clientOfNamelessLibrary;
    }

    @ParameterizedTest
    @MethodSource("xy")
    void libraryCompiledWithoutParameterNames(double x, double y) {
        // Maven's default: no -parameters, so Lib's class files name its parameters arg0, arg1...
        // while LibGrad's records still have components dx, dy, dv.
        Compiled c = clientOfNamelessLibrary();
        Differentiated.Gradient g = check(Differentiated.of(c, "demo.Client", "useLib"), x, new double[] {y, x - y});
        double lf = x * y + Math.sin(x);
        double n2 = y * y + (x - y) * (x - y);
        assertEquals((y + Math.cos(x)) * n2 + 1, g.scalar("x"), 1e-12);
        assertArrayEquals(new double[] {x * n2 + lf * 2 * y, lf * 2 * (x - y)}, g.vector("v"), 1e-12);
        Differentiated.Gradient q = check(Differentiated.of(c, "demo.Client", "qualifiedLib"), x);
        assertEquals(2 + Math.cos(x) + 4 * x * x * x, q.scalar("x"), 1e-12);
    }

    private static Compiled staticClient;

    private static synchronized Compiled staticClient() {
        if (staticClient == null) {
            staticClient = TestCompiler.compile(library(), CLIENT_STATIC_IMPORT);
        }
        return staticClient;
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.3, 0.8})
    void libraryCallThroughStaticImport(double x) {
        Differentiated f = Differentiated.of(staticClient(), "demo.StaticClient", "viaStaticImport");
        Differentiated.Gradient g = check(f, x);
        assertEquals(3 * x * x, g.scalar("x"), 1e-12);
    }
}
