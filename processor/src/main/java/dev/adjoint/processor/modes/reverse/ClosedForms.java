package dev.adjoint.processor.modes.reverse;

import static dev.adjoint.processor.analysis.LoopShapes.countedShape;
import static dev.adjoint.processor.analysis.LoopShapes.inductionStep;
import static dev.adjoint.processor.analysis.LoopShapes.plainTest;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.analysis.LoopShapes.Counted;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Replay;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the backward sweep computes instead of saving: the trip count of a counted loop, from its
 * start and bound; the value a counter stepping by a constant has in a given iteration
 * (i0 + c·(iteration − 1)) or after the loop; and the value a running index ({@link IntAdvances})
 * started an iteration with, from the value it ended that iteration with.
 */
final class ClosedForms {
    private final GraphBuilder b;

    ClosedForms(GraphBuilder b) {
        this.b = b;
    }

    /** The value int slot {@code k} of {@code loop} ends with ({@link LoopShapes#hasClosedExit}), from the copies of its inputs. */
    Node closedExit(Node loop, int k, Map<Node, Node> copies) {
        Node trips = tripsOf(loop, plainTest(loop), v -> copies.getOrDefault(v, v));
        Node start = copies.getOrDefault(loop.arg(k), loop.arg(k));
        int step = inductionStep(loop, k);
        return step == -1 ? b.sub(start, trips) : b.add(start, b.mul(b.constant(Type.INT, step), trips));
    }

    /** {@code start op bound ? |bound - start| (+1 for <=, >=) : 0}, where the loop stands; null if the loop is not counted. */
    Node recountedTrips(Node loop, Node test) {
        return tripsOf(loop, test, v -> v);
    }

    /**
     * The trip count of counted loop {@code loop} (test {@code test}) computed from its start and
     * bound, each value from outside the loop standing as {@code outside} maps it; null if not counted.
     */
    private Node tripsOf(Node loop, Node test, Function<Node, Node> outside) {
        Counted shape = countedShape(loop, test);
        if (shape == null) return null;
        Node bound = fixedBefore(shape.bound(), loop.branches.get(0), outside);
        return trips(shape, outside.apply(loop.arg(shape.counter())), bound);
    }

    /** The trip count of a counted loop of this shape from {@code start} to {@code bound}. */
    private Node trips(Counted shape, Node start, Node bound) {
        Node span = shape.step() == 1 ? b.sub(bound, start) : b.sub(start, bound);
        boolean strict = shape.op() == Op.LT || shape.op() == Op.GT;
        return b.choose(
                b.compare(shape.op(), start, bound),
                strict ? span : b.add(span, b.constant(Type.INT, 1)),
                b.zero(Type.INT));
    }

    /**
     * {@code value} as the backward sweep can have it where the loop stood, when the loop's step
     * cannot change it ({@link LoopShapes#isFixedBefore}): a value from before the loop, a constant,
     * or what the test computes from those with {@code + - * .length} and casts ({@code i <= n - 1});
     * each value from outside the step stands as {@code outside} maps it (a copy, a rebuilt value).
     */
    private Node fixedBefore(Node value, Region step, Function<Node, Node> outside) {
        if (!step.encloses(value.region)) return outside.apply(value);
        List<Node> args = new ArrayList<>();
        for (Node a : value.args) args.add(fixedBefore(a, step, outside));
        return Replay.apply(b, value, args);
    }

    /** An int slot that no iteration changes: every iteration starts from the loop's initial value. */
    static boolean unchangedInt(Node loop, int k) {
        Node param = LoopShapes.params(loop).get(k);
        return param.type == Type.INT && loop.branches.get(0).results.get(k + 1) == param;
    }

    /** Counter {@code k} of {@code loop}, stepping by {@code c}, in the iteration with {@code remaining} left: i0 + c·(remaining − 1). */
    Node counterAt(Node loop, int k, int c, Node remaining) {
        return b.add(loop.arg(k), b.mul(b.constant(Type.INT, c), b.sub(remaining, b.constant(Type.INT, 1))));
    }

    /**
     * An int slot as the iteration with {@code remaining} left started it: its value after that
     * iteration, {@code later}, minus what the iteration added, {@code advance} ({@link IntAdvances}).
     */
    Node undoAdvance(Node later, Node loop, List<IntAdvances.Term> advance, Node remaining) {
        Map<Node, Node> built = new HashMap<>();
        Function<Node, Node> rebuilt = e -> rebuild(e, loop, remaining, built);
        Node v = later;
        for (IntAdvances.Term t : advance) {
            Node amount =
                    t.inner() == null ? rebuilt.apply(t.value()) : tripsOf(t.inner(), plainTest(t.inner()), rebuilt);
            v = switch (t.factor()) {
                case 1 -> b.sub(v, amount);
                case -1 -> b.add(v, amount);
                default -> b.sub(v, b.mul(b.constant(Type.INT, t.factor()), amount));
            };
        }
        return v;
    }

    /** A value {@link IntAdvances#rebuildable} in an iteration of {@code loop}, computed there. */
    private Node rebuild(Node e, Node loop, Node remaining, Map<Node, Node> built) {
        if (!loop.branches.get(0).encloses(e.region)) return e;
        Node done = built.get(e);
        if (done != null) return done;
        Node made;
        if (e.op == Op.LOOP_PARAM) {
            made = counterAt(loop, e.index(), inductionStep(loop, e.index()), remaining);
        } else {
            List<Node> args = new ArrayList<>();
            for (Node a : e.args) args.add(rebuild(a, loop, remaining, built));
            made = Replay.apply(b, e, args);
        }
        built.put(e, made);
        return made;
    }
}
