package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Callees nobody annotated, differentiated from their bodies on demand (as Clad derives the
 * callees of a differentiated function): when a differentiated method calls a static method that
 * is not {@code @Differentiable} but whose source javac has in this compilation, its body is
 * translated as if it were annotated with every {@code double} and {@code double[]} parameter
 * differentiated, recursively through the methods it calls. Its derivative methods are private
 * methods of the caller's generated class, named {@code owner_method} after the callee's class and
 * name ({@code lanczos_lanczosSum}, record {@code Lanczos_lanczosSum}), so the generated code never
 * calls the callee itself: a private helper is no obstacle.
 *
 * <p>One instance per generated class: each callee is derived once for all its methods. A callee
 * whose body cannot be differentiated is remembered with the problems found inside it, which the
 * call reports with the construct and its line.
 */
public final class ImplicitCallees {
    /** Differentiates a callee's body and keeps its derivative methods for the generated class. */
    public interface Deriver {
        /** True when its derivative methods were made; every problem goes to {@code reporter}. */
        boolean derive(Signature callee, TreePath path, Reporter reporter);
    }

    /** What a call of an unannotated method gets. */
    public sealed interface Outcome {}

    /** The callee's derivative methods exist, reached as {@code callee}. */
    public record Derived(Refs.Callee callee) implements Outcome {}

    /** Its body cannot be differentiated: {@code problems} names each construct, with file and line. */
    public record Rejected(String problems) implements Outcome {}

    /** It calls itself, directly or not: {@code chain} is the cycle, {@code A.f → A.g → A.f}. */
    public record Recursive(String chain) implements Outcome {}

    /** How many problems inside a callee the call's message quotes. */
    private static final int QUOTED = 3;

    private final Trees trees;
    private final ClassName gradClass;
    private final Reporter reporter;
    private final Deriver deriver;
    private final Map<ExecutableElement, Outcome> known = new HashMap<>();
    private final Deque<ExecutableElement> deriving = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();

    public ImplicitCallees(Trees trees, ClassName gradClass, Reporter reporter, Deriver deriver) {
        this.trees = trees;
        this.gradClass = gradClass;
        this.reporter = reporter;
        this.deriver = deriver;
    }

    /** The generated class the derivative methods go into: the one of the annotated methods that call them. */
    public ClassName gradClass() {
        return gradClass;
    }

    /**
     * Whether a call of {@code m} is this class's to handle: a static method returning
     * {@code double}, with a {@code double} or {@code double[]} parameter and only parameter types
     * the subset knows, whose body is in this compilation. Any other call stays what it was (a
     * constant call, reported if it receives a differentiated value).
     */
    static boolean applies(ExecutableElement m, Trees trees) {
        if (Signature.isDifferentiable(m)
                || !m.getModifiers().contains(Modifier.STATIC)
                || m.getReturnType().getKind() != TypeKind.DOUBLE
                || m.isVarArgs()
                || !m.getTypeParameters().isEmpty()) return false;
        boolean floating = false;
        for (var p : m.getParameters()) {
            Type t = Types2.of(p.asType());
            if (t == null) return false;
            floating |= t.isFloating();
        }
        TreePath path = trees.getPath(m);
        return floating && path != null && path.getLeaf() instanceof MethodTree tree && tree.getBody() != null;
    }

    boolean applies(ExecutableElement m) {
        return applies(m, trees);
    }

    /** The outcome for a call of {@code m}, which {@link #applies} to; derived the first time it is asked for. */
    Outcome of(ExecutableElement m) {
        Outcome known = this.known.get(m);
        if (known != null) return known;
        if (deriving.contains(m)) {
            List<String> chain = new ArrayList<>();
            for (var it = deriving.descendingIterator(); it.hasNext(); ) {
                ExecutableElement e = it.next();
                if (e == m || !chain.isEmpty()) chain.add(shown(e));
            }
            chain.add(shown(m));
            return new Recursive(String.join(" → ", chain));
        }
        TreePath path = trees.getPath(m);
        List<String> problems = new ArrayList<>();
        deriving.push(m);
        Outcome outcome;
        try {
            Signature s = Signature.implicit(m, nameFor(m));
            boolean derived = deriver.derive(s, path, reporter.keeping(problems));
            outcome = derived ? new Derived(callee(s)) : new Rejected(summary(problems));
        } finally {
            deriving.pop();
        }
        this.known.put(m, outcome);
        return outcome;
    }

    private Refs.Callee callee(Signature s) {
        List<Refs.CalleeParam> params = new ArrayList<>();
        for (Refs.Param p : s.params()) {
            boolean differentiated = s.differentiated().containsKey(p.index());
            params.add(new Refs.CalleeParam(p.name(), p.type(), differentiated, "d" + p.name()));
        }
        return new Refs.Callee(gradClass, s.name(), params);
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) return "(no message)";
        String quoted = problems.stream().limit(QUOTED).collect(Collectors.joining("; "));
        return problems.size() <= QUOTED ? quoted : quoted + "; and " + (problems.size() - QUOTED) + " more";
    }

    static String shown(ExecutableElement m) {
        return m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName();
    }

    /**
     * {@code lanczos_lanczosSum} for {@code Lanczos.lanczosSum}: the class keeps callees of
     * several classes apart, and no annotated method's names have the underscore. An overloaded
     * name gets its parameter types ({@code boostGamma_tgamma_double_double}).
     */
    private String nameFor(ExecutableElement m) {
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        String ownerName = String.join("_", ClassName.get(owner).simpleNames());
        String base = Character.toLowerCase(ownerName.charAt(0)) + ownerName.substring(1) + "_" + m.getSimpleName();
        long sameName = owner.getEnclosedElements().stream()
                .filter(e ->
                        e.getKind() == ElementKind.METHOD && e.getSimpleName().equals(m.getSimpleName()))
                .count();
        if (sameName > 1) {
            base += m.getParameters().stream()
                    .map(p -> "_" + typeName(p.asType()))
                    .collect(Collectors.joining());
        }
        String name = base;
        for (int i = 2; !names.add(name); i++) name = base + i;
        return name;
    }

    private static String typeName(TypeMirror t) {
        if (t instanceof ArrayType a) return typeName(a.getComponentType()) + "Array";
        if (t instanceof DeclaredType d) {
            Element e = d.asElement();
            return e.getSimpleName().toString();
        }
        return t.toString();
    }
}
