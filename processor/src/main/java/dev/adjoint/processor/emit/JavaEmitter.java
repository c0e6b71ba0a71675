package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Prints a graph as the body of a Java method: the statements in order, each group headed by
 * the user's source line it comes from. Which values get a local is {@link Placement}'s
 * choice, how a value reads is {@link Expressions}', loops are {@link Loops}' and the stacks
 * {@link Tapes}'. SELECTs become if/else blocks that assign their outputs, or plain {@code ?:}
 * when both branches are single expressions.
 */
final class JavaEmitter {
    static final ClassName MATH = ClassName.get("java.lang", "Math");
    /** The parameter that holds the receiver, first in the derivative methods of an instance method. */
    static final String RECEIVER = "self";

    static final ClassName STRICT_MATH = ClassName.get("java.lang", "StrictMath");
    static final ClassName DUAL = ClassName.get("dev.adjoint.runtime", "Dual");
    static final ClassName DUAL_ARRAY = ClassName.get("dev.adjoint.runtime", "DualArray");
    static final ClassName ADJOINTS = ClassName.get("dev.adjoint.runtime.internal", "Adjoints");
    static final ClassName SCRATCH_ARRAYS = ClassName.get("dev.adjoint.runtime.internal", "ScratchArrays");

    private final Graph graph;
    private final Names names;
    private final Function<Refs.Param, String> paramName;
    private final Placement placement;
    private final Expressions expressions;
    private final Tapes tapes;
    private final Loops loops;
    private boolean backwardLabelled;
    private String forwardLabel;
    private String backwardLabel;
    /** Whether this body borrows its own arrays from {@code ScratchArrays} (reverse mode: see {@link #borrowed()}). */
    private boolean borrowing;
    /** Whether the parameters' adjoint arrays are borrowed too (see {@link BorrowedArrays}). */
    private boolean borrowingResults;

    private RowsInPlace inPlace = RowsInPlace.NONE;
    /** Whether the method calls another reverse-mode method, so the stacks' sizes must be left as found. */
    private boolean calls;
    /** What wraps the backward sweep to run it once per output (a Jacobian's rows), or null. */
    private BackwardRepeat repeat;
    /** Whether {@link #repeat} has opened its loop. */
    private boolean repeatOpen;

    /**
     * A loop around the backward sweep, which then runs once per cotangent against the values of
     * one forward sweep (see {@link RepeatableBackward} for when that is right).
     */
    interface BackwardRepeat {
        /** Before the backward sweep: {@code value} is the method's result, computed by then. */
        void open(CodeBlock value, CodeBlock.Builder out);

        /** After it: {@code results} are the root's results, {@code adjoints} the arrays borrowed by one run. */
        void close(List<CodeBlock> results, List<CodeBlock> adjoints, CodeBlock.Builder out);
    }

    /** Runs the backward sweep in {@code repeat}'s loop. */
    JavaEmitter repeatingBackward(BackwardRepeat repeat) {
        this.repeat = repeat;
        return this;
    }

    /** Whether the body is too large for one method and is cut into parts. */
    boolean isSplit() {
        return split();
    }

    private SourceLines sourceLines = SourceLines.NONE;
    /** The source line the statements printed last come from (0: none named yet in this block). */
    private int lastLine;

    JavaEmitter(
            Graph graph,
            Names names,
            Function<Refs.Param, String> paramName,
            Function<Refs.Param, String> tangentName) {
        this.graph = graph;
        this.names = names;
        this.paramName = paramName;
        this.placement = new Placement(graph);
        this.expressions = new Expressions(placement, names, paramName, tangentName);
        this.tapes = new Tapes(names);
        this.loops = new Loops(expressions, placement, tapes, this::region, this::nodes, () -> !split());
    }

    // ---- a body too large for one method: parts, as helper methods

    private Segments segments = Segments.whole();
    private final List<MethodSpec> helpers = new ArrayList<>();
    private String partPrefix;
    private List<ParameterSpec> parameters;
    private String doubleFrame;
    private String objectFrame;

