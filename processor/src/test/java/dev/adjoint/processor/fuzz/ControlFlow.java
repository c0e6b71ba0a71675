package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Cast;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Ast.Unary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Control-flow statements: {@code if}/{@code else if}/{@code else}, {@code switch} statements
 * and expressions, counted {@code for} loops, enhanced {@code for}, {@code while} and {@code do
 * ... while} bounded by their own counter, nested up to two levels, with {@code break}, {@code
 * continue} (labelled or not) and {@code return} as the last statement of an if branch. Every
 * loop terminates: for loops count an int that the body never writes towards a bound the body
 * never changes, at most {@link Analyzer#MAX_TRIPS} times; while loops test their counter. A loop
 * body is generated against widened intervals of the variables it may carry; the whole loop is
 * then checked by the analyzer, which iterates the body's intervals.
 */
abstract class ControlFlow extends Expressions {
    ControlFlow(Random r, Set<String> excluded, Analyzer an) {
        super(r, excluded, an);
    }

    /** A statement of budget {@code b} that the analyzer accepts, or null. */
    abstract Stmt stmt(int b);

    /** A statement from {@code gen} that the analyzer accepts in the current environment, which it then updates. */
    abstract Stmt stmtOf(Supplier<Stmt> gen);

    static final String[] COUNTERS = {"i", "j", "l", "ii", "jj", "ll"};
    static final String[] ELEMS = {"val", "elem", "xi", "vk"};
    static final String[] ROWS = {"row", "rw"};
    static final String[] IELEMS = {"q", "qq"};
    static final String[] WHILE_COUNTERS = {"it", "steps", "it2", "it3"};
    static final String[] LABELS = {"outer", "scan", "loop", "inner"};

    /** A random if, loop or (rarely) nested combination, with budget b. */
    Stmt compound(int b) {
        List<Feature> kinds = new ArrayList<>();
        for (Feature f : List.of(
                Feature.IF,
                Feature.IF,
                Feature.FOR,
                Feature.FOR,
                Feature.FOREACH,
                Feature.WHILE,
                Feature.DO_WHILE,
                Feature.SWITCH)) {
            boolean branch = f == Feature.IF || f == Feature.SWITCH;
            if (on(f) && (branch || loopDepth == 0 || on(Feature.NESTED_LOOPS))) {
                kinds.add(f);
            }
        }
        if (kinds.isEmpty()) {
            return null;
        }
        return switch (pick(kinds)) {
            case IF -> ifStmt(b, 0);
            case SWITCH -> switchStmt(b);
            case FOR -> forStmt(b);
            case FOREACH -> forEachStmt(b);
            default -> whileStmt(b);
        };
    }

    Ast.If ifStmt(int b, int chain) {
        Expr c = bool(Math.max(2, b / 3));
        List<Stmt> then = block(r.nextInt(3), b, env, true);
        List<Stmt> els = List.of();
        int k = r.nextInt(10);
        if (k < 3 && chain < 2 && on(Feature.ELSE_IF)) {
            els = List.of(ifStmt(b, chain + 1));
        } else if (k < 6) {
            els = block(1 + r.nextInt(2), b, env, !endsAbruptly(then));
        }
        if (then.isEmpty() && els.isEmpty()) {
            then = block(1, b, env, false);
        }
        return new Ast.If(c, then, els);
    }

    /** Whether the block being generated is a switch's, where an unlabelled break would leave the switch. */
    boolean inSwitchBody;

    /** A switch statement on a small int: 1 to 3 labelled groups, often a default, anywhere. */
    Stmt switchStmt(int b) {
        boolean arrow = r.nextBoolean();
        int n = 1 + r.nextInt(3);
        int dflt = r.nextInt(3) == 0 ? -1 : r.nextInt(n + 1);
        List<List<Integer>> labels = labels(n);
        List<Switches.Group> groups = new ArrayList<>();
        boolean saved = inSwitchBody;
        inSwitchBody = true;
        try {
            int l = 0;
            for (int g = 0; g < n + (dflt < 0 ? 0 : 1); g++) {
                List<Integer> mine = g == dflt ? List.of() : labels.get(l++);
                List<Stmt> body = block(1 + r.nextInt(2), b, env, r.nextInt(3) == 0);
                boolean last = g == n + (dflt < 0 ? 0 : 1) - 1;
                boolean falls = !arrow && !last && r.nextInt(3) == 0 && Switches.completes(body);
                groups.add(new Switches.Group(mine, body, falls));
            }
        } finally {
            inSwitchBody = saved;
        }
        Switches.Named named = Switches.named(r, ex);
        return new Switches.Statement(named == null ? intExpr(3) : named.selector(), groups, arrow, named);
    }

    /** {@code n} disjoint non-empty sets of labels in 0..4 (the int parameters are 0..2). */
    List<List<Integer>> labels(int n) {
        List<Integer> pool = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        java.util.Collections.shuffle(pool, r);
        List<List<Integer>> out = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            List<Integer> mine = new ArrayList<>(List.of(pool.remove(0)));
            if (pool.size() > n - g && r.nextInt(3) == 0) mine.add(pool.remove(0));
            out.add(mine);
        }
        return out;
    }

    /** A switch expression on a small int whose values come from {@code value}: arrow or colon form. */
    Expr switchExpr(java.util.function.Supplier<Expr> value) {
        int n = 1 + r.nextInt(3);
        List<List<Integer>> labels = labels(n);
        List<Expr> values = new ArrayList<>();
        for (int k = 0; k <= n; k++) values.add(value.get());
        Switches.Named named = Switches.named(r, ex);
        return new Switches.Expression(
                named == null ? intExpr(3) : named.selector(), labels, values, r.nextBoolean(), named);
    }

    static boolean endsAbruptly(List<Stmt> block) {
        return !block.isEmpty()
                && (block.get(block.size() - 1) instanceof Ast.Jump
                        || block.get(block.size() - 1) instanceof Ast.Return);
    }

    /** Variables a loop body may carry, with intervals widened so that the body's expressions stay safe as they change. */
    Map<String, Var> widened() {
        Map<String, Var> w = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            Var v = e.getValue();
            boolean carried = v.kind() == Kind.LOCAL || (v.kind() == Kind.PARAM && on(Feature.PARAM_ASSIGN));
            if (carried && v.type() == T.DOUBLE) {
                double m = Math.max(Math.abs(v.lo()), Math.abs(v.hi()));
                double n = Math.max(2 * m, m + 4);
                w.put(e.getKey(), new Var(T.DOUBLE, -n, n, v.active(), v.kind()));
            } else if (carried && (v.type() == T.INT || v.type() == T.LONG)) {
                w.put(e.getKey(), new Var(v.type(), v.lo() - 8, v.hi() + 8, v.active(), v.kind()));
            } else if (v.array() && (v.kind() == Kind.LOCAL || v.kind() == Kind.PARAM) && v.type() != T.IARR) {
                double m = Math.max(Math.abs(v.lo()), Math.abs(v.hi()));
                double n = Math.max(2 * m, m + 4);
                w.put(e.getKey(), new Var(v.type(), -n, n, v.active(), v.kind(), v.len(), v.cols()));
            } else if (v.type() == T.IARR && v.kind() == Kind.LOCAL) {
                w.put(e.getKey(), new Var(v.type(), v.lo() - 8, v.hi() + 8, v.active(), v.kind(), v.len(), v.cols()));
            } else {
                w.put(e.getKey(), v);
            }
        }
        return w;
    }

    String label() {
        if (!on(Feature.LABELS) || r.nextInt(4) != 0) {
            return null;
        }
        for (String l : LABELS) {
            if (!loopLabels.contains(l)) {
                return l;
            }
        }
        return "l" + (labelCounter++);
    }

    /**
     * A block of about n statements generated in {@code start}; with {@code terminal}, it may end with
     * break/continue (in a loop) or return.
     */
    List<Stmt> block(int n, int b, Map<String, Var> start, boolean terminal) {
        Map<String, Var> saved = env;
        env = new LinkedHashMap<>(start);
        depth++;
        List<Stmt> out = new ArrayList<>();
        try {
            for (int k = 0; k < n; k++) {
                Stmt s = stmt(Math.max(2, b - 1));
                if (s != null) {
                    out.add(s);
                }
            }
            if (terminal) {
                Stmt t = terminal(b);
                if (t != null) {
                    out.add(t);
                }
            }
        } finally {
            env = saved;
            depth--;
        }
        return out;
    }

    Stmt terminal(int b) {
        int k = r.nextInt(10);
        if (loopDepth > 0 && k < 4 && (on(Feature.BREAK) || on(Feature.CONTINUE))) {
            String kind = on(Feature.BREAK) && (!on(Feature.CONTINUE) || r.nextBoolean()) ? "break" : "continue";
            String label = null;
            List<String> named = loopLabels.stream().filter(l -> !l.isEmpty()).toList();
            if (on(Feature.LABELS) && !named.isEmpty() && r.nextInt(3) > 0) {
                label = pick(named);
            }
            if (inSwitchBody && kind.equals("break") && label == null) {
                return null; // it would leave the switch, not the loop
            }
            return new Ast.Jump(kind, label);
        }
        if (k < 6 && on(Feature.EARLY_RETURN)) {
            try {
                return new Ast.Return(num(Math.max(2, b / 2)));
            } catch (Invalid e) {
                return null;
            }
        }
        return null;
    }

    /** The body of a loop whose loop variables are already in {@code start}. */
    List<Stmt> loopBody(String label, Map<String, Var> start, int b) {
        boolean savedSwitch = inSwitchBody;
        inSwitchBody = false;
        try {
            return loopBodyOutsideSwitch(label, start, b);
        } finally {
            inSwitchBody = savedSwitch;
        }
    }

    List<Stmt> loopBodyOutsideSwitch(String label, Map<String, Var> start, int b) {
        loopDepth++;
        loopLabels.push(label == null ? "" : label);
        an.enterLoop(label);
        try {
            List<Stmt> body = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            Map<String, Var> saved = env;
            env = new LinkedHashMap<>(start);
            depth++;
            try {
                for (int k = 0; k < n; k++) {
                    Stmt s = r.nextInt(4) == 0 && depth < 3 ? stmtOf(() -> ifWithJump(b)) : stmt(Math.max(2, b - 1));
                    if (s != null) {
                        body.add(s);
                    }
                }
                if (r.nextInt(12) == 0) {
                    Stmt t = terminal(b);
                    if (t instanceof Ast.Jump) {
                        body.add(t);
                    }
                }
            } finally {
                env = saved;
                depth--;
            }
            return body;
        } finally {
            an.exitLoop();
            loopLabels.pop();
            loopDepth--;
        }
    }

    /** {@code if (cond) { ...; break/continue/return; }} */
    Stmt ifWithJump(int b) {
        Expr c = bool(Math.max(2, b / 3));
        List<Stmt> then = block(r.nextInt(2), b, env, true);
        if (then.isEmpty()) {
            then = block(1, b, env, false);
        }
        return new Ast.If(c, then, List.of());
    }

    Expr loopBound() {
        List<Expr> out = new ArrayList<>();
        out.add(intLitOf(1 + r.nextInt(5)));
        for (String a : vars(T.DARR, false, false)) {
            out.add(new Ast.Len(a, false));
        }
        for (String a : vars(T.DARR2, false, false)) {
            out.add(new Ast.Len(a, r.nextBoolean()));
        }
        for (String a : vars(T.IARR, false, false)) {
            out.add(new Ast.Len(a, false));
        }
        for (Map.Entry<String, Var> e : env.entrySet()) {
            if (e.getValue().type() == T.INT && e.getValue().kind() == Kind.PARAM) {
                out.add(new Ref(e.getKey()));
            }
        }
        if (on(Feature.CONSTANTS)) {
            out.add(new Ref("N0"));
        }
        if (on(Feature.CASTS) && r.nextInt(4) == 0) {
            out.add(new Binary("+", new Cast(T.INT, bounded(num(3), 3.0)), intLitOf(r.nextInt(3))));
        }
        return pick(out);
    }

    Stmt forStmt(int b) {
        String var = fresh(COUNTERS);
        String label = label();
        int form = r.nextInt(6);
        Expr init;
        String cmp;
        Expr bound;
        int step;
        Expr extra = null;
        switch (form) {
            case 0, 1 -> {
                init = r.nextInt(4) == 0 ? intLitOf(1) : intLitOf(0);
                cmp = "<";
                bound = loopBound();
                step = 1;
            }
            case 2 -> {
                init = intLitOf(0);
                cmp = "<=";
                bound = r.nextBoolean() ? intLitOf(r.nextInt(5)) : new Binary("-", loopBound(), intLitOf(1));
                step = 1;
            }
            case 3 -> {
                init = r.nextBoolean() ? intLitOf(1 + r.nextInt(4)) : new Binary("-", loopBound(), intLitOf(1));
                cmp = r.nextBoolean() ? ">=" : ">";
                bound = cmp.equals(">=") ? intLitOf(0) : new Unary("-", intLitOf(1));
                step = -1;
            }
            case 4 -> {
                init = intLitOf(r.nextInt(2));
                cmp = r.nextBoolean() ? "<" : "<=";
                bound = loopBound();
                step = 2;
            }
            default -> {
                init = intLitOf(0);
                cmp = "<";
                bound = loopBound();
                step = 1;
                if (on(Feature.LOOP_EXTRA_CONDITION)) {
                    extra = bool(2);
                }
            }
        }
        if (form == 3 && r.nextInt(3) == 0) {
            step = -2;
        }
        Info ii = info(init);
        Info bi = info(bound);
        if (ii.type() != T.INT || bi.type() != T.INT) {
            throw new Invalid("for bounds");
        }
        double[] range = Analyzer.counterRange(ii, bi, cmp, step);
        Map<String, Var> start = widened();
        start.put(var, new Var(T.INT, range[0], range[1], false, Kind.COUNTER));
        if (extra == null && step > 0 && on(Feature.LOOP_EXTRA_CONDITION) && r.nextInt(6) == 0) {
            // conditions on the counter itself: i + 1 < v.length, 2 * i <= n, i != 2
            Map<String, Var> saved = env;
            env = start;
            try {
                extra = switch (r.nextInt(3)) {
                    case 0 -> new Binary("<", new Binary("+", new Ref(var), intLitOf(1)), loopBound());
                    case 1 -> new Binary("<=", new Binary("*", intLitOf(2), new Ref(var)), loopBound());
                    default -> new Binary("!=", new Ref(var), intLitOf(r.nextInt(3)));
                };
            } finally {
                env = saved;
            }
        }
        List<Stmt> body = loopBody(label, start, b);
        return new Ast.For(label, var, init, cmp, bound, step, r.nextInt(4), extra, body);
    }

    Stmt forEachStmt(int b) {
        List<String[]> opts = new ArrayList<>();
        for (String a : vars(T.DARR, false, false)) {
            opts.add(new String[] {a, "D"});
        }
        for (String a : vars(T.DARR2, false, false)) {
            opts.add(new String[] {a, "M"});
        }
        for (String a : vars(T.IARR, false, false)) {
            opts.add(new String[] {a, "I"});
        }
        if (opts.isEmpty()) {
            return on(Feature.FOR) ? forStmt(b) : null;
        }
        String[] o = pick(opts);
        String label = label();
        Map<String, Var> start = widened();
        Var arr = env.get(o[0]);
        T elem;
        String var;
        switch (o[1]) {
            case "D" -> {
                elem = T.DOUBLE;
                var = fresh(ELEMS);
                start.put(var, new Var(T.DOUBLE, arr.lo(), arr.hi(), arr.active(), Kind.COUNTER));
            }
            case "M" -> {
                elem = T.DARR;
                var = fresh(ROWS);
                start.put(var, new Var(T.DARR, arr.lo(), arr.hi(), arr.active(), Kind.ROW, arr.rowLength(), 0));
            }
            default -> {
                elem = T.INT;
                var = fresh(IELEMS);
                start.put(var, new Var(T.INT, arr.lo(), arr.hi(), false, Kind.COUNTER));
            }
        }
        List<Stmt> body = loopBody(label, start, b);
        return new Ast.ForEach(label, elem, var, o[0], body);
    }

    Stmt whileStmt(int b) {
        String counter = fresh(WHILE_COUNTERS);
        String label = label();
        boolean doWhile = on(Feature.DO_WHILE) && (!on(Feature.WHILE) || r.nextInt(3) == 0);
        int max = 1 + r.nextInt(5);
        Map<String, Var> start = widened();
        start.put(counter, new Var(T.INT, 0, max, false, Kind.COUNTER));
        Expr cond = null;
        if (r.nextInt(3) > 0) {
            Map<String, Var> saved = env;
            env = start;
            try {
                cond = bool(3);
            } finally {
                env = saved;
            }
        }
        List<Stmt> body = loopBody(label, start, b);
        return new Ast.While(label, doWhile, counter, max, cond, body);
    }
}
