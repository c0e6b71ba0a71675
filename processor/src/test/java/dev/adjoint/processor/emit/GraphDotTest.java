package dev.adjoint.processor.emit;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DOT drawing of a graph: well formed, one DOT node per graph node, one edge per parent. */
class GraphDotTest {
    private static final Pattern NODE = Pattern.compile("^\\s*n(\\d+) \\[label=\"([^\"]*)\"", Pattern.MULTILINE);
    private static final Pattern EDGE = Pattern.compile("^\\s*n(\\d+) -> n(\\d+)", Pattern.MULTILINE);

    @Test
    void oneDotNodePerGraphNodeAndOneEdgePerParent() {
        Graph g = new Graph();
        GraphBuilder b = new GraphBuilder(g);
        Refs.Param px = new Refs.Param(0, "x", Type.DOUBLE);
        Node x = b.param(px);
        Node a = b.sub(b.constant(1), x);
        a.nameAfter("a");
        Node y = b.add(b.mul(a, a), b.math(MathFunction.SIN, x));
        g.root.results.add(y);
        Graph reverse =
                new Pipeline(Pipeline.Options.PLAIN).run(g, Map.of(0, px)).reverse();
        for (Graph graph : new Graph[] {g, reverse}) {
            String dot = GraphDot.of(graph, "test");
            assertWellFormed(dot);
            Set<Integer> expected = new HashSet<>();
            int edges = 0;
            for (Node n : graph.nodes()) {
                expected.add(n.id);
                edges += n.args.size();
                for (Region r : n.branches) edges += r.results.size();
            }
            assertEquals(expected, nodeIds(dot));
            assertEquals(edges, count(EDGE, dot));
        }
        String forward = GraphDot.of(g, "test");
        assertTrue(forward.contains("label=\"a = -\""), forward);
        assertTrue(forward.contains("label=\"sin\""), forward);
    }

    @Test
    void theOptionWritesForwardAndBackwardGraphsOfEachMethod(@TempDir Path dir) throws IOException {
        String source = """
        package demo;
        import dev.adjoint.Differentiable;
        final class Chain {
          @Differentiable static double f(double w) { return Math.sin(w) + 0.5 * w * w; }
          @Differentiable static double z(double w) { double x = f(w); double y = f(x); return f(y); }
          @Differentiable static double loop(double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) if (v[i] > 0) s += v[i] * v[i];
            return s;
          }
        }
        """;
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Aadjoint.graphs=" + dir)
                .compile(JavaFileObjects.forSourceString("demo.Chain", source));
        assertThat(c).succeededWithoutWarnings();
        for (String m : new String[] {"f", "z", "loop"}) {
            for (String kind : new String[] {"forward", "backward"}) {
                assertWellFormed(Files.readString(dir.resolve("demo.Chain." + m + "." + kind + ".dot")));
            }
        }
        String z = Files.readString(dir.resolve("demo.Chain.z.forward.dot"));
        assertEquals(
                3, z.split("call ChainGrad.f", -1).length - 1, "f called three times in the forward graph of z:\n" + z);
        assertTrue(
                Files.readString(dir.resolve("demo.Chain.loop.backward.dot")).contains("cluster_"),
                "loops and branches are clusters");
    }

    private static void assertWellFormed(String dot) {
        assertTrue(dot.startsWith("digraph \""), dot);
        assertTrue(dot.trim().endsWith("}"), dot);
        int depth = 0;
        for (char ch : dot.toCharArray()) {
            if (ch == '{') depth++;
            if (ch == '}') depth--;
            assertTrue(depth >= 0, "unbalanced braces");
        }
        assertEquals(0, depth, "unbalanced braces");
        Set<Integer> declared = nodeIds(dot);
        Matcher e = EDGE.matcher(dot);
        while (e.find()) {
            assertTrue(declared.contains(Integer.parseInt(e.group(1))), "edge from an undeclared node: " + e.group());
            assertTrue(declared.contains(Integer.parseInt(e.group(2))), "edge to an undeclared node: " + e.group());
        }
    }

    private static Set<Integer> nodeIds(String dot) {
        Set<Integer> ids = new HashSet<>();
        Matcher m = NODE.matcher(dot);
        while (m.find()) assertTrue(ids.add(Integer.parseInt(m.group(1))), "node declared twice: n" + m.group(1));
        return ids;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
