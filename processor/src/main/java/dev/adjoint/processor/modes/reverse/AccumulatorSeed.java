package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Replay;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The adjoint an accumulator of a loop reversed in place starts each iteration with
 * ({@link IndependentIterations}): {@code constant × Π times ÷ Π over}, where the factors are
 * values of the primal computed from parameters and constants alone ({@link #fixed}), so that the
 * same value can be computed before the loop: {@code total / n}, {@code ce / x.length} give the
 * sum the seed {@code 1 / n}. Without factors it is the plain constant of a sum of the value.
 */
record AccumulatorSeed(double constant, List<Node> times, List<Node> over) {
    static AccumulatorSeed of(double constant) {
        return new AccumulatorSeed(constant, List.of(), List.of());
    }

    boolean isConstant() {
        return times.isEmpty() && over.isEmpty();
    }

    AccumulatorSeed times(AccumulatorSeed s) {
        return new AccumulatorSeed(constant * s.constant, concat(times, s.times), concat(over, s.over));
    }

    /** The sum, when both have the same factors (the same nodes, in the same order); null otherwise. */
    AccumulatorSeed plus(AccumulatorSeed s) {
        if (constant == 0.0) return s;
        if (s.constant == 0.0) return this;
        if (!sameNodes(times, s.times) || !sameNodes(over, s.over)) return null;
        return new AccumulatorSeed(constant + s.constant, times, over);
    }

    /**
     * Whether {@code n} is computed from parameters and constants alone ({@code n}, {@code x.length},
     * their casts and arithmetic): a value the loop cannot change, that can be computed before it.
     */
    static boolean fixed(Node n) {
        return switch (n.op) {
            case CONST, PARAM -> true;
            case ARRAY_LENGTH -> n.arg(0).op == Op.PARAM;
            case CAST, NEG, ADD, SUB, MUL, DIV ->
                (n.type == Type.DOUBLE || n.type == Type.INT) && n.args.stream().allMatch(AccumulatorSeed::fixed);
            default -> false;
        };
    }

    /** The seed as a value of the graph {@code b} builds, computed where {@code b} stands. */
    Node build(GraphBuilder b) {
        Node v = b.constant(constant);
        for (Node t : times) v = b.mul(v, again(b, t));
        for (Node o : over) v = b.div(v, again(b, o));
        return v;
    }

    /** Whether the adjoint {@code total} built elsewhere is this seed: the same constant, or the same computation. */
    boolean is(Node total, Node built) {
        if (isConstant()) return total.isConst() && Double.compare(total.constDouble(), constant) == 0;
        return sameValue(total, built);
    }

    /** A fixed value of the primal, computed again in the graph {@code b} builds. */
    private static Node again(GraphBuilder b, Node n) {
        return switch (n.op) {
            case CONST -> b.constant(n.type, n.constValue());
            case PARAM -> b.param(n.param());
            default -> {
                List<Node> args = new ArrayList<>();
                for (Node a : n.args) args.add(again(b, a));
                yield Replay.apply(b, n, args);
            }
        };
    }

    private static boolean sameValue(Node a, Node b) {
        if (a == b) return true;
        if (a.op != b.op || a.type != b.type || a.args.size() != b.args.size()) return false;
        switch (a.op) {
            case CONST -> {
                return Objects.equals(a.constValue(), b.constValue());
            }
            case PARAM -> {
                return a.param().equals(b.param());
            }
            case CAST, NEG, ADD, SUB, MUL, DIV, ARRAY_LENGTH -> {
                for (int i = 0; i < a.args.size(); i++) if (!sameValue(a.arg(i), b.arg(i))) return false;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean sameNodes(List<Node> a, List<Node> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    private static List<Node> concat(List<Node> a, List<Node> b) {
        List<Node> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
