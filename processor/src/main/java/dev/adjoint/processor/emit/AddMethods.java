package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.analysis.ArrayStores;
import dev.adjoint.processor.analysis.IterationLocalArrays;
import dev.adjoint.processor.frontend.Signature;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.rewrite.Pruning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * {@code fAdd(params..., seed, pBar...)} of a scalar method {@code f} that differentiates arrays
 * and no double: adds {@code seed} times the partial of f in each differentiated array into
 * {@code pBar} (skipped when null). A caller's backward sweep calls it with the adjoint of f's
 * result as the seed and its own adjoint arrays, so a call costs what f touches: {@code f} itself
 * returns partial arrays as large as the arrays it was given, which the caller then adds whole.
 *
 * <p>The body is {@code f}'s reverse-mode body, with the gradient's arrays being the parameters
 * and each addition into them scaled by the seed. That holds when the body does nothing to those
 * arrays but add into them ({@link #onlyAddedInto}); otherwise, and for a body cut into parts,
 * fAdd calls {@code f} and adds its partials whole.
 */
final class AddMethods {
    private AddMethods() {}

    /** Whether {@code f} gets an fAdd: the rule {@link Signature#hasAdd} expects of every callee. */
    static boolean wanted(Signature s) {
        if (s.vector() || s.onInstance()) return false;
        boolean arrays = false;
        for (Refs.Param p : s.differentiated().values()) {
            if (!p.type().isArray()) return false;
            arrays = true;
        }
        return arrays;
    }

    static MethodSpec method(
            ClassName grad,
            GradClassWriter.Plan plan,
            List<ClassName> declared,
            List<MethodSpec> helpers,
            int partBytes) {
        Signature s = plan.signature();
        Graph graph = valueDead(plan.reverse());
        Names names = GradClassWriter.reserved(s, graph, declared);
        Map<Integer, String> paramNames = GradClassWriter.parameterNames(s, names);
        List<ParameterSpec> parameters = GradClassWriter.parameters(s, paramNames, false, Map.of());
        String seed = names.fresh("seed");
        parameters.add(ParameterSpec.builder(TypeName.DOUBLE, seed).build());
        // the gradient's arrays, in the order of the record's components (root results after the value)
        Map<Node, String> into = new LinkedHashMap<>();
        List<String> bars = new ArrayList<>();
        int result = 1;
        for (Refs.Param p : s.differentiated().values()) {
            String bar = names.fresh(p.name() + "Bar");
            bars.add(bar);
            parameters.add(ParameterSpec.builder(p.type().javaType, bar).build());
            into.put(graph.root.results.get(result++), bar);
        }
        String m = s.method().getSimpleName().toString();
        JavaEmitter emitter = new JavaEmitter(graph, names, p -> paramNames.get(p.index()), p -> {
                    throw new IllegalStateException("no tangents in reverse mode");
                })
                .borrowing()
                .sourceLines(plan.source());
        emitter.parts(m + "Add", parameters, partBytes);
        // a zero seed adds nothing: skipped, as ZeroAdjointLoops skips a loop scaled by a zero adjoint
        // (a ReLU unit that was off); only a non-finite partial, 0 * Inf, would have added NaN
        CodeBlock.Builder zero = CodeBlock.builder().beginControlFlow("if ($L == 0.0)", seed);
        CodeBlock skip = zero.addStatement("return").endControlFlow().build();
        CodeBlock body;
        if (onlyAddedInto(graph, into.keySet()) && !emitter.isSplit()) {
            body = emitter.adding(into, seed).leavingOut(valueOnly(graph)).body(results -> CodeBlock.of(""));
            helpers.addAll(emitter.helpers());
        } else {
            body = wholePartials(grad, s, names, paramNames, seed, bars);
        }
        return MethodSpec.methodBuilder(m + "Add")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameters(parameters)
                .varargs(false)
                .addJavadoc(
                        "Adds {@code $L} times the gradient of $L into the arrays after it, each that is not null,\n"
                                + "touching only the elements the method reads: a caller's backward sweep calls it.\n",
                        seed,
                        GradClassWriter.source(s))
                .addCode(skip)
                .addCode(body)
                .build();
    }

    /**
     * A copy of the reverse graph {@code reverse} whose value (its first result) nobody reads, pruned:
     * fAdd returns nothing, so what only the value needed goes, such as a dot product's running sum
     * beside its backward's additions, which kept the loop a chain of dependent additions.
     */
    static Graph valueDead(Graph reverse) {
        Graph graph = reverse.copy();
        graph.root.results.set(0, new GraphBuilder(graph).zero(graph.root.results.get(0).type));
        Pruning.pruneDeadCarries(graph, ArrayStores.of(graph, IterationLocalArrays.NONE));
        return graph;
    }

    /**
     * Whether every use of the gradient's arrays {@code into} is an addition into them (or their
     * return): then scaling each addition by the seed scales the gradient, and where the arrays
     * start does not matter.
     */
    static boolean onlyAddedInto(Graph graph, Set<Node> into) {
        for (Node n : into) if (n.op != Op.ZEROS_LIKE || n.type != Type.DOUBLE_ARRAY) return false;
        for (Node n : graph.nodes()) {
            for (int i = 0; i < n.args.size(); i++) {
                if (!into.contains(n.arg(i))) continue;
                boolean adds = i == 0 && (n.op == Op.ACCUMULATE || n.op == Op.ACCUMULATE_SCALED);
                if (!adds) return false;
            }
            for (Region r : n.branches) for (Node res : r.results) if (into.contains(res)) return false;
        }
        return true;
    }

    /**
     * The statements of {@code f}'s body that compute only its value, which fAdd does not return:
     * the value and, transitively, the scalars and calls of {@code @Differentiable} methods only it
     * reads, in the forward sweep's top level. Pruning keeps such a call in {@code f} (it is f's
     * value, and a call is kept for what it may throw); fAdd needs it for neither: a caller runs
     * fAdd only after {@code f} ran with the same arguments (and a zero seed already returns at once).
     * GMM's {@code mahalanobisAdd} computed {@code squaredNorm(z)} for nothing before.
     */
    static Set<Node> valueOnly(Graph graph) {
        Map<Node, Integer> readers = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (Node a : n.args) readers.merge(a, 1, Integer::sum);
            for (Region b : n.branches) for (Node r : b.results) readers.merge(r, 1, Integer::sum);
        }
        List<Node> results = graph.root.results;
        for (int i = 1; i < results.size(); i++) readers.merge(results.get(i), 1, Integer::sum);
        Set<Node> dead = new LinkedHashSet<>();
        // the value, and what valueDead's pruning kept unread at the top level (a call kept for
        // what it may throw: the value's own call, once the value itself is replaced by a zero)
        Deque<Node> work = new ArrayDeque<>(List.of(results.get(0)));
        for (Node n : graph.root.nodes) if (readers.getOrDefault(n, 0) == 0) work.add(n);
        while (!work.isEmpty()) {
            Node n = work.pop();
            if (dead.contains(n) || readers.getOrDefault(n, 0) > 0 || !onlyComputes(n, graph)) continue;
            dead.add(n);
            for (Node a : n.args) if (readers.merge(a, -1, Integer::sum) == 0) work.push(a);
        }
        return dead;
    }

    /** Whether leaving {@code n} out changes nothing but its value: a scalar of the forward top level, no effect, no stack. */
    private static boolean onlyComputes(Node n, Graph graph) {
        boolean scalar = n.type == Type.DOUBLE || n.type == Type.INT || n.type == Type.LONG || n.type == Type.BOOLEAN;
        if (!scalar || n.region != graph.root || n.backward || !n.branches.isEmpty()) return false;
        if (n.op.isEffect() || n.op.isLeaf() || n.op == Op.PUSH || n.op == Op.POP || n.op == Op.STACK) return false;
        return !n.op.isCall() || n.op == Op.CALL;
    }

    /** The body that calls {@code f} and adds its partials whole. */
    private static CodeBlock wholePartials(
            ClassName grad, Signature s, Names names, Map<Integer, String> paramNames, String seed, List<String> bars) {
        CodeBlock.Builder out = CodeBlock.builder();
        String gradient = names.fresh("gradient");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < s.method().getParameters().size(); i++) args.add(paramNames.get(i));
        String m = s.method().getSimpleName().toString();
        out.addStatement(
                "final $T $L = $L($L)", GradClassWriter.recordName(grad, s), gradient, m, String.join(", ", args));
        int k = 0;
        for (Refs.Param p : s.differentiated().values()) {
            String bar = bars.get(k++);
            out.beginControlFlow("if ($L != null)", bar);
            out.addStatement("$T.addScaled($L, $L.d$L(), $L)", JavaEmitter.ADJOINTS, bar, gradient, p.name(), seed);
            out.endControlFlow();
        }
        return out.build();
    }
}
