package dev.adjoint.processor.frontend;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.function.Consumer;
import javax.lang.model.element.ExecutableElement;

/**
 * The calls in a body of unannotated methods that {@link ImplicitCallees} would differentiate:
 * under {@code order = 2} they are differentiated twice, so the {@code @Differentiable} methods
 * their bodies call need a Hessian-vector product as the order-2 method's own callees do.
 */
final class ImplicitCalleeCalls {
    private ImplicitCalleeCalls() {}

    /** Gives {@code onCallee} each such method called in the body at {@code method}. */
    static void each(TreePath method, Trees trees, Consumer<ExecutableElement> onCallee) {
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                if (trees.getElement(getCurrentPath()) instanceof ExecutableElement m
                        && ImplicitCallees.applies(m, trees)) onCallee.accept(m);
                return super.visitMethodInvocation(tree, unused);
            }
        }.scan(method, null);
    }
}
