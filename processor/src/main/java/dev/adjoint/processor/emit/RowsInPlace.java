package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The adjoint arrays of a Jacobian's backward sweep that live in the caller's array: for {@code
 * fJacobianInto}, a {@code double[]} parameter's adjoint x̄, which each backward run makes anew and
 * which becomes that parameter's part of row i, is not an array of its own but its entries of
 * {@code jacobian}, zeroed when the run starts and added into where the sweep adds into x̄
 * ({@code jacobian[xAt + k] += v}). Nothing to allocate, nothing to copy: that is how a
 * hand-written Jacobian fills its rows. Only an adjoint the sweep uses in no other way (element
 * stores and additions, no whole-array call, carried through no loop or branch) qualifies; another
 * is borrowed and copied (see {@link JacobianIntoMethods}).
 */
final class RowsInPlace {
    static final RowsInPlace NONE = new RowsInPlace(null, Map.of(), Map.of(), Map.of());

    private final String jacobian;
    /** Each adjoint in place: where its entries start in {@code jacobian}, its length, and its local holding the start. */
    private final Map<Node, CodeBlock> starts;

    private final Map<Node, CodeBlock> lengths;
    private final Map<Node, String> locals;

    private RowsInPlace(
            String jacobian, Map<Node, CodeBlock> starts, Map<Node, CodeBlock> lengths, Map<Node, String> locals) {
        this.jacobian = jacobian;
        this.starts = starts;
        this.lengths = lengths;
        this.locals = locals;
    }

    /**
     * The adjoints among the graph's results ({@code candidates}, the result at that position:
     * where its row part starts, and its length) that qualify, their starts named {@code <param>At}.
     */
    static RowsInPlace of(
            Graph graph, String jacobian, Map<Integer, CodeBlock[]> candidates, Names names, List<String> params) {
        Map<Node, CodeBlock> starts = new HashMap<>(), lengths = new HashMap<>();
        Map<Node, String> locals = new HashMap<>();
        for (var c : candidates.entrySet()) {
            Node adjoint = graph.root.results.get(c.getKey());
            if (!qualifies(graph, adjoint)) continue;
            starts.put(adjoint, c.getValue()[0]);
            lengths.put(adjoint, c.getValue()[1]);
            locals.put(adjoint, names.fresh(params.get(c.getKey()) + "At"));
        }
        return new RowsInPlace(jacobian, starts, lengths, locals);
    }

    private static boolean qualifies(Graph graph, Node adjoint) {
        if (adjoint.op != Op.ZEROS_LIKE || adjoint.type != Type.DOUBLE_ARRAY || !adjoint.backward) return false;
        for (Node n : graph.nodes()) {
            for (int a = 0; a < n.args.size(); a++) {
                if (n.args.get(a) != adjoint) continue;
                boolean elementWrite = (n.op == Op.ACCUMULATE || n.op == Op.ARRAY_STORE) && a == 0;
                if (!elementWrite) return false;
            }
            for (Region b : n.branches) if (b.results.contains(adjoint)) return false;
        }
        return true;
    }

    boolean holds(Node n) {
        return starts.containsKey(n);
    }

    /** Prints {@code n}'s declaration if it lives in place: its start, and its entries zeroed. */
    boolean declares(Node n, CodeBlock.Builder out) {
        if (!holds(n)) return false;
        out.addStatement("final int $L = $L", locals.get(n), starts.get(n));
        out.addStatement("$T.zero($L, $L, $L)", JacobianIntoMethods.FLAT, jacobian, locals.get(n), lengths.get(n));
        return true;
    }

    /** The array that holds {@code n}'s entries. */
    CodeBlock array() {
        return CodeBlock.of("$L", jacobian);
    }

    /** Where element {@code index} of {@code n} is in that array. */
    CodeBlock index(Node n, Expr index) {
        if (index.code().toString().equals("0")) return CodeBlock.of("$L", locals.get(n));
        return CodeBlock.of("$L + $L", locals.get(n), index.atLeast(Expr.ADDITIVE));
    }
}
