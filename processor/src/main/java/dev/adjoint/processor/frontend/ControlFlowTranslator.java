package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.util.Elements;

/**
 * Structured control flow in SSA form: an {@code if} becomes a SELECT whose outputs are the
 * variables its branches assign; a loop becomes a LOOP carrying the variables it assigns; and
 * {@code break}, {@code continue} and {@code return} become boolean flags carried like any
 * variable, the statements after a possible jump going into a branch on the flag.
 */
abstract class ControlFlowTranslator extends ExpressionTranslator {
    /** Whether the method has returned, and with what: SSA values like any local. */
    Local returned;

    Local returnValue;

    ControlFlowTranslator(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
    }

    abstract void statement(StatementTree s);

    /**
     * Translates {@code list} from {@code from} on. Once some path may have completed abruptly
     * (returned, or left or skipped a loop iteration), the rest runs only on the paths that have
     * not: it goes into a branch on that flag, and on the other branch the flag is known true.
     */
    void statements(List<? extends StatementTree> statements, int from) {
        // javac's lists are linked: index into a copy, or a long body costs quadratic time
        List<? extends StatementTree> list =
                statements instanceof java.util.RandomAccess ? statements : new java.util.ArrayList<>(statements);
        for (int i = from; i < list.size(); i++) {
            for (Local flag : abruptFlags()) {
                if (isTrue(flag.value)) return; // javac reports what is unreachable
                if (!isFalse(flag.value)) {
                    final int rest = i;
                    branches(flag.value, () -> flag.value = bool(true), () -> {
                        flag.value = bool(false);
                        statements(list, rest);
                    });
                    return;
                }
            }
            statement(list.get(i));
        }
    }

    /** Flags that end the current statement list early: return, and break or continue of each enclosing loop. */
    List<Local> abruptFlags() {
        List<Local> flags = new ArrayList<>();
        flags.add(returned);
        for (LoopContext l : loops) {
            flags.add(l.broken);
            flags.add(l.continued);
        }
        return flags;
    }

    boolean hasReturned() {
        return isTrue(returned.value);
    }

    void ifStatement(IfTree t) {
        Node c = bool(expr(t.getCondition()), t.getCondition());
        StatementTree otherwise = t.getElseStatement();
        branches(c, () -> scoped(t.getThenStatement()), () -> {
            if (otherwise != null) scoped(otherwise);
        });
    }

    /** A statement in a scope of its own, as the branch of an if is. */
    void scoped(StatementTree s) {
        scopes.push(new HashMap<>());
        statement(s);
        scopes.pop();
    }

    /**
     * Runs {@code then} and {@code otherwise} in the two branches of a SELECT on {@code c}, each
     * starting from the current values of the variables; afterwards every variable that either
     * branch changed holds the SELECT's output for it (the SSA φ of the two branches).
     */
    void branches(Node c, Runnable then, Runnable otherwise, Local... extra) {
        if (c.isConst()) {
            (c.constBoolean() ? then : otherwise).run();
            return;
        }
        List<Local> visible = visibleLocals();
        visible.addAll(List.of(extra));
        Map<Local, Node> before = new IdentityHashMap<>();
        for (Local l : visible) before.put(l, l.value);
        Node select = b.select(c);
        List<Map<Local, Node>> after = new ArrayList<>();
        Runnable[] bodies = {then, otherwise};
        for (int j = 0; j < 2; j++) {
            Runnable body = bodies[j];
            b.in(select.branches.get(j), body);
            Map<Local, Node> values = new IdentityHashMap<>();
            for (Local l : visible) {
                values.put(l, l.value);
                l.value = before.get(l);
            }
            after.add(values);
        }
        int outputs = 0;
        for (Local l : visible) {
            Node v0 = after.get(0).get(l), v1 = after.get(1).get(l);
            if (v0 == v1) {
                l.value = v0;
                continue;
            }
            for (int j = 0; j < 2; j++) {
                Node v = after.get(j).get(l);
                select.branches.get(j).results.add(v == null ? b.zero(l.type) : v);
            }
            l.value = b.project(select, outputs++, l.type);
            if (l.name != null) l.value.nameAfter(l.name);
        }
    }

