package dev.adjoint.processor.analysis;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.frontend.BodyTranslator;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The front end's graph of each {@code @Differentiable} method of a source, before any pass: what
 * the analyses of this package are given, built from Java rather than by hand.
 */
final class PrimalGraphs {
    private PrimalGraphs() {}

    /** The graphs of {@code source}'s differentiable methods, by method name. */
    static Map<String, Graph> of(String source) {
        Map<String, Graph> graphs = new HashMap<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var file =
                new SimpleJavaFileObject(URI.create("string:///demo/Shapes.java"), SimpleJavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
        List<String> options = List.of("-proc:only", "-classpath", System.getProperty("java.class.path"));
        var task = javac.getTask(null, null, null, options, null, List.of(file));
        task.setProcessors(List.of(new Collecting(graphs)));
        if (!task.call()) throw new AssertionError("the source does not compile:\n" + source);
        return graphs;
    }

    /** The LOOP whose first carried value (its counter) is named {@code counter}; exactly one must exist. */
    static Node loop(Graph graph, String counter) {
        Node found = null;
        for (Node n : graph.nodes()) {
            if (n.op != Op.LOOP || !counter.equals(LoopShapes.params(n).get(0).hint())) continue;
            if (found != null) throw new AssertionError("two loops count with " + counter);
            found = n;
        }
        if (found == null) throw new AssertionError("no loop counts with " + counter);
        return found;
    }

    /** The array created as local variable {@code name}. */
    static Node array(Graph graph, String name) {
        for (Node n : graph.nodes()) if (n.op == Op.NEW_ARRAY && name.equals(n.hint())) return n;
        throw new AssertionError("no array " + name);
    }

    private static final class Collecting extends AbstractProcessor {
        private final Map<String, Graph> graphs;

        Collecting(Map<String, Graph> graphs) {
            this.graphs = graphs;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of(Signature.ANNOTATION);
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            Trees trees = Trees.instance(processingEnv);
            Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
            for (TypeElement a : annotations) {
                for (var e : round.getElementsAnnotatedWith(a)) {
                    ExecutableElement m = (ExecutableElement) e;
                    TreePath path = trees.getPath(m);
                    Optional<Signature> signature = Signature.check(m, reporter);
                    if (signature.isEmpty()) throw new AssertionError("not differentiable: " + m);
                    BodyTranslator front = new BodyTranslator(
                            processingEnv.getElementUtils(), reporter, path.getCompilationUnit(), signature.get());
                    Optional<Graph> g = front.translate((MethodTree) path.getLeaf());
                    if (g.isEmpty()) throw new AssertionError("no graph for " + m);
                    graphs.put(m.getSimpleName().toString(), g.get());
                }
            }
            return false;
        }
    }
}
