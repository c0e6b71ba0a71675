package dev.adjoint.processor.frontend;

import dev.adjoint.Differentiable;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Two or more {@code @Differentiable} overloads of one name (API.md, "Overloads"). Java tells their
 * generated methods apart by their parameters, so those keep the method's name; the records, which
 * have no parameters to tell them apart, get the overload's parameter types:
 * {@code erf(double)} and {@code erf(double, double)} give the records {@code Erf_double} and
 * {@code Erf_double_double}. A method with no annotated overload keeps the record {@code Erf}.
 */
public final class AnnotatedOverloads {
    private AnnotatedOverloads() {}

    /** The simple name of {@code m}'s reverse-mode record; the Jacobian, Vjp, Hvp and Hessian records append to it. */
    public static String recordName(ExecutableElement m) {
        String base = Refs.Callee.capitalized(m.getSimpleName().toString());
        if (overloads(m).size() < 2) return base;
        return base
                + m.getParameters().stream()
                        .map(p -> "_" + typeName(p.asType()))
                        .collect(Collectors.joining());
    }

    /** {@code double[]} → {@code doubleArray}, {@code Foo} → {@code Foo}: a type as part of a Java name. */
    static String typeName(TypeMirror t) {
        if (t instanceof ArrayType a) return typeName(a.getComponentType()) + "Array";
        if (t instanceof DeclaredType d) return d.asElement().getSimpleName().toString();
        return t.toString();
    }

    /**
     * A generated method that {@code m} and an earlier annotated overload would both declare with the
     * same parameter types, which Java rejects: {@code f(double x, double y)} and
     * {@code f(double a, double b, double c)} with {@code wrt = "a"} both give
     * {@code fTangent(double, double, double, double)}. Empty when none; reported on the later one.
     */
    static Optional<Clash> clash(ExecutableElement m) {
        List<String> mine = generated(m);
        for (ExecutableElement other : overloads(m)) {
            if (other == m) return Optional.empty();
            for (String g : generated(other)) {
                if (mine.contains(g)) return Optional.of(new Clash(other, g));
            }
        }
        return Optional.empty();
    }

    /** The earlier overload and the generated method, as {@code name(type, …)}, that both would declare. */
    record Clash(ExecutableElement other, String method) {}

    /** The annotated methods named like {@code m} in its class, in source order, {@code m} included. */
    private static List<ExecutableElement> overloads(ExecutableElement m) {
        List<ExecutableElement> out = new ArrayList<>();
        for (Element e : m.getEnclosingElement().getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD
                    && e.getSimpleName().equals(m.getSimpleName())
                    && Signature.isDifferentiable(e)) out.add((ExecutableElement) e);
        }
        return out;
    }

    /**
     * The erased signatures of the public methods generated for {@code m}: the reverse method (or
     * Jacobian, Vjp and JacobianInto of a vector method), the tangent, and fAdd. The Hvp of order 2 has the
     * tangent's parameter types and the Hessian the method's own, so they clash only when those do.
     */
    private static List<String> generated(ExecutableElement m) {
        String name = m.getSimpleName().toString();
        List<String> own = new ArrayList<>();
        List<String> tangent = new ArrayList<>();
        List<String> bars = new ArrayList<>();
        boolean arraysOnly = true;
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            String receiver = erased(m.getEnclosingElement().asType());
            own.add(receiver);
            tangent.add(receiver);
        }
        List<String> wrt = Arrays.asList(m.getAnnotation(Differentiable.class).wrt());
        for (VariableElement p : m.getParameters()) {
            String type = erased(p.asType());
            Type t = Types2.of(p.asType());
            boolean differentiated = t != null
                    && t.isFloating()
                    && (wrt.isEmpty() || wrt.contains(p.getSimpleName().toString()));
            own.add(type);
            tangent.add(type);
            if (differentiated) {
                tangent.add(type);
                bars.add(type);
                arraysOnly &= t.isArray();
            }
        }
        List<String> out = new ArrayList<>();
        out.add(name + "Tangent(" + String.join(", ", tangent) + ")");
        if (Signature.isVector(m)) {
            out.add(name + "Jacobian(" + String.join(", ", own) + ")");
            List<String> vjp = new ArrayList<>(own);
            vjp.add("double[]");
            out.add(name + "Vjp(" + String.join(", ", vjp) + ")");
            List<String> into = new ArrayList<>(own);
            into.addAll(List.of("double[]", "int"));
            out.add(name + "JacobianInto(" + String.join(", ", into) + ")");
            return out;
        }
        out.add(name + "(" + String.join(", ", own) + ")");
        if (arraysOnly && !bars.isEmpty() && m.getModifiers().contains(Modifier.STATIC)) {
            List<String> add = new ArrayList<>(own);
            add.add("double");
            add.addAll(bars);
            out.add(name + "Add(" + String.join(", ", add) + ")");
        }
        return out;
    }

    private static String erased(TypeMirror t) {
        if (t instanceof ArrayType a) return erased(a.getComponentType()) + "[]";
        if (t instanceof DeclaredType d)
            return ((TypeElement) d.asElement()).getQualifiedName().toString();
        return t.toString();
    }
}