    /** Every variable a branch or a loop may change: locals, the return flags, the loops' flags. */
    List<Local> visibleLocals() {
        List<Local> visible = new ArrayList<>();
        for (Map<String, Local> scope : scopes) visible.addAll(scope.values());
        visible.add(returned);
        visible.add(returnValue);
        for (LoopContext l : loops) {
            visible.addAll(List.of(l.broken, l.continued));
            if (l.result != null) visible.add(l.result);
        }
        return visible;
    }

    boolean isUserLocal(Local l) {
        for (Map<String, Local> scope : scopes) if (scope.get(l.name) == l) return true;
        return false;
    }

    /** {@code break} or {@code continue}: sets the flag of the loop it leaves or continues. */
    void jump(StatementTree s, javax.lang.model.element.Name label, boolean isBreak) {
        LoopContext target = null;
        for (LoopContext l : loops) {
            if (label == null && !isBreak && l.isSwitch) continue; // continue passes through a switch
            if (label == null || label.contentEquals(String.valueOf(l.label))) {
                target = l;
                break;
            }
        }
        if (target == null) {
            unsupported(s, "a jump out of no loop", "break and continue must be inside a loop or switch");
            return;
        }
        (isBreak ? target.broken : target.continued).value = bool(true);
    }

    /**
     * Every loop becomes a LOOP whose step runs one iteration: for {@code while} and {@code for},
     * test the condition and, if it holds, run the body and the update; for {@code do}, run the
     * body and test the condition. The loop carries every variable the loop assigns, and its
     * step's first result says whether another iteration follows.
     */
    void loopStatement(StatementTree s, String label) {
        scopes.push(new HashMap<>()); // a for loop's own variables
        if (s instanceof ForLoopTree f) {
            int every = checkpointEvery(f);
            for (StatementTree init : f.getInitializer()) statement(init);
            List<StatementTree> update = new ArrayList<>(f.getUpdate());
            int before = b.current().nodes.size();
            boolean nested = !loops.isEmpty() || b.current() != b.graph().root;
            loop(s, label, f.getCondition(), f.getStatement(), update, List.of(), true, null);
            if (every >= 0) checkpoint(f, every, before, nested);
        } else if (s instanceof WhileLoopTree w) {
            loop(s, label, w.getCondition(), w.getStatement(), List.of(), List.of(), true, null);
        } else if (s instanceof DoWhileLoopTree d) {
            loop(s, label, d.getCondition(), d.getStatement(), List.of(), List.of(), false, null);
        } else if (s instanceof EnhancedForLoopTree e) {
            forEach(s, label, e);
        }
        scopes.pop();
    }

    /** The segment length {@code @Checkpointed} asks for on {@code f} (0: ⌈√n⌉), or -1 when it is not there or wrong (reported). */
    private int checkpointEvery(ForLoopTree f) {
        var annotation = CheckpointedLoops.annotation(f);
        if (annotation == null) return -1;
        var given = CheckpointedLoops.every(annotation);
        if (given == null) return 0;
        Node every = expr(given);
        if (every.isConst() && every.type == Type.INT && every.constInt() >= 0) return every.constInt();
        reporter.error(
                given,
                unit,
                Message.CHECKPOINT,
                "every = " + given,
                "give the iterations between two snapshots as a constant int, at least 1, or 0 (the default) for the square root of the trip count");
        return -1;
    }

    /** Marks the LOOP just built for {@code f} for checkpointing, or reports why it cannot be. */
    private void checkpoint(ForLoopTree f, int every, int before, boolean nested) {
        Node loop = null;
        for (Node n : b.current().nodes.subList(before, b.current().nodes.size())) if (n.op == Op.LOOP) loop = n;
        if (loop == null) return; // the loop was not built: its error is reported
        String why = CheckpointedLoops.whyNot(loop, nested, signature.vector(), differentiatedTwice);
        if (why == null) {
            loop.checkpointEvery = every;
            return;
        }
        String[] reason = why.split("\\|", 2);
        reporter.error(f, unit, Message.CHECKPOINT, reason[0], reason[1]);
    }

