package dev.adjoint.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
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
import dev.adjoint.processor.frontend.LocalClassMethods;
import dev.adjoint.processor.frontend.SecondOrderCheck;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.frontend.WrittenParameters;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.host.ModuleReads;
import dev.adjoint.processor.host.TreesLocator;
import dev.adjoint.processor.pipeline.Pipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The Adjoint annotation processor. For every type with {@code @Differentiable} methods it runs
 * the pipeline front end (javac trees → computational graph) → modes (reverse, forward) →
 * emitter (JavaPoet), and writes the type's {@code Grad} companion class. A type any of whose
 * methods has an error gets no class, and neither does a type that calls into it, so no
 * generated file can fail to compile.
 */
@AutoService(Processor.class)
public final class DifferentiableProcessor extends AbstractProcessor {
    /**
     * Generated bodies take about 6 bytes of bytecode per graph node (measured); past this many
     * nodes a derivative method would approach the JVM's 64 KiB limit and fail to compile.
     */
    static final int MAX_NODES = 9_000;

    private final Function<ProcessingEnvironment, Optional<Trees>> treesLocator;
    private Trees trees;
    private boolean missingTreesReported;
    private final Set<String> written = new HashSet<>();
    /** The user's derivative rules, gathered over every round. */
    private CustomDerivatives customDerivatives;

    public DifferentiableProcessor() {
        this(TreesLocator::locate);
    }

    /** For tests: a host whose Tree API is missing or wrapped. */
    DifferentiableProcessor(Function<ProcessingEnvironment, Optional<Trees>> treesLocator) {
        this.treesLocator = treesLocator;
    }

    /** Written on generated classes; in module {@code java.compiler}. */
    private static final String GENERATED = "javax.annotation.processing.Generated";

    /**
     * {@code @Differentiable}, and the two annotations the generated classes carry: javac's
     * {@code -Xlint:processing} warns about any annotation of a round, generated sources included,
     * that no processor claims, which fails a {@code -Xlint:all -Werror} build. Claiming them here
     * (see {@link #process}) keeps a strict build clean; the processor reads neither.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(
                Signature.ANNOTATION, "dev.adjoint.DifferentiatedParameters", "dev.adjoint.DerivativeOf", GENERATED);
    }

    /** {@code -Aadjoint.graphs=DIR}: write each method's forward and backward graphs there as Graphviz DOT. */
    static final String GRAPHS_OPTION = "adjoint.graphs";

    /**
     * {@code -Aadjoint.partBytes=N}: cut every body whose estimated bytecode passes N bytes into
     * parts of about N bytes (default: past 6,500, parts of 3,500). A knob for tests, which cut
     * small methods everywhere to check that cutting never changes a derivative.
     */
    static final String PART_BYTES_OPTION = "adjoint.partBytes";

    /**
     * {@code -Aadjoint.dumpAfter=Pass1,Pass2}: after each run of the passes named (see
     * {@link Pipeline#PASS_NAMES}), print the graph as text, as a note on the method.
     */
    static final String DUMP_AFTER_OPTION = "adjoint.dumpAfter";

