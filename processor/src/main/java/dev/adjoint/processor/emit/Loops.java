package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Prints a LOOP the way a person writes it: a counted loop as {@code for (int i = a; i < n; i++)},
 * a loop that only tests and runs its body as {@code while (c)}, and any other as
 * {@code while (true) { step; if (!more) break; }}. The carried values are plain mutable locals,
 * read by name inside the loop and after it; at the end of an iteration only the values that
 * change are assigned, in an order that reads every old value before it is overwritten.
 */
final class Loops {
    private final Expressions expressions;
    private final Placement placement;
    private final Tapes tapes;
    /** Prints the statements of a region (the loop's body) into a builder. */
    private final BiConsumer<Region, CodeBlock.Builder> statements;
    /** Prints the statements of some nodes of a region. */
    private final NodePrinter nodes;
    /** Whether nests may be printed jammed ({@link JamNest}): not in a body cut into parts. */
    private final BooleanSupplier jamming;

    /** Prints the statements of {@code nodes}, which stand in {@code region}. */
    interface NodePrinter {
        void print(List<Node> nodes, Region region, CodeBlock.Builder out);
    }

    Loops(
            Expressions expressions,
            Placement placement,
            Tapes tapes,
            BiConsumer<Region, CodeBlock.Builder> statements,
            NodePrinter nodes,
            BooleanSupplier jamming) {
        this.expressions = expressions;
        this.placement = placement;
        this.tapes = tapes;
        this.statements = statements;
        this.nodes = nodes;
        this.jamming = jamming;
    }

    /** A counted loop's counter: its carried value and the constant it advances by. */
    private record Counter(Node param, int step) {}

    void print(Node loop, CodeBlock.Builder out) {
        List<Node> params = LoopShapes.params(loop);
        Map<Integer, Node> after = new HashMap<>();
        for (Node p : Placement.projections(loop)) after.put(p.index(), p);
        Node test = LoopShapes.whileTest(loop, placement::inline);
        Counter counter = test == null ? null : counter(loop, test, params, after);
        for (Node p : params) {
            int k = p.index();
            Node output = after.get(k);
            String name = expressions.fresh(output != null && output.hint() != null ? output.hint() : p.hint());
            expressions.name(p, name);
            if (output != null) expressions.name(output, name);
            if (counter == null || p != counter.param)
                out.addStatement("$T $L = $L", p.type.javaType, name, expressions.code(loop.arg(k)));
        }
        if (test == null) {
            generalLoop(loop.branches.get(0), params, out);
            return;
        }
        Region step = loop.branches.get(0), then = test.branches.get(0);
        JamNest nest = counter != null && counter.step == 1 && jamming.getAsBoolean()
                ? JamNest.of(loop, test, counter.param, placement)
                : null;
        if (nest != null) {
            jammed(loop, test, params, nest, out);
            return;
        }
        JamRows rows = counter != null && counter.step == 1 && jamming.getAsBoolean()
                ? JamRows.of(loop, test, counter.param, placement)
                : null;
        if (rows != null) {
            jammedRows(loop, test, rows, out);
            return;
        }
        reserve(loop, test, params, counter == null ? null : counter.param, out);
        if (counter == null) {
            out.beginControlFlow("while ($L)", expressions.code(test.arg(0)));
        } else {
            String i = expressions.localOf(counter.param);
            CodeBlock update = switch (counter.step) {
                case 1 -> CodeBlock.of("$L++", i);
                case -1 -> CodeBlock.of("$L--", i);
                default -> CodeBlock.of("$L $L= $L", i, counter.step > 0 ? "+" : "-", Math.abs(counter.step));
            };
            CodeBlock start = expressions.code(loop.arg(counter.param.index()));
            LoopDistribution distribution = LoopDistribution.of(loop, then, params.size());
            if (distribution != null) {
                for (List<Node> part : distribution.parts()) {
                    expressions.renameIn(then, Map.of()); // each loop names its own values
                    out.beginControlFlow("for (int $L = $L; $L; $L)", i, start, expressions.code(test.arg(0)), update);
                    nodes.print(part, then, out);
                    out.endControlFlow();
                }
                return;
            }
            out.beginControlFlow("for (int $L = $L; $L; $L)", i, start, expressions.code(test.arg(0)), update);
        }
        statements.accept(then, out);
        Map<Node, Node> changes = new LinkedHashMap<>();
        for (Node p : params) {
            Node r = step.results.get(p.index() + 1);
            Node value = r == p ? p : then.results.get(r.index());
            if (value != p && (counter == null || p != counter.param)) changes.put(p, value);
        }
        assign(changes, out);
        out.endControlFlow();
    }

