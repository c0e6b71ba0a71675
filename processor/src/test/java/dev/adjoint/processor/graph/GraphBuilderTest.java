package dev.adjoint.processor.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.analysis.ArrayStores;
import dev.adjoint.processor.analysis.IterationLocalArrays;
import dev.adjoint.processor.pipeline.Pipeline;
import dev.adjoint.processor.rewrite.Pruning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph's own guarantees: merging, exact folding, pruning to what the result needs, one adjoint per node. */
class GraphBuilderTest {
    private final Graph g = new Graph();
    private final GraphBuilder b = new GraphBuilder(g);
    private final Refs.Param px = new Refs.Param(0, "x", Type.DOUBLE);
    private final Node x = b.param(px);

    @Test
    void commonSubexpressionsAreMerged() {
        Node sq1 = b.mul(x, x);
        Node sq2 = b.mul(x, x);
        assertSame(sq1, sq2);
        assertSame(b.math(MathFunction.SIN, x), b.math(MathFunction.SIN, x));
        assertNotSame(b.math(MathFunction.SIN, x), b.math(new MathFunction.Call(MathFunction.SIN, true), x));
    }

    @Test
    void aBranchReusesOuterValuesButTheOuterBlockNeverReusesABranchValue() {
        Node outer = b.mul(x, x);
        Node select = b.select(b.compare(Op.GT, x, b.constant(0)));
        Region then = select.branches.get(0);
        Node[] inner = new Node[2];
        b.in(then, () -> {
            inner[0] = b.mul(x, x);
            inner[1] = b.math(MathFunction.LOG, x);
        });
        assertSame(outer, inner[0]);
        Node after = b.math(MathFunction.LOG, x);
        assertNotSame(inner[1], after, "a value computed only on one path is not available after the branch");
    }

    @Test
    void primalFoldingIsExactAndDerivativeFoldingDropsZeros() {
        assertEquals(6.0, b.mul(b.constant(2), b.constant(3)).constDouble());
        assertSame(x, b.mul(b.constant(1), x));
        assertSame(x, b.sub(x, b.constant(0)));
        // 0 * x is NaN for infinite x and x + 0.0 is 0.0 for x = -0.0: the primal keeps both
        assertEquals(Op.MUL, b.mul(b.constant(0), x).op);
        assertEquals(Op.ADD, b.add(x, b.constant(0)).op);
        b.derivatives(true);
        assertTrue(b.mul(b.constant(0), x).isConst(0));
        assertSame(x, b.add(x, b.constant(0)));
    }

    @Test
    void integerDivisionByZeroIsLeftForRunTime() {
        Node q = b.div(b.constant(Type.INT, 1), b.constant(Type.INT, 0));
        assertEquals(Op.DIV, q.op);
        assertEquals(Type.INT, q.type);
        assertEquals(3, b.div(b.constant(Type.INT, 7), b.constant(Type.INT, 2)).constValue());
    }

    @Test
    void integerFoldingWrapsAroundAsJavaDoes() {
        assertEquals(
                Integer.MIN_VALUE,
                b.div(b.constant(Type.INT, Integer.MIN_VALUE), b.constant(Type.INT, -1))
                        .constValue());
        assertEquals(
                Integer.MAX_VALUE * 3,
                b.mul(b.constant(Type.INT, Integer.MAX_VALUE), b.constant(Type.INT, 3))
                        .constValue());
        assertEquals(
                Long.MIN_VALUE,
                b.div(b.constant(Type.LONG, Long.MIN_VALUE), b.constant(Type.LONG, -1L))
                        .constValue());
        assertEquals(
                -7 % 3, b.rem(b.constant(Type.INT, -7), b.constant(Type.INT, 3)).constValue());
    }

    @Test
    void pruningKeepsOnlyWhatTheResultNeeds() {
        Node unused = b.math(MathFunction.ACOS, b.mul(b.constant(2), x));
        Node y = b.math(MathFunction.SIN, x);
        g.root.results.add(y);
        Pruning.prune(g, ArrayStores.of(g, IterationLocalArrays.NONE));
        List<Node> nodes = g.nodes();
        assertFalse(nodes.contains(unused));
        assertTrue(nodes.contains(y));
    }

    @Test
    void xTimesXGetsTwoTermsSummedOnce() {
        g.root.results.add(b.mul(x, x));
        Graph reverse =
                new Pipeline(Pipeline.Options.PLAIN).run(g, Map.of(0, px)).reverse();
        Node gradient = reverse.root.results.get(1);
        // x̄ = ȳ·x + ȳ·x with ȳ = 1, merged into one node 2·x
        assertEquals(Op.MUL, gradient.op);
        assertTrue(gradient.arg(0).isConst(2));
        assertSame(x.param(), gradient.arg(1).param());
    }

    @Test
    void eachAdjointIsComputedOnceEvenWithManyConsumers() {
        // y = sin(x); z = y*y + y*3 + exp(y): ȳ has three consumers and is built once
        Node y = b.math(MathFunction.SIN, x);
        Node z = b.add(b.add(b.mul(y, y), b.mul(y, b.constant(3))), b.math(MathFunction.EXP, y));
        g.root.results.add(z);
        Graph reverse =
                new Pipeline(Pipeline.Options.PLAIN).run(g, Map.of(0, px)).reverse();
        long cosines = reverse.nodes().stream()
                .filter(n -> n.op == Op.MATH && n.mathCall().toString().equals("Math.cos"))
                .count();
        assertEquals(1, cosines, "x̄ = cos(x)·ȳ, one multiplication by the single ȳ");
        long sines = reverse.nodes().stream()
                .filter(n -> n.op == Op.MATH && n.mathCall().toString().equals("Math.sin"))
                .count();
        assertEquals(1, sines, "the forward value is reused, not recomputed");
    }
}
