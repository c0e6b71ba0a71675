package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

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
 * call reports with the construct and its line. A recursive callee calls its own derivative
 * methods, as it calls itself. Under {@code order = 2} a callee is derived with its
 * Hessian-vector product too ({@code lanczos_lanczosSumHvp}), which the caller's {@code mHvp}
 * calls as it calls an annotated callee's; and {@link RuleBodies} derives here the bodies of the
 * {@code @DerivativeOf} rules that second order differentiates in their turn.
 */
public final class ImplicitCallees<P> {
    /** Differentiates a callee's body into the plan of its derivative methods. */
    public interface Deriver<P> {
        /**
         * The plan, or empty with every problem reported to {@code reporter}; with {@code twice}
         * the plan has the callee's Hessian-vector product too (a caller's reverse graph is
         * differentiated again).
         */
        Optional<P> derive(Signature callee, TreePath path, boolean twice, Reporter reporter);
    }

    /** What a call of an unannotated method gets. */
    public sealed interface Outcome {}

    /** The callee's derivative methods exist, reached as {@code callee}. */
    public record Derived(Refs.Callee callee) implements Outcome {}

    /** Its body cannot be differentiated: {@code problems} names each construct, with file and line. */
    public record Rejected(String problems) implements Outcome {}

    /** How many problems inside a callee the call's message quotes. */
    private static final int QUOTED = 3;

    private final Trees trees;
    private final ClassName gradClass;
    private final Reporter reporter;
    private final Deriver<P> deriver;
    /** The outcome of each callee derived so far, in the order their derivation began. */
    private Map<ExecutableElement, Outcome> known = new LinkedHashMap<>();
    /** The outcome of each callee asked for with its Hessian-vector product (see {@link #of(ExecutableElement, boolean)}). */
    private Map<ExecutableElement, Outcome> knownTwice = new LinkedHashMap<>();
    /** Where each derived callee's plan is in {@link #plans}: derived again with its Hvp, it is replaced there. */
    private Map<ExecutableElement, Integer> planIndex = new HashMap<>();
    /** The callees being derived: a call of one of them is a recursive call. */
    private final Map<ExecutableElement, Refs.Callee> pending = new HashMap<>();

    private List<P> plans = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<ExecutableElement, String> nameOf = new HashMap<>();