    /**
     * {@code int j = a; for (; (long) j + 3 < n; j += 4) { four copies of pre; one inner loop
     * running the four copies' steps; four tails } for (; j < n; j++) body}: see {@link JamNest}.
     * Each copy prints the same nodes under names of its own.
     */
    private void jammed(Node loop, Node test, List<Node> params, JamNest nest, CodeBlock.Builder out) {
        String j = expressions.localOf(nest.counter());
        out.addStatement(
                "int $L = $L", j, expressions.code(loop.arg(nest.counter().index())));
        reserve(loop, test, params, null, out);
        CodeBlock bound = expressions.render(nest.bound()).atLeast(Expr.RELATIONAL + 1);
        out.beginControlFlow("for (; (long) $L + $L < $L; $L += $L)", j, JamNest.WIDTH - 1, bound, j, JamNest.WIDTH);
        Node inner = nest.inner();
        Map<Integer, Node> after = new HashMap<>();
        for (Node p : Placement.projections(inner)) after.put(p.index(), p);
        List<Map<Node, String>> copies = new ArrayList<>();
        for (int k = 0; k < JamNest.WIDTH; k++) {
            expressions.renameIn(nest.body(), Map.of());
            String jk = j;
            if (k > 0) {
                jk = expressions.fresh(j);
                out.addStatement("final int $L = $L + $L", jk, j, k);
            }
            expressions.name(nest.counter(), jk);
            nodes.print(nest.pre(), nest.body(), out);
            for (Node p : LoopShapes.params(inner)) {
                if (p == nest.innerCounter()) continue;
                Node output = after.get(p.index());
                String name = expressions.fresh(output != null && output.hint() != null ? output.hint() : p.hint());
                expressions.name(p, name);
                if (output != null) expressions.name(output, name);
                out.addStatement("$T $L = $L", p.type.javaType, name, expressions.code(inner.arg(p.index())));
            }
            Map<Node, String> copy = expressions.namesIn(nest.body());
            copy.put(nest.counter(), jk);
            copies.add(copy);
        }
        String i = expressions.fresh(nest.innerCounter().hint());
        for (Map<Node, String> copy : copies) copy.put(nest.innerCounter(), i);
        expressions.name(nest.innerCounter(), i);
        out.beginControlFlow(
                "for (int $L = $L; $L; $L++)",
                i,
                expressions.code(inner.arg(nest.innerCounter().index())),
                expressions.code(nest.innerTest().arg(0)),
                i);
        Region innerStep = inner.branches.get(0),
                innerBody = nest.innerTest().branches.get(0);
        for (Map<Node, String> copy : copies) {
            expressions.renameIn(nest.body(), copy);
            statements.accept(innerBody, out);
            Map<Node, Node> changes = new LinkedHashMap<>();
            for (Node p : LoopShapes.params(inner)) {
                Node r = innerStep.results.get(p.index() + 1);
                Node value = r == p ? p : innerBody.results.get(r.index());
                if (value != p && p != nest.innerCounter()) changes.put(p, value);
            }
            assign(changes, out);
        }
        out.endControlFlow();
        for (Map<Node, String> copy : copies) {
            expressions.renameIn(nest.body(), copy);
            nodes.print(nest.tail(), nest.body(), out);
        }
        out.endControlFlow();
        // the last iterations, fewer than four, one at a time
        expressions.renameIn(nest.body(), Map.of());
        expressions.name(nest.counter(), j);
        out.beginControlFlow("for (; $L; $L++)", expressions.code(test.arg(0)), j);
        statements.accept(nest.body(), out);
        out.endControlFlow();
    }

