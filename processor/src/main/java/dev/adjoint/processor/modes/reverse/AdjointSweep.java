package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.modes.DerivativeRules;
import dev.adjoint.processor.modes.Transform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backward sweep of straight-line code and branches — the {@code build_grad} of Goodfellow
 * et al. §6.5: visit nodes in reverse order, turn each one's pending terms into its adjoint
 * once, and hand ȳ times each partial to its arguments. Loops are left to {@link ReverseMode}, which also builds the
 * forward sweep.
 */
abstract class AdjointSweep extends Transform {
    Activity activity;

    /** Pending adjoint terms of nodes not yet visited; one table per branch being swept. */
    final Deque<Map<Node, List<Node>>> pending = new ArrayDeque<>();

    /** The grad table: each swept node's adjoint. */
    final Map<Node, Node> adjoints = new HashMap<>();

    /** Nodes whose adjoint the backward sweep has built already. */
    final Set<Node> swept = new HashSet<>();

    /** The adjoint array of each active array: a gradient output, or one allocated for a local array. */
    final Map<Node, Node> adjointArrays = new HashMap<>();

    /** The argument of each SAVED_MATH node: where its adjoint goes. */
    final Map<Node, Node> savedCallArguments = new HashMap<>();

    /** Nodes made while recomputing a loop step in the backward sweep, active like their originals. */
    final Set<Node> activeCopies = new HashSet<>();

    boolean isActive(Node n) {
        return activity.isActive(n) || activeCopies.contains(n);
    }

    void addTerm(Node node, Node term) {
        if (!isActive(node)) return;
        if (swept.contains(node)) {
            // A contribution that arrives after the node's adjoint was built: a value recomputed in a
            // loop's backward sweep was merged with the same value computed later in the primal.
            // Adjoints are linear, so handing this part on separately gives the same total.
            if (node.op == Op.PROJ || node.op == Op.LOOP_PARAM || node.op == Op.POP) {
                throw new IllegalStateException("late adjoint contribution to " + node);
            }
            propagate(node, term);
            return;
        }
        pending.peek().computeIfAbsent(node, k -> new ArrayList<>()).add(term);
    }

    Node sum(List<Node> terms) {
        Node s = terms.get(0);
        for (int k = 1; k < terms.size(); k++) s = b.add(s, terms.get(k));
        return s;
    }

