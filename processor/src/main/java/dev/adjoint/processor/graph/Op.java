package dev.adjoint.processor.graph;

/**
 * The operations of the computational graph. Each node applies one operation to its arguments
 * (its parents, in the vocabulary of Goodfellow, Bengio and Courville, <i>Deep Learning</i>, §6.5). Derivative rules live in {@link dev.adjoint.processor.modes.DerivativeRules DerivativeRules}.
 */
public enum Op {
    // leaves
    CONST,
    PARAM,
    TANGENT_PARAM,
    FIELD,
    // arithmetic, comparison and logic, with Java's semantics for the node's type
    ADD,
    SUB,
    MUL,
    DIV,
    REM,
    NEG,
    NOT,
    LT,
    LE,
    GT,
    GE,
    EQ,
    NE,
    /** Eager boolean and/or of values already computed (loop exit conditions, flags). */
    AND,
    OR,
    CAST,
    /** An integer bit operation with Java's semantics; attribute: its operator ({@code & | ^ << >> >>>}). */
    BITWISE,
    // arrays
    ARRAY_READ,
    ARRAY_LENGTH,
    /** A new zero-filled array; arguments: its dimensions. */
    NEW_ARRAY,
    /** A copy of an array (deep for double[][]): a parameter the method writes into. */
    COPY,
    /** Effect: {@code array[index] = value}. */
    ARRAY_STORE,
    /** A function of java.lang.Math or StrictMath; attribute: {@link MathFunction.Call}. */
    MATH,
    /** A call to a static method whose arguments are all constants for differentiation. */
    CALL_CONST,
    /**
     * A call to another {@code @Differentiable} method, before a mode lowers it; a {@code double[]}-valued
     * callee stays one in reverse mode's forward sweep, a call of the method itself for its value.
     */
    CALL,
    /** Reverse mode lowering of CALL: the generated record holding value and partials. */
    CALL_REVERSE,
    /** Forward mode lowering of CALL: the generated {@code Dual}. */
    CALL_TANGENT,
    /**
     * Effect, in reverse mode's backward sweep: a scalar callee's {@code fAdd}, given the call's
     * arguments, the adjoint of its result and the adjoint arrays of its array arguments, adds the
     * result's adjoint times each partial into those arrays, touching only the elements the callee
     * reads (its {@code f} would return whole-size partial arrays for the caller to add).
     */
    CALL_ADJOINT,
    /** Reads an accessor ({@code value()}, {@code dx()}, {@code tangent()}) of a record node. */
    GET,
    /** Lazy two-way choice with one region per branch (the {@code ?:} operator, {@code && ||}). */
    SELECT,
    /** Output number {@link Node#index} of a SELECT or a LOOP. */
    PROJ,
    /**
     * A loop: {@code vars = args; do { (more, vars) = step(vars) } while (more)}. Its one region,
     * the step, starts with a LOOP_PARAM per carried value; its results are the flag {@code more}
     * then the carried values. PROJ k is carried value k after the loop.
     */
    LOOP,
    /** Carried value number {@link Node#index} of a LOOP, at the start of an iteration. */
    LOOP_PARAM,
    /** A stack of saved values, one per value type, created once per generated method. */
    STACK,
    /** Effect: saves a value for the backward sweep. Kept exactly when its POP is used. */
    PUSH,
    /** Takes back, in the backward sweep, the value its PUSH saved. */
    POP,
    /**
     * In a recomputed loop step: an element read whose value was saved (argument 0, a POP); the
     * other arguments are the array and index it was read at, where its adjoint goes.
     */
    SAVED_READ,
    /** In a recomputed loop step: a copy (argument 0, a POP of the saved contents) of array argument 1. */
    SAVED_COPY,
    /**
     * In a recomputed loop step: a math call (attribute: its {@link MathFunction.Call}) whose
     * result was saved (argument 0, a POP) instead of computed again. Its argument, which only
     * receives its adjoint, is known to reverse mode alone, so that nothing computes it for this.
     */
    SAVED_MATH,
    /**
     * In a recomputed loop step: a call of a scalar callee whose {@code fAdd} the backward sweep
     * calls (attribute: its {@link Refs.Callee}), whose result was saved (argument 0, a POP)
     * instead of computed again; the other arguments are the call's, which its {@code fAdd} is given.
     */
    SAVED_CALL,
    /** Eager choice between two already computed values, for derivative rules. */
    CHOOSE,
    /** A fresh adjoint or tangent array shaped like its argument. */
    ZEROS_LIKE,
    /** Effect: {@code array[index] += value}. */
    ACCUMULATE,
    /** Effect: {@code into += scale * from}, element-wise, for array partials of calls. */
    ACCUMULATE_SCALED,
    /** Placeholder for an expression that already produced a diagnostic. */
    ERROR;

    public boolean isLeaf() {
        return this == CONST || this == PARAM || this == TANGENT_PARAM || this == FIELD;
    }

    public boolean isEffect() {
        return this == ACCUMULATE || this == ACCUMULATE_SCALED || this == ARRAY_STORE || this == CALL_ADJOINT;
    }

    /** Calls of other methods (which receive arrays, and for all we know of a plain static method, may write them). */
    public boolean isCall() {
        return this == CALL
                || this == CALL_REVERSE
                || this == CALL_TANGENT
                || this == CALL_CONST
                || this == CALL_ADJOINT;
    }

    /** Structured nodes, which own regions. */
    public boolean isStructured() {
        return this == SELECT || this == LOOP;
    }
}