    /**
     * {@code -Aadjoint.verify=true} (or {@code -J-Dadjoint.verify=true}): check the graph after every
     * pass, and report the pass that broke it as an internal error. Off by default: it costs time.
     */
    static final String VERIFY_OPTION = "adjoint.verify";

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(GRAPHS_OPTION, PART_BYTES_OPTION, DUMP_AFTER_OPTION, VERIFY_OPTION);
    }

    /** The passes named by {@link #DUMP_AFTER_OPTION}, in lower case; a name no pass has is reported once. */
    private Set<String> dumpAfter() {
        String v = processingEnv.getOptions().get(DUMP_AFTER_OPTION);
        if (v == null || v.isBlank()) return Set.of();
        Set<String> names = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (String p : Pipeline.PASS_NAMES) known.add(p.toLowerCase(Locale.ROOT));
        for (String name : v.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) continue;
            names.add(n);
            if (!known.contains(n) && unknownPassReported.add(n)) {
                processingEnv
                        .getMessager()
                        .printMessage(
                                Diagnostic.Kind.WARNING,
                                "[Adjoint.Options] -A" + DUMP_AFTER_OPTION + ": no pass is named " + name.trim()
                                        + "; the passes are " + String.join(", ", Pipeline.PASS_NAMES));
            }
        }
        return names;
    }

    private final Set<String> unknownPassReported = new HashSet<>();

    private boolean verify() {
        return Boolean.parseBoolean(processingEnv.getOptions().get(VERIFY_OPTION)) || Boolean.getBoolean(VERIFY_OPTION);
    }

    /** The part size asked for with {@link #PART_BYTES_OPTION}, or 0 for the default. */
    private int partBytes() {
        String v = processingEnv.getOptions().get(PART_BYTES_OPTION);
        try {
            return v == null ? 0 : Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        customDerivatives = new CustomDerivatives(env.getElementUtils(), env.getTypeUtils());
        try {
            trees = treesLocator.apply(env).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            trees = null;
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Map<TypeElement, List<ExecutableElement>> byType = new LinkedHashMap<>();
        registerRules(annotations, round);
        for (TypeElement annotation : annotations) {
            // the annotations on generated code are claimed only to keep -Xlint quiet (see above)
            if (!annotation.getQualifiedName().contentEquals(Signature.ANNOTATION)) continue;
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e instanceof ExecutableElement m && e.getEnclosingElement() instanceof TypeElement owner) {
                    byType.computeIfAbsent(owner, k -> new ArrayList<>()).add(m);
                }
            }
        }
        if (byType.isEmpty()) return true; // a round of generated code: its annotations are claimed all the same
        if (trees == null) {
            if (!missingTreesReported) {
                missingTreesReported = true;
                Element first = byType.values().iterator().next().get(0);
                processingEnv
                        .getMessager()
                        .printMessage(
                                Diagnostic.Kind.ERROR,
                                Message.NEEDS_JAVAC.format(TreesLocator.hostDescription(processingEnv)),
                                first);
            }
            return false;
        }
        Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
        for (Element root : round.getRootElements()) LocalClassMethods.report(root, trees, reporter);
        Map<TypeElement, List<GradClassWriter.Plan>> plans = new LinkedHashMap<>();
        Set<ClassName> failed = new HashSet<>();
        for (var entry : byType.entrySet()) {
            ClassName grad = Signature.gradClass(entry.getKey());
            if (!written.contains(grad.canonicalName())
                    && processingEnv.getElementUtils().getTypeElement(grad.canonicalName()) != null) {
                reporter.error(
                        entry.getKey(),
                        Message.GRAD_CLASS_TAKEN,
                        grad,
                        entry.getKey().getSimpleName());
                failed.add(grad);
                continue;
            }
            List<GradClassWriter.Plan> typePlans = new ArrayList<>();
            boolean ok = true;
            for (ExecutableElement m : entry.getValue()) {
                Optional<GradClassWriter.Plan> plan = plan(m, reporter);
                ok &= plan.isPresent();
                plan.ifPresent(typePlans::add);
            }
            if (ok) plans.put(entry.getKey(), typePlans);
            else failed.add(Signature.gradClass(entry.getKey()));
        }
        dropCallersOfFailed(plans, failed);
        for (var entry : plans.entrySet()) write(entry.getKey(), entry.getValue());
        return true; // the annotations are ours: claiming them keeps -Xlint quiet
    }

    /** Checks the @DerivativeOf rules of this round and adds them to the table every later method reads. */
    private void registerRules(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            if (!annotation.getQualifiedName().contentEquals("dev.adjoint.DerivativeOf")) continue;
            Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e instanceof ExecutableElement rule) customDerivatives.register(rule, reporter);
            }
        }
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

    /** Each source file's lines, read once for all its methods. */
    private final Map<CompilationUnitTree, SourceLines> sources = new java.util.HashMap<>();

    /** The array parameters {@code callee} writes in place, when its source is part of this compilation. */
    private Set<Integer> writtenParameters(ExecutableElement callee) {
        TreePath path = trees.getPath(callee);
        return path != null && path.getLeaf() instanceof MethodTree tree ? WrittenParameters.of(tree) : Set.of();
    }

    private Optional<GradClassWriter.Plan> plan(ExecutableElement m, Reporter reporter) {
        int before = reporter.errorCount();
        try {
            Optional<Signature> signature = Signature.check(m, reporter);
            int order = SecondOrderCheck.order(m, reporter);
            TreePath path = trees.getPath(m);
            if (signature.isEmpty()
                    || order == 0
                    || path == null
                    || !(path.getLeaf() instanceof MethodTree tree)
                    || tree.getBody() == null) {
                return Optional.empty();
            }
            BodyTranslator front = new BodyTranslator(
                            processingEnv.getElementUtils(), reporter, path.getCompilationUnit(), signature.get())
                    .knowingWrites(this::writtenParameters)
                    .knowingSources(trees::getPath)
                    .knowingRules(customDerivatives)
                    .knowingPositions(trees.getSourcePositions());
            Optional<Graph> primal = front.translate(tree);
            if (primal.isEmpty()) return Optional.empty();
            if (order == 2 && !SecondOrderCheck.supported(m, path, trees, processingEnv.getElementUtils(), reporter))
                return Optional.empty();
            Pipeline.Options options = new Pipeline.Options(
                    verify(),
                    dumpAfter(),
                    text -> processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, title(m, text), m));
            Pipeline.Result graphs =
                    new Pipeline(options).run(primal.get(), signature.get().differentiated(), order);
            Graph reverse = graphs.reverse();
            Graph forward = graphs.forward();
            String primalDot = GraphDot.of(primal.get(), title(m, "forward graph"));
            int size = Math.max(
                    GradClassWriter.largestUnsplittable(reverse), GradClassWriter.largestUnsplittable(forward));
            if (graphs.hvp() != null) size = Math.max(size, GradClassWriter.largestUnsplittable(graphs.hvp()));
            if (size > MAX_NODES) {
                reporter.error(m, Message.TOO_LARGE, m.getSimpleName(), size, MAX_NODES);
                return Optional.empty();
            }
            writeGraphs(
                    m,
                    primalDot,
                    GraphDot.of(reverse, title(m, "backward graph (reverse mode; the backward sweep filled)")));
            return Optional.of(new GradClassWriter.Plan(
                    signature.get(), reverse, forward, sourceLines(path.getCompilationUnit()), graphs.hvp()));
        } catch (RuntimeException | StackOverflowError e) {
            if (Boolean.getBoolean("adjoint.trace")) e.printStackTrace(); // javac -J-Dadjoint.trace=true
            if (reporter.errorCount() == before) {
                reporter.error(m, Message.INTERNAL, m.getSimpleName(), e);
            }
            return Optional.empty();
        }
    }

    private static String title(ExecutableElement m, String what) {
        return ((TypeElement) m.getEnclosingElement()).getQualifiedName() + "." + m.getSimpleName() + ": " + what;
    }

    private void writeGraphs(ExecutableElement m, String forward, String backward) {
        String dir = processingEnv.getOptions().get(GRAPHS_OPTION);
        if (dir == null || dir.isBlank()) return;
        String base = ((TypeElement) m.getEnclosingElement()).getQualifiedName() + "." + m.getSimpleName();
        try {
            java.nio.file.Path out = java.nio.file.Path.of(dir);
            java.nio.file.Files.createDirectories(out);
            java.nio.file.Files.writeString(out.resolve(base + ".forward.dot"), forward);
            java.nio.file.Files.writeString(out.resolve(base + ".backward.dot"), backward);
        } catch (IOException | RuntimeException e) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.WARNING,
                            "[Adjoint.Graphs] could not write the graphs of " + base + " to " + dir + ": "
                                    + e.getMessage(),
                            m);
        }
    }

    /** A class whose code calls a generated class that will not exist would not compile: skip it too. */
    private static void dropCallersOfFailed(Map<TypeElement, List<GradClassWriter.Plan>> plans, Set<ClassName> failed) {
        boolean changed = true;
        while (changed && !failed.isEmpty()) {
            changed = false;
            for (var it = plans.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                boolean callsFailed = entry.getValue().stream()
                        .anyMatch(p -> calls(p.reverse(), failed) || calls(p.forward(), failed));
                if (callsFailed) {
                    failed.add(Signature.gradClass(entry.getKey()));
                    it.remove();
                    changed = true;
                }
            }
        }
    }

    private static boolean calls(Graph g, Set<ClassName> classes) {
        for (Node n : g.nodes()) {
            if ((n.op == Op.CALL_REVERSE || n.op == Op.CALL_TANGENT)
                    && classes.contains(n.callee().gradClass())) return true;
        }
        return false;
    }

    private void write(TypeElement type, List<GradClassWriter.Plan> plans) {
        ClassName grad = Signature.gradClass(type);
        if (!written.add(grad.canonicalName())) return;
        try {
            boolean markGenerated = ModuleReads.reads(processingEnv.getElementUtils(), type, "java.compiler");
            JavaFile file = GradClassWriter.write(type, plans, partBytes(), markGenerated);
            file.writeTo(processingEnv.getFiler());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            if (Boolean.getBoolean("adjoint.trace")) e.printStackTrace(); // javac -J-Dadjoint.trace=true
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL.format(grad, e), type);
        }
    }
}
