package dev.adjoint.processor;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.emit.GradClassWriter;
import dev.adjoint.processor.emit.GraphDot;
import dev.adjoint.processor.emit.SourceLines;
import dev.adjoint.processor.frontend.BodyTranslator;
import dev.adjoint.processor.frontend.CustomDerivatives;
import dev.adjoint.processor.frontend.ImplicitCallees;
import dev.adjoint.processor.frontend.SecondOrderCheck;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.frontend.WrittenParameters;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.modes.second.ForwardOverReverse;
import dev.adjoint.processor.pipeline.Pipeline;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Plans the derivative methods of one type's generated class: for each {@code @Differentiable}
 * method, its body translated to a graph and run through the pipeline; and for each unannotated
 * callee those bodies reach ({@link ImplicitCallees}), the same from its body, as private methods
 * of the same class.
 */
final class MethodPlanner {
    /** What the processor's options ask of every method. */
    record Settings(boolean verify, Set<String> dumpAfter, String graphsDir) {}

    private final ProcessingEnvironment env;
    private final Trees trees;
    private final CustomDerivatives rules;
    private final Settings settings;
    /** Each source file's lines, read once for all its methods. */
    private final Map<CompilationUnitTree, SourceLines> sources;

    private final ImplicitCallees<GradClassWriter.Plan> callees;
    /** The callees of this round that get a Hessian-vector product for a caller with order = 2: callee → caller. */
    private final Map<ExecutableElement, ExecutableElement> hvpForCallers;

    MethodPlanner(
            ProcessingEnvironment env,
            Trees trees,
            CustomDerivatives rules,
            Settings settings,
            Map<CompilationUnitTree, SourceLines> sources,
            TypeElement type,
            Reporter reporter,
            Map<ExecutableElement, ExecutableElement> hvpForCallers) {
        this.hvpForCallers = hvpForCallers;
        this.env = env;
        this.trees = trees;
        this.rules = rules;
        this.settings = settings;
        this.sources = sources;
        this.callees = new ImplicitCallees<>(trees, Signature.gradClass(type), reporter, this::deriveImplicit);
    }

    /** The derivative methods of the unannotated callees the planned methods reach, in the order first needed. */
    List<GradClassWriter.Plan> implicitPlans() {
        return callees.plans();
    }

    /** An annotated method's plan, or empty when it has errors (reported). */
    Optional<GradClassWriter.Plan> plan(ExecutableElement m, Reporter reporter) {
        int before = reporter.errorCount();
        try {
            Optional<Signature> signature = Signature.check(m, reporter);
            int order = SecondOrderCheck.order(m, reporter);
            TreePath path = trees.getPath(m);
            if (signature.isEmpty() || order == 0 || path == null) return Optional.empty();
            return plan(signature.get(), path, order, reporter);
        } catch (RuntimeException | StackOverflowError e) {
            if (Boolean.getBoolean("adjoint.trace")) e.printStackTrace(); // javac -J-Dadjoint.trace=true
            if (reporter.errorCount() == before) {
                reporter.error(m, Message.INTERNAL, m.getSimpleName(), e);
            }
            return Optional.empty();
        }
    }

    private Optional<GradClassWriter.Plan> deriveImplicit(
            Signature callee, TreePath path, boolean twice, Reporter reporter) {
        try {
            return plan(callee, path, twice ? 2 : 1, reporter);
        } catch (RuntimeException | StackOverflowError e) {
            if (Boolean.getBoolean("adjoint.trace")) e.printStackTrace(); // javac -J-Dadjoint.trace=true
            reporter.error(callee.method(), Message.INTERNAL, callee.method().getSimpleName(), e);
            return Optional.empty();
        }
    }