    /** How helper methods are named ({@code prefix + "Part" + k}) and what they receive, should the body need parts. */
    JavaEmitter parts(String prefix, List<ParameterSpec> parameters, int partBytes) {
        this.partPrefix = prefix;
        this.parameters = parameters;
        this.segments = partBytes > 0 ? Segments.of(graph, partBytes, partBytes) : Segments.of(graph);
        placement.cutInto(segments);
        return this;
    }

    // ---- fAdd (see AddMethods): the gradient's arrays are parameters, what is added into them scaled

    /** The gradient's arrays, by the parameter that stands for each; empty outside fAdd. */
    private Map<Node, String> addInto = Map.of();

    private String seed;

    /** Prints the body of fAdd: the arrays {@code into} are the parameters named, each addition into them times {@code seed}. */
    JavaEmitter adding(Map<Node, String> into, String seed) {
        this.addInto = into;
        this.seed = seed;
        for (var e : into.entrySet()) expressions.name(e.getKey(), e.getValue());
        return this;
    }

    /** Statements of values the method does not need (see {@link AddMethods#valueOnly}). */
    private Set<Node> leftOut = Set.of();

    /** Leaves out the statements of {@code nodes}, whose values nothing printed reads. */
    JavaEmitter leavingOut(Set<Node> nodes) {
        this.leftOut = nodes;
        return this;
    }

    /** {@code if (bar != null) bar[i] += seed * v;}, or the same with {@code addScaled}. */
    private void scaledAddition(Node n, String bar, CodeBlock.Builder out) {
        sourceLine(n, out);
        out.beginControlFlow("if ($L != null)", bar);
        if (n.op == Op.ACCUMULATE)
            out.addStatement(
                    "$L[$L] += $L * $L",
                    bar,
                    expressions.code(n.arg(1)),
                    seed,
                    expressions.render(n.arg(2)).atLeast(Expr.UNARY));
        else
            out.addStatement(
                    "$T.addScaled($L, $L, $L * $L)",
                    ADJOINTS,
                    bar,
                    expressions.code(n.arg(1)),
                    seed,
                    expressions.render(n.arg(2)).atLeast(Expr.UNARY));
        out.endControlFlow();
    }

    /** The user's source, whose lines head the groups of statements they became. */
    JavaEmitter sourceLines(SourceLines lines) {
        this.sourceLines = lines;
        return this;
    }

    /** The helper methods {@link #body} printed the first parts of a large body into. */
    List<MethodSpec> helpers() {
        return helpers;
    }

    private boolean split() {
        return segments.split();
    }

    private void splitBody(CodeBlock.Builder out) {
        doubleFrame = names.fresh("frame");
        objectFrame = names.fresh("objects");
        out.add(
                "// too large for one method (HotSpot compiles none over 8,000 bytes): parts, passing values in frames\n");
        out.addStatement("final double[] $L = new double[$L]", doubleFrame, segments.doubleSlots);
        out.addStatement("final $T[] $L = new $T[$L]", Object.class, objectFrame, Object.class, segments.objectSlots);
        String arguments =
                String.join(", ", parameters.stream().map(p -> p.name()).toList());
        int last = segments.parts.size() - 1;
        for (int p = 0; p < last; p++) {
            String name = partPrefix + "Part" + (p + 1);
            out.addStatement("$L($L, $L, $L)", name, arguments, doubleFrame, objectFrame);
            CodeBlock.Builder part = CodeBlock.builder();
            part(p, part);
            helpers.add(MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameters(parameters)
                    .addParameter(double[].class, doubleFrame)
                    .addParameter(Object[].class, objectFrame)
                    .addJavadoc("Part $L of $L of {@link #$L}.\n", p + 1, last + 1, partPrefix)
                    .addCode(part.build())
                    .build());
        }
        part(last, out);
    }

