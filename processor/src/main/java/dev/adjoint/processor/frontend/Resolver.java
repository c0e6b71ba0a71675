package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Resolves the names a method body uses, the way javac would, before javac has attributed the
 * body: types through the enclosing classes, the compilation unit's imports, its package and
 * {@code java.lang}; static fields and methods through the enclosing classes and static imports.
 */
final class Resolver {
    private final Elements elements;
    private final CompilationUnitTree unit;
    private final TypeElement enclosing;

    Resolver(Elements elements, CompilationUnitTree unit, TypeElement enclosing) {
        this.elements = elements;
        this.unit = unit;
        this.enclosing = enclosing;
    }

    /** The type a qualifier such as {@code Math}, {@code Other} or {@code java.lang.Math} names, or null. */
    TypeElement type(ExpressionTree qualifier) {
        if (qualifier instanceof IdentifierTree id)
            return typeNamed(id.getName().toString());
        if (qualifier instanceof MemberSelectTree select) {
            String dotted = dotted(select);
            if (dotted != null) {
                TypeElement t = elements.getTypeElement(dotted);
                if (t != null) return t;
            }
            TypeElement outer = type(select.getExpression());
            if (outer != null) return memberType(outer, select.getIdentifier().toString());
        }
        return null;
    }

    private TypeElement typeNamed(String name) {
        for (Element e = enclosing; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (t.getSimpleName().contentEquals(name)) return t;
            TypeElement member = memberType(t, name);
            if (member != null) return member;
        }
        for (ImportTree imp : unit.getImports()) {
            if (imp.isStatic()) continue;
            String imported = imp.getQualifiedIdentifier().toString();
            if (imported.endsWith("." + name)) {
                TypeElement t = elements.getTypeElement(imported);
                if (t != null) return t;
            }
        }
        PackageElement pkg = elements.getPackageOf(enclosing);
        String prefix = pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
        TypeElement same = elements.getTypeElement(prefix + name);
        if (same != null) return same;
        for (ImportTree imp : unit.getImports()) {
            String imported = imp.getQualifiedIdentifier().toString();
            if (!imp.isStatic() && imported.endsWith(".*")) {
                TypeElement t = elements.getTypeElement(imported.substring(0, imported.length() - 1) + name);
                if (t != null) return t;
            }
        }
        return elements.getTypeElement("java.lang." + name);
    }

    private static TypeElement memberType(TypeElement owner, String name) {
        for (Element e : owner.getEnclosedElements()) {
            if (e instanceof TypeElement t && t.getSimpleName().contentEquals(name)) return t;
        }
        return null;
    }

    /** A field visible by its simple name: of an enclosing class, or statically imported. */
    VariableElement field(String name) {
        for (Element e = enclosing; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            VariableElement f = field(t, name);
            if (f != null) return f;
        }
        for (TypeElement t : staticImportOwners(name)) {
            VariableElement f = field(t, name);
            if (f != null) return f;
        }
        return null;
    }

    VariableElement field(TypeElement owner, String name) {
        for (Element e : elements.getAllMembers(owner)) {
            // an enum constant is a static field too: its type, not its name, is what the subset lacks
            boolean field = e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT;
            if (field && e.getSimpleName().contentEquals(name)) return (VariableElement) e;
        }
        return null;
    }

    /** Methods named {@code name} visible unqualified: of the innermost enclosing class that has some, else static imports. */
    List<ExecutableElement> methods(String name) {
        for (Element e = enclosing; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            List<ExecutableElement> found = methods(t, name);
            if (!found.isEmpty()) return found;
        }
        List<ExecutableElement> imported = new ArrayList<>();
        for (TypeElement t : staticImportOwners(name)) imported.addAll(methods(t, name));
        return imported;
    }

    List<ExecutableElement> methods(TypeElement owner, String name) {
        List<ExecutableElement> out = new ArrayList<>();
        for (Element e : elements.getAllMembers(owner)) {
            if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name))
                out.add((ExecutableElement) e);
        }
        return out;
    }

    private List<TypeElement> staticImportOwners(String member) {
        List<TypeElement> owners = new ArrayList<>();
        for (ImportTree imp : unit.getImports()) {
            if (!imp.isStatic()) continue;
            Tree q = imp.getQualifiedIdentifier();
            if (!(q instanceof MemberSelectTree s)) continue;
            String last = s.getIdentifier().toString();
            if (last.equals("*") || last.equals(member)) {
                TypeElement t = type(s.getExpression());
                if (t != null) owners.add(t);
            }
        }
        return owners;
    }

    /**
     * Whether the generated class, a separate class in {@code gradPackage}, can name
     * {@code member}: neither it nor a class around it is private, and a protected one is declared
     * in that package.
     */
    boolean accessible(Element member, String gradPackage) {
        for (Element e = member; e instanceof TypeElement || e == member; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) return false;
            boolean samePackage = elements.getPackageOf(e).getQualifiedName().contentEquals(gradPackage);
            if (e.getModifiers().contains(Modifier.PROTECTED) && !samePackage) return false;
            if (!samePackage
                    && !e.getModifiers().contains(Modifier.PUBLIC)
                    && !e.getModifiers().contains(Modifier.PROTECTED)) return false;
        }
        return true;
    }

    private static String dotted(ExpressionTree t) {
        if (t instanceof IdentifierTree id) return id.getName().toString();
        if (t instanceof MemberSelectTree s) {
            String q = dotted(s.getExpression());
            return q == null ? null : q + "." + s.getIdentifier();
        }
        return null;
    }
}
