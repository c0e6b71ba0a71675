package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * What {@code @Differentiable(order = ...)} asks for, and whether the method's body is within
 * what second order handles today: the value of {@code order} (1 or 2), and, under
 * {@code order = 2}, an error at each call of another {@code @Differentiable} method, which
 * forward over reverse does not differentiate yet. A callee from a compiled class
 * must itself carry {@code order = 2} (its generated class then holds its {@code Hvp} method):
 * that gets its own error, which is the fix the user needs whatever this build supports.
 */
public final class SecondOrderCheck {
    private SecondOrderCheck() {}

    /** The method's {@code order}, or 0 after reporting a value other than 1 or 2 on it. */
    public static int order(ExecutableElement m, Reporter reporter) {
        for (AnnotationMirror a : m.getAnnotationMirrors()) {
            if (!((TypeElement) a.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(Signature.ANNOTATION)) continue;
            for (var e : a.getElementValues().entrySet()) {
                if (!e.getKey().getSimpleName().contentEquals("order")) continue;
                AnnotationValue value = e.getValue();
                int order = value.getValue() instanceof Integer i ? i : 0;
                if (order != 1 && order != 2) {
                    reporter.error(m, a, value, Message.ORDER, order, m.getSimpleName());
                    return 0;
                }
                return order;
            }
        }
        return 1;
    }

    /** Reports each call of the body that order 2 cannot handle yet; true when there is none. */
    public static boolean supported(
            ExecutableElement m, TreePath method, Trees trees, Elements elements, Reporter reporter) {
        int before = reporter.errorCount();
        CompilationUnitTree unit = method.getCompilationUnit();
        String name = m.getSimpleName().toString();
        // the second-order writer knows static methods returning double only
        if (!m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
            reporter.error(m, Message.SECOND_ORDER_UNSUPPORTED, name, "instance methods");
        } else if (m.getReturnType().getKind() != javax.lang.model.type.TypeKind.DOUBLE) {
            reporter.error(m, Message.SECOND_ORDER_UNSUPPORTED, name, "methods that return " + m.getReturnType());
        }
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                Element callee = trees.getElement(getCurrentPath());
                if (callee instanceof ExecutableElement c && Signature.isDifferentiable(c)) {
                    String calleeName = c.getEnclosingElement().getSimpleName() + "." + c.getSimpleName();
                    if (fromCompiledClass(c, trees) && !hasSecondOrder(c, elements)) {
                        reporter.error(tree, unit, Message.CALLEE_ORDER, calleeName, name);
                    } else {
                        reporter.error(
                                tree,
                                unit,
                                Message.SECOND_ORDER_UNSUPPORTED,
                                name,
                                "calls of other @Differentiable methods (" + calleeName + ")");
                    }
                }
                return super.visitMethodInvocation(tree, unused);
            }
        }.scan(method, null);
        return reporter.errorCount() == before;
    }

    private static boolean fromCompiledClass(ExecutableElement callee, Trees trees) {
        return trees.getPath(callee) == null;
    }

    /** Whether the compiled callee's generated class holds its Hessian-vector product, as {@code order = 2} makes it. */
    private static boolean hasSecondOrder(ExecutableElement callee, Elements elements) {
        TypeElement grad = elements.getTypeElement(
                Signature.gradClass((TypeElement) callee.getEnclosingElement()).canonicalName());
        if (grad == null) return false;
        String hvp = callee.getSimpleName() + "Hvp";
        return grad.getEnclosedElements().stream()
                .anyMatch(e ->
                        e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(hvp));
    }
}