    /** One part: take what it reads from the frames, compute, leave what later parts read. */
    private void part(int p, CodeBlock.Builder out) {
        lastLine = 0;
        for (Node n : segments.imports(p)) {
            int slot = segments.slots.get(n);
            if (Segments.isDoubleSlot(n))
                out.addStatement("final $T $L = $L[$L]", javaType(n), expressions.local(n), doubleFrame, slot);
            else
                out.addStatement(
                        "final $T $L = ($T) $L[$L]", javaType(n), expressions.local(n), javaType(n), objectFrame, slot);
        }
        if (p > 0) tapes.reopen(out);
        nodes(segments.parts.get(p), graph.root, out);
        for (Node n : segments.exports(p)) {
            out.addStatement(
                    "$L[$L] = $L",
                    Segments.isDoubleSlot(n) ? doubleFrame : objectFrame,
                    segments.slots.get(n),
                    expressions.code(n));
        }
        if (p < segments.parts.size() - 1) tapes.handOver(out);
    }

    /** Comments that open the forward and backward sweeps of a reverse-mode body. */
    JavaEmitter sweepLabels(String forward, String backward) {
        this.forwardLabel = forward;
        this.backwardLabel = backward;
        return this;
    }

    /** The method body: all statements, then {@code returns} applied to the root results. */
    CodeBlock body(Function<List<CodeBlock>, CodeBlock> returns) {
        CodeBlock.Builder out = CodeBlock.builder();
        aliasChecks(out);
        if (forwardLabel != null) out.add("// $L\n", forwardLabel);
        Set<Node> borrowed = borrowed();
        String scratch = borrowed.isEmpty() ? null : names.fresh("scratch");
        expressions.borrowing(borrowed, scratch);
        if (scratch != null)
            out.addStatement("final $T $L = $T.forThisThread()", SCRATCH_ARRAYS, scratch, SCRATCH_ARRAYS);
        if (split()) splitBody(out);
        else region(graph.root, out);
        List<CodeBlock> results = new ArrayList<>();
        // an adjoint in place has no local: its entries are the caller's array's
        // (and a value left out has none: fAdd returns nothing)
        for (Node r : graph.root.results)
            results.add(
                    leftOut.contains(r) ? CodeBlock.of("") : inPlace.holds(r) ? inPlace.array() : expressions.code(r));
        if (repeat != null) {
            if (!repeatOpen) repeat.open(results.get(0), out);
            List<CodeBlock> adjoints = new ArrayList<>();
            for (Node n : borrowed)
                if (n.backward) adjoints.add(CodeBlock.of("$L.giveBack($L)", scratch, expressions.code(n)));
            repeat.close(results, adjoints, out);
        }
        closeTapes(out);
        for (Node n : borrowed)
            if (repeat == null || !n.backward) out.addStatement("$L.giveBack($L)", scratch, expressions.code(n));
        out.add(returns.apply(results));
        return out.build();
    }

    /** Lets the body borrow the arrays it makes once per call instead of allocating them. */
    JavaEmitter borrowing() {
        this.borrowing = true;
        return this;
    }

    /** Borrows the parameters' adjoint arrays too, which {@link #repeat}'s close copies out of each run. */
    JavaEmitter borrowingResults() {
        this.borrowingResults = true;
        return this;
    }

    /** Adjoint arrays that are entries of the caller's array instead ({@code fJacobianInto}). */
    JavaEmitter rowsInPlace(RowsInPlace rows) {
        this.inPlace = rows;
        return this;
    }

    /** The arrays borrowed from {@code ScratchArrays} and given back before returning ({@link BorrowedArrays}). */
    private Set<Node> borrowed() {
        if (!borrowing || split()) return new LinkedHashSet<>();
        Set<Node> borrowed = BorrowedArrays.of(graph, borrowingResults);
        borrowed.removeIf(inPlace::holds);
        return borrowed;
    }