    /** {@code for (T v : array)} is a counted loop over a hidden index, evaluating the array once. */
    void forEach(StatementTree s, String label, EnhancedForLoopTree e) {
        Node array = expr(e.getExpression());
        if (array.op == Op.ERROR) return;
        if (!array.type.isArray()) {
            fail(
                    e.getExpression(),
                    "a for-each over a " + array.type.javaType,
                    "iterate over a double[], double[][] or int[]");
            return;
        }
        String element = e.getVariable().getName().toString();
        Local index = new Local(element + "Index", Type.INT, b.constant(Type.INT, 0));
        scopes.peek().put("#" + element + "Index", index); // hidden from the user's code, visible to branches
        loop(
                s,
                label,
                null,
                e.getStatement(),
                List.of(),
                List.of(index),
                true,
                () -> {
                    Node item = b.arrayRead(array, index.value);
                    Tree typeTree = e.getVariable().getType();
                    Type declared = typeTree == null ? null : typeOf(typeTree);
                    if (declared == null) declared = item.type;
                    Node v = convert(item, declared, e.getVariable());
                    v.nameAfter(element);
                    scopes.peek().put(element, new Local(element, declared, v));
                },
                array,
                index);
    }

    void loop(
            StatementTree tree,
            String label,
            ExpressionTree condition,
            StatementTree body,
            List<StatementTree> update,
            List<Local> extra,
            boolean testFirst,
            Runnable prologue) {
        loop(tree, label, condition, body, update, extra, testFirst, prologue, null, null);
    }

    void loop(
            StatementTree tree,
            String label,
            ExpressionTree condition,
            StatementTree body,
            List<StatementTree> update,
            List<Local> extra,
            boolean testFirst,
            Runnable prologue,
            Node forEachArray,
            Local forEachIndex) {
        Assigned assigned = Assigned.in(tree);
        List<Local> carried = new ArrayList<>(extra);
        for (Local l : visibleLocals()) {
            boolean assignedHere = l == returned || l == returnValue
                    ? assigned.returns
                    : l.name != null && assigned.names.contains(l.name) && isUserLocal(l);
            for (LoopContext outer : loops) {
                if ((l == outer.broken || l == outer.continued)
                        && assigned.labels.contains(String.valueOf(outer.label))) assignedHere = true;
            }
            if (assignedHere && l.type != null && !carried.contains(l)) carried.add(l);
        }
        Swap swap = swap(carried, condition, body, update);
        if (swap != null) {
            carried.removeAll(swap.arrays);
            carried.add(swap.phase);
            scopes.peek().put("#phase", swap.phase); // hidden from the user's code, visible to branches
        }
        for (Local l : carried) {
            if (l.type.isArray()) {
                if (l == returnValue) {
                    unsupported(
                            tree,
                            "a return from inside a loop of a method that returns double[]",
                            "fill an array declared before the loop, break out of it, and return the array after the loop");
                } else {
                    unsupported(
                            tree,
                            "a loop that assigns the array variable " + l.name,
                            "only swap them at the top level of the loop's body (double[] t = u; u = next; next = t;),"
                                    + " or assign array variables outside loops");
                }
                return;
            }
        }
        List<Node> init = new ArrayList<>();
        for (Local l : carried) init.add(l.value == null ? b.zero(l.type) : l.value);
        Node loop = b.loop(init);
        LoopContext context = new LoopContext(label);
        Map<Local, Node> params = new IdentityHashMap<>();
        for (int k = 0; k < carried.size(); k++) {
            Local l = carried.get(k);
            Node p = b.loopParam(loop, k, l.type);
            if (l.name != null) p.nameAfter(l.name);
            params.put(l, p);
        }
        Region step = loop.branches.get(0);
        Local more = new Local("more", Type.BOOLEAN, bool(false));
        loops.push(context);
        b.in(step, () -> {
            for (Local l : carried) l.value = params.get(l);
            context.broken.value = bool(false);
            context.continued.value = bool(false);
            Runnable iteration = () -> {
                // with swapped buffers, the body once per phase (the for-each's element read before it)
                Runnable run = prologue != null ? () -> statement(body) : () -> scoped(body);
                if (prologue != null) {
                    scopes.push(new HashMap<>());
                    prologue.run();
                }
                if (swap != null) phases(swap, 0, true, run);
                else run.run();
                if (prologue != null) scopes.pop();
                context.continued.value = bool(false); // continue skips the rest of the body, not the update
                statements(update, 0);
                if (forEachIndex != null) forEachIndex.value = b.add(forEachIndex.value, b.constant(Type.INT, 1));
            };
            if (testFirst) {
                Node c = condition == null
                        ? (forEachArray == null
                                ? bool(true)
                                : b.compare(Op.LT, forEachIndex.value, b.arrayLength(forEachArray)))
                        : bool(expr(condition), condition);
                branches(
                        c,
                        () -> {
                            iteration.run();
                            more.value = continuing(context, null);
                        },
                        () -> more.value = bool(false),
                        more);
            } else {
                iteration.run();
                // Java tests a do-while's condition only when the body completed or continued this
                // loop: after a return or a break its call would run (and could throw) where the
                // method never calls it
                branches(
                        continuing(context, null),
                        () -> more.value = bool(expr(condition), condition),
                        () -> more.value = bool(false),
                        more);
            }
            step.results.add(more.value);
            for (Local l : carried) step.results.add(l.value);
        });
        loops.pop();
        for (int k = 0; k < carried.size(); k++) {
            Local l = carried.get(k);
            l.value = b.project(loop, k, l.type);
            if (l.name != null) l.value.nameAfter(l.name);
        }
        if (swap != null)
            phases(swap, 0, false, () -> {}); // after the loop, the variables name the arrays of its phase
    }

