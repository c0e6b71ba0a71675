package dev.adjoint.processor.frontend;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The initializer of a {@code private static final} scalar of the method's own source file
 * ({@code HALF_LOG_2_PI = 0.5 * Math.log(2 * Math.PI)}), which the generated class cannot read
 * by name but can compute again: the front end translates the expression where the field is read.
 * Only scalars: an array table copied this way would be allocated on every call.
 */
final class FieldInitializers {
    private FieldInitializers() {}

    /** The initializer of {@code field}, when it is a static final scalar declared in {@code unit}; else null. */
    static ExpressionTree of(VariableElement field, CompilationUnitTree unit) {
        if (!field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))
                || !field.asType().getKind().isPrimitive()) return null;
        String owner =
                ((TypeElement) field.getEnclosingElement()).getSimpleName().toString();
        String name = field.getSimpleName().toString();
        ExpressionTree[] found = new ExpressionTree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree c, Void v) {
                if (c.getSimpleName().contentEquals(owner)) {
                    for (Tree member : c.getMembers()) {
                        if (member instanceof VariableTree f
                                && f.getName().contentEquals(name)
                                && f.getInitializer() != null) found[0] = f.getInitializer();
                    }
                }
                return super.visitClass(c, v);
            }
        }.scan(unit, null);
        return found[0];
    }
}