    /** A parameter the method writes into is copied: that is right only if no other parameter is the same array. */
    private void aliasChecks(CodeBlock.Builder out) {
        List<Refs.Param> arrays = new ArrayList<>();
        List<Refs.Param> written = new ArrayList<>();
        for (Node n : graph.root.nodes) {
            if (n.op == Op.PARAM && n.type.isArray()) arrays.add(n.param());
            if (n.isCopyOfWrittenParameter()) written.add(n.arg(0).param());
        }
        for (Refs.Param w : written) {
            for (Refs.Param other : arrays) {
                if (other.equals(w) || (written.contains(other) && written.indexOf(other) < written.indexOf(w)))
                    continue;
                if (w.type() != other.type()) continue;
                // a Jacobian's seed is its own array, not a parameter
                if (repeat != null && other.index() == ReverseMode.SEED.index()) continue;
                out.addStatement(
                        "$T.requireDistinct($L, $S, $L, $S)",
                        ADJOINTS,
                        paramName.apply(w),
                        w.name(),
                        paramName.apply(other),
                        other.name());
            }
        }
    }

    // ---- statements

    private void region(Region region, CodeBlock.Builder out) {
        int outer = lastLine;
        nodes(region.nodes, region, out);
        lastLine = outer;
    }

    private void nodes(List<Node> nodes, Region region, CodeBlock.Builder out) {
        boolean forwardBefore = false;
        for (Node n : nodes) {
            if (n.backward && !backwardLabelled && backwardLabel != null && region == graph.root && !n.op.isLeaf()) {
                backwardLabelled = true;
                // the forward sweep has saved all it saves: the stacks are at their fullest
                tapes.atFullest(out);
                out.add("\n// $L\n", backwardLabel);
                lastLine = 0;
                if (repeat != null) {
                    // each run takes the saved values off the stacks again, from where the forward sweep left them
                    tapes.markFullest(out);
                    repeat.open(expressions.code(graph.root.results.get(0)), out);
                    tapes.rewind(out);
                    repeatOpen = true;
                }
            }
            if (n.backward && forwardBefore && region != graph.root && !n.op.isLeaf()) {
                // an iteration reversed in place: its forward part has saved all it saves
                tapes.atFullest(out);
                out.add("// this iteration's backward sweep\n");
                lastLine = 0;
            }
            if (!n.op.isLeaf()) forwardBefore = !n.backward;
            statement(n, out);
        }
    }

    /** The statement of {@code n}, if it has one (a value printed inline has none). */
    private void statement(Node n, CodeBlock.Builder out) {
        if (addInto.containsKey(n) || leftOut.contains(n)) return; // a parameter of fAdd, or unread
        if (inPlace.declares(n, out)) return;
        boolean adds = n.op == Op.ACCUMULATE || n.op == Op.ACCUMULATE_SCALED;
        if (adds && addInto.containsKey(n.arg(0))) {
            scaledAddition(n, addInto.get(n.arg(0)), out);
            return;
        }
        switch (n.op) {
            case SELECT -> {
                if (!placement.expressionSelect(n)) selectStatement(n, out);
            }
            case PROJ -> {
                if (n.arg(0).op == Op.SELECT && placement.expressionSelect(n.arg(0)) && !placement.inline(n))
                    declare(n, out);
            }
            case LOOP -> {
                sourceLine(n, out);
                loops.print(n, out);
            }
            case LOOP_PARAM -> {} // the loop's variable, declared by the loop
            case STACK -> tapes.open(n, expressions.local(n), out);
            // a saved value belongs to the statements of the value it saves or restores: no line of its own
            case PUSH ->
                tapes.push(
                        n,
                        n.arg(1).type == Type.BOOLEAN
                                ? expressions.render(n.arg(1)).atLeast(Expr.TERNARY + 1)
                                : expressions.code(n.arg(1)),
                        out);
            case POP -> tapes.pop(n, javaType(n), expressions.local(n), out);
            case CALL_REVERSE -> {
                // the callee saves on the same stacks, from their size: hand it the tops, take back the arrays
                sourceLine(n, out);
                tapes.handOver(out);
                declare(n, out);
                tapes.takeBack(out);
                calls = true;
            }
            case CALL_ADJOINT -> {
                // fAdd saves on the same stacks too, and returns nothing: it adds into the arrays it is given
                sourceLine(n, out);
                tapes.handOver(out);
                out.addStatement("$L", expressions.expression(n).code());
                tapes.takeBack(out);
                calls = true;
            }
            case ACCUMULATE -> effect(n, "$L[$L] += $L", out);
            case ARRAY_STORE -> effect(n, "$L[$L] = $L", out);
            case ACCUMULATE_SCALED -> {
                sourceLine(n, out);
                out.addStatement(
                        "$T.addScaled($L, $L, $L)",
                        ADJOINTS,
                        expressions.code(n.arg(0)),
                        expressions.code(n.arg(1)),
                        expressions.code(n.arg(2)));
            }
            default -> {
                if (n.isStatementCall()) {
                    sourceLine(n, out);
                    out.addStatement("$L", expressions.expression(n).code());
                } else if (!placement.inline(n)) declare(n, out);
            }
        }
    }