    /**
     * {@code int i = a; for (; (long) i + 3 < m; i += 4) { four copies of pre; for (j…) { the four
     * rows' updates, chained through locals } } for (; i < m; i++) body}: see {@link JamRows}.
     * The inner loop is printed once per group of {@link LoopDistribution}, when it has groups.
     */
    private void jammedRows(Node loop, Node test, JamRows nest, CodeBlock.Builder out) {
        String i = expressions.localOf(nest.counter());
        out.addStatement(
                "int $L = $L", i, expressions.code(loop.arg(nest.counter().index())));
        CodeBlock bound = expressions.render(nest.bound()).atLeast(Expr.RELATIONAL + 1);
        out.beginControlFlow("for (; (long) $L + $L < $L; $L += $L)", i, JamRows.WIDTH - 1, bound, i, JamRows.WIDTH);
        List<Map<Node, String>> rows = new ArrayList<>();
        for (int k = 0; k < JamRows.WIDTH; k++) {
            expressions.renameIn(nest.body(), Map.of());
            String ik = i;
            if (k > 0) {
                ik = expressions.fresh(i);
                out.addStatement("final int $L = $L + $L", ik, i, k);
            }
            expressions.name(nest.counter(), ik);
            nodes.print(nest.pre(), nest.body(), out);
            Map<Node, String> row = expressions.namesIn(nest.body());
            row.put(nest.counter(), ik);
            rows.add(row);
        }
        Region innerBody = nest.innerTest().branches.get(0);
        LoopDistribution groups = LoopDistribution.of(nest.inner(), innerBody, 1);
        List<List<Node>> parts = groups == null ? List.of(innerBody.nodes) : groups.parts();
        String j = expressions.fresh(nest.innerCounter().hint());
        for (List<Node> part : parts) {
            expressions.renameIn(nest.body(), rows.get(0));
            expressions.name(nest.innerCounter(), j);
            out.beginControlFlow(
                    "for (int $L = $L; $L; $L++)",
                    j,
                    expressions.code(nest.inner().arg(nest.innerCounter().index())),
                    expressions.code(nest.innerTest().arg(0)),
                    j);
            Map<Node, String> carried = new HashMap<>(); // each store's value, read back by the next row
            for (int k = 0; k < JamRows.WIDTH; k++) {
                expressions.renameIn(nest.body(), rows.get(k));
                expressions.name(nest.innerCounter(), j);
                for (Node n : part) {
                    Node store = nest.storeOfRead().get(n);
                    if (store != null && k > 0) {
                        expressions.name(n, carried.get(store));
                    } else if (n.op == Op.ARRAY_STORE && k < JamRows.WIDTH - 1) {
                        String v = expressions.fresh(null);
                        out.addStatement("final $T $L = $L", n.arg(2).type.javaType, v, expressions.code(n.arg(2)));
                        carried.put(n, v);
                    } else {
                        nodes.print(List.of(n), innerBody, out);
                    }
                }
            }
            out.endControlFlow();
        }
        out.endControlFlow();
        // the last rows, fewer than four, one at a time
        expressions.renameIn(nest.body(), Map.of());
        expressions.name(nest.counter(), i);
        out.beginControlFlow("for (; $L; $L++)", expressions.code(test.arg(0)), i);
        statements.accept(nest.body(), out);
        out.endControlFlow();
    }

    /**
     * The counter of a {@code while (i < n)} loop (or {@code <=}, {@code >}, {@code >=}, either
     * side) whose int variable {@code i} goes up or down by a constant each iteration and is not
     * read after the loop: printed as a {@code for} loop that declares it. Only the printing
     * changes: {@code for (init; c; update) body} runs as {@code init; while (c) { body; update }}.
     */
    private Counter counter(Node loop, Node select, List<Node> params, Map<Integer, Node> after) {
        Node condition = select.arg(0);
        if (condition.op != Op.LT && condition.op != Op.LE && condition.op != Op.GT && condition.op != Op.GE)
            return null;
        for (int side = 0; side < 2; side++) {
            Node p = condition.arg(side), bound = condition.arg(1 - side);
            if (!params.contains(p) || params.contains(bound) || p.type != Type.INT) continue;
            Node output = after.get(p.index());
            if (output != null && placement.isUsed(output)) return null;
            Node r = loop.branches.get(0).results.get(p.index() + 1);
            if (r.op != Op.PROJ || r.arg(0) != select) return null;
            Integer step = LoopShapes.advance(select.branches.get(0).results.get(r.index()), p);
            return step == null || step == 0 ? null : new Counter(p, step);
        }
        return null;
    }

    /**
     * {@code while (true) { step; variables = results; if (!more) break; }}: the flag is a local
     * computed in the step, the new values are assigned as {@link #assign} does.
     */
    private void generalLoop(Region step, List<Node> params, CodeBlock.Builder out) {
        out.beginControlFlow("while (true)");
        statements.accept(step, out);
        Map<Node, Node> changes = new LinkedHashMap<>();
        for (Node p : params) {
            Node r = step.results.get(p.index() + 1);
            if (r != p) changes.put(p, r);
        }
        Node more = step.results.get(0);
        CodeBlock test = more.isConst() ? null : expressions.code(more);
        if (changes.containsKey(more)) {
            // the flag is a variable about to change: its value at this iteration's end is kept first
            String flag = expressions.fresh(null);
            out.addStatement("final boolean $L = $L", flag, test);
            test = CodeBlock.of("$L", flag);
        }
        assign(changes, out);
        if (test != null) out.addStatement("if (!$L) break", test);
        else if (!more.constBoolean()) out.addStatement("break");
        out.endControlFlow();
    }