    /** Visits {@code nodes} last to first, turning each one's pending terms into its adjoint. */
    void sweep(List<Node> nodes) {
        // arrays created here get their adjoint arrays before any backward code can touch them
        b.at(0); // bookkeeping, of no one source line
        for (Node n : nodes) {
            boolean created = n.op == Op.NEW_ARRAY || n.op == Op.COPY || n.op == Op.SAVED_COPY || isVectorCall(n);
            if (created && isActive(n) && !adjointArrays.containsKey(n)) {
                Node bar = b.adjointArrayLike(n);
                if (n.hint() != null) bar.nameAfter(n.hint() + "Bar");
                adjointArrays.put(n, bar);
            }
        }
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            b.at(n.line); // an adjoint comes from the line of the value it belongs to
            if (n.op == Op.ARRAY_STORE) {
                sweepStore(n);
                continue;
            }
            if ((n.op == Op.COPY || n.op == Op.SAVED_COPY) && isActive(n)) {
                // the copy started as the source: what its elements received flows back to the source's
                Node source = n.op == Op.COPY ? n.arg(0) : n.arg(1);
                if (isActive(source)) b.accumulateScaled(adjointArray(source), adjointArray(n), b.constant(1));
                continue;
            }
            if (isVectorCall(n)) {
                if (isActive(n)) sweepVectorCall(n);
                continue;
            }
            if (n.op == Op.CALL || n.op == Op.SAVED_CALL) {
                // a scalar callee the forward sweep called for its value (ForwardSweep.addsInBackward),
                // or its saved result standing in a recomputed step, the call's arguments after it
                List<Node> terms = pending.peek().remove(n);
                swept.add(n);
                List<Node> args = n.op == Op.CALL ? n.args : n.args.subList(1, n.args.size());
                if (terms != null) sweepAddingCall(n.callee(), args, sum(terms));
                continue;
            }
            if (n.op == Op.SELECT) {
                sweepSelect(n);
                continue;
            }
            if (n.op == Op.LOOP) {
                sweepLoop(n);
                continue;
            }
            // a PROJ's adjoint is taken by its SELECT or LOOP, visited next; a POP's by its loop
            if (n.op == Op.PROJ || n.op == Op.POP || n.op == Op.LOOP_PARAM) continue;
            List<Node> terms = pending.peek().remove(n);
            swept.add(n);
            if (terms == null) continue;
            Node bar = sum(terms);
            if (n.hint() != null) bar.nameAfter(n.hint() + "Bar");
            else if (n.op == Op.PARAM) bar.nameAfter(n.param().name() + "Bar");
            adjoints.put(n, bar);
            propagate(n, bar);
        }
    }

    private static boolean isVectorCall(Node n) {
        return n.op == Op.CALL && n.callee().vector();
    }

    /**
     * The backward sweep of {@code r = f(args)} for a {@code double[]}-valued f: every consumer of r
     * has added into r̄ by now (they come later in the forward sweep), so f's vector–Jacobian product
     * with r̄ as the seed hands each argument its adjoint.
     */
    private void sweepVectorCall(Node call) {
        List<Node> args = new ArrayList<>(call.args);
        args.add(adjointArray(call));
        Node vjp = b.call(Op.CALL_REVERSE, Type.OBJECT, call.callee().vjp(), args);
        if (call.hint() != null) vjp.nameAfter(call.hint() + "Vjp");
        for (int i = 0; i < call.args.size(); i++) {
            Node arg = call.arg(i);
            if (!isActive(arg)) continue;
            Node partial = b.get(vjp, call.callee().params().get(i).partialAccessor(), arg.type);
            if (arg.type == Type.DOUBLE) addTerm(arg, partial);
            else b.accumulateScaled(adjointArray(arg), partial, b.constant(1));
        }
    }

    /**
     * The backward sweep of {@code r = f(args)} for a scalar f called for its value: f's
     * {@code fAdd} adds r̄ times each partial into the adjoint arrays of the array arguments, null
     * for an inactive one (f differentiates no double parameter, so nothing else is owed).
     */
    private void sweepAddingCall(Refs.Callee callee, List<Node> callArgs, Node bar) {
        List<Node> args = new ArrayList<>(callArgs);
        args.add(bar);
        for (int i = 0; i < callArgs.size(); i++) {
            Refs.CalleeParam param = callee.params().get(i);
            if (!param.differentiated() || !param.type().isArray()) continue;
            Node arg = callArgs.get(i);
            args.add(isActive(arg) ? adjointArray(arg) : b.zero(arg.type));
        }
        b.call(Op.CALL_ADJOINT, Type.VOID, callee.add(), args);
    }

    /**
     * The adjoint of {@code a[i] = v}: v̄ receives ā[i], and ā[i] restarts from zero, because the
     * old element did not reach anything after the store.
     */
    void sweepStore(Node store) {
        Node array = store.arg(0);
        if (!isActive(ArrayValues.base(array))) return;
        Node bar = adjointArray(array);
        Node index = store.arg(1);
        Node received = b.arrayRead(bar, index);
        Node value = store.arg(2);
        int kept = incrementedOperand(store);
        if (kept >= 0) {
            // a[i] = a[i] ± rest: ā[i] is also what the old a[i] receives through the sum, so it stays
            // as it is instead of restarting from zero and getting the same amount added back
            Node rest = value.arg(1 - kept);
            addTerm(rest, value.op == Op.SUB && kept == 0 ? b.neg(received) : received);
            return;
        }
        b.arrayStore(bar, index, b.constant(0));
        addTerm(value, received);
    }

    /**
     * For an increment {@code a[i] = a[i] + rest} (or {@code a[i] - rest}, {@code rest + a[i]}):
     * the operand number of the read of {@code a[i]}; -1 for any other store. The read must stand
     * in the same block, with no store into the same array between it and the store, so that
     * nothing else touches {@code ā[i]} in between in the backward sweep.
     */
    private int incrementedOperand(Node store) {
        Node value = store.arg(2);
        if (value.op != Op.ADD && value.op != Op.SUB) return -1;
        for (int k = 0; k < 2; k++) {
            Node read = value.arg(k);
            boolean sameElement =
                    (read.op == Op.ARRAY_READ && read.arg(0) == store.arg(0) && read.arg(1) == store.arg(1))
                            || (read.op == Op.SAVED_READ && read.arg(1) == store.arg(0) && read.arg(2) == store.arg(1));
            if (!sameElement || value.arg(1 - k) == read || (value.op == Op.SUB && k == 1)) continue;
            List<Node> nodes = store.region.nodes;
            int from = nodes.indexOf(read);
            int to = nodes.indexOf(store);
            if (from < 0 || to < from) return -1;
            for (int j = from + 1; j < to; j++) {
                Node n = nodes.get(j);
                if (n.op.isEffect() || n.op.isStructured()) return -1;
            }
            return k;
        }
        return -1;
    }

    /** The {@code op.bprop} of Goodfellow et al. §6.5: hands ȳ times each partial to the active arguments of y. */
    void propagate(Node y, Node bar) {
        switch (y.op) {
            case PARAM, PROJ -> {} // a gradient output, or picked up by its SELECT
            case ARRAY_READ -> b.accumulate(adjointArray(y.arg(0)), y.arg(1), bar);
            case SAVED_READ -> b.accumulate(adjointArray(y.arg(1)), y.arg(2), bar);
            case SAVED_MATH -> {
                // the partial is a function of the result alone (MathFunction.derivativeFromResult)
                Node x = savedCallArguments.get(y);
                if (isActive(x)) addTerm(x, b.mul(y.mathCall().function().partial(b, y, 0), bar));
            }
            case GET -> {
                Node call = y.arg(0);
                Refs.Callee callee = call.callee();
                for (int i = 0; i < call.args.size(); i++) {
                    Node arg = call.arg(i);
                    if (!isActive(arg)) continue;
                    Refs.CalleeParam param = callee.params().get(i);
                    Node partial = b.get(call, param.partialAccessor(), arg.type);
                    if (arg.type == Type.DOUBLE) addTerm(arg, b.mul(partial, bar));
                    else b.accumulateScaled(adjointArray(arg), partial, bar);
                }
            }
            default -> {
                for (int i = 0; i < y.args.size(); i++) {
                    if (!isActive(y.arg(i))) continue;
                    Node partial = DerivativeRules.partial(b, y, i);
                    // an array partial (a user's rule) is taken element-wise: x̄[k] += partial[k]·ȳ
                    if (y.arg(i).type.isArray()) b.accumulateScaled(adjointArray(y.arg(i)), partial, bar);
                    else addTerm(y.arg(i), b.mul(partial, bar));
                }
            }
        }
    }

    /** Whether a structured node writes into an active array somewhere inside: its adjoint has work to do even with no output adjoint. */
    boolean storesActive(Node structured) {
        for (Region r : structured.branches) {
            for (Node n : r.nodes) {
                if (n.op == Op.ARRAY_STORE && isActive(ArrayValues.base(n.arg(0)))) return true;
                if (n.op.isStructured() && storesActive(n)) return true;
            }
        }
        return false;
    }

    /** The adjoint of an active array: the gradient output, or a row of an enclosing adjoint. */
    Node adjointArray(Node array) {
        Node known = adjointArrays.get(array);
        if (known != null) return known;
        if (array.op == Op.PROJ && array.arg(0).op == Op.SELECT) {
            // (c ? a : b)[i] accumulates into (c ? aBar : bBar)[i]; an inactive choice gets a scratch array
            Node select = array.arg(0);
            Node alias = b.select(select.arg(0));
            for (int j = 0; j < 2; j++) {
                Node chosen = select.branches.get(j).results.get(array.index());
                Region r = alias.branches.get(j);
                // a null array (what a vector method returns on a path that has not returned yet) stays null
                b.in(
                        r,
                        () -> r.results.add(
                                isActive(chosen)
                                        ? adjointArray(chosen)
                                        : chosen.isConst() ? chosen : b.zerosLike(chosen)));
            }
            return b.project(alias, 0, array.type);
        }
        if ((array.op == Op.NEW_ARRAY || array.op == Op.COPY) && isActive(array)) {
            // an array a branch made, chosen as a vector method's result before its branch is swept:
            // its adjoint is made right after the array, in the array's own region, and the branch's
            // sweep adds to it (Scopes exports it). Not where it is first needed: that is inside one
            // branch of an alias above, and returns in sequential or nested ifs reach the same array
            // along several paths, i.e. from other alias branches, which could not see it there.
            Node bar = adjointArrayBeside(array);
            if (array.hint() != null) bar.nameAfter(array.hint() + "Bar");
            adjointArrays.put(array, bar);
            return bar;
        }
        if (array.op != Op.ARRAY_READ) throw new IllegalStateException("no adjoint array for " + array);
        return b.arrayRead(adjointArray(array.arg(0)), array.arg(1));
    }

    /** A zero adjoint array for {@code array}, placed right after it, in the same sweep as it. */
    private Node adjointArrayBeside(Node array) {
        Region home = array.region;
        boolean wasBackward = b.backward(array.backward);
        try {
            Node bar = b.in(home, () -> b.adjointArrayLike(array));
            home.nodes.remove(bar);
            home.nodes.add(home.nodes.indexOf(array) + 1, bar);
            return bar;
        } finally {
            b.backward(wasBackward);
        }
    }

    void sweepSelect(Node select) {
        List<Node> seeded = new ArrayList<>();
        for (Node p : projections(select)) {
            List<Node> terms = pending.peek().remove(p);
            if (terms == null) continue;
            Node bar = sum(terms);
            if (p.hint() != null) bar.nameAfter(p.hint() + "Bar");
            adjoints.put(p, bar);
            seeded.add(p);
        }
        if (seeded.isEmpty() && !storesActive(select)) return;
        Node back = b.select(select.arg(0));
        List<Map<Node, List<Node>>> leftovers = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            Region branch = select.branches.get(j);
            b.in(back.branches.get(j), () -> {
                pending.push(new LinkedHashMap<>());
                for (Node p : seeded) addTerm(branch.results.get(p.index()), adjoints.get(p));
                sweep(List.copyOf(branch.nodes));
                leftovers.add(pending.pop());
            });
        }
        // what the branches contribute to values defined outside them leaves through outputs
        List<Node> outside = new ArrayList<>();
        for (Map<Node, List<Node>> l : leftovers) for (Node n : l.keySet()) if (!outside.contains(n)) outside.add(n);
        int outputs = 0;
        for (Node o : outside) {
            Node[] parts = new Node[2];
            for (int j = 0; j < 2; j++) {
                List<Node> terms = leftovers.get(j).get(o);
                Region r = back.branches.get(j);
                final int jj = j;
                b.in(r, () -> parts[jj] = terms == null ? b.zero(Type.DOUBLE) : sum(terms));
            }
            if (parts[0] == parts[1] && parts[0].region.encloses(b.current())) {
                addTerm(o, parts[0]); // the same contribution whichever branch ran
                continue;
            }
            for (int j = 0; j < 2; j++) back.branches.get(j).results.add(parts[j]);
            Node part = b.project(back, outputs++, Type.DOUBLE);
            if (o.hint() != null) part.nameAfter(o.hint() + "BarBranch");
            addTerm(o, part);
        }
    }

    static String nameOf(Node n) {
        return n.op == Op.PARAM ? n.param().name() : n.hint();
    }

    /** The backward sweep of a loop of the forward sweep. */
    abstract void sweepLoop(Node loop);

    /**
     * A new sum carried by a {@code while (c)} loop whose test is {@code test} (first branch: the
     * body ran) in {@code step}: each iteration that runs adds {@code terms}, the adjoint of
     * {@code outside} it made. Returns the sum's carried slot.
     */
    Node carrySum(Node loop, Node test, Region step, Node outside, List<Node> terms) {
        Node acc = b.carry(loop, b.zero(Type.DOUBLE));
        String name = nameOf(outside);
        if (name != null) acc.nameAfter(name + "Bar");
        Region ran = test.branches.get(0), skipped = test.branches.get(1);
        b.in(ran, () -> ran.results.add(b.add(acc, sum(terms))));
        skipped.results.add(acc);
        step.results.add(b.project(test, ran.results.size() - 1, Type.DOUBLE));
        return acc;
    }
}
