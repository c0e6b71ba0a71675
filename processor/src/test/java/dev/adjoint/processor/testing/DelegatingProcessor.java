package dev.adjoint.processor.testing;

import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs another processor as a host does that wraps javac's environment (Gradle, IntelliJ): the
 * delegate only ever sees what {@link #wrap} makes of the real environment.
 */
public abstract class DelegatingProcessor implements Processor {
    protected final Processor delegate;

    protected DelegatingProcessor(Processor delegate) {
        this.delegate = delegate;
    }

    /** What the delegate is given in place of javac's environment. */
    protected abstract ProcessingEnvironment wrap(ProcessingEnvironment env);

    @Override
    public void init(ProcessingEnvironment env) {
        delegate.init(wrap(env));
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
    public Iterable<? extends Completion> getCompletions(
            Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
        return delegate.getCompletions(element, annotation, member, userText);
    }
}