    /**
     * Assigns each variable of {@code changes} its new value as if all at once. A value that reads
     * another variable being assigned goes first; only when they read each other in a cycle are
     * the new values computed into temporaries before any is assigned.
     */
    private void assign(Map<Node, Node> changes, CodeBlock.Builder out) {
        Map<Node, Set<Node>> reads = new HashMap<>();
        for (Map.Entry<Node, Node> c : changes.entrySet()) {
            Set<Node> read = new HashSet<>();
            variablesRead(c.getValue(), changes.keySet(), read, new HashSet<>());
            read.remove(c.getKey());
            reads.put(c.getKey(), read);
        }
        List<Node> order = new ArrayList<>();
        List<Node> waiting = new ArrayList<>(changes.keySet());
        while (!waiting.isEmpty()) {
            // the next variable to assign: one no value still to assign reads
            Node ready = null;
            for (Node p : waiting) {
                boolean stillRead = false;
                for (Node q : waiting) stillRead |= q != p && reads.get(q).contains(p);
                if (!stillRead) {
                    ready = p;
                    break;
                }
            }
            if (ready == null) {
                assignThroughTemporaries(changes, out);
                return;
            }
            order.add(ready);
            waiting.remove(ready);
        }
        for (Node p : order) out.addStatement("$L = $L", expressions.localOf(p), expressions.code(changes.get(p)));
    }

    private void assignThroughTemporaries(Map<Node, Node> changes, CodeBlock.Builder out) {
        Map<Node, String> next = new LinkedHashMap<>();
        for (Map.Entry<Node, Node> c : changes.entrySet()) {
            Node p = c.getKey();
            String name = expressions.fresh((p.hint() != null ? p.hint() : "tmp") + "Next");
            out.addStatement("final $T $L = $L", p.type.javaType, name, expressions.code(c.getValue()));
            next.put(p, name);
        }
        next.forEach((p, name) -> out.addStatement("$L = $L", expressions.localOf(p), name));
    }

    /** The variables of {@code among} that the printed expression of {@code value} names. */
    private void variablesRead(Node value, Set<Node> among, Set<Node> into, Set<Node> seen) {
        if (!seen.add(value)) return;
        if (among.contains(value)) {
            into.add(value);
            return;
        }
        if (expressions.localOf(value) != null) return; // a local of its own: computed already
        for (Node a : value.args) variablesRead(a, among, into, seen);
        if (value.op == Op.PROJ && value.arg(0).op == Op.SELECT) {
            // a ?: printed inline reads its branches' results
            for (Region b : value.arg(0).branches) variablesRead(b.results.get(value.index()), among, into, seen);
        }
    }

    /**
     * Before a counted loop {@code i < n} (or {@code i <= n}) whose counter steps up by a constant:
     * reserves stack room for all its iterations ({@link Tapes#reserve}), counted from the
     * counter's first value (which a {@code for} header may be about to declare).
     */
    private void reserve(Node loop, Node select, List<Node> params, Node declaredByFor, CodeBlock.Builder out) {
        Node test = select.arg(0);
        if ((test.op != Op.LT && test.op != Op.LE) || !params.contains(test.arg(0))) return;
        Node counter = test.arg(0);
        Node bound = test.arg(1);
        if (bound.type != Type.INT || bound.region == counter.region || !bound.region.encloses(counter.region)) return;
        Node result = counter.region.results.get(counter.index() + 1);
        if (result.op != Op.PROJ || result.arg(0) != select) return;
        Integer step = LoopShapes.advance(select.branches.get(0).results.get(result.index()), counter);
        if (step == null || step < 1) return;
        Node first = loop.arg(counter.index());
        CodeBlock limit = expressions.render(bound).atLeast(Expr.UNARY);
        CodeBlock trips = first.isConst() && Integer.valueOf(0).equals(first.constValue())
                ? CodeBlock.of("(long) $L", limit)
                : CodeBlock.of(
                        "(long) $L - $L",
                        limit,
                        counter == declaredByFor
                                ? expressions.render(first).atLeast(Expr.MULTIPLICATIVE)
                                : expressions.localOf(counter));
        if (test.op == Op.LE) trips = CodeBlock.of("$L + 1", trips);
        tapes.reserve(loop, select.branches.get(0), trips, out);
    }
}
