package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The nodes that save values for the backward sweep and take them back: one stack per value
 * type, PUSH and POP linked by their {@link Refs.Saved}, and the stand-ins of saved values in a
 * recomputed loop step. Reverse mode alone makes them.
 */
public final class SavedValues {
    private final GraphBuilder builder;

    public SavedValues(GraphBuilder builder) {
        this.builder = builder;
    }

    /** The stack for values of {@code type}, declared once at the top of the method. */
    public Node stack(Type type) {
        Type kind = switch (type) {
            case BOOLEAN, INT_ARRAY -> Type.INT;
            case DOUBLE_ARRAY, DOUBLE_MATRIX -> Type.DOUBLE;
            default -> type;
        };
        for (Node n : builder.graph().root.nodes) if (n.op == Op.STACK && n.stackType() == kind) return n;
        Node s =
                new Node(builder.graph().nextId++, Op.STACK, Type.OBJECT, kind, List.of(), builder.graph().root, false);
        s.hint = switch (kind) {
            case DOUBLE -> "doubles";
            case LONG -> "longs";
            default -> "ints";
        };
        builder.graph().root.nodes.add(0, s);
        return s;
    }

    public Node push(Node value, Refs.Saved saved) {
        return builder.fresh(Op.PUSH, Type.VOID, saved, List.of(stack(value.type), value));
    }

    public Node pop(Type type, Refs.Saved saved) {
        return builder.fresh(Op.POP, type, saved, List.of(stack(type)));
    }

    /**
     * A copy of {@code copy} taken at once, placed right after it, before anything can write into
     * it: a snapshot of what the copy started as.
     */
    public Node snapshotOf(Node copy) {
        Node snapshot =
                new Node(builder.graph().nextId++, Op.COPY, copy.type, null, List.of(copy), copy.region, copy.backward);
        snapshot.line = copy.line;
        copy.region.nodes.add(copy.region.nodes.indexOf(copy) + 1, snapshot);
        return snapshot;
    }

    /** In a recomputed loop step: a copy whose contents were saved (argument 0, a POP) instead of copied again from {@code source}. */
    public Node savedCopy(Node value, Node source) {
        return builder.fresh(Op.SAVED_COPY, value.type, null, List.of(value, source));
    }

    /** In a recomputed loop step: a call of {@code call}, whose result {@code value} (a POP) was saved. */
    public Node savedMath(Node value, MathFunction.Call call) {
        return builder.fresh(Op.SAVED_MATH, Type.DOUBLE, call, List.of(value));
    }

    /** In a recomputed loop step: a call of {@code callee} with {@code args}, whose result {@code value} (a POP) was saved. */
    public Node savedCall(Node value, Refs.Callee callee, List<Node> args) {
        List<Node> all = new ArrayList<>();
        all.add(value);
        all.addAll(args);
        return builder.fresh(Op.SAVED_CALL, Type.DOUBLE, callee, all);
    }

    public Node savedRead(Node value, Node array, Node index) {
        return builder.fresh(Op.SAVED_READ, value.type, null, List.of(value, array, index));
    }
}
