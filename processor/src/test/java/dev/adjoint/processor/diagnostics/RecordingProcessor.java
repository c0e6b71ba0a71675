package dev.adjoint.processor.diagnostics;

import dev.adjoint.processor.DifferentiableProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs a {@link DifferentiableProcessor} and records the name of every file it asks the
 * {@link Filer} for. compile-testing hides generated files once a compilation has failed, and a
 * failed compilation is exactly where "no companion class was written" has to be checked.
 */
final class RecordingProcessor implements Processor {
  private final Processor delegate = new DifferentiableProcessor();
  private final List<String> created = Collections.synchronizedList(new ArrayList<>());

  /** Names passed to {@code createSourceFile} / {@code createClassFile} / {@code createResource}, in order. */
  List<String> created() {
    return List.copyOf(created);
  }

  @Override
  public void init(ProcessingEnvironment env) {
    Filer filer = env.getFiler();
    Filer recording = (Filer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Filer.class},
        (proxy, method, args) -> {
          if (method.getName().startsWith("create") && args != null && args.length > 0) {
            created.add(method.getName().equals("createResource") ? String.valueOf(args[2]) : String.valueOf(args[0]));
          }
          return forward(method, filer, args);
        });
    ProcessingEnvironment wrapped = (ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ProcessingEnvironment.class}, new EnvHandler(env, recording));
    delegate.init(wrapped);
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

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }
}
