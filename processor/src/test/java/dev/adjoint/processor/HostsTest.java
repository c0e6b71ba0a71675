package dev.adjoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.DelegatingProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Hosts other than plain javac: one that hands the processor a {@link Proxy} around javac's
 * environment (as Gradle and IntelliJ do), and one without the Tree API at all (as Eclipse's
 * compiler), which must give exactly one {@code [Adjoint.NeedsJavac]} error and nothing else.
 */
class HostsTest {

    private static final String MODELS = """
      package demo;

      import dev.adjoint.Differentiable;

      public final class Models {
        @Differentiable
        static double rosenbrock(double x, double y) {
          double a = 1 - x;
          double b = y - x * x;
          return a * a + 100 * b * b;
        }
      }
      """;

    /** Forwards every call to the real environment it holds in a field named {@code delegate}. */
    static final class ForwardingHandler implements InvocationHandler {
        private final ProcessingEnvironment delegate;
        final AtomicInteger calls = new AtomicInteger();

        ForwardingHandler(ProcessingEnvironment delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            calls.incrementAndGet();
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** A host-style wrapper: the processor it runs only ever sees a proxy of the environment. */
    static final class WrappingProcessor extends DelegatingProcessor {
        ForwardingHandler handler;
        ProcessingEnvironment wrapped;

        WrappingProcessor(Processor delegate) {
            super(delegate);
        }

        @Override
        protected ProcessingEnvironment wrap(ProcessingEnvironment env) {
            handler = new ForwardingHandler(env);
            wrapped = (ProcessingEnvironment) Proxy.newProxyInstance(
                    HostsTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, handler);
            return wrapped;
        }
    }

    @Test
    void proxiedEnvironmentStillGeneratesWorkingCode() throws Exception {
        WrappingProcessor host = new WrappingProcessor(new DifferentiableProcessor());
        Compilation c =
                Compiler.javac().withProcessors(host).compile(JavaFileObjects.forSourceString("demo.Models", MODELS));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.ModelsGrad");
        assertTrue(Proxy.isProxyClass(host.wrapped.getClass()));
        assertTrue(host.handler.calls.get() > 0, "the processor never used the wrapped environment");

        ClassLoader loader = loaderFor(c);
        Class<?> grad = Class.forName("demo.ModelsGrad", true, loader);
        Method reverse = grad.getMethod("rosenbrock", double.class, double.class);
        Object r = reverse.invoke(null, 0.5, 2.0);
        double x = 0.5, y = 2.0;
        double b = y - x * x;
        assertEquals(
                (1 - x) * (1 - x) + 100 * b * b,
                (double) r.getClass().getMethod("value").invoke(r),
                1e-12);
        assertEquals(
                -2 * (1 - x) - 400 * x * b,
                (double) r.getClass().getMethod("dx").invoke(r),
                1e-9);
        assertEquals(200 * b, (double) r.getClass().getMethod("dy").invoke(r), 1e-9);

        Method tangent = grad.getMethod("rosenbrockTangent", double.class, double.class, double.class, double.class);
        Object dual = tangent.invoke(null, x, 1.0, y, 0.0);
        assertEquals(
                -2 * (1 - x) - 400 * x * b,
                (double) dual.getClass().getMethod("tangent").invoke(dual),
                1e-9);
    }

    @Test
    void proxiedEnvironmentReportsErrorsOnTheirConstructs() {
        WrappingProcessor host = new WrappingProcessor(new DifferentiableProcessor());
        MarkedErrors.check(Compiler.javac().withProcessors(host), """
        package demo;

        import dev.adjoint.Differentiable;

        final class Broken {
          @Differentiable
          static double f(double x) {
            synchronized (Broken.class) { x = 2 * x; } // ERROR at `synchronized`: [Adjoint.Statement] a synchronized block
            return x;
          }

          @Differentiable
          static int g(double x) { // ERROR at `g`: [Adjoint.ReturnType]
            return 1;
          }
        }
        """);
    }

    private static final String FIRST = """
      package demo;

      import dev.adjoint.Differentiable;

      final class First {
        @Differentiable
        static double a(double x) { return x * x; }

        @Differentiable
        static double b(double x) { return Math.sin(x); }
      }
      """;

    private static final String SECOND = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Second {
        @Differentiable
        static double c(double x) { return First.a(x) + 1; }

        @Differentiable
        static double d(double x, double y) { return x * y; }

        @Differentiable
        double brokenToo(double x) { return x; }
      }
      """;

    private static Compilation compileWithoutTrees(Function<ProcessingEnvironment, Optional<Trees>> locator) {
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor(locator))
                .compile(
                        JavaFileObjects.forSourceString("demo.First", FIRST),
                        JavaFileObjects.forSourceString("demo.Second", SECOND));
    }

    private static void assertExactlyOneNeedsJavac(Compilation c) {
        assertThat(c).failed();
        List<Diagnostic<? extends JavaFileObject>> errors = c.errors();
        assertEquals(1, errors.size(), () -> MarkedErrors.describe(c, List.of()));
        String message = errors.get(0).getMessage(Locale.ROOT);
        assertTrue(message.startsWith("[Adjoint.NeedsJavac]"), message);
        assertTrue(message.contains("compile with javac"), message);
        assertNotNull(errors.get(0).getSource(), "the error should point at a method of the user's code");
        assertEquals(0, c.warnings().size(), () -> MarkedErrors.describe(c, List.of()));
    }

    @Test
    void withoutTreeApiExactlyOneNeedsJavacError() {
        assertExactlyOneNeedsJavac(compileWithoutTrees(env -> Optional.empty()));
    }

    @Test
    void aThrowingLocatorCountsAsNoTreeApi() {
        assertExactlyOneNeedsJavac(compileWithoutTrees(env -> {
            throw new IllegalStateException("host refuses");
        }));
        assertExactlyOneNeedsJavac(compileWithoutTrees(env -> {
            throw new NoClassDefFoundError("com/sun/source/util/Trees");
        }));
    }

    @Test
    void withoutTreeApiNothingToSayWhenNothingIsAnnotated() {
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor(env -> Optional.empty()))
                .compile(JavaFileObjects.forSourceString(
                        "demo.Plain", "package demo; final class Plain { static double f(double x) { return x; } }"));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void theDefaultLocatorFindsTheRealTrees() {
        Object[] seen = new Object[2];
        WrappingProcessor host = new WrappingProcessor(new DifferentiableProcessor(env -> {
            Optional<Trees> t = dev.adjoint.processor.host.TreesLocator.locate(env);
            seen[0] = env;
            seen[1] = t.orElse(null);
            return t;
        }));
        Compilation c =
                Compiler.javac().withProcessors(host).compile(JavaFileObjects.forSourceString("demo.Models", MODELS));
        assertThat(c).succeededWithoutWarnings();
        assertSame(host.wrapped, seen[0]);
        assertNotNull(seen[1], "TreesLocator did not unwrap the proxy's delegate field");
    }

    /** Loads the class files of a compilation (the user's and the generated ones). */
    private static ClassLoader loaderFor(Compilation c) {
        Map<String, byte[]> bytes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() != JavaFileObject.Kind.CLASS) continue;
            String path = f.toUri().getPath();
            String rel = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
            try (InputStream in = f.openInputStream()) {
                bytes.put(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClassLoader(HostsTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = bytes.get(name);
                if (b == null) throw new ClassNotFoundException(name);
                return defineClass(name, b, 0, b.length);
            }
        };
    }
}
