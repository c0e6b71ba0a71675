package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.lang.model.element.TypeElement;

/**
 * {@code System.arraycopy}, {@code Arrays.fill} and {@code Arrays.copyOf} on the method's arrays,
 * written out as the counted loops they are ({@code for (k = 0; k < n; k++) dst[dp + k] = src[sp + k]}),
 * so that values and derivatives flow element by element and both modes treat them as any loop of
 * stores: an overwritten element's adjoint is taken by the value stored over it, and the backward
 * sweep saves what it reads of the old contents, no more. A library check before each loop
 * throws what the library call would, at the same arguments; {@code Objects.requireNonNull} is
 * such a check alone.
 */
final class ArrayLibraryCalls {
    private static final ClassName RANGES = ClassName.get("dev.adjoint.runtime.internal", "ArrayRanges");

    private final StatementCalls t;

    ArrayLibraryCalls(StatementCalls translation) {
        this.t = translation;
    }

    /** Translates {@code call} when it is one of the library's statements; false when it is not one. */
    boolean statement(MethodInvocationTree call) {
        String name = libraryName(call);
        if (name == null) return false;
        switch (name) {
            case "java.lang.System.arraycopy" -> {
                List<Node> a = arguments(call);
                if (a != null && a.size() == 5) arraycopy(call, a);
                else if (a != null) return false;
            }
            case "java.util.Arrays.fill" -> {
                List<Node> a = arguments(call);
                if (a != null && (a.size() == 2 || a.size() == 4)) fill(call, a);
                else if (a != null) return false;
            }
            case "java.util.Objects.requireNonNull" -> {
                List<Node> a = arguments(call);
                if (a == null || a.size() != 1) return a != null;
                // a number boxed is never null: only an array is checked
                if (a.get(0).type.isArray())
                    t.statement(new Refs.Method(ClassName.get("java.util", "Objects"), "requireNonNull"), a);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code Arrays.copyOf(a, n)}: a new array of n elements that starts with a's; null when {@code call} is another call. */
    Node value(MethodInvocationTree call, List<Node> args) {
        if (!"java.util.Arrays.copyOf".equals(libraryName(call)) || args.size() != 2) return null;
        Node source = args.get(0), length = args.get(1);
        if (!isVector(source) || length.type != Type.INT) return null;
        Node copy = t.b.newArray(source.type, List.of(length)); // a negative length throws here, as copyOf does
        Node available = t.b.arrayLength(source);
        Node n = t.b.choose(t.b.compare(Op.LT, length, available), length, available);
        countedLoop(n, k -> t.b.arrayStore(copy, k, t.b.arrayRead(source, k)));
        return copy;
    }

    /** {@code System.arraycopy(src, sp, dst, dp, n)}. */
    private void arraycopy(MethodInvocationTree call, List<Node> a) {
        Node src = a.get(0), dst = a.get(2);
        if (!writable(call.getArguments().get(2), dst)) return;
        for (int i : new int[] {1, 3, 4}) {
            if (a.get(i).type != Type.INT) {
                t.fail(call.getArguments().get(i), "a position or length of type " + a.get(i).type.javaType, "use int");
                return;
            }
        }
        if (!isVector(src) || src.type != dst.type) {
            t.fail(
                    call,
                    "System.arraycopy from a " + src.type.javaType + " into a " + dst.type.javaType,
                    "copy between two double[] or two int[] (copy a matrix's rows element by element)");
            return;
        }
        t.statement(new Refs.Method(RANGES, "checkCopy"), a);
        Node srcPos = a.get(1), dstPos = a.get(3);
        // the source may be the destination itself (or may be, through a call's result or a choice):
        // read a snapshot, as arraycopy copies as if through a temporary array
        Node from = mayAlias(src, dst) ? t.b.copy(src) : src;
        countedLoop(a.get(4), k -> t.b.arrayStore(dst, t.b.add(dstPos, k), t.b.arrayRead(from, t.b.add(srcPos, k))));
    }

    /** {@code Arrays.fill(a, v)} and {@code Arrays.fill(a, from, to, v)}. */
    private void fill(MethodInvocationTree call, List<Node> a) {
        Node array = a.get(0);
        if (!writable(call.getArguments().get(0), array)) return;
        if (!isVector(array)) {
            t.fail(
                    call,
                    "Arrays.fill of a " + array.type.javaType,
                    "fill a double[] or an int[] (a matrix row by row)");
            return;
        }
        boolean range = a.size() == 4;
        Node from = range ? a.get(1) : t.b.constant(Type.INT, 0);
        Node to = range ? a.get(2) : t.b.arrayLength(array);
        if (from.type != Type.INT || to.type != Type.INT) {
            t.fail(call, "a range of type " + from.type.javaType + " to " + to.type.javaType, "use int");
            return;
        }
        ExpressionTree valueTree = call.getArguments().get(a.size() - 1);
        Node value = t.convert(a.get(a.size() - 1), array.type.element(), valueTree);
        if (value.op == Op.ERROR) return;
        // without a range, reading a null array's length throws as fill does
        if (range) t.statement(new Refs.Method(RANGES, "checkFill"), List.of(array, from, to));
        countedLoop(t.b.sub(to, from), k -> t.b.arrayStore(array, t.b.add(from, k), value));
    }

    /** Whether the method may write {@code array}'s elements (it owns it), after reporting why not. */
    private boolean writable(ExpressionTree tree, Node array) {
        if (array.op == Op.ERROR) return false;
        if (!array.type.isArray()) {
            t.fail(tree, "a " + array.type.javaType + " where an array is expected", "pass an array");
            return false;
        }
        if (!ArrayValues.isMutable(array)) {
            t.reporter.error(tree, t.unit, Message.ARRAY_WRITE, tree);
            return false;
        }
        if (ArrayValues.base(array).op == Op.PROJ) {
            t.reporter.error(tree, t.unit, Message.ARRAY_CHOICE_WRITE, tree);
            return false;
        }
        return true;
    }

    private static boolean isVector(Node array) {
        return array.type == Type.DOUBLE_ARRAY || array.type == Type.INT_ARRAY;
    }

    /** Whether {@code src} may be the array {@code dst} (which the method owns, so no parameter or field is). */
    private static boolean mayAlias(Node src, Node dst) {
        Node base = ArrayValues.base(src);
        return switch (base.op) {
            case PARAM, FIELD, CONST -> false;
            case NEW_ARRAY, COPY, ZEROS_LIKE -> base == ArrayValues.base(dst);
            default -> true;
        };
    }

    /** {@code for (int k = 0; k < count; k++) body(k)}, in the shape of the loops the front end makes of such statements. */
    private void countedLoop(Node count, Consumer<Node> body) {
        GraphBuilder b = t.b;
        Node loop = b.loop(new ArrayList<>(List.of(b.constant(Type.INT, 0))));
        Node k = b.loopParam(loop, 0, Type.INT);
        k.nameAfter("k");
        b.in(loop.branches.get(0), () -> {
            Node select = b.select(b.compare(Op.LT, k, count));
            b.in(select.branches.get(0), () -> {
                body.accept(k);
                select.branches
                        .get(0)
                        .results
                        .addAll(List.of(b.constant(Type.BOOLEAN, true), b.add(k, b.constant(Type.INT, 1))));
            });
            select.branches.get(1).results.addAll(List.of(b.constant(Type.BOOLEAN, false), k));
            loop.branches.get(0).results.add(b.project(select, 0, Type.BOOLEAN));
            loop.branches.get(0).results.add(b.project(select, 1, Type.INT));
        });
        b.project(loop, 0, Type.INT);
    }

    /** The argument nodes, or null when one of them was reported. */
    private List<Node> arguments(MethodInvocationTree call) {
        List<Node> args = new ArrayList<>();
        boolean broken = false;
        for (ExpressionTree e : call.getArguments()) {
            Node n = t.expr(e);
            broken |= n.op == Op.ERROR;
            args.add(n);
        }
        return broken ? null : args;
    }

    /** {@code java.lang.System.arraycopy} for {@code System.arraycopy(...)}; null for a call not on a class name. */
    private String libraryName(MethodInvocationTree call) {
        if (!(call.getMethodSelect() instanceof MemberSelectTree s)) return null;
        ExpressionTree q = s.getExpression();
        if (q instanceof com.sun.source.tree.IdentifierTree id
                && t.lookup(id.getName().toString()) != null) return null;
        TypeElement type = t.resolver.type(q);
        return type == null ? null : type.getQualifiedName() + "." + s.getIdentifier();
    }
}