    public ImplicitCallees(Trees trees, ClassName gradClass, Reporter reporter, Deriver<P> deriver) {
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
     * Whether a call of {@code m} is this class's to handle: a method returning {@code double},
     * with a {@code double} or {@code double[]} parameter and only parameter types the subset
     * knows (a String or enum among them, which a switch may select on), whose body is in this compilation. A static method, or an instance method of a class
     * (the caller has checked that it is called on an instance method's own receiver): its
     * derivative methods take the receiver first, whose fields are constants. Any other call stays
     * what it was (a constant call, reported if it receives a differentiated value).
     */
    static boolean applies(ExecutableElement m, Trees trees) {
        if (Signature.isDifferentiable(m)
                || (!m.getModifiers().contains(Modifier.STATIC)
                        && m.getEnclosingElement().getKind().isInterface())
                || m.getReturnType().getKind() != TypeKind.DOUBLE
                || m.isVarArgs()
                || !m.getTypeParameters().isEmpty()) return false;
        boolean floating = false;
        for (var p : m.getParameters()) {
            Type t = Types2.of(p.asType());
            if (t == null && ReferenceSelector.isStringOrEnum(p.asType())) continue; // passed on as it is
            if (t == null) return false;
            floating |= t.isFloating();
        }
        TreePath path = trees.getPath(m);
        return floating && path != null && path.getLeaf() instanceof MethodTree tree && tree.getBody() != null;
    }

    boolean applies(ExecutableElement m) {
        return applies(m, trees);
    }

    /** Where {@code m}'s declaration is, when its source is in this compilation; else null. */
    TreePath sourceOf(ExecutableElement m) {
        return trees.getPath(m);
    }

    /** The plans of the callees derived, in the order they were finished. */
    public List<P> plans() {
        return plans;
    }

    /**
     * The outcome for a call of {@code m}, which {@link #applies} to; derived the first time it is
     * asked for. A recursive call (of a callee being derived) gets the callee's derivative methods
     * too: they call themselves as the callee does. When that derivation fails, whatever was
     * derived meanwhile is forgotten, because it may call the methods that will not exist; asked
     * for again, it is derived again and then rejected for the callee it needs.
     */
    Outcome of(ExecutableElement m) {
        return of(m, false);
    }

    /**
     * As {@link #of(ExecutableElement)}; with {@code twice} (the caller's reverse graph is
     * differentiated again, order = 2) the callee gets its Hessian-vector product too, which the
     * second-order sweep calls (modes/second/CalleeHvp). A callee derived before without one is
     * derived again with it, and its plan replaced; if that fails, callers of first order keep
     * the plan they had.
     */
    Outcome of(ExecutableElement m, boolean twice) {
        Outcome once = known.get(m), again = knownTwice.get(m);
        if (twice ? again != null : once != null) return twice ? again : once;
        if (once instanceof Rejected) return once; // what first order cannot differentiate, second order cannot
        if (!twice && again instanceof Derived) return again;
        Refs.Callee recursive = pending.get(m);
        if (recursive != null) return new Derived(recursive);
        TreePath path = trees.getPath(m);
        List<String> problems = new ArrayList<>();
        Signature s = Signature.implicit(m, nameFor(m));
        Refs.Callee callee = callee(s);
        // a failure forgets whatever was derived meanwhile (it may call methods that will not exist)
        List<P> plansBefore = new ArrayList<>(plans);
        Map<ExecutableElement, Outcome> knownBefore = new LinkedHashMap<>(known),
                knownTwiceBefore = new LinkedHashMap<>(knownTwice);
        Map<ExecutableElement, Integer> indexBefore = new HashMap<>(planIndex);
        pending.put(m, callee);
        Optional<P> plan;
        try {
            plan = deriver.derive(s, path, twice, reporter.keeping(problems));
        } finally {
            pending.remove(m);
        }
        Outcome outcome;
        if (plan.isPresent()) {
            Integer index = planIndex.get(m);
            if (index != null) {
                plans.set(index, plan.get());
            } else {
                planIndex.put(m, plans.size());
                plans.add(plan.get());
            }
            outcome = new Derived(callee);
            known.put(m, outcome);
        } else {
            plans = plansBefore;
            known = knownBefore;
            knownTwice = knownTwiceBefore;
            planIndex = indexBefore;
            outcome = new Rejected(summary(problems));
            if (!twice) known.put(m, outcome);
        }
        if (twice) knownTwice.put(m, outcome);
        return outcome;
    }

    /**
     * The name of the generated class's accessor that calls {@code m}, a private static method,
     * through a MethodHandle: {@code beta_logGammaSumPrimal}.
     */
    String primalAccessor(ExecutableElement m) {
        return nameFor(m) + "Primal";
    }

    private Refs.Callee callee(Signature s) {
        List<Refs.CalleeParam> params = new ArrayList<>();
        for (Refs.Param p : s.params()) {
            boolean differentiated = s.differentiated().containsKey(p.index());
            params.add(new Refs.CalleeParam(p.name(), p.type(), differentiated, "d" + p.name()));
        }
        // a rule that returns double[] (the partial of an array parameter) is reached through its fTangent
        ClassName vectorOwner =
                s.vector() ? ClassName.get((TypeElement) s.method().getEnclosingElement()) : null;
        return new Refs.Callee(gradClass, s.name(), params, s.onInstance(), vectorOwner);
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) return "(no message)";
        String quoted = problems.stream().limit(QUOTED).collect(Collectors.joining("; "));
        return problems.size() <= QUOTED ? quoted : quoted + "; and " + (problems.size() - QUOTED) + " more";
    }

    /**
     * {@code lanczos_lanczosSum} for {@code Lanczos.lanczosSum}: the class keeps callees of
     * several classes apart, and no annotated method's names have the underscore. An overloaded
     * name gets its parameter types ({@code boostGamma_tgamma_double_double}).
     */
    private String nameFor(ExecutableElement m) {
        return nameOf.computeIfAbsent(m, this::newName);
    }

    private String newName(ExecutableElement m) {
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        String ownerName = String.join("_", ClassName.get(owner).simpleNames());
        String base = Character.toLowerCase(ownerName.charAt(0)) + ownerName.substring(1) + "_" + m.getSimpleName();
        long sameName = owner.getEnclosedElements().stream()
                .filter(e ->
                        e.getKind() == ElementKind.METHOD && e.getSimpleName().equals(m.getSimpleName()))
                .count();
        if (sameName > 1) {
            base += m.getParameters().stream()
                    .map(p -> "_" + AnnotatedOverloads.typeName(p.asType()))
                    .collect(Collectors.joining());
        }
        String name = base;
        for (int i = 2; !names.add(name); i++) name = base + i;
        return name;
    }
}
