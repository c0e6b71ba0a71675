package dev.adjoint.processor.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs javac with a probe processor that hands {@link TreesLocator} the real environment and
 * host-style wrappers around it. Checks run inside the processor but are only recorded there:
 * javac would rewrap anything thrown from a processor, so the assertions happen afterwards.
 */
class TreesLocatorTest {
    /** What the probe saw for one environment. */
    record Outcome(boolean instanceAccepts, Optional<Trees> located, Trees real, boolean treeFound) {}

    private static Probe probe;
    private static Compilation compilation;

    @BeforeAll
    static void compileWithProbe() {
        probe = new Probe();
        compilation = Compiler.javac()
                .withProcessors(probe)
                .compile(JavaFileObjects.forSourceString("demo.Sample", "package demo; class Sample {}"));
    }

    @Test
    void probeRanAndCompilationSucceeded() {
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics()::toString);
        assertNull(probe.failure, () -> "probe threw: " + probe.failure);
        assertNotNull(probe.sample, "probe saw no root element");
    }

    @Test
    void realEnvironmentIsLocatedDirectly() {
        Outcome o = outcome("real");
        assertTrue(o.instanceAccepts());
        assertLocatedToRealTrees(o);
    }

    @Test
    void gradleStyleProxyWithDelegateFieldIsUnwrapped() {
        Outcome o = outcome("gradle proxy");
        assertFalse(o.instanceAccepts(), "Trees.instance should reject a proxy");
        assertLocatedToRealTrees(o);
    }

    @Test
    void intellijStyleAnonymousHandlerCapturingDelegateIsUnwrapped() {
        Outcome o = outcome("intellij proxy");
        assertFalse(o.instanceAccepts());
        assertLocatedToRealTrees(o);
    }

    @Test
    void forwardingWrapperClassIsUnwrapped() {
        Outcome o = outcome("wrapper");
        assertFalse(o.instanceAccepts());
        assertLocatedToRealTrees(o);
    }

    @Test
    void delegateFieldDeclaredInSuperclassIsFound() {
        Outcome o = outcome("wrapper subclass");
        assertFalse(o.instanceAccepts());
        assertLocatedToRealTrees(o);
    }

    @Test
    void doublyWrappedEnvironmentsAreUnwrapped() {
        for (String name : new String[] {"wrapper of wrapper", "wrapper of proxy", "proxy of wrapper"}) {
            Outcome o = outcome(name);
            assertFalse(o.instanceAccepts(), name);
            assertLocatedToRealTrees(o);
        }
    }

    @Test
    void decoyFieldsBeforeTheDelegateDoNotStopTheSearch() {
        // The wrapper first holds a dead-end environment, then the real one.
        Outcome o = outcome("decoy then real");
        assertFalse(o.instanceAccepts());
        assertLocatedToRealTrees(o);
    }

    @Test
    void proxyWithoutDelegateGivesEmpty() {
        Outcome o = outcome("bare proxy");
        assertFalse(o.instanceAccepts());
        assertTrue(o.located().isEmpty());
    }

    @Test
    void cyclicWrappersWithoutJavacGiveEmpty() {
        Outcome o = outcome("cycle");
        assertFalse(o.instanceAccepts());
        assertTrue(o.located().isEmpty());
    }

    @Test
    void nullGivesEmpty() {
        assertTrue(TreesLocator.locate(null).isEmpty());
    }

    @Test
    void withoutTheTreeApiLocateGivesEmptyInsteadOfThrowing() {
        // Eclipse's compiler case: the real javac environment is there, com.sun.source is not.
        assertNull(probe.hiddenTreeApiLoadError, "the hiding loader still served com.sun.source");
        assertEquals(Optional.empty(), probe.locatedWithoutTreeApi, () -> "threw: " + probe.hiddenFailure);
    }

    @Test
    void hidingLoaderReallyHidesTheTreeApi() {
        HidingLoader loader = new HidingLoader(TreesLocatorTest.class.getClassLoader());
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(Trees.class.getName()));
    }

    @Test
    void hostDescriptionNamesTheEnvironmentClass() {
        ProcessingEnvironment env = new ForwardingEnv(bareProxy());
        assertEquals(ForwardingEnv.class.getName(), TreesLocator.hostDescription(env));
        assertEquals("com.sun.tools.javac.processing.JavacProcessingEnvironment", probe.realHostDescription);
    }

    private static Outcome outcome(String name) {
        assertNull(probe.failure, () -> "probe threw: " + probe.failure);
        Outcome o = probe.outcomes.get(name);
        assertNotNull(o, () -> "probe did not check " + name);
        return o;
    }

    private static void assertLocatedToRealTrees(Outcome o) {
        assertTrue(o.located().isPresent(), "no Trees located");
        // JavacTrees is one per compilation, so unwrapping must land on that very instance.
        assertSame(o.real(), o.located().get());
        assertTrue(o.treeFound(), "located Trees gave no tree for the sample class");
    }

    // ---------------------------------------------------------------------------------------------
    // The probe processor and the wrappers it builds.

    @javax.annotation.processing.SupportedAnnotationTypes("*")
    static final class Probe extends AbstractProcessor {
        final Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Element sample;
        Throwable failure;
        String realHostDescription;
        Object locatedWithoutTreeApi;
        Throwable hiddenFailure;
        Throwable hiddenTreeApiLoadError;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (sample != null || round.getRootElements().isEmpty()) {
                return false;
            }
            try {
                sample = round.getRootElements().iterator().next();
                ProcessingEnvironment real = processingEnv;
                Trees realTrees = Trees.instance(real);
                realHostDescription = TreesLocator.hostDescription(real);

                check("real", real, realTrees);
                check("gradle proxy", gradleProxy(real), realTrees);
                check("intellij proxy", intellijProxy(real), realTrees);
                check("wrapper", new ForwardingEnv(real), realTrees);
                check("wrapper subclass", new SubclassedEnv(real), realTrees);
                check("wrapper of wrapper", new ForwardingEnv(new ForwardingEnv(real)), realTrees);
                check("wrapper of proxy", new ForwardingEnv(gradleProxy(real)), realTrees);
                check("proxy of wrapper", gradleProxy(new ForwardingEnv(real)), realTrees);
                check("decoy then real", new TwoFieldEnv(bareProxy(), real), realTrees);
                check("bare proxy", bareProxy(), realTrees);
                CyclicEnv a = new CyclicEnv();
                CyclicEnv b = new CyclicEnv();
                a.other = b;
                b.other = a;
                check("cycle", a, realTrees);

                probeWithoutTreeApi(real);
            } catch (Throwable t) {
                failure = t;
            }
            return false;
        }

        private void check(String name, ProcessingEnvironment env, Trees real) {
            boolean accepts;
            try {
                Trees.instance(env);
                accepts = true;
            } catch (IllegalArgumentException e) {
                accepts = false;
            }
            Optional<Trees> located = TreesLocator.locate(env);
            boolean treeFound = located.isPresent() && located.get().getTree(sample) != null;
            outcomes.put(name, new Outcome(accepts, located, real, treeFound));
        }

        /** Loads a second copy of TreesLocator in a loader where com.sun.source does not exist. */
        private void probeWithoutTreeApi(ProcessingEnvironment real) {
            HidingLoader loader = new HidingLoader(TreesLocatorTest.class.getClassLoader());
            try {
                loader.loadClass(Trees.class.getName());
                hiddenTreeApiLoadError = new AssertionError("com.sun.source.util.Trees still loads");
                return;
            } catch (ClassNotFoundException expected) {
                // as intended
            }
            try {
                Class<?> locator = loader.loadClass(TreesLocator.class.getName());
                if (locator == TreesLocator.class) {
                    hiddenTreeApiLoadError = new AssertionError("TreesLocator was not reloaded");
                    return;
                }
                Method locate = locator.getMethod("locate", ProcessingEnvironment.class);
                locatedWithoutTreeApi = locate.invoke(null, real);
            } catch (InvocationTargetException e) {
                hiddenFailure = e.getCause();
            } catch (ReflectiveOperationException e) {
                hiddenFailure = e;
            }
        }
    }

    /** Gradle-style: a proxy whose handler keeps the wrapped environment in {@code delegate}. */
    static final class DelegatingHandler implements InvocationHandler {
        private final ProcessingEnvironment delegate;

        DelegatingHandler(ProcessingEnvironment delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    static ProcessingEnvironment gradleProxy(ProcessingEnvironment delegate) {
        return proxy(new DelegatingHandler(delegate));
    }

    /** IntelliJ-style: an anonymous handler capturing a local, so the field is {@code val$...}. */
    static ProcessingEnvironment intellijProxy(ProcessingEnvironment delegateTo) {
        return proxy(new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                return method.invoke(delegateTo, args);
            }
        });
    }

    /** A proxy that refuses every call, so the locator must not call into it either. */
    static ProcessingEnvironment bareProxy() {
        return proxy((p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private static ProcessingEnvironment proxy(InvocationHandler handler) {
        return (ProcessingEnvironment) Proxy.newProxyInstance(
                TreesLocatorTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, handler);
    }

    /** Like Gradle's IncrementalProcessingEnvironment: forwards everything to a private field. */
    static class ForwardingEnv implements ProcessingEnvironment {
        private final ProcessingEnvironment wrapped;

        ForwardingEnv(ProcessingEnvironment wrapped) {
            this.wrapped = wrapped;
        }

        @Override
        public Map<String, String> getOptions() {
            return wrapped.getOptions();
        }

        @Override
        public Messager getMessager() {
            return wrapped.getMessager();
        }

        @Override
        public Filer getFiler() {
            return wrapped.getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return wrapped.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return wrapped.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return wrapped.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return wrapped.getLocale();
        }

        @Override
        public boolean isPreviewEnabled() {
            return wrapped.isPreviewEnabled();
        }
    }

    /** The delegate field lives in the superclass only. */
    static final class SubclassedEnv extends ForwardingEnv {
        @SuppressWarnings("unused")
        private final String label = "sub";

        SubclassedEnv(ProcessingEnvironment wrapped) {
            super(wrapped);
        }
    }

    /** Holds a dead end before the real environment. */
    static final class TwoFieldEnv extends ForwardingEnv {
        @SuppressWarnings("unused")
        private final ProcessingEnvironment decoy;

        TwoFieldEnv(ProcessingEnvironment decoy, ProcessingEnvironment real) {
            super(real);
            this.decoy = decoy;
        }
    }

    /** Two of these point at each other and at nothing else. */
    static final class CyclicEnv extends ForwardingEnv {
        ProcessingEnvironment other;

        CyclicEnv() {
            super(null);
        }
    }

    /**
     * Child-first for TreesLocator and its nested classes, and blind to com.sun.source: stands in
     * for a compiler (Eclipse's) whose class path has no Tree API.
     */
    static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.sun.source.")) {
                throw new ClassNotFoundException(name);
            }
            String own = TreesLocator.class.getName();
            if (!name.equals(own) && !name.startsWith(own + "$")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
