package dev.adjoint.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.util.List;
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
    /** When not null, errors are kept here as {@code File.java:line: message} instead of printed. */
    private final List<String> kept;

    public Reporter(Messager messager, Trees trees) {
        this(messager, trees, null);
    }

    private Reporter(Messager messager, Trees trees, List<String> kept) {
        this.messager = messager;
        this.trees = trees;
        this.kept = kept;
    }

    /**
     * A reporter that prints nothing and keeps every error, with the file and line it points at:
     * for the body of an unannotated callee, whose problems are reported at the call that needs it.
     */
    public Reporter keeping(List<String> into) {
        return new Reporter(messager, trees, into);
    }

    public void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
        errors++;
        if (quiet > 0) return;
        if (kept != null) kept.add(where(tree, unit) + ": " + message.format(args));
        else trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
    }

    public void error(Element element, Message message, Object... args) {
        errors++;
        if (kept != null)
            kept.add(element.getEnclosingElement().getSimpleName() + "." + element.getSimpleName() + ": "
                    + message.format(args));
        else messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
    }

    private String where(Tree tree, CompilationUnitTree unit) {
        String file = unit.getSourceFile().getName();
        file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        long start = trees.getSourcePositions().getStartPosition(unit, tree);
        return start < 0 ? file : file + ":" + unit.getLineMap().getLineNumber(start);
    }

    public void error(
            Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        errors++;
        if (kept != null) kept.add(element.getSimpleName() + ": " + message.format(args));
        else messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
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