    /** {@code a[i] = v} or {@code a[i] += v}. */
    private void effect(Node n, String format, CodeBlock.Builder out) {
        sourceLine(n, out);
        boolean inRow = inPlace.holds(n.arg(0));
        out.addStatement(
                format,
                inRow ? inPlace.array() : expressions.render(n.arg(0)).atLeast(Expr.PRIMARY),
                inRow ? inPlace.index(n.arg(0), expressions.render(n.arg(1))) : expressions.code(n.arg(1)),
                expressions.code(n.arg(2)));
    }

    /** Heads the statements that come from a source line other than the last one's with a comment naming it. */
    private void sourceLine(Node n, CodeBlock.Builder out) {
        if (n.line == 0 || n.line == lastLine) return;
        lastLine = n.line;
        String comment = sourceLines.comment(n.line);
        if (comment != null) out.add("// $L\n", comment);
    }

    /** Statements before the return: a method that called others leaves the stacks' sizes as it found them. */
    private void closeTapes(CodeBlock.Builder out) {
        if (calls || split()) tapes.handOver(out);
    }

    private void declare(Node n, CodeBlock.Builder out) {
        sourceLine(n, out);
        CodeBlock value = expressions.expression(n).code();
        out.addStatement("final $T $L = $L", javaType(n), expressions.local(n), value);
    }

    private void selectStatement(Node select, CodeBlock.Builder out) {
        sourceLine(select, out);
        List<Node> outputs = Placement.projections(select);
        for (Node p : outputs) out.addStatement("final $T $L", javaType(p), expressions.local(p));
        out.beginControlFlow("if ($L)", expressions.code(select.arg(0)));
        branch(select.branches.get(0), outputs, out);
        CodeBlock.Builder otherwise = CodeBlock.builder();
        branch(select.branches.get(1), outputs, otherwise);
        if (!otherwise.isEmpty()) {
            out.nextControlFlow("else");
            out.add(otherwise.build());
        }
        out.endControlFlow();
    }

    private void branch(Region b, List<Node> outputs, CodeBlock.Builder out) {
        region(b, out);
        for (Node p : outputs)
            out.addStatement("$L = $L", expressions.local(p), expressions.code(b.results.get(p.index())));
    }

    private TypeName javaType(Node n) {
        return switch (n.op) {
            case STACK -> Tapes.stackClass(n);
            case CALL_REVERSE -> n.callee().recordClass();
            case CALL_TANGENT -> n.callee().vector() ? DUAL_ARRAY : DUAL;
            case PROJ -> {
                if (n.arg(0).op == Op.LOOP) yield n.type.javaType;
                for (Region b : n.arg(0).branches) {
                    Node r = b.results.get(n.index());
                    if (!r.isConst()) yield javaType(r);
                }
                yield n.type.javaType;
            }
            default -> n.type.javaType;
        };
    }
}
