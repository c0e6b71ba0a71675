package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stacks of a reverse-mode method as its code uses them: each stack's array and top live in
 * locals ({@code doubleTape[doubleTop++] = v}, {@code doubleTape[--doubleTop]}), so saving a
 * value is one array store. The stack object learns the top only where someone else needs it:
 * before a call to another generated method, at the end of a part of a cut body, and before
 * returning after either.
 */
final class Tapes {
    static final ClassName DOUBLE_STACK = ClassName.get("dev.adjoint.runtime.internal", "DoubleStack");
    static final ClassName INT_STACK = ClassName.get("dev.adjoint.runtime.internal", "IntStack");
    static final ClassName LONG_STACK = ClassName.get("dev.adjoint.runtime.internal", "LongStack");

    private record Tape(ClassName stackClass, TypeName element, String stack, String array, String top) {}

    private final Names names;
    private final Map<Node, Tape> tapes = new LinkedHashMap<>();
    /** Pushes whose room was reserved before their loop: printed without the check for a full stack. */
    private final Set<Node> reserved = new HashSet<>();

    Tapes(Names names) {
        this.names = names;
    }

    /** The STACK node {@code stack}, whose local is named {@code local}: declares its locals. */
    void open(Node stack, String local, CodeBlock.Builder out) {
        String prefix = switch (stack.stackType()) {
            case DOUBLE -> "double";
            case LONG -> "long";
            default -> "int";
        };
        TypeName element = switch (stack.stackType()) {
            case DOUBLE -> TypeName.DOUBLE;
            case LONG -> TypeName.LONG;
            default -> TypeName.INT;
        };
        Tape t = new Tape(stackClass(stack), element, local, names.fresh(prefix + "Tape"), names.fresh(prefix + "Top"));
        tapes.put(stack, t);
        declare(t, out);
    }

    /** Declares every stack's locals again, in a later part of a cut body. */
    void reopen(CodeBlock.Builder out) {
        for (Tape t : tapes.values()) declare(t, out);
    }

    private static void declare(Tape t, CodeBlock.Builder out) {
        out.addStatement("final $T $L = $T.forThisThread()", t.stackClass(), t.stack(), t.stackClass());
        out.addStatement("$T[] $L = $L.array()", t.element(), t.array(), t.stack());
        out.addStatement("int $L = $L.size()", t.top(), t.stack());
    }

    /** Tells each stack its top: whoever runs next starts from {@code size()}. */
    void handOver(CodeBlock.Builder out) {
        for (Tape t : tapes.values()) out.addStatement("$L.setSize($L)", t.stack(), t.top());
    }

    /** Takes back each stack's array, which a called method may have grown. */
    void takeBack(CodeBlock.Builder out) {
        for (Tape t : tapes.values()) out.addStatement("$L = $L.array()", t.array(), t.stack());
    }

    /** Where the forward sweep ends, the stacks are at their fullest: records it for {@code highWater()}. */
    void atFullest(CodeBlock.Builder out) {
        for (Tape t : tapes.values()) out.addStatement("$L.reached($L)", t.stack(), t.top());
    }

    /** Each stack's top where the forward sweep ended, kept by {@link #markFullest} for {@link #rewind}. */
    private final Map<Tape, String> fullest = new LinkedHashMap<>();

    /** Where a backward sweep that runs several times starts: keeps each stack's top. */
    void markFullest(CodeBlock.Builder out) {
        for (Tape t : tapes.values()) {
            String full = names.fresh(t.top() + "Full");
            fullest.put(t, full);
            out.addStatement("final int $L = $L", full, t.top());
        }
    }

    /** Before another run of the backward sweep: each stack's top back where the forward sweep left it. */
    void rewind(CodeBlock.Builder out) {
        for (Map.Entry<Tape, String> e : fullest.entrySet())
            out.addStatement("$L = $L", e.getKey().top(), e.getValue());
    }

    /** Saves {@code value} (printed as {@code code}, of the PUSH's value type). */
    void push(Node push, CodeBlock code, CodeBlock.Builder out) {
        Tape t = tapes.get(push.arg(0));
        Type type = push.arg(1).type;
        if (type.isArray()) {
            // whole arrays (rare: a copy that changes later) go through the stack object
            out.addStatement("$L.setSize($L)", t.stack(), t.top());
            out.addStatement("$L.pushAll($L)", t.stack(), code);
            out.addStatement("$L = $L.size()", t.top(), t.stack());
            out.addStatement("$L = $L.array()", t.array(), t.stack());
        } else {
            if (!reserved.contains(push))
                out.addStatement("if ($L == $L.length) $L = $L.grow()", t.top(), t.array(), t.array(), t.stack());
            out.addStatement(
                    type == Type.BOOLEAN ? "$L[$L++] = $L ? 1 : 0" : "$L[$L++] = $L", t.array(), t.top(), code);
        }
        if (push.backward) out.addStatement("$L.reached($L)", t.stack(), t.top());
    }

