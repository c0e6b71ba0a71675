package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * An int carried by a {@code while (c)} loop that each iteration advances by an amount the
 * backward sweep can compute without it: {@code v' = v + a}, {@code a} built from counters,
 * values fixed before the loop, and the trip counts of inner counted loops. GMM's running index
 * {@code lparamsidx}, which the inner {@code j} loop advances by {@code d - i - 1} per row, is
 * one. The backward sweep then needs no saved copy per iteration: it takes back the value the
 * loop ended with and subtracts the advances in reverse, {@code v = v' - a}. Int arithmetic
 * wraps, so this is exact even where the forward sum overflowed.
 */
final class IntAdvances {
    private IntAdvances() {}

    /**
     * A term of an advance: {@code factor · value} when {@code inner} is null; else {@code factor}
     * times the trip count of {@code inner}, a counted loop of the step that advances the int by
     * {@code factor} per iteration.
     */
    record Term(Node value, int factor, Node inner) {}

    /**
     * The advance of int slot {@code slot} of {@code loop}, a {@code while (c)} loop whose test is
     * {@code test}, as terms in the step's values; null when it is not of that form.
     */
    static List<Term> of(Node loop, Node test, int slot) {
        Node param = LoopShapes.params(loop).get(slot);
        if (param.type != Type.INT || LoopShapes.inductionStep(loop, slot) != null) return null;
        Node next = loop.branches.get(0).results.get(slot + 1);
        if (next.op != Op.PROJ || next.arg(0) != test) return null;
        List<Term> terms = new ArrayList<>();
        return offset(test.branches.get(0).results.get(next.index()), param, loop, terms) ? terms : null;
    }

    /** Whether {@code x} is {@code param} plus terms (added to {@code terms}) the backward sweep can compute. */
    private static boolean offset(Node x, Node param, Node loop, List<Term> terms) {
        if (x == param) return true;
        if (x.type != Type.INT) return false;
        switch (x.op) {
            case ADD -> {
                for (int side = 0; side < 2; side++) {
                    Node other = x.arg(1 - side);
                    if (rebuildable(other, loop) && offset(x.arg(side), param, loop, terms)) {
                        terms.add(new Term(other, 1, null));
                        return true;
                    }
                }
                return false;
            }
            case SUB -> {
                if (!rebuildable(x.arg(1), loop) || !offset(x.arg(0), param, loop, terms)) return false;
                terms.add(new Term(x.arg(1), -1, null));
                return true;
            }
            case PROJ -> {
                return innerLoopOutput(x, param, loop, terms);
            }
            default -> {
                return false;
            }
        }
    }

    /** {@code x} is what an inner counted loop, started from {@code param} plus terms, advanced by a constant per iteration. */
    private static boolean innerLoopOutput(Node x, Node param, Node loop, List<Term> terms) {
        Node inner = x.arg(0);
        int slot = x.index();
        if (inner.op != Op.LOOP || !LoopShapes.hasClosedExit(inner, slot)) return false;
        LoopShapes.Counted shape = LoopShapes.countedShape(inner, LoopShapes.plainTest(inner));
        boolean tripsKnown =
                rebuildable(inner.arg(shape.counter()), loop) && boundRebuildable(shape.bound(), inner, loop);
        if (!tripsKnown || !offset(inner.arg(slot), param, loop, terms)) return false;
        terms.add(new Term(null, LoopShapes.inductionStep(inner, slot), inner));
        return true;
    }

    /**
     * Whether the backward sweep can compute {@code e} in an iteration of {@code loop} from values
     * it has anyway: values from outside the loop, counters, and ints computed from those.
     */
    private static boolean rebuildable(Node e, Node loop) {
        Region step = loop.branches.get(0);
        if (!step.encloses(e.region)) return true;
        if (e.op == Op.LOOP_PARAM) return e.region == step && LoopShapes.inductionStep(loop, e.index()) != null;
        return pureInt(e) && e.args.stream().allMatch(a -> rebuildable(a, loop));
    }

    /**
     * An inner counted loop's bound that the backward sweep of {@code loop} can compute: what the
     * inner test computes of it is pure ({@code countedShape} checked it), so its values from
     * outside the inner loop decide.
     */
    private static boolean boundRebuildable(Node bound, Node inner, Node loop) {
        if (!inner.branches.get(0).encloses(bound.region)) return rebuildable(bound, loop);
        return bound.args.stream().allMatch(a -> boundRebuildable(a, inner, loop));
    }

    /** Int arithmetic, comparisons and choices: what a counted loop's trip count is made of. */
    private static boolean pureInt(Node e) {
        boolean pure = switch (e.op) {
            case ADD, SUB, MUL, NEG, ARRAY_LENGTH, CHOOSE, LT, LE, GT, GE, EQ, NE, NOT -> true;
            default -> false;
        };
        return pure && (e.type == Type.INT || e.type == Type.BOOLEAN);
    }
}
