package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code String} or enum value the method uses as it is: a parameter, or a static field or a
 * field of the receiver the generated class can name; a constant for differentiation. It may be
 * the selector of a switch, which the graph (it computes with numbers only) lowers on the index
 * of the case taken ({@link Refs.CaseIndex}), computed by generated code with a switch of its own
 * on the same selector; and it may be passed on to a call (a callee may switch on it).
 * {@link #find} tells such a value apart from a numeric one; {@link #label} reads a case label as
 * the generated switch prints it.
 */
final class ReferenceSelector {
    /** The selector's leaf (a parameter or field read), its declared type, and whether it is an enum. */
    final Node leaf;

    final TypeMirror type;
    final boolean isEnum;
    /** What the generated local holding the case index is named after: the selector's name. */
    final String name;

    private ReferenceSelector(Node leaf, TypeMirror type, boolean isEnum, String name) {
        this.leaf = leaf;
        this.type = type;
        this.isEnum = isEnum;
        this.name = name;
    }

    /** What went wrong finding a selector: the construct, what it is and what to do instead. */
    record Problem(Tree at, String what, String instead) {}

    /** A selector, or a problem to report, or neither (null) for a selector of another type. */
    record Found(ReferenceSelector selector, Problem problem) {}

    /**
     * The String or enum selector {@code tree} names, when it is a parameter of the method, a
     * static field or a field of the receiver; null when it has another type (a number, or
     * something whose type the translation reports on its own).
     */
    static Found find(ReceiverAndRuleCalls t, ExpressionTree tree) {
        ExpressionTree e = Translation.unparenthesize(tree);
        if (e instanceof IdentifierTree id) {
            String name = id.getName().toString();
            Translation.Local local = t.lookup(name);
            if (local != null) {
                if (local.type != null) return null;
                List<? extends VariableElement> params = t.signature.method().getParameters();
                for (int i = 0; i < params.size(); i++) {
                    VariableElement p = params.get(i);
                    if (!p.getSimpleName().contentEquals(name) || !isStringOrEnum(p.asType())) continue;
                    Node leaf = t.b.param(new Refs.Param(i, name, Type.REFERENCE));
                    return new Found(new ReferenceSelector(leaf, p.asType(), isEnum(p.asType()), name), null);
                }
                return null;
            }
            VariableElement field = t.resolver.field(name);
            return field == null ? null : field(t, field, e);
        }
        if (e instanceof MemberSelectTree m) {
            TypeElement owner = t.isReceiver(m.getExpression()) ? t.receiver : t.resolver.type(m.getExpression());
            VariableElement field = owner == null
                    ? null
                    : t.resolver.field(owner, m.getIdentifier().toString());
            return field == null ? null : field(t, field, e);
        }
        return null;
    }

    private static Found field(ReceiverAndRuleCalls t, VariableElement field, Tree at) {
        TypeMirror type = field.asType();
        if (!isStringOrEnum(type)) return null;
        String name = field.getSimpleName().toString();
        ClassName owner = ClassName.get((TypeElement) field.getEnclosingElement());
        boolean isStatic = field.getModifiers().contains(Modifier.STATIC);
        if (!isStatic
                && (t.receiver == null || !t.elements.getAllMembers(t.receiver).contains(field)))
            return new Found(
                    null, new Problem(at, "a switch on instance field " + name, "pass its value as a parameter"));
        String pkg = t.gradClass.packageName();
        Refs.FieldAccess access = isStatic ? Refs.FieldAccess.STATIC : Refs.FieldAccess.RECEIVER;
        // the generated switch names the enum's constants
        if (!t.resolver.accessible(((DeclaredType) type).asElement(), pkg))
            return new Found(
                    null,
                    new Problem(
                            at,
                            "a switch on field " + name + ", of an enum the generated class cannot name (" + type + ")",
                            "make the enum package-private"));
        if (!t.resolver.accessible(field, pkg)) {
            // read through a VarHandle, for which the generated class must name the field's class
            if (!t.resolver.accessible(field.getEnclosingElement(), pkg))
                return new Found(
                        null,
                        new Problem(
                                at,
                                "a switch on private field " + name + " of a class the generated class cannot name",
                                "pass its value as a parameter"));
            access = isStatic ? Refs.FieldAccess.STATIC_HANDLE : Refs.FieldAccess.RECEIVER_HANDLE;
        }
        Node leaf = t.b.field(new Refs.Field(owner, name, access, null, TypeName.get(type)), Type.REFERENCE);
        return new Found(new ReferenceSelector(leaf, type, isEnum(type), name), null);
    }

    /**
     * The label as the generated switch prints it: a String literal for a String selector (a
     * literal or a String constant, copied by value), an enum constant's simple name for an enum;
     * null when it is neither.
     */
    String label(Translation t, ExpressionTree label) {
        ExpressionTree e = Translation.unparenthesize(label);
        if (isEnum) {
            String name = e instanceof IdentifierTree id
                    ? id.getName().toString()
                    : e instanceof MemberSelectTree m ? m.getIdentifier().toString() : null;
            Element type = ((DeclaredType) this.type).asElement();
            for (Element c : type.getEnclosedElements()) {
                if (c.getKind() == ElementKind.ENUM_CONSTANT
                        && c.getSimpleName().contentEquals(String.valueOf(name))) return name;
            }
            return null;
        }
        Object value = null;
        if (e.getKind() == Tree.Kind.STRING_LITERAL) {
            value = ((LiteralTree) e).getValue();
        } else {
            VariableElement field = null;
            if (e instanceof IdentifierTree id && t.lookup(id.getName().toString()) == null) {
                field = t.resolver.field(id.getName().toString());
            } else if (e instanceof MemberSelectTree m) {
                TypeElement owner = t.resolver.type(m.getExpression());
                field = owner == null
                        ? null
                        : t.resolver.field(owner, m.getIdentifier().toString());
            }
            if (field != null) value = field.getConstantValue();
        }
        return value instanceof String s ? CodeBlock.of("$S", s).toString() : null;
    }

    /** The case index of a switch whose cases carry {@code labels} (empty for default). */
    Node caseIndex(Translation t, List<List<String>> labels) {
        ClassName owner =
                isEnum ? ClassName.get((TypeElement) ((DeclaredType) type).asElement()) : ClassName.get(String.class);
        Refs.CaseIndex cases = new Refs.CaseIndex(owner, labels);
        Node index = t.b.callConst(Refs.Method.caseIndex(cases), Type.INT, List.of(leaf));
        index.nameAfter(name + "Case");
        return index;
    }

    static boolean isStringOrEnum(TypeMirror type) {
        return isEnum(type) || type.toString().equals("java.lang.String");
    }

    private static boolean isEnum(TypeMirror type) {
        return type instanceof DeclaredType d && d.asElement().getKind() == ElementKind.ENUM;
    }
}
