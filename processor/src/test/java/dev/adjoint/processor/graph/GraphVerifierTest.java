package dev.adjoint.processor.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier on graphs broken on purpose, one way each: it must name every kind of damage a
 * pass could do, and say nothing of a well-formed graph.
 */
class GraphVerifierTest {
    private final Graph g = new Graph();
    private final GraphBuilder b = new GraphBuilder(g);
    private final Node x = b.param(new Refs.Param(0, "x", Type.DOUBLE));

    /** {@code x > 0 ? sin(x) : x * x}, then {@code while (i < 3) { s += x; i++; }}: a SELECT and a LOOP. */
    private Node select;

    private Node sine;
    private Node loop;
    private Node sum;

    GraphVerifierTest() {
        select = b.select(b.compare(Op.GT, x, b.constant(0)));
        b.in(select.branches.get(0), () -> {
            sine = b.math(MathFunction.SIN, x);
            select.branches.get(0).results.add(sine);
        });
        b.in(select.branches.get(1), () -> select.branches.get(1).results.add(b.mul(x, x)));
        Node chosen = b.project(select, 0, Type.DOUBLE);
        loop = b.loop(List.of(b.constant(Type.INT, 0), chosen));
        Node i = b.loopParam(loop, 0, Type.INT);
        Node s = b.loopParam(loop, 1, Type.DOUBLE);
        Region step = loop.branches.get(0);
        b.in(step, () -> {
            step.results.add(b.compare(Op.LT, i, b.constant(Type.INT, 3)));
            step.results.add(b.add(i, b.constant(Type.INT, 1)));
            step.results.add(b.add(s, x));
        });
        sum = b.project(loop, 1, Type.DOUBLE);
        g.root.results.add(sum);
    }

    private List<String> problems() {
        return GraphVerifier.problems(g);
    }

    private void assertCaught(String expected) {
        List<String> problems = problems();
        assertTrue(
                problems.stream().anyMatch(p -> p.contains(expected)),
                "expected \"" + expected + "\" among " + problems);
    }

    @Test
    void aWellFormedGraphHasNoProblems() {
        assertEquals(List.of(), problems());
    }

    @Test
    void aStaleRegionField() {
        sine.region = g.root;
        assertCaught("stands in a region other than its own");
    }

    @Test
    void aNodeStandingTwice() {
        g.root.nodes.add(sine);
        assertCaught("stands in the graph twice");
    }

    @Test
    void aRegionNamingAnotherOwner() {
        Region stray = new Region(g.root, loop);
        select.branches.set(1, stray);
        assertCaught("names another owner");
    }

    @Test
    void aRegionNamingTheWrongParent() {
        select.branches.get(0).parent = loop.branches.get(0);
        assertCaught("names a parent other than");
    }

    @Test
    void anArgumentUsedBeforeItIsDefined() {
        // move the loop before the SELECT whose output it starts from
        g.root.nodes.remove(loop);
        g.root.nodes.add(g.root.nodes.indexOf(select), loop);
        assertCaught("is not defined before it");
    }

    @Test
    void anArgumentFromAnotherBranch() {
        Node square = select.branches.get(1).results.get(0);
        select.branches.get(0).results.set(0, square);
        assertCaught("returns " + square);
    }

    @Test
    void anArgumentInNoRegion() {
        select.branches.get(0).nodes.remove(sine);
        assertCaught("stands in no region of the graph");
    }

    @Test
    void aProjectionOutOfRange() {
        b.project(select, 1, Type.DOUBLE);
        assertCaught("reads output 1");
    }

    @Test
    void aLoopProjectionOutOfRange() {
        b.project(loop, 2, Type.DOUBLE);
        assertCaught("reads output 2");
    }

    @Test
    void aLoopParamOutOfRange() {
        b.loopParam(loop, 5, Type.DOUBLE);
        assertCaught("is slot 5");
    }

    @Test
    void twoLoopParamsForOneSlot() {
        b.loopParam(loop, 1, Type.DOUBLE);
        assertCaught("two LOOP_PARAMs for slot 1");
    }

    @Test
    void aLoopParamOutsideALoop() {
        Node stray = b.loopParam(loop, 0, Type.INT);
        loop.branches.get(0).nodes.remove(stray);
        stray.region = g.root;
        g.root.nodes.add(0, stray);
        assertCaught("stands outside a loop's step");
    }

    @Test
    void aStepWithTooFewResults() {
        loop.branches.get(0).results.remove(2);
        assertCaught("carries 2 values but its step has 2 results");
    }

    @Test
    void aStepWhoseFlagIsNotABoolean() {
        Region step = loop.branches.get(0);
        step.results.set(0, step.results.get(1));
        assertCaught("is not a boolean");
    }

    @Test
    void branchesWithDifferentNumbersOfResults() {
        select.branches.get(1).results.add(x);
        assertCaught("branches with 1 and 2 results");
    }

    @Test
    void aNullResult() {
        g.root.results.add(null);
        assertCaught("null result");
    }

    @Test
    void aResultFromInsideABranch() {
        g.root.results.set(0, sine);
        assertCaught("returns " + sine);
    }
}
