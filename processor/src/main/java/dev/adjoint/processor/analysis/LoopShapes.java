package dev.adjoint.processor.analysis;

import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Recognises loops of a simpler shape than the general LOOP, which the modes and the emitter treat better. */
public final class LoopShapes {
    private LoopShapes() {}

    /**
     * The SELECT of a loop whose step is {@code if (c) { body; more = true } else { nothing
     * changes; more = false }} — a {@code while (c)} loop — or null. Nodes of the step outside
     * the SELECT (the test's own code) must satisfy {@code besideTest}.
     */
    public static Node whileTest(Node loop, Predicate<Node> besideTest) {
        Region step = loop.branches.get(0);
        Node more = step.results.get(0);
        if (more.op != Op.PROJ || more.arg(0).op != Op.SELECT || more.arg(0).region != step) return null;
        Node select = more.arg(0);
        Region then = select.branches.get(0), otherwise = select.branches.get(1);
        int flag = more.index();
        if (!isConstant(then.results.get(flag), true) || !isConstant(otherwise.results.get(flag), false)) return null;
        for (Node n : step.nodes) {
            boolean ours = n == select || n.op == Op.LOOP_PARAM || (n.op == Op.PROJ && n.arg(0) == select);
            if (!ours && !besideTest.test(n)) return null;
        }
        for (Node p : step.nodes) {
            if (p.op != Op.LOOP_PARAM) continue;
            Node r = step.results.get(p.index() + 1);
            if (r == p) continue;
            if (r.op != Op.PROJ || r.arg(0) != select || otherwise.results.get(r.index()) != p) return null;
        }
        return select;
    }

    private static boolean isConstant(Node n, boolean value) {
        return n.isConst() && Boolean.valueOf(value).equals(n.constValue());
    }

    /** c when {@code value} is {@code param + c} (or {@code param - c}) for a constant c. */
    public static Integer advance(Node value, Node param) {
        if (value.op == Op.ADD && value.arg(0) == param && value.arg(1).isConst())
            return value.arg(1).constInt();
        if (value.op == Op.ADD && value.arg(1) == param && value.arg(0).isConst())
            return value.arg(0).constInt();
        if (value.op == Op.SUB && value.arg(0) == param && value.arg(1).isConst())
            return -value.arg(1).constInt();
        return null;
    }

    /** The LOOP_PARAM nodes of {@code loop}, in slot order. */
    public static List<Node> params(Node loop) {
        List<Node> out = new ArrayList<>();
        for (Node n : loop.branches.get(0).nodes) if (n.op == Op.LOOP_PARAM) out.add(n);
        out.sort((x, y) -> Integer.compare(x.index(), y.index()));
        return out;
    }

    /**
     * The constant by which every iteration that goes on advances int slot {@code k} of a loop
     * ({@code i++}, {@code i += 2}), or null. The iterations that stop may do anything with it:
     * what the backward sweep needs is its value at the start of each iteration.
     */
    public static Integer inductionStep(Node loop, int k) {
        Region step = loop.branches.get(0);
        Node param = params(loop).get(k);
        if (param.type != Type.INT) return null;
        Node more = step.results.get(0), next = step.results.get(k + 1);
        Integer direct = advance(next, param);
        if (direct != null) return direct;
        if (more.op != Op.PROJ || next.op != Op.PROJ || more.arg(0) != next.arg(0) || more.arg(0).op != Op.SELECT)
            return null;
        Node select = more.arg(0);
        Integer common = null;
        for (Region branch : select.branches) {
            Node flag = branch.results.get(more.index());
            Node value = branch.results.get(next.index());
            if (flag.isConst() && Boolean.FALSE.equals(flag.constValue())) continue;
            if (!flag.isConst()) return null;
            Integer c = advance(value, param);
            if (c == null || (common != null && !common.equals(c))) return null;
            common = c;
        }
        return common;
    }

    /** A {@code while (c) { body }} primal loop's test, the test's own code being pure; or null. */
    public static Node plainTest(Node loop) {
        return whileTest(
                loop, n -> !(n.op.isEffect() || n.op.isStructured() || n.op == Op.CALL_CONST || n.op == Op.CALL));
    }

    /**
     * Whether int slot {@code k} of {@code loop} ends, in closed form, at its start plus a constant
     * step times the trip count: a counted {@code while (c)} loop whose slot is an induction.
     */
    public static boolean hasClosedExit(Node loop, int k) {
        List<Node> params = params(loop);
        if (k >= params.size() || params.get(k).type != Type.INT) return false;
        return countedShape(loop, plainTest(loop)) != null && inductionStep(loop, k) != null;
    }

    /** A counted loop: carried value {@code counter} steps by {@code step} (±1) while {@code counter op bound}. */
    public record Counted(int counter, int step, Op op, Node bound) {}

    /**
     * The shape of a counted loop {@code while (i < bound) { ...; i++ }} (likewise {@code <=}, and
     * {@code >}, {@code >=} for {@code i--}) whose bound is fixed before the loop, or null. Such a
     * loop's trip count is computed again rather than saved. Steps other than ±1 are left out, as
     * the division they need could be wrong where {@code bound - i0} overflows.
     */
    public static Counted countedShape(Node loop, Node test) {
        if (test == null) return null;
        Node condition = test.arg(0);
        Op op = condition.op;
        if (op != Op.LT && op != Op.LE && op != Op.GT && op != Op.GE) return null;
        List<Node> params = params(loop);
        Node counter = condition.arg(0), bound = condition.arg(1);
        if (!params.contains(bound) && params.contains(counter)) {
            // i < bound as it stands
        } else if (params.contains(bound) && !params.contains(counter)) {
            counter = condition.arg(1);
            bound = condition.arg(0);
            op = switch (op) {
                case LT -> Op.GT;
                case LE -> Op.GE;
                case GT -> Op.LT;
                default -> Op.LE;
            };
        } else {
            return null;
        }
        int k = params.indexOf(counter);
        Integer c = inductionStep(loop, k);
        boolean counted =
                c != null && (c == 1 && (op == Op.LT || op == Op.LE) || c == -1 && (op == Op.GT || op == Op.GE));
        if (!counted || bound.type != Type.INT || !isFixedBefore(bound, loop.branches.get(0))) return null;
        return new Counted(k, c, op, bound);
    }

    /** Whether the loop's step cannot change {@code value}: ReverseMode.fixedBefore rebuilds such a value where the loop stood. */
    public static boolean isFixedBefore(Node value, Region step) {
        if (!step.encloses(value.region)) return true; // constants too: they live at the root
        boolean pure = switch (value.op) {
            case ADD, SUB, MUL, NEG, CAST, ARRAY_LENGTH -> true;
            default -> false;
        };
        return pure && value.args.stream().allMatch(a -> isFixedBefore(a, step));
    }
}