    private Optional<GradClassWriter.Plan> plan(Signature signature, TreePath path, int order, Reporter reporter) {
        ExecutableElement m = signature.method();
        if (!(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) return Optional.empty();
        BodyTranslator front = new BodyTranslator(env.getElementUtils(), reporter, path.getCompilationUnit(), signature)
                .knowingWrites(this::writtenParameters)
                .knowingSources(trees::getPath)
                .knowingRules(rules)
                .knowingCallees(callees, order, hvpForCallers.containsKey(m))
                .knowingPositions(trees.getSourcePositions());
        Optional<Graph> primal = front.translate(tree);
        if (primal.isEmpty()) return Optional.empty();
        if (order == 2 && !SecondOrderCheck.supported(m, path, trees, env.getElementUtils(), reporter))
            return Optional.empty();
        // a callee of an order-2 method gets its Hessian-vector product too, when it can have one
        // (if not, the caller's own check has reported why)
        ExecutableElement caller = order == 1 ? hvpForCallers.get(m) : null;
        if (caller != null) {
            Optional<String> clash = Signature.hvpClash(m);
            if (clash.isPresent()) {
                reporter.error(
                        m,
                        Message.NAME_CLASH,
                        m.getSimpleName(),
                        Signature.gradClass(type(m)).simpleName(),
                        clash.get());
                return Optional.empty();
            }
            if (!SecondOrderCheck.supported(m, path, trees, env.getElementUtils(), null)) caller = null;
        }
        String needs = caller != null
                ? caller.getSimpleName().toString()
                : m.getSimpleName().toString();
        Pipeline.Options options = new Pipeline.Options(
                settings.verify(),
                settings.dumpAfter(),
                text -> env.getMessager().printMessage(Diagnostic.Kind.NOTE, title(m, text), m));
        Pipeline.Result graphs;
        try {
            graphs = new Pipeline(options).run(primal.get(), signature.differentiated(), caller != null ? 2 : order);
        } catch (ForwardOverReverse.Undifferentiable e) {
            String rule = e.method.owner().simpleName() + "." + e.method.name();
            if (!SecondOrderCheck.reportRuleCalls(
                    path, e.line, trees, f -> hasRule(f, e.method), rule, needs, reporter))
                reporter.error(m, Message.RULE_ORDER, m.getSimpleName(), rule, needs, e.method.name());
            return Optional.empty();
        }
        Graph reverse = graphs.reverse();
        Graph forward = graphs.forward();
        String primalDot = GraphDot.of(primal.get(), title(m, "forward graph"));
        int size = Math.max(GradClassWriter.largestUnsplittable(reverse), GradClassWriter.largestUnsplittable(forward));
        if (graphs.hvp() != null) size = Math.max(size, GradClassWriter.largestUnsplittable(graphs.hvp()));
        if (size > DifferentiableProcessor.MAX_NODES) {
            reporter.error(m, Message.TOO_LARGE, m.getSimpleName(), size, DifferentiableProcessor.MAX_NODES);
            return Optional.empty();
        }
        writeGraphs(
                m,
                primalDot,
                GraphDot.of(reverse, title(m, "backward graph (reverse mode; the backward sweep filled)")));
        return Optional.of(new GradClassWriter.Plan(
                signature,
                reverse,
                forward,
                sourceLines(path.getCompilationUnit()),
                graphs.hvp(),
                // an unannotated callee gets the Hvp its callers call, and no Hessian
                order == 2 && !signature.implicit()));
    }

    private static TypeElement type(ExecutableElement m) {
        return (TypeElement) m.getEnclosingElement();
    }

    /** Whether {@code rule} is one of the @DerivativeOf rules of {@code function}. */
    private boolean hasRule(ExecutableElement function, Refs.Method rule) {
        return rules.of(function).values().stream()
                .anyMatch(r -> r.getSimpleName().contentEquals(rule.name())
                        && ClassName.get(type(r)).equals(rule.owner()));
    }

    /** The lines of {@code unit}'s source file, which comments in the generated code quote; none if it cannot be read. */
    private SourceLines sourceLines(CompilationUnitTree unit) {
        return sources.computeIfAbsent(unit, u -> {
            try {
                return SourceLines.of(u.getSourceFile().getCharContent(true));
            } catch (IOException | RuntimeException e) {
                return SourceLines.NONE;
            }
        });
    }

    /** The array parameters {@code callee} writes in place, when its source is part of this compilation. */
    private Set<Integer> writtenParameters(ExecutableElement callee) {
        TreePath path = trees.getPath(callee);
        return path != null && path.getLeaf() instanceof MethodTree tree ? WrittenParameters.of(tree) : Set.of();
    }

    private static String title(ExecutableElement m, String what) {
        return ((TypeElement) m.getEnclosingElement()).getQualifiedName() + "." + m.getSimpleName() + ": " + what;
    }

    private void writeGraphs(ExecutableElement m, String forward, String backward) {
        String dir = settings.graphsDir();
        if (dir == null || dir.isBlank()) return;
        String base = ((TypeElement) m.getEnclosingElement()).getQualifiedName() + "." + m.getSimpleName();
        try {
            java.nio.file.Path out = java.nio.file.Path.of(dir);
            java.nio.file.Files.createDirectories(out);
            java.nio.file.Files.writeString(out.resolve(base + ".forward.dot"), forward);
            java.nio.file.Files.writeString(out.resolve(base + ".backward.dot"), backward);
        } catch (IOException | RuntimeException e) {
            env.getMessager()
                    .printMessage(
                            Diagnostic.Kind.WARNING,
                            "[Adjoint.Graphs] could not write the graphs of " + base + " to " + dir + ": "
                                    + e.getMessage(),
                            m);
        }
    }
}
