package dev.adjoint.processor.frontend;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * {@code @Differentiable} on a method of a local or anonymous class: javac does not hand such
 * methods to processors (they are not members of any type it enumerates), so without this scan
 * the annotation would be silently ignored. The trees are there, so each one is found by reading
 * the bodies of the round's classes, and reported: the generated class could not name the method.
 * Before attribution the annotation is known by its name only: {@code Differentiable} or
 * {@code dev.adjoint.Differentiable}.
 */
public final class LocalClassMethods extends TreePathScanner<Void, Integer> {
    private final Reporter reporter;
    private final CompilationUnitTree unit;

    private LocalClassMethods(Reporter reporter, CompilationUnitTree unit) {
        this.reporter = reporter;
        this.unit = unit;
    }

    /** Reports every annotated method of a local or anonymous class inside {@code type}. */
    public static void report(Element type, Trees trees, Reporter reporter) {
        if (!(type instanceof TypeElement)) return;
        TreePath path = trees.getPath(type);
        if (path == null) return;
        new LocalClassMethods(reporter, path.getCompilationUnit()).scan(path, 0);
    }

    /** The argument counts the method bodies around the current tree: inside one, a class is local or anonymous. */
    @Override
    public Void visitMethod(MethodTree m, Integer bodies) {
        if (bodies > 0 && m.getModifiers().getAnnotations().stream().anyMatch(LocalClassMethods::isDifferentiable)) {
            String owner = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree c
                            && !c.getSimpleName().isEmpty()
                    ? "local class " + c.getSimpleName()
                    : "an anonymous class";
            reporter.error(m, unit, Message.LOCAL_CLASS, m.getName(), owner);
        }
        scan(m.getModifiers(), bodies);
        scan(m.getParameters(), bodies);
        scan(m.getBody(), bodies + 1);
        return null;
    }

    private static boolean isDifferentiable(AnnotationTree a) {
        String name = a.getAnnotationType().toString();
        return name.equals("Differentiable") || name.equals(Signature.ANNOTATION);
    }
}
