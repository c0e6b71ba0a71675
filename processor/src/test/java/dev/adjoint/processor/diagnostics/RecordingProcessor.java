package dev.adjoint.processor.diagnostics;

import dev.adjoint.processor.DifferentiableProcessor;
import dev.adjoint.processor.testing.DelegatingProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Runs a {@link DifferentiableProcessor} and records the name of every file it asks the
 * {@link Filer} for. compile-testing hides generated files once a compilation has failed, and a
 * failed compilation is exactly where "no companion class was written" has to be checked.
 */
final class RecordingProcessor extends DelegatingProcessor {
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    RecordingProcessor() {
        super(new DifferentiableProcessor());
    }

    /** Names passed to {@code createSourceFile} / {@code createClassFile} / {@code createResource}, in order. */
    List<String> created() {
        return List.copyOf(created);
    }

    @Override
    protected ProcessingEnvironment wrap(ProcessingEnvironment env) {
        Filer filer = env.getFiler();
        Filer recording = (Filer) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Filer.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("create") && args != null && args.length > 0) {
                        created.add(
                                method.getName().equals("createResource")
                                        ? String.valueOf(args[2])
                                        : String.valueOf(args[0]));
                    }
                    return forward(method, filer, args);
                });
        return (ProcessingEnvironment) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class},
                new EnvHandler(env, recording));
    }

    /** Forwards to the real environment (a field named {@code delegate}, as host wrappers have) except for the Filer. */
    private static final class EnvHandler implements java.lang.reflect.InvocationHandler {
        private final ProcessingEnvironment delegate;
        private final Filer filer;

        EnvHandler(ProcessingEnvironment delegate, Filer filer) {
            this.delegate = delegate;
            this.filer = filer;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            return method.getName().equals("getFiler") ? filer : forward(method, delegate, args);
        }
    }

    private static Object forward(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
