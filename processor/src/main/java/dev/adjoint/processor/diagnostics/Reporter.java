package dev.adjoint.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints errors where they belong: on a tree inside a method body, or on an element, an
 * annotation or one of its values. Keeps going after each one, so every problem of a file is
 * reported in one build, and remembers whether it reported anything.
 */
public final class Reporter {
    private final Messager messager;
    private final Trees trees;
    private int errors;
    private int quiet;

    public Reporter(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    public void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
        errors++;
        if (quiet > 0) return;
        trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
    }

    public void error(Element element, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
    }

    public void error(
            Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
    }

    /**
     * Runs {@code again}, a second translation of code already translated once (the body of a loop
     * with swapped buffers, once per phase), counting its errors on trees without printing them:
     * the first translation reported each one.
     */
    public void repeating(Runnable again) {
        quiet++;
        try {
            again.run();
        } finally {
            quiet--;
        }
    }

    public int errorCount() {
        return errors;
    }
}
