package dev.adjoint.processor.emit;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import java.util.List;

/**
 * The computational graph in Graphviz DOT, as Goodfellow, Bengio and Courville, <i>Deep Learning</i>, §6.5 draw it: one node per graph node,
 * labelled with the Java variable it is (when it has a name) and its operation, and one edge
 * from each parent to its consumer. Branches and loop iterations are drawn as clusters; in a
 * reverse-mode graph, the backward sweep's nodes are filled.
 */
public final class GraphDot {
    private GraphDot() {}

    public static String of(Graph graph, String title) {
        StringBuilder out = new StringBuilder();
        out.append("digraph \"").append(escape(title)).append("\" {\n");
        out.append("  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n");
        out.append("  label=\"").append(escape(title)).append("\";\n");
        region(graph.root, out, "  ");
        for (Node n : graph.nodes()) {
            for (Node a : n.args)
                out.append("  n").append(a.id).append(" -> n").append(n.id).append(";\n");
            for (Region b : n.branches) {
                for (Node r : b.results) {
                    out.append("  n").append(r.id).append(" -> n").append(n.id).append(" [style=dashed];\n");
                }
            }
        }
        for (Node r : graph.root.results) out.append("  n").append(r.id).append(" [peripheries=2];\n");
        out.append("}\n");
        return out.toString();
    }

    private static void region(Region region, StringBuilder out, String indent) {
        for (Node n : region.nodes) {
            out.append(indent)
                    .append("n")
                    .append(n.id)
                    .append(" [label=\"")
                    .append(escape(label(n)))
                    .append("\"");
            if (n.backward) out.append(", style=filled, fillcolor=\"#dde8f7\"");
            if (n.op.isLeaf()) out.append(", shape=ellipse");
            out.append("];\n");
            List<Region> branches = n.branches;
            for (int j = 0; j < branches.size(); j++) {
                String what = n.op == Op.LOOP ? "loop step" : j == 0 ? "then" : "else";
                out.append(indent)
                        .append("subgraph cluster_")
                        .append(n.id)
                        .append('_')
                        .append(j)
                        .append(" {\n");
                out.append(indent)
                        .append("  label=\"")
                        .append(what)
                        .append(" of n")
                        .append(n.id)
                        .append("\"; style=dotted;\n");
                region(branches.get(j), out, indent + "  ");
                out.append(indent).append("}\n");
            }
        }
    }

    /** "a = sub" for a named value, the operation alone otherwise. */
    static String label(Node n) {
        String operation = switch (n.op) {
            case CONST -> String.valueOf(n.constValue());
            case PARAM -> n.param().name();
            case TANGENT_PARAM -> "d" + n.param().name();
            case FIELD -> "field " + n.field();
            case CALL_CONST -> "call_const " + n.method();
            case CALL, CALL_REVERSE, CALL_TANGENT, CALL_ADJOINT, SAVED_CALL ->
                n.op.name().toLowerCase() + " " + n.callee();
            case MATH -> n.mathCall().function().javaName();
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case REM -> "%";
            case NEG -> "neg";
            case GET -> "." + n.accessor() + "()";
            case PROJ, LOOP_PARAM -> n.op.name().toLowerCase() + " " + n.index();
            case CAST -> "(" + n.type.javaType + ")";
            case BITWISE -> n.bitOperator();
            case ARRAY_READ ->
                n.arg(0).op == Op.PARAM && n.arg(1).isConst()
                        ? n.arg(0).param().name() + "[" + n.arg(1).constValue() + "]"
                        : "[ ]";
            default -> n.op.name().toLowerCase();
        };
        return n.hint() != null ? n.hint() + " = " + operation : operation;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