    /** Takes back a saved value into the new local {@code local} of type {@code type}. */
    void pop(Node pop, TypeName type, String local, CodeBlock.Builder out) {
        Tape t = tapes.get(pop.arg(0));
        if (pop.type.isArray()) {
            out.addStatement("$L.setSize($L)", t.stack(), t.top());
            out.addStatement(
                    "final $T $L = $L.$L()",
                    type,
                    local,
                    t.stack(),
                    pop.type == Type.DOUBLE_MATRIX ? "popMatrix" : "popArray");
            out.addStatement("$L = $L.size()", t.top(), t.stack());
        } else {
            out.addStatement(
                    pop.type == Type.BOOLEAN ? "final $T $L = $L[--$L] != 0" : "final $T $L = $L[--$L]",
                    type,
                    local,
                    t.array(),
                    t.top());
        }
    }

    /**
     * Before {@code loop}, whose body is {@code body} and which runs at most {@code trips}
     * iterations: makes room on each stack for all the values the body pushes, and for those
     * pushed right after the loop (a running index's final value), so those pushes need no
     * check. The loop's hot path is then free of calls into the runtime, which lets the JIT
     * optimise it like the primal loop (a growth check that once fired stays a real call).
     */
    void reserve(Node loop, Region body, CodeBlock trips, CodeBlock.Builder out) {
        Map<Node, List<Node>> pushes = new LinkedHashMap<>();
        if (!directPushes(body, pushes)) return;
        Map<Node, List<Node>> after = pushesRightAfter(loop);
        Set<Node> stacks = new LinkedHashSet<>(pushes.keySet());
        stacks.addAll(after.keySet());
        for (Node stack : stacks) {
            Tape t = tapes.get(stack);
            List<Node> each = pushes.getOrDefault(stack, List.of()), once = after.getOrDefault(stack, List.of());
            // trips is a difference: one push per iteration needs it as it is, more a product
            CodeBlock perIteration = each.size() == 1 ? trips : CodeBlock.of("$L * ($L)", each.size(), trips);
            CodeBlock room = each.isEmpty()
                    ? CodeBlock.of("$L", once.size())
                    : once.isEmpty() ? perIteration : CodeBlock.of("$L + $L", perIteration, once.size());
            out.addStatement("$L = $L.reserve($L, $L)", t.array(), t.stack(), t.top(), room);
            reserved.addAll(each);
            reserved.addAll(once);
        }
    }

    /** The value pushes that directly follow {@code loop} in its region, with only its outputs between, not yet reserved. */
    private Map<Node, List<Node>> pushesRightAfter(Node loop) {
        Map<Node, List<Node>> into = new LinkedHashMap<>();
        List<Node> nodes = loop.region.nodes;
        for (Node n : nodes.subList(nodes.indexOf(loop) + 1, nodes.size())) {
            if (n.op == Op.PUSH && !n.arg(1).type.isArray()) {
                if (reserved.contains(n)) continue; // room made already, by the loop around both
                into.computeIfAbsent(n.arg(0), k -> new ArrayList<>()).add(n);
            } else if (n.op != Op.PROJ || n.arg(0) != loop) {
                break;
            }
        }
        return into;
    }

    /**
     * The pushes of a loop's body {@code region}, each made at most once per iteration; false when
     * the body holds an inner loop that saves values, a call or a whole-array save, which would
     * push too (after the reservation) or move the stack's array. An inner loop that saves nothing
     * (GMM's triangle: the inner {@code j} loop) leaves the reservation intact.
     */
    private static boolean directPushes(Region region, Map<Node, List<Node>> into) {
        for (Node n : region.nodes) {
            if (n.op == Op.LOOP) {
                if (savesAnything(n.branches.get(0))) return false;
                continue;
            }
            if (n.op == Op.CALL_REVERSE
                    || n.op == Op.CALL_ADJOINT
                    || (n.op == Op.PUSH && n.arg(1).type.isArray())) return false;
            if (n.op == Op.PUSH)
                into.computeIfAbsent(n.arg(0), k -> new ArrayList<>()).add(n);
            // a checkpoint's snapshot is taken once per segment, not once per iteration: its pushes check for room
            if (n.op == Op.SELECT && n.checkpointEvery >= 0) continue;
            if (n.op == Op.SELECT) for (Region b : n.branches) if (!directPushes(b, into)) return false;
        }
        return true;
    }

    /** Whether {@code region} or anything in it pushes a value or calls a reverse-mode method. */
    private static boolean savesAnything(Region region) {
        for (Node n : region.nodes) {
            if (n.op == Op.PUSH || n.op == Op.CALL_REVERSE || n.op == Op.CALL_ADJOINT) return true;
            for (Region b : n.branches) if (savesAnything(b)) return true;
        }
        return false;
    }

    static ClassName stackClass(Node stack) {
        return switch (stack.stackType()) {
            case DOUBLE -> DOUBLE_STACK;
            case LONG -> LONG_STACK;
            default -> INT_STACK;
        };
    }
}
