package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import dev.adjoint.Differentiable;
import dev.adjoint.DifferentiatedParameters;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * What a {@code @Differentiable} method's declaration says: its parameters as graph values and
 * which of them are differentiated (API.md: those named in {@code wrt}, else every double,
 * double[] and double[][] parameter).
 */
public record Signature(
        ExecutableElement method,
        List<Refs.Param> params,
        Map<Integer, Refs.Param> differentiated,
        String name,
        boolean implicit) {

    public static final String ANNOTATION = Differentiable.class.getCanonicalName();

    /** An annotated method: its generated methods and record are named after it, and public. */
    public Signature(ExecutableElement method, List<Refs.Param> params, Map<Integer, Refs.Param> differentiated) {
        this(method, params, differentiated, method.getSimpleName().toString(), false);
    }

    /**
     * An unannotated method of this compilation that a differentiated method calls (see
     * {@link ImplicitCallees}): every {@code double} and {@code double[]} parameter differentiated,
     * its derivative methods named {@code name} and private to the caller's generated class.
     */
    static Signature implicit(ExecutableElement m, String name) {
        List<Refs.Param> params = params(m);
        Map<Integer, Refs.Param> differentiated = new LinkedHashMap<>();
        for (Refs.Param p : params) if (p.type() != null && p.type().isFloating()) differentiated.put(p.index(), p);
        return new Signature(m, params, differentiated, name, true);
    }

    /** Whether the method returns {@code double[]}: its generated methods are fJacobian, fTangent and fVjp. */
    public boolean vector() {
        return isVector(method);
    }

    /** Whether {@code m} returns {@code double[]}. */
    public static boolean isVector(ExecutableElement m) {
        return Types2.of(m.getReturnType()) == Type.DOUBLE_ARRAY;
    }

    /** Checks the declaration of an annotated method, reporting every problem with it. */
    public static Optional<Signature> check(ExecutableElement m, Reporter reporter) {
        int before = reporter.errorCount();
        String name = m.getSimpleName().toString();
        // a type javac could not resolve is javac's error to report; generating code would add more
        if (m.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR)
                || m.getReturnType().getKind() == TypeKind.ERROR) {
            return Optional.empty();
        }
        // an instance method of a class, record or enum: its derivatives take the receiver first
        if (!m.getModifiers().contains(Modifier.STATIC)
                && m.getEnclosingElement().getKind().isInterface()) reporter.error(m, Message.NOT_STATIC, name);
        Type returned = Types2.of(m.getReturnType());
        if (returned == Type.DOUBLE_MATRIX) reporter.error(m, Message.MATRIX_RETURN, name);
        else if (returned != Type.DOUBLE && returned != Type.DOUBLE_ARRAY)
            reporter.error(m, Message.RETURN_TYPE, name, m.getReturnType());
        if (m.getModifiers().contains(Modifier.ABSTRACT) || m.getModifiers().contains(Modifier.NATIVE))
            reporter.error(m, Message.NO_BODY, name);
        if (!m.getTypeParameters().isEmpty()) reporter.error(m, Message.GENERIC, name);
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        // only annotated methods generate code: an unannotated overload (a float, Field or instance
        // variant) is simply another method; annotated overloads get records of their own names
        AnnotatedOverloads.clash(m)
                .ifPresent(c -> reporter.error(
                        m,
                        Message.OVERLOAD,
                        name,
                        c.other(),
                        c.method(),
                        gradClass(owner).simpleName()));
        clash(m, owner)
                .ifPresent(other -> reporter.error(
                        m, Message.NAME_CLASH, name, gradClass(owner).simpleName(), other));

        List<Refs.Param> params = params(m);
        Map<Integer, Refs.Param> differentiated = new LinkedHashMap<>();
        List<String> wrt = wrt(m);
        if (wrt.isEmpty()) {
            for (Refs.Param p : params) if (p.type() != null && p.type().isFloating()) differentiated.put(p.index(), p);
        } else {
            AnnotationMirror annotation = annotationMirror(m);
            AnnotationValue value = wrtValue(annotation);
            for (String w : wrt) {
                Optional<Refs.Param> p =
                        params.stream().filter(q -> q.name().equals(w)).findFirst();
                if (p.isEmpty()) {
                    reporter.error(
                            m,
                            annotation,
                            value,
                            Message.WRT_UNKNOWN,
                            w,
                            name,
                            params.stream().map(Refs.Param::name).toList());
                } else if (p.get().type() == null || !p.get().type().isFloating()) {
                    reporter.error(
                            m,
                            annotation,
                            value,
                            Message.WRT_TYPE,
                            w,
                            m.getParameters().get(p.get().index()).asType());
                } else {
                    differentiated.put(p.get().index(), p.get());
                }
            }
            // keep declaration order whatever order wrt lists them in
            Map<Integer, Refs.Param> ordered = new LinkedHashMap<>();
            differentiated.keySet().stream().sorted().forEach(i -> ordered.put(i, differentiated.get(i)));
            differentiated.clear();
            differentiated.putAll(ordered);
        }
        if (differentiated.isEmpty() && wrt.isEmpty()) {
            // a float parameter is a constant like an int; when it is all there is, say why it is not differentiated
            List<? extends VariableElement> floats =
                    m.getParameters().stream().filter(p -> isFloat(p.asType())).toList();
            for (VariableElement p : floats) reporter.error(p, Message.FLOAT, p.getSimpleName(), name, p.asType());
            if (floats.isEmpty()) reporter.error(m, Message.NO_INPUTS, name);
        }
        if (reporter.errorCount() > before) return Optional.empty();
        return Optional.of(new Signature(m, params, differentiated));
    }

    /**
     * The simple name of the reverse-mode record: {@code F} for {@code f}, with parameter types
     * appended when {@code f} has an annotated overload ({@link AnnotatedOverloads}); an implicit
     * callee's name is already unique.
     */
    public String recordName() {
        return implicit ? Refs.Callee.capitalized(name) : AnnotatedOverloads.recordName(method);
    }

    /** Whether the method is an instance method, whose derivative methods take the receiver first. */
    public boolean onInstance() {
        return !method.getModifiers().contains(Modifier.STATIC);
    }

    /**
     * How a caller reaches {@code m} through its generated class, or empty when its wrt cannot be
     * matched to its parameters (a library compiled without parameter names).
     */
    public static Optional<Refs.Callee> callee(ExecutableElement m, Elements elements) {
        List<Refs.Param> params = params(m);
        List<String> wrt = wrt(m);
        ClassName grad = gradClass((TypeElement) m.getEnclosingElement());
        String method = m.getSimpleName().toString();
        boolean onReceiver = !m.getModifiers().contains(Modifier.STATIC);
        // a vector-valued callee's generated Jacobian method carries its positions, its FVjp the partials
        Optional<List<Integer>> recorded =
                recordedPositions(elements, grad, isVector(m) ? method + "Jacobian" : method, m, onReceiver);
        boolean namesKnown = wrt.isEmpty() || params.stream().anyMatch(p -> wrt.contains(p.name()));
        if (!namesKnown && recorded.isEmpty()) return Optional.empty();
        // a callee compiled earlier has its record already: its components are the accessors, even
        // when the callee's own parameter names were not kept (arg0, arg1…)
        String recordName = AnnotatedOverloads.recordName(m);
        TypeElement record = elements.getTypeElement(
                grad.nestedClass(recordName + (isVector(m) ? "Vjp" : "")).canonicalName());
        List<String> components = new ArrayList<>();
        if (record != null) {
            for (RecordComponentElement c : record.getRecordComponents())
                components.add(c.getSimpleName().toString());
        }
        List<Refs.CalleeParam> out = new ArrayList<>();
        int component = 1; // after value
        for (Refs.Param p : params) {
            boolean floating = p.type() != null && p.type().isFloating();
            boolean diff = recorded.isPresent()
                    ? recorded.get().contains(p.index())
                    : floating && (wrt.isEmpty() || wrt.contains(p.name()));
            String accessor = diff && component < components.size() ? components.get(component++) : "d" + p.name();
            out.add(new Refs.CalleeParam(p.name(), p.type(), diff, accessor));
        }
        ClassName owner = isVector(m) ? ClassName.get((TypeElement) m.getEnclosingElement()) : null;
        return Optional.of(new Refs.Callee(grad, method, out, onReceiver, owner, null, recordName));
    }

    /**
     * Whether the scalar callee {@code m} has an {@code fAdd} a caller may use: a static method that
     * differentiates arrays and no double (fAdd returns nothing, so a double's partial would be
     * lost), whose generated class is written in this compilation or was by a version that writes
     * fAdd (see {@code emit.AddMethods}).
     */
    public static boolean hasAdd(ExecutableElement m, Refs.Callee callee, Elements elements) {
        if (callee.onReceiver() || isVector(m)) return false;
        boolean arrays = false;
        for (Refs.CalleeParam p : callee.params()) {
            if (!p.differentiated()) continue;
            if (p.type() == null || !p.type().isArray()) return false;
            arrays = true;
        }
        if (!arrays) return false;
        TypeElement g = elements.getTypeElement(callee.gradClass().canonicalName());
        if (g == null) return true;
        String add = callee.method() + "Add";
        return g.getEnclosedElements().stream()
                .anyMatch(e ->
                        e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(add));
    }

    /**
     * The positions a callee compiled earlier differentiates, as its generated method records them;
     * that method has the callee's parameters (after the receiver), which tells overloads apart.
     */
    private static Optional<List<Integer>> recordedPositions(
            Elements elements, ClassName grad, String method, ExecutableElement callee, boolean onReceiver) {
        TypeElement g = elements.getTypeElement(grad.canonicalName());
        if (g == null) return Optional.empty();
        List<String> types =
                callee.getParameters().stream().map(p -> p.asType().toString()).toList();
        for (Element e : g.getEnclosedElements()) {
            if (e.getKind() != ElementKind.METHOD || !e.getSimpleName().contentEquals(method)) continue;
            List<? extends VariableElement> ps = ((ExecutableElement) e).getParameters();
            if (ps.size() != types.size() + (onReceiver ? 1 : 0)) continue;
            List<String> mine = ps.subList(onReceiver ? 1 : 0, ps.size()).stream()
                    .map(p -> p.asType().toString())
                    .toList();
            if (!mine.equals(types)) continue;
            for (AnnotationMirror a : e.getAnnotationMirrors()) {
                if (!((TypeElement) a.getAnnotationType().asElement())
                        .getQualifiedName()
                        .contentEquals(DifferentiatedParameters.class.getCanonicalName())) continue;
                List<Integer> positions = new ArrayList<>();
                for (var v : a.getElementValues().values()) {
                    for (Object item : (List<?>) v.getValue())
                        positions.add((Integer) ((AnnotationValue) item).getValue());
                }
                return Optional.of(positions);
            }
        }
        return Optional.empty();
    }

    /**
     * Another differentiable method of the same class whose generated names collide with this
     * one's: {@code foo} and {@code Foo} share the record {@code Foo}; {@code f} and
     * {@code fTangent} share the method {@code fTangent}. Reported on the later of the two.
     */
    private static Optional<String> clash(ExecutableElement m, TypeElement owner) {
        List<String> mine = generatedNames(m);
        for (Element e : owner.getEnclosedElements()) {
            if (e == m) return Optional.empty();
            if (!isDifferentiable(e) || e.getSimpleName().contentEquals(m.getSimpleName())) continue;
            for (String n : generatedNames((ExecutableElement) e)) {
                if (mine.contains(n)) return Optional.of(e.getSimpleName().toString());
            }
        }
        return Optional.empty();
    }

    private static List<String> generatedNames(ExecutableElement m) {
        String method = m.getSimpleName().toString();
        String record = AnnotatedOverloads.recordName(m);
        if (isVector(m)) {
            return List.of(
                    "method " + method + "Jacobian",
                    "method " + method + "Tangent",
                    "method " + method + "Vjp",
                    "method " + method + "JacobianInto",
                    "record " + record + "Jacobian",
                    "record " + record + "Vjp");
        }
        List<String> names = new ArrayList<>(List.of(
                "method " + method, "method " + method + "Tangent", "method " + method + "Add", "record " + record));
        if (SecondOrderCheck.declaresOrderTwo(m)) {
            names.addAll(hvpNames(m));
            names.addAll(List.of("method " + method + "Hessian", "record " + record + "Hessian"));
        }
        return names;
    }

    /** The names of a method's Hessian-vector product: order = 2 generates them, and so does a caller with order = 2. */
    private static List<String> hvpNames(ExecutableElement m) {
        // a double[]-valued callee's is the second order of its fVjp
        String method = m.getSimpleName() + (isVector(m) ? "Vjp" : "");
        String record = Character.toUpperCase(method.charAt(0)) + method.substring(1);
        return List.of("method " + method + "Hvp", "record " + record + "Hvp");
    }

    /**
     * Another differentiable method of the class of {@code m} that generates the names of
     * {@code m}'s Hessian-vector product, which {@code m} gets for a caller with {@code order = 2}.
     */
    public static Optional<String> hvpClash(ExecutableElement m) {
        List<String> mine = hvpNames(m);
        for (Element e : m.getEnclosingElement().getEnclosedElements()) {
            if (e == m || !isDifferentiable(e)) continue;
            for (String n : generatedNames((ExecutableElement) e)) {
                if (mine.contains(n)) return Optional.of(e.getSimpleName().toString());
            }
        }
        return Optional.empty();
    }

    /** float, float[], float[][]: named in their own error rather than leaving "nothing to differentiate". */
    private static boolean isFloat(javax.lang.model.type.TypeMirror t) {
        while (t instanceof javax.lang.model.type.ArrayType a) t = a.getComponentType();
        return t.getKind() == TypeKind.FLOAT;
    }

    public static boolean isDifferentiable(Element e) {
        return e.getKind() == ElementKind.METHOD && annotationMirror(e) != null;
    }

    /** {@code p.C} → {@code p.CGrad}; {@code p.Outer.Inner} → {@code p.Outer_InnerGrad} (API.md). */
    public static ClassName gradClass(TypeElement type) {
        ClassName c = ClassName.get(type);
        return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + "Grad");
    }

    public static TypeElement topLevel(TypeElement type) {
        TypeElement t = type;
        while (t.getNestingKind() != NestingKind.TOP_LEVEL) t = (TypeElement) t.getEnclosingElement();
        return t;
    }

    private static List<Refs.Param> params(ExecutableElement m) {
        List<Refs.Param> params = new ArrayList<>();
        List<? extends VariableElement> ps = m.getParameters();
        for (int i = 0; i < ps.size(); i++) {
            Type t = Types2.of(ps.get(i).asType());
            params.add(new Refs.Param(i, ps.get(i).getSimpleName().toString(), t));
        }
        return params;
    }

    private static List<String> wrt(ExecutableElement m) {
        Differentiable d = m.getAnnotation(Differentiable.class);
        return d == null ? List.of() : Arrays.asList(d.wrt());
    }

    static AnnotationMirror annotationMirror(Element e) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(ANNOTATION)) return a;
        }
        return null;
    }

    private static AnnotationValue wrtValue(AnnotationMirror a) {
        if (a == null) return null;
        for (var e : a.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("wrt")) return e.getValue();
        }
        return null;
    }
}
