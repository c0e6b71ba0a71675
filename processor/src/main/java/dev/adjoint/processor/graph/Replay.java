package dev.adjoint.processor.graph;

import java.util.List;

/**
 * Re-creates a node's operation on new arguments through a builder, folding and merging as the
 * builder always does: how the modes copy the primal, and how a recomputed or rebuilt value is
 * made again.
 */
public final class Replay {
    private Replay() {}

    /** Re-creates {@code template}'s operation on new arguments, folding and merging as usual. */
    public static Node apply(GraphBuilder b, Node template, List<Node> args) {
        Node a = args.isEmpty() ? null : args.get(0);
        Node c = args.size() > 1 ? args.get(1) : null;
        return switch (template.op) {
            case CONST, PARAM, TANGENT_PARAM, FIELD, ERROR -> b.leafLike(template);
            case ADD -> b.add(a, c);
            case SUB -> b.sub(a, c);
            case MUL -> b.mul(a, c);
            case DIV -> b.div(a, c);
            case REM -> b.rem(a, c);
            case NEG -> b.neg(a);
            case NOT -> b.not(a);
            case LT, LE, GT, GE, EQ, NE -> b.compare(template.op, a, c);
            case CAST -> b.cast(a, template.type);
            case BITWISE -> b.bitwise(template.bitOperator(), a, c);
            case CHOOSE -> b.choose(a, c, args.get(2));
            case MATH -> b.math(template.mathCall(), args.toArray(new Node[0]));
            case ARRAY_READ -> b.arrayRead(a, c);
            case ARRAY_LENGTH -> b.arrayLength(a);
            case CALL_CONST -> b.callConst(template.method(), template.type, args);
            case CALL, CALL_REVERSE, CALL_TANGENT, CALL_ADJOINT ->
                b.call(template.op, template.type, template.callee(), args);
            case GET -> b.get(a, template.accessor(), template.type);
            case ZEROS_LIKE -> template.isScratchAdjoint() ? b.adjointArrayLike(a) : b.zerosLike(a);
            case NEW_ARRAY -> b.newArray(template.type, args);
            case COPY -> template.isCopyOfWrittenParameter() ? b.copyOfWrittenParameter(a) : b.copy(a);
            case ARRAY_STORE -> b.arrayStore(a, c, args.get(2));
            case ACCUMULATE -> b.accumulate(a, c, args.get(2));
            case ACCUMULATE_SCALED -> b.accumulateScaled(a, c, args.get(2));
            case AND -> b.and(a, c);
            case OR -> b.or(a, c);
            case SELECT, PROJ, LOOP, LOOP_PARAM, STACK, PUSH, POP, SAVED_READ, SAVED_COPY, SAVED_MATH, SAVED_CALL ->
                throw new IllegalArgumentException("structured nodes and saved values are copied by the modes");
        };
    }
}
