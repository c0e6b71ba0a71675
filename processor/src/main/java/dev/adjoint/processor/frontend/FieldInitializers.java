package dev.adjoint.processor.frontend;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The initializer of a {@code private static final} field of the method's own source file, which
 * the generated class cannot read by name. A scalar's ({@code HALF_LOG_2_PI = 0.5 *
 * Math.log(2 * Math.PI)}) is computed again: the front end translates the expression where the
 * field is read. An array's is copied once into a field of the generated class when it is a table
 * of constants ({@link #table}); translated where read, it would be allocated on every call.
 */
final class FieldInitializers {
    private FieldInitializers() {}

    /** The initializer of {@code field}, when it is a static final scalar declared in {@code unit}; else null. */
    static ExpressionTree of(VariableElement field, CompilationUnitTree unit) {
        if (!field.asType().getKind().isPrimitive()) return null;
        return initializer(field, unit);
    }

    /**
     * {@code field}'s initializer as Java source ({@code {0.5, -1.25}}), when it is a static final
     * array declared in {@code unit} whose elements are all literals, negated literals or
     * constants of its class; else null.
     */
    static String table(VariableElement field, CompilationUnitTree unit) {
        if (field.asType().getKind() != TypeKind.ARRAY) return null;
        ExpressionTree init = initializer(field, unit);
        StringBuilder out = new StringBuilder();
        return init != null && copy(init, (TypeElement) field.getEnclosingElement(), out) ? out.toString() : null;
    }

    private static boolean copy(ExpressionTree e, TypeElement owner, StringBuilder out) {
        if (e instanceof NewArrayTree array) {
            if (array.getInitializers() == null || !array.getDimensions().isEmpty()) return false;
            out.append('{');
            for (int i = 0; i < array.getInitializers().size(); i++) {
                if (i > 0) out.append(", ");
                if (!copy(array.getInitializers().get(i), owner, out)) return false;
            }
            out.append('}');
            return true;
        }
        Object value = constant(e, owner);
        if (!(value instanceof Number)) return false;
        out.append(
                value instanceof Double || value instanceof Float
                        ? Double.toString(((Number) value).doubleValue())
                        : value);
        if (value instanceof Long) out.append('L');
        return true;
    }

    /** The value of a literal, a negated one, or a constant field of {@code owner}; null for anything else. */
    private static Object constant(ExpressionTree e, TypeElement owner) {
        if (e instanceof LiteralTree literal) return literal.getValue();
        if (e instanceof UnaryTree u && (u.getKind() == Tree.Kind.UNARY_MINUS || u.getKind() == Tree.Kind.UNARY_PLUS)) {
            Object v = constant(u.getExpression(), owner);
            if (u.getKind() == Tree.Kind.UNARY_PLUS) return v;
            if (v instanceof Double d) return -d;
            if (v instanceof Float f) return -f;
            if (v instanceof Long l) return -l;
            if (v instanceof Integer i) return -i;
            return null;
        }
        if (e instanceof IdentifierTree id) {
            for (Element member : owner.getEnclosedElements()) {
                if (member instanceof VariableElement f && f.getSimpleName().contentEquals(id.getName()))
                    return f.getConstantValue();
            }
        }
        return null;
    }

    private static ExpressionTree initializer(VariableElement field, CompilationUnitTree unit) {
        if (!field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))) return null;
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
