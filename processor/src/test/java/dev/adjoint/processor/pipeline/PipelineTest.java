package dev.adjoint.processor.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of the passes, the verifier's report of the pass that broke a graph, and the dumps. */
class PipelineTest {
    private final Graph g = new Graph();
    private final GraphBuilder b = new GraphBuilder(g);
    private final Refs.Param px = new Refs.Param(0, "x", Type.DOUBLE);

    PipelineTest() {
        Node x = b.param(px);
        g.root.results.add(b.mul(b.math(MathFunction.SIN, x), x));
    }

    @Test
    void thePassesRunInTheOrderThePipelineShows() {
        Pipeline pipeline = new Pipeline(new Pipeline.Options(true, Set.of(), text -> {}));
        pipeline.run(g, Map.of(0, px));
        assertEquals(
                List.of(
                        "primal/BodyTranslator",
                        "primal/ArrayStores",
                        "primal/Pruning",
                        "primal/LoopFusion",
                        "primal/InvariantReads",
                        "primal/ArrayStores",
                        "primal/Pruning",
                        "primal/Activity",
                        "reverse/IndependentIterations",
                        "reverse/ReverseMode",
                        "reverse/ArrayStores",
                        "reverse/Pruning",
                        "reverse/LoopAccumulators",
                        "reverse/ZeroAdjointLoops",
                        "forward/ForwardMode",
                        "forward/ArrayStores",
                        "forward/Pruning"),
                pipeline.ran());
        for (String step : pipeline.ran()) {
            assertTrue(Pipeline.PASS_NAMES.contains(step.substring(step.indexOf('/') + 1)), step);
        }
    }

    @Test
    void theVerifierNamesThePassThatBrokeTheGraph() {
        Pipeline pipeline = new Pipeline(new Pipeline.Options(true, Set.of(), text -> {}));
        Pass<Void, Void> breaking = Pass.rewrite("Breaking", (graph, none) -> graph.root.results.add(null));
        Pipeline.BrokenGraph broken =
                assertThrows(Pipeline.BrokenGraph.class, () -> pipeline.run(Pipeline.Stage.REVERSE, breaking, g, null));
        assertTrue(broken.getMessage().contains("after pass Breaking (reverse)"), broken.getMessage());
        assertTrue(broken.getMessage().contains("null result"), broken.getMessage());
    }

    @Test
    void withoutVerificationABrokenGraphGoesThrough() {
        Pipeline pipeline = new Pipeline(Pipeline.Options.PLAIN);
        Pass<Void, Void> breaking = Pass.rewrite("Breaking", (graph, none) -> graph.root.results.add(null));
        pipeline.run(Pipeline.Stage.PRIMAL, breaking, g, null);
        assertEquals(List.of("primal/Breaking"), pipeline.ran());
    }

    @Test
    void theDumpShowsTheGraphAfterEachRunOfThePassesNamed() {
        List<String> dumps = new ArrayList<>();
        new Pipeline(new Pipeline.Options(false, Set.of("ReverseMode", "pruning"), dumps::add)).run(g, Map.of(0, px));
        assertEquals(
                5,
                dumps.size(),
                "four runs of Pruning (two on the primal, one per mode) and one of ReverseMode: " + dumps);
        assertTrue(dumps.get(0).startsWith("graph after Pruning (primal):\n"), dumps.get(0));
        assertEquals("""
        graph after Pruning (primal):
        n0 = param x : double
        n1 = math Math.sin(n0) : double
        n2 = mul(n1, n0) : double
        results n2
        """, dumps.get(0));
        String reverse = dumps.get(2);
        assertTrue(reverse.startsWith("graph after ReverseMode (reverse):\n"), reverse);
        // the backward sweep: x̄ = sin(x) + cos(x)·x, marked as such
        assertTrue(reverse.contains("n4 = math Math.cos(n0) : double backward\n"), reverse);
        assertTrue(reverse.contains("n2 = mul(n1, n0) : double \"value\"\n"), reverse);
        assertTrue(reverse.endsWith("results n2, n6\n"), reverse);
    }
}
