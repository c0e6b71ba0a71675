package dev.adjoint.processor.pipeline;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The graph as indented text, one node a line in evaluation order, for {@code -Aadjoint.dumpAfter}
 * and for tests that compare what a pass did: {@code n7 = mul(n3, n5) : double "y"}. The text
 * depends only on the graph (node ids are given in creation order, saved values are numbered as
 * they appear), so two runs print the same.
 */
public final class GraphDump {
    private final StringBuilder out = new StringBuilder();
    private final Map<Refs.Saved, Integer> saves = new HashMap<>();

    private GraphDump() {}

    public static String of(Graph graph) {
        GraphDump d = new GraphDump();
        d.region(graph.root, "");
        return d.out.toString();
    }

    private void region(Region region, String indent) {
        for (Node n : region.nodes) {
            out.append(indent).append(line(n)).append('\n');
            for (int i = 0; i < n.branches.size(); i++) {
                out.append(indent).append("  ").append(branchName(n, i)).append(":\n");
                region(n.branches.get(i), indent + "    ");
            }
        }
        out.append(indent).append("results ").append(ids(region.results)).append('\n');
    }

    private static String branchName(Node n, int i) {
        return n.branches.size() == 1 ? "step" : i == 0 ? "then" : "else";
    }

    private String line(Node n) {
        String detail = detail(n);
        return "n" + n.id + " = " + n.op.name().toLowerCase()
                + (detail.isEmpty() ? "" : " " + detail)
                + (n.args.isEmpty() ? "" : "(" + ids(n.args) + ")")
                + " : " + n.type.name().toLowerCase()
                + (n.hint() == null ? "" : " \"" + n.hint() + "\"")
                + (n.backward ? " backward" : "");
    }

    private String detail(Node n) {
        return switch (n.op) {
            case CONST -> String.valueOf(n.constValue());
            case PARAM, TANGENT_PARAM -> n.param().name();
            case FIELD -> n.field().toString();
            case CALL_CONST -> n.method().toString();
            case CALL, CALL_REVERSE, CALL_TANGENT, CALL_ADJOINT, SAVED_CALL ->
                n.callee().toString();
            case MATH, SAVED_MATH -> n.mathCall().toString();
            case GET -> n.accessor() + "()";
            case PROJ, LOOP_PARAM -> "#" + n.index();
            case PUSH, POP -> "save " + saves.computeIfAbsent(n.saved(), s -> saves.size() + 1);
            case STACK -> n.stackType().name().toLowerCase();
            case ZEROS_LIKE -> n.isScratchAdjoint() ? "scratch" : "";
            case COPY -> n.isCopyOfWrittenParameter() ? "written parameter" : "";
            default -> "";
        };
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(a -> a == null ? "null" : "n" + a.id).collect(Collectors.joining(", "));
    }
}