    /**
     * Array variables the loop only permutes (swapped buffers, {@link SwappedArrays}): the loop
     * carries the int {@code phase} instead, and {@code bindings.get(j)} are the arrays the
     * variables name in phase {@code j}.
     */
    record Swap(List<Local> arrays, Local phase, List<List<Node>> bindings) {}

    Swap swap(List<Local> carried, ExpressionTree condition, StatementTree body, List<StatementTree> update) {
        List<Local> arrays = new ArrayList<>();
        Map<String, Local> byName = new HashMap<>();
        for (Local l : carried) {
            if (!l.type.isArray()) continue;
            if (l == returnValue || l.name == null || l.value == null) return null;
            arrays.add(l);
            byName.put(l.name, l);
        }
        if (arrays.isEmpty()) return null;
        Map<String, String> permutation =
                SwappedArrays.permutation(new ArrayList<>(byName.keySet()), condition, body, update);
        if (permutation == null) return null;
        List<List<Node>> bindings = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        for (Local l : arrays) current.add(l.value);
        for (int j = SwappedArrays.phases(permutation); j > 0; j--) {
            bindings.add(current);
            List<Node> next = new ArrayList<>();
            for (Local l : arrays) next.add(current.get(arrays.indexOf(byName.get(permutation.get(l.name)))));
            current = next;
        }
        return new Swap(arrays, new Local("phase", Type.INT, b.constant(Type.INT, 0)), bindings);
    }

    /**
     * Runs {@code body} with the array variables bound to the arrays of the loop's phase, one
     * branch per phase from {@code j} on. In the loop ({@code step}) each branch then moves the
     * phase on and binds the variables back to the arrays of phase 0, so they are no outputs of
     * the branches; after the loop they stay bound, and are the branches' outputs.
     */
    void phases(Swap swap, int j, boolean step, Runnable body) {
        int k = swap.bindings.size();
        Runnable phase = () -> {
            for (int a = 0; a < swap.arrays.size(); a++)
                swap.arrays.get(a).value = swap.bindings.get(j).get(a);
            if (j == 0) body.run();
            else reporter.repeating(body); // each error was reported in phase 0
            if (!step) return;
            swap.phase.value = b.constant(Type.INT, (j + 1) % k);
            for (int a = 0; a < swap.arrays.size(); a++)
                swap.arrays.get(a).value = swap.bindings.get(0).get(a);
        };
        if (j == k - 1) phase.run();
        else
            branches(
                    b.compare(Op.EQ, swap.phase.value, b.constant(Type.INT, j)),
                    phase,
                    () -> phases(swap, j + 1, step, body));
    }

    /** Whether another iteration follows: the condition holds and nothing left this loop or an outer one. */
    Node continuing(LoopContext context, Node condition) {
        Node more = condition == null ? bool(true) : condition;
        more = b.and(more, b.not(returned.value));
        for (LoopContext l : loops) {
            more = b.and(more, b.not(l.broken.value));
            if (l != context) more = b.and(more, b.not(l.continued.value));
        }
        return more;
    }
}
