package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cast;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Incr;
import dev.adjoint.processor.fuzz.Ast.Index;
import dev.adjoint.processor.fuzz.Ast.Index2;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Ast.Unary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random {@code @Differentiable} methods, straight-line or with control flow. Expressions are built bottom-up; every
 * node is checked by the {@link Analyzer}, and arguments of functions with restricted domains are
 * wrapped so the analyzer can prove them safe (log of {@code 1 + e * e} or {@code Math.exp(..)},
 * asin of {@code 0.9 * Math.tanh(e)}, division by {@code 1.5 + e * e}, ...). Values are kept
 * moderate by squashing anything whose interval grows past {@link #SOFT_MAG}.
 *
 * <p>Control flow (about 60% of methods when its features are on): {@code if}/{@code else if}/
 * {@code else}, counted {@code for} loops, enhanced {@code for}, {@code while} and
 * {@code do ... while} bounded by their own counter, nested up to two levels, with {@code break},
 * {@code continue} (labelled or not) and {@code return} as the last statement of an if branch.
 * Every loop terminates: for loops count an int that the body never writes towards a bound the
 * body never changes, at most {@link Analyzer#MAX_TRIPS} times; while loops test their counter.
 * Values stay bounded: a loop body is generated against widened intervals of the variables it may
 * carry, and its assignments to them are contractive or bounded increments ({@code a = tanh(..)},
 * {@code a = 0.5 * a + ..}, {@code s += 1.5 * sin(..)}, {@code a *= cos(..)}, {@code a /= 1.5 + e * e});
 * the whole loop is then checked by the analyzer, which iterates the body's intervals.
 */
final class Generator {
    static final double SOFT_MAG = 50;

    private static final String[] DOUBLE_PARAMS = {"x", "y", "z", "w"};
    private static final String[] DOUBLE_LOCALS = {"a", "b", "c", "d", "e", "f", "g", "p", "q", "r", "s", "t", "u"};
    private static final String[] INT_LOCALS = {"k", "j", "kk", "jj", "idx"};
    private static final String[] BOOL_LOCALS = {"flag", "big", "ok"};
    private static final String[] DOUBLE_LITERALS = {
        "0.5", "1.5", "2.0", "0.25", "3.0", "0.1", "0.75", "2.5", ".5", "1.0", "1e-1", "4.0", "0.3", "1.25e0", "2."
    };
    private static final List<String> UNARY_FNS = List.of(
            "sin",
            "cos",
            "tan",
            "asin",
            "acos",
            "atan",
            "sinh",
            "cosh",
            "tanh",
            "exp",
            "expm1",
            "log",
            "log1p",
            "log10",
            "sqrt",
            "cbrt",
            "abs",
            "floor",
            "ceil",
            "rint",
            "signum",
            "round",
            "toRadians",
            "toDegrees");
    private static final List<String> MULTI_FNS = List.of("atan2", "hypot", "max", "min", "pow", "fma");

    private final Random r;
    private final Set<String> ex;
    private final Analyzer an;
    private Map<String, Var> env;
    private int localCounter;
    /** Whether this method may use control flow, and how deeply statements / loops are nested now. */
    private boolean cf;

    private int depth;
    private int loopDepth;
    /** Labels of the loops around the statement being generated ("" for unlabelled ones), innermost first. */
    private final Deque<String> loopLabels = new ArrayDeque<>();

    private int labelCounter;

    Generator(Random r, Set<String> excluded, Analyzer an) {
        this.r = r;
        this.ex = excluded;
        this.an = an;
    }

    private boolean on(Feature f) {
        return !ex.contains(f.name());
    }

    private boolean fnOn(String fn) {
        return !ex.contains(fn);
    }

    // ---------------------------------------------------------------- methods

    /** A random valid method; {@code size} scales statement count and expression budgets. */
    Method method(String name, int size) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Method m = tryMethod(name, size);
                if (!an.method(m).active() && attempt < 15) {
                    continue; // want results that depend on the inputs
                }
                return m;
            } catch (Invalid e) {
                // try again
            }
        }
        return new Method(name, List.of(new Param(T.DOUBLE, "x")), List.of(), new Ref("x"));
    }

    private Method tryMethod(String name, int size) {
        List<Param> ps = new ArrayList<>();
        int nd = r.nextInt(3) + (r.nextInt(8) == 0 ? 0 : 1);
        for (int i = 0; i < nd; i++) {
            ps.add(new Param(T.DOUBLE, DOUBLE_PARAMS[i]));
        }
        if (on(Feature.ARRAYS) && (r.nextInt(10) < 3 || nd == 0)) {
            ps.add(new Param(T.DARR, "v"));
            if (r.nextInt(4) == 0) {
                ps.add(new Param(T.DARR, "u"));
            }
        }
        if (on(Feature.MATRICES) && (r.nextInt(12) == 0 || ps.isEmpty())) {
            ps.add(new Param(T.DARR2, "m"));
        }
        if (ps.isEmpty()) {
            ps.add(new Param(T.DOUBLE, "x"));
        }
        if (on(Feature.INT_PARAMS) && r.nextInt(10) < 4) {
            ps.add(new Param(T.INT, "i"));
            if (r.nextInt(3) == 0) {
                ps.add(new Param(T.INT, "n"));
            }
        }
        if (on(Feature.INT_ARRAYS) && r.nextInt(8) == 0) {
            ps.add(new Param(T.IARR, "idx"));
        }
        Collections.shuffle(ps, r);
        List<String> wrt = new ArrayList<>();
        List<String> floating = ps.stream()
                .filter(p -> p.type() == T.DOUBLE || p.type() == T.DARR || p.type() == T.DARR2)
                .map(Param::name)
                .toList();
        if (on(Feature.WRT) && !floating.isEmpty() && r.nextInt(6) == 0) {
            for (String f : floating) {
                if (r.nextBoolean()) {
                    wrt.add(f);
                }
            }
            if (wrt.isEmpty()) {
                wrt.add(pick(floating));
            }
        }
        Method shell = new Method(name, ps, List.of(), new Lit(T.DOUBLE, "0.0", 0), wrt);
        env = Analyzer.paramEnv(shell);
        localCounter = 0;
        depth = 0;
        loopDepth = 0;
        loopLabels.clear();
        cf = Feature.CONTROL_FLOW.stream().anyMatch(this::on) && r.nextInt(10) < 6;
        List<Stmt> body = new ArrayList<>();
        if (cf && on(Feature.FOR) && r.nextInt(3) == 0) {
            arrayIdiom(body, Math.max(3, size / 2));
        }
        if (cf && on(Feature.FOR) && on(Feature.LOCAL_ARRAYS) && on(Feature.SWAPPED_BUFFERS) && r.nextInt(4) == 0) {
            swapIdiom(body, Math.max(3, size / 2));
        }
        if (on(Feature.LOCALS)) {
            int n = r.nextInt(size / 3 + 2);
            for (int k = 0; k < n; k++) {
                Stmt s = stmt(2 + r.nextInt(Math.max(2, size / 2)));
                if (s != null) {
                    body.add(s);
                }
            }
        }
        if (cf && !Ast.hasControlFlow(body) && r.nextInt(3) > 0) {
            Stmt s = stmtOf(() -> compound(3 + r.nextInt(Math.max(2, size / 2))));
            if (s != null) {
                body.add(s);
            }
        }
        Expr ret = num(2 + r.nextInt(Math.max(2, size)));
        return new Method(name, ps, body, ret, wrt);
    }

    // ---------------------------------------------------------------- statements

    private Stmt stmt(int b) {
        return stmtOf(() -> stmtRaw(b));
    }

    /** A statement from {@code gen} that the analyzer accepts in the current environment, which it then updates. */
    private Stmt stmtOf(java.util.function.Supplier<Stmt> gen) {
        for (int attempt = 0; attempt < 6; attempt++) {
            try {
                Stmt s = gen.get();
                if (s == null) {
                    continue;
                }
                Map<String, Var> next = new LinkedHashMap<>(env);
                an.stmt(s, next);
                for (Var v : next.values()) {
                    if (v.type() != T.BOOLEAN
                            && v.kind() != Kind.CONST
                            && Math.max(Math.abs(v.lo()), Math.abs(v.hi())) > 1000) {
                        throw new Invalid("local grows too large");
                    }
                }
                env = next;
                return s;
            } catch (Invalid e) {
                // try another statement
            }
        }
        return null;
    }

    private List<String> vars(T type, boolean localsOnly, boolean writable) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            Var v = e.getValue();
            if (v.type() != type || v.kind() == Kind.CONST) {
                continue;
            }
            if (writable
                    && (v.kind() == Kind.COUNTER
                            || v.kind() == Kind.ROW
                            || (v.kind() == Kind.PARAM && !on(Feature.PARAM_ASSIGN)))) {
                continue;
            }
            if (localsOnly && v.kind() == Kind.PARAM) {
                continue;
            }
            out.add(e.getKey());
        }
        return out;
    }

    // ---------------------------------------------------------------- control flow

    private static final String[] COUNTERS = {"i", "j", "l", "ii", "jj", "ll"};
    private static final String[] ELEMS = {"val", "elem", "xi", "vk"};
    private static final String[] ROWS = {"row", "rw"};
    private static final String[] IELEMS = {"q", "qq"};
    private static final String[] WHILE_COUNTERS = {"it", "steps", "it2", "it3"};
    private static final String[] LABELS = {"outer", "scan", "loop", "inner"};

    /** A random if, loop or (rarely) nested combination, with budget b. */
    private Stmt compound(int b) {
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

    private Ast.If ifStmt(int b, int chain) {
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
    private boolean inSwitchBody;

    /** A switch statement on a small int: 1 to 3 labelled groups, often a default, anywhere. */
    private Stmt switchStmt(int b) {
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
        return new Switches.Statement(intExpr(3), groups, arrow);
    }

    /** {@code n} disjoint non-empty sets of labels in 0..4 (the int parameters are 0..2). */
    private List<List<Integer>> labels(int n) {
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
    private Expr switchExpr(java.util.function.Supplier<Expr> value) {
        int n = 1 + r.nextInt(3);
        List<List<Integer>> labels = labels(n);
        List<Expr> values = new ArrayList<>();
        for (int k = 0; k <= n; k++) values.add(value.get());
        return new Switches.Expression(intExpr(3), labels, values, r.nextBoolean());
    }

    private static boolean endsAbruptly(List<Stmt> block) {
        return !block.isEmpty()
                && (block.get(block.size() - 1) instanceof Ast.Jump
                        || block.get(block.size() - 1) instanceof Ast.Return);
    }

    /** Variables a loop body may carry, with intervals widened so that the body's expressions stay safe as they change. */
    private Map<String, Var> widened() {
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

    private String label() {
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
    private List<Stmt> block(int n, int b, Map<String, Var> start, boolean terminal) {
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

    private Stmt terminal(int b) {
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
    private List<Stmt> loopBody(String label, Map<String, Var> start, int b) {
        boolean savedSwitch = inSwitchBody;
        inSwitchBody = false;
        try {
            return loopBodyOutsideSwitch(label, start, b);
        } finally {
            inSwitchBody = savedSwitch;
        }
    }

    private List<Stmt> loopBodyOutsideSwitch(String label, Map<String, Var> start, int b) {
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
    private Stmt ifWithJump(int b) {
        Expr c = bool(Math.max(2, b / 3));
        List<Stmt> then = block(r.nextInt(2), b, env, true);
        if (then.isEmpty()) {
            then = block(1, b, env, false);
        }
        return new Ast.If(c, then, List.of());
    }

    private Expr loopBound() {
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

    private Stmt forStmt(int b) {
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

    private Stmt forEachStmt(int b) {
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

    private Stmt whileStmt(int b) {
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

    private String fresh(String[] names) {
        for (String n : names) {
            if (!env.containsKey(n)) {
                return n;
            }
        }
        return names[0] + (localCounter++);
    }

    private Stmt stmtRaw(int b) {
        if (cf && depth < 3 && r.nextInt(100) < (depth == 0 ? 25 : 12)) {
            Stmt c = compound(b);
            if (c != null) {
                return c;
            }
        }
        if (r.nextInt(100) < 12) {
            Stmt a = arrayStmt(b);
            if (a != null) {
                return a;
            }
        }
        int k = r.nextInt(100);
        List<String> dl = vars(T.DOUBLE, false, true);
        List<String> il = vars(T.INT, false, true);
        if (loopDepth > 0 && k >= 55 && k < 92) {
            return loopAssign(b, dl, il);
        }
        if (k < 40 || dl.isEmpty() && k < 60) {
            String kw = on(Feature.VAR) && r.nextInt(3) == 0 ? "var" : "double";
            return new Decl(kw, fresh(DOUBLE_LOCALS), num(b));
        }
        if (k < 50) {
            String kw = on(Feature.VAR) && r.nextInt(3) == 0 ? "var" : "int";
            return new Decl(kw, fresh(INT_LOCALS), intExpr(Math.min(b, 4)));
        }
        if (k < 52 && on(Feature.LONG_CASTS)) {
            return new Decl(
                    r.nextBoolean() ? "long" : "var",
                    fresh(new String[] {"ll", "lm"}),
                    new Cast(T.LONG, bounded(num(Math.min(b, 4)), 20.0)));
        }
        if (k < 55 && on(Feature.BOOLEAN_LOCALS)) {
            String kw = on(Feature.VAR) && r.nextInt(3) == 0 ? "var" : "boolean";
            return new Decl(kw, fresh(BOOL_LOCALS), bool(Math.min(b, 5)));
        }
        if (k < 68 && on(Feature.REASSIGN) && !dl.isEmpty()) {
            return new Assign(pick(dl), "=", num(b));
        }
        if (k < 85 && on(Feature.COMPOUND) && !dl.isEmpty()) {
            String target = pick(dl);
            String op = pick(
                    on(Feature.REMAINDER) ? List.of("+=", "-=", "*=", "/=", "%=") : List.of("+=", "-=", "*=", "/="));
            Expr v = switch (op) {
                case "*=" -> bounded(num(b), 2.0);
                case "/=" -> denominator(b);
                case "%=" -> dlit(pick(List.of("0.75", "1.5", "2.0")));
                default -> num(b);
            };
            return new Assign(target, op, v);
        }
        if (k < 92 && on(Feature.COMPOUND) && !il.isEmpty()) {
            String target = pick(il);
            if (on(Feature.INT_COMPOUND_DOUBLE) && r.nextInt(4) == 0) {
                return new Assign(target, pick(List.of("+=", "-=")), bounded(num(b), 3.0));
            }
            String op = pick(List.of("+=", "-=", "*="));
            return new Assign(target, op, op.equals("*=") ? intLit(3) : intExpr(3));
        }
        if (on(Feature.INCREMENT) && (!dl.isEmpty() || !il.isEmpty())) {
            List<String> all = new ArrayList<>(dl);
            all.addAll(il);
            return new Incr(pick(all), r.nextBoolean() ? "++" : "--");
        }
        return null;
    }

    private static final String[] ARRAY_LOCALS = {"buf", "acc", "tmp", "w2"};
    private static final String[] IARRAY_LOCALS = {"perm", "cnt"};
    private static final String[] MATRIX_LOCALS = {"grid", "mm"};

    /** Writable arrays: locals, and differentiated parameters when in-place writes are on. */
    private List<String> writableArrays() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            Var v = e.getValue();
            if (!v.array()) {
                continue;
            }
            if (v.kind() == Kind.LOCAL
                    || (v.kind() == Kind.PARAM
                            && v.active()
                            && v.type() != T.IARR
                            && on(Feature.PARAM_ARRAY_WRITES)
                            && on(Feature.PARAM_ASSIGN))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** A local array declaration or an element write. */
    private Stmt arrayStmt(int b) {
        long locals = env.values().stream()
                .filter(v -> v.array() && v.kind() == Kind.LOCAL)
                .count();
        if (on(Feature.LOCAL_ARRAYS) && locals < 3 && r.nextInt(3) == 0) {
            int k = r.nextInt(10);
            if (k < 4) {
                return new Decl(
                        r.nextInt(3) == 0 ? "var" : "double[]",
                        fresh(ARRAY_LOCALS),
                        new Ast.NewArr(T.DOUBLE, arrayLength(), null));
            }
            if (k < 5) {
                return new Decl(
                        r.nextInt(3) == 0 ? "var" : "int[]",
                        fresh(IARRAY_LOCALS),
                        new Ast.NewArr(T.INT, arrayLength(), null));
            }
            if (k < 6) {
                return new Decl(
                        r.nextInt(3) == 0 ? "var" : "double[][]",
                        fresh(MATRIX_LOCALS),
                        new Ast.NewArr(T.DOUBLE, intLitOf(1 + r.nextInt(3)), intLitOf(1 + r.nextInt(3))));
            }
            if (on(Feature.ARRAY_INIT)) {
                List<String> src = new ArrayList<>(vars(T.DARR, false, false));
                src.removeIf(a -> env.get(a).kind() == Kind.ROW);
                if (k < 8 && !src.isEmpty()) {
                    return new Decl(
                            r.nextBoolean() ? "var" : "double[]", fresh(ARRAY_LOCALS), new Ast.Clone(pick(src)));
                }
                List<Expr> el = new ArrayList<>();
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    el.add(num(Math.max(2, b / n)));
                }
                return new Decl("double[]", fresh(ARRAY_LOCALS), new Ast.ArrInit(el));
            }
        }
        List<String> wa = writableArrays();
        if (wa.isEmpty()) {
            return null;
        }
        String a = pick(wa);
        Var v = env.get(a);
        Expr i = index(v.length());
        Expr j = v.type() == T.DARR2 ? index(v.rowLength()) : null;
        if (v.type() == T.IARR) {
            return new Ast.ArrAssign(a, i, j, r.nextInt(3) == 0 ? "+=" : "=", intExpr(3));
        }
        int k = r.nextInt(8);
        if (loopDepth > 0) {
            return switch (k) {
                case 0, 1, 2 ->
                    new Ast.ArrAssign(a, i, j, "=", r.nextBoolean() ? squash(num(b)) : bounded(num(b), 2.0));
                case 3, 4, 5 -> new Ast.ArrAssign(a, i, j, pick(List.of("+=", "-=")), bounded(num(b), 1.5));
                default -> new Ast.ArrAssign(a, i, j, "*=", bounded(num(b), 1.0));
            };
        }
        return switch (k) {
            case 0, 1, 2, 3 -> new Ast.ArrAssign(a, i, j, "=", num(b));
            case 4, 5 -> new Ast.ArrAssign(a, i, j, pick(List.of("+=", "-=")), num(b));
            default -> new Ast.ArrAssign(a, i, j, "*=", bounded(num(b), 2.0));
        };
    }

    /**
     * An array filled by a loop and (later, through ordinary reads) used: a new local array or a
     * differentiated parameter updated in place, {@code for (int i = s; i < a.length; i++) a[i] = ..;}
     * where the value may read {@code a[i - 1]} (a recurrence).
     */
    private void arrayIdiom(List<Stmt> body, int b) {
        String name = null;
        if (on(Feature.LOCAL_ARRAYS) && (r.nextBoolean() || !on(Feature.PARAM_ARRAY_WRITES))) {
            String n = fresh(ARRAY_LOCALS);
            Stmt d = stmtOf(() -> new Decl("double[]", n, new Ast.NewArr(T.DOUBLE, arrayLength(), null)));
            if (d == null) {
                return;
            }
            body.add(d);
            name = n;
        } else {
            List<String> wa = writableArrays();
            wa.removeIf(a -> env.get(a).type() != T.DARR);
            if (wa.isEmpty()) {
                return;
            }
            name = pick(wa);
        }
        String a = name;
        Stmt fill = stmtOf(() -> {
            String var = fresh(COUNTERS);
            boolean rec = r.nextBoolean();
            int len = env.get(a).length();
            if (rec && len < 2) {
                rec = false;
            }
            Map<String, Var> start = widened();
            start.put(var, new Var(T.INT, rec ? 1 : 0, len - 1, false, Kind.COUNTER));
            Map<String, Var> saved = env;
            env = start;
            loopDepth++;
            loopLabels.push("");
            an.enterLoop(null);
            Expr value;
            try {
                Expr v = bounded(num(b), 2.0);
                value = rec
                        ? new Binary(
                                "+",
                                new Binary(
                                        "*",
                                        dlit(pick(List.of("0.5", "0.9", "-0.75"))),
                                        new Index(a, new Binary("-", new Ref(var), intLitOf(1)))),
                                v)
                        : v;
            } finally {
                an.exitLoop();
                loopLabels.pop();
                loopDepth--;
                env = saved;
            }
            List<Stmt> fb = new ArrayList<>();
            fb.add(new Ast.ArrAssign(a, new Ref(var), null, "=", value));
            return new Ast.For(null, var, intLitOf(rec ? 1 : 0), "<", new Ast.Len(a, false), 1, r.nextInt(4), null, fb);
        });
        if (fill != null) {
            body.add(fill);
            Stmt again = r.nextInt(3) > 0 ? stmtOf(() -> secondPass(a, ((Ast.For) fill).init(), b)) : null;
            if (again != null) {
                body.add(again);
            }
            if (r.nextBoolean()) {
                Stmt triangle = stmtOf(() -> triangle(a, b));
                if (triangle != null) {
                    body.add(triangle);
                }
            }
        }
    }

    /**
     * Swapped buffers, as an explicit solver is written: two local arrays of one length, and a loop
     * whose body computes one from the other and then swaps them ({@code double[] t = u; u = v;
     * v = t;}), so that after the loop either may hold the last state.
     */
    private void swapIdiom(List<Stmt> body, int b) {
        String u = fresh(ARRAY_LOCALS);
        Expr len = intLitOf(1 + r.nextInt(5));
        Stmt du = stmtOf(() -> new Decl("double[]", u, new Ast.NewArr(T.DOUBLE, len, null)));
        if (du == null) {
            return;
        }
        body.add(du);
        String v = fresh(ARRAY_LOCALS);
        Stmt dv = stmtOf(() -> new Decl("double[]", v, new Ast.NewArr(T.DOUBLE, len, null)));
        if (dv == null) {
            return;
        }
        body.add(dv);
        Stmt loop = stmtOf(() -> {
            String step = fresh(COUNTERS);
            int trips = 1 + r.nextInt(4);
            int n = env.get(u).length();
            Map<String, Var> saved = env;
            env = widened();
            env.put(step, new Var(T.INT, 0, trips - 1, false, Kind.COUNTER));
            String i = fresh(COUNTERS);
            env.put(i, new Var(T.INT, 0, n - 1, false, Kind.COUNTER));
            String t = fresh(ARRAY_LOCALS);
            loopDepth += 2;
            loopLabels.push("");
            loopLabels.push("");
            an.enterLoop(null);
            an.enterLoop(null);
            Expr value;
            try {
                Expr mirror = new Binary("-", new Binary("-", new Ast.Len(u, false), intLitOf(1)), new Ref(i));
                value = new Binary(
                        "+",
                        new Binary(
                                "+",
                                new Binary("*", dlit("0.5"), new Index(u, new Ref(i))),
                                new Binary("*", dlit("0.25"), new Index(u, mirror))),
                        bounded(num(b), 1.0));
            } finally {
                an.exitLoop();
                an.exitLoop();
                loopLabels.pop();
                loopLabels.pop();
                loopDepth -= 2;
                env = saved;
            }
            List<Stmt> inner = List.of(new Ast.ArrAssign(v, new Ref(i), null, "=", value));
            List<Stmt> steps = List.of(
                    new Ast.For(null, i, intLitOf(0), "<", new Ast.Len(v, false), 1, r.nextInt(4), null, inner),
                    new Decl("double[]", t, new Ref(u)),
                    new Assign(u, "=", new Ref(v)),
                    new Assign(v, "=", new Ref(t)));
            return new Ast.For(null, step, intLitOf(0), "<", intLitOf(trips), 1, r.nextInt(4), null, steps);
        });
        if (loop != null) {
            body.add(loop);
            // after the loop each name is a choice of the two arrays: read, never written (API.md)
            for (String a : List.of(u, v)) {
                Var x = env.get(a);
                env.put(a, new Var(x.type(), x.lo(), x.hi(), x.active(), Kind.ROW, x.len(), x.cols()));
            }
        }
    }

    /**
     * A second loop over the fill's range, {@code a[i] = 0.5 * a[i] + v}: fused with the fill when
     * {@code v} reads {@code a} only at {@code i} (then {@code a[i]} is the value just stored), kept
     * apart otherwise.
     */
    private Stmt secondPass(String a, Expr start, int b) {
        Map<String, Var> saved = env;
        String var = fresh(COUNTERS);
        int len = env.get(a).length();
        try {
            env = widened();
            env.put(var, new Var(T.INT, 0, len - 1, false, Kind.COUNTER));
            loopDepth++;
            loopLabels.push("");
            an.enterLoop(null);
            Expr value;
            try {
                value = new Binary(
                        "+",
                        new Binary("*", dlit("0.5"), new Index(a, new Ref(var))),
                        bounded(num(Math.min(b, 3)), 2.0));
            } finally {
                an.exitLoop();
                loopLabels.pop();
                loopDepth--;
            }
            List<Stmt> body = List.of(new Ast.ArrAssign(a, new Ref(var), null, "=", value));
            return new Ast.For(null, var, start, "<", new Ast.Len(a, false), 1, r.nextInt(4), null, body);
        } finally {
            env = saved;
        }
    }

    /**
     * GMM's triangle over {@code a}: {@code for (i…) for (j = i + 1; j < a.length; j++) a[j] = a[j]
     * + v * src[i];}. {@code src[i]} is the same in every {@code j} iteration, so it is read before
     * the {@code j} loop (which does not run for the last {@code i}), unless {@code src} is {@code a},
     * which the loop writes, or {@code v} calls a method.
     */
    private Stmt triangle(String a, int b) {
        int len = env.get(a).length();
        List<String> sources = new ArrayList<>(vars(T.DARR, false, false));
        sources.removeIf(n -> env.get(n).length() < len);
        if (len < 2 || sources.isEmpty()) {
            return null;
        }
        String src = pick(sources);
        Map<String, Var> saved = env;
        String i = fresh(COUNTERS);
        Expr value;
        try {
            env = widened();
            env.put(i, new Var(T.INT, 0, len - 1, false, Kind.COUNTER));
            String j = fresh(COUNTERS);
            env = widened();
            env.put(j, new Var(T.INT, 1, len - 1, false, Kind.COUNTER));
            loopDepth += 2;
            loopLabels.push("");
            loopLabels.push("");
            an.enterLoop(null);
            an.enterLoop(null);
            try {
                value = new Binary(
                        "+",
                        new Index(a, new Ref(j)),
                        new Binary("*", bounded(num(b), 0.5), new Index(src, new Ref(i))));
            } finally {
                an.exitLoop();
                an.exitLoop();
                loopLabels.pop();
                loopLabels.pop();
                loopDepth -= 2;
            }
            Stmt inner = new Ast.For(
                    null,
                    j,
                    new Binary("+", new Ref(i), intLitOf(1)),
                    "<",
                    new Ast.Len(a, false),
                    1,
                    r.nextInt(4),
                    null,
                    List.of(new Ast.ArrAssign(a, new Ref(j), null, "=", value)));
            return new Ast.For(null, i, intLitOf(0), "<", new Ast.Len(a, false), 1, r.nextInt(4), null, List.of(inner));
        } finally {
            env = saved;
        }
    }

    private Expr arrayLength() {
        List<Expr> out = new ArrayList<>();
        out.add(intLitOf(1 + r.nextInt(5)));
        for (String a : vars(T.DARR, false, false)) {
            out.add(new Ast.Len(a, false));
        }
        if (on(Feature.CONSTANTS)) {
            out.add(new Ref("N0"));
        }
        return pick(out);
    }

    /** An assignment inside a loop body: contractive, or a bounded increment, so carried values stay bounded. */
    private Stmt loopAssign(int b, List<String> dl, List<String> il) {
        if (dl.isEmpty() || (!il.isEmpty() && r.nextInt(5) == 0)) {
            if (il.isEmpty() || !on(Feature.COMPOUND)) {
                return null;
            }
            return new Assign(pick(il), pick(List.of("+=", "-=")), intLitOf(1 + r.nextInt(2)));
        }
        String t = pick(dl);
        int k = r.nextInt(6);
        if (k == 0 && on(Feature.REASSIGN)) {
            return new Assign(t, "=", squash(num(b)));
        }
        if (k == 1 && on(Feature.REASSIGN)) {
            return new Assign(
                    t,
                    "=",
                    new Binary(
                            "+",
                            new Binary("*", dlit(pick(List.of("0.5", "0.25", "0.75"))), new Ref(t)),
                            bounded(num(b), 1.0)));
        }
        if (!on(Feature.COMPOUND)) {
            return null;
        }
        return switch (k) {
            case 2, 3 -> new Assign(t, pick(List.of("+=", "-=")), bounded(num(b), 1.5));
            case 4 -> new Assign(t, "*=", bounded(num(b), 1.0));
            default -> {
                Expr e = bounded(num(b), 2.0);
                yield new Assign(t, "/=", new Binary("+", dlit("1.5"), new Binary("*", e, e)));
            }
        };
    }

    // ---------------------------------------------------------------- expressions

    private Info info(Expr e) {
        return an.expr(e, env);
    }

    private <X> X pick(List<X> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    private String owner() {
        return on(Feature.STRICT_MATH) && r.nextInt(5) == 0 ? "StrictMath" : "Math";
    }

    private static Lit dlit(String text) {
        return new Lit(T.DOUBLE, text, Double.parseDouble(text));
    }

    private static Lit intLitOf(int v) {
        return new Lit(T.INT, Integer.toString(v), v);
    }

    private Lit intLit(int maxInclusive) {
        return intLitOf(r.nextInt(maxInclusive + 1));
    }

    /** Int and long literals in unusual spellings. */
    private Lit oddIntLit() {
        return switch (r.nextInt(5)) {
            case 0 -> new Lit(T.INT, "0x3", 3);
            case 1 -> new Lit(T.INT, "1_0", 10);
            case 2 -> new Lit(T.LONG, "2L", 2);
            case 3 -> new Lit(T.INT, "07", 7);
            default -> new Lit(T.INT, "0b11", 3);
        };
    }

    private Lit doubleLit() {
        if (r.nextInt(10) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> new Lit(T.DOUBLE, "2d", 2);
                case 1 -> new Lit(T.DOUBLE, "1.5D", 1.5);
                case 2 -> new Lit(T.DOUBLE, "0x1p-2", 0.25);
                default -> new Lit(T.DOUBLE, "1_0.0e-1", 1.0);
            };
        }
        if (r.nextInt(3) == 0) {
            double v = Math.round((r.nextDouble() * 6 - 3) * 100) / 100.0;
            return new Lit(
                    T.DOUBLE,
                    String.format(Locale.ROOT, "%.2f", v),
                    Double.parseDouble(String.format(Locale.ROOT, "%.2f", v)));
        }
        return dlit(DOUBLE_LITERALS[r.nextInt(DOUBLE_LITERALS.length)]);
    }

    /** A numeric expression usable where a double is expected (its own type may be int or long). */
    Expr num(int b) {
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Expr e = numRaw(b);
                Info i = info(e);
                if (!i.type().numeric()) {
                    continue;
                }
                if (i.mag() > SOFT_MAG) {
                    e = squash(e);
                    info(e);
                }
                return e;
            } catch (Invalid x) {
                // retry
            }
        }
        return leaf();
    }

    private int[] split(int b) {
        int rest = Math.max(2, b - 1);
        int left = 1 + r.nextInt(rest - 1 + 1);
        return new int[] {Math.max(1, left), Math.max(1, rest - left)};
    }

    private Expr numRaw(int b) {
        if (b <= 1 || r.nextInt(12) == 0) {
            return leaf();
        }
        int k = r.nextInt(100);
        int[] s = split(b);
        if (k < 30) {
            return new Binary(pick(List.of("+", "-", "*", "+", "-", "*")), num(s[0]), num(s[1]));
        }
        if (k < 38) {
            return new Binary("/", num(s[0]), denominator(s[1]));
        }
        if (k < 42) {
            boolean minus = r.nextInt(8) != 0 && (loopDepth == 0 || on(Feature.NEGATION_IN_LOOPS));
            return new Unary(minus ? "-" : "+", num(b - 1));
        }
        if (k < 64) {
            List<String> fns = UNARY_FNS.stream().filter(this::fnOn).toList();
            if (!fns.isEmpty()) {
                return unaryFn(pick(fns), b - 1);
            }
        }
        if (k < 74) {
            List<String> fns = MULTI_FNS.stream().filter(this::fnOn).toList();
            if (!fns.isEmpty()) {
                return multiFn(pick(fns), b - 1);
            }
        }
        if (k < 79 && on(Feature.SWITCH_EXPRESSION) && r.nextInt(3) == 0) {
            return switchExpr(() -> num(Math.max(1, b / 2)));
        }
        if (k < 79 && on(Feature.CONDITIONAL)) {
            return new Cond(bool(Math.max(1, b / 3)), num(s[0]), num(s[1]));
        }
        if (k < 84 && on(Feature.CASTS)) {
            int c = r.nextInt(4);
            if (c == 0) {
                return new Cast(T.DOUBLE, intExpr(Math.min(b, 4)));
            }
            if (c == 1 && on(Feature.LONG_CASTS)) {
                return new Cast(T.LONG, num(b - 1));
            }
            if (c == 2) {
                return new Cast(T.DOUBLE, num(b - 1));
            }
            return new Cast(T.INT, num(b - 1));
        }
        if (k < 87) {
            return intExpr(Math.min(b, 4));
        }
        if (k < 94 && on(Feature.DIFF_CALLS) && !an.helpers().isEmpty()) {
            return helperCall(b - 1);
        }
        if (k < 97 && on(Feature.PLAIN_CALLS) && (k < 95 || !on(Feature.RULES))) {
            return plainCall();
        }
        if (k < 97 && on(Feature.RULES)) {
            return new Call(null, Prelude.RULED, List.of(num(b - 1), num(b - 1)));
        }
        if (on(Feature.REMAINDER)) {
            return new Binary("%", num(b - 1), dlit(pick(List.of("0.75", "1.5", "2.0", "3.0"))));
        }
        return leaf();
    }

    Expr leaf() {
        List<String> dv = vars(T.DOUBLE, false, false);
        List<String> dloc = vars(T.DOUBLE, true, false);
        List<String> iv = vars(T.INT, false, false);
        List<String> arrs = vars(T.DARR, false, false);
        List<String> mats = vars(T.DARR2, false, false);
        for (int attempt = 0; attempt < 10; attempt++) {
            int k = r.nextInt(100);
            if (k < 35 && !dv.isEmpty()) {
                return new Ref(pick(dv));
            }
            if (k < 55 && !dloc.isEmpty()) {
                return new Ref(pick(dloc));
            }
            if (k < 70 && !arrs.isEmpty()) {
                String a = pick(arrs);
                return new Index(a, index(Analyzer.length(env.get(a))));
            }
            if (k < 76 && !mats.isEmpty()) {
                String a = pick(mats);
                return new Index2(
                        a, index(env.get(a).length()), index(env.get(a).rowLength()));
            }
            if (k < 86) {
                return doubleLit();
            }
            if (k < 89) {
                return r.nextInt(4) == 0 ? oddIntLit() : intLit(5);
            }
            if (k < 95 && !iv.isEmpty()) {
                return new Ref(pick(iv));
            }
            if (k < 100 && on(Feature.CONSTANTS)) {
                return new Ref(pick(Prelude.CONSTANTS).name());
            }
        }
        return doubleLit();
    }

    /** An int index expression in [0, len - 1]. */
    private Expr index(int len) {
        List<String> iv = vars(T.INT, false, false);
        int k = r.nextInt(10);
        if (k < 4 || iv.isEmpty() && k < 7) {
            return intLit(len - 1);
        }
        try {
            Expr e;
            if (k < 7) {
                String n = pick(iv);
                e = r.nextBoolean() ? new Ref(n) : new Binary(r.nextBoolean() ? "+" : "-", new Ref(n), intLit(2));
            } else {
                e = intExpr(3);
            }
            Info i = info(e);
            if (i.type() == T.INT && i.within(0, len - 1)) {
                return e;
            }
            if (on(Feature.INT_MATH_OVERLOADS)) {
                return clamp(e, 0, len - 1);
            }
        } catch (Invalid x) {
            // fall through
        }
        return intLit(len - 1);
    }

    private Expr clamp(Expr e, int lo, int hi) {
        return new Call("Math", "min", List.of(new Call("Math", "max", List.of(e, intLitOf(lo))), intLitOf(hi)));
    }

    /** An int-typed expression with a small range. */
    Expr intExpr(int b) {
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Expr e = intRaw(b);
                Info i = info(e);
                if (i.type() == T.INT && i.mag() <= 100) {
                    return e;
                }
            } catch (Invalid x) {
                // retry
            }
        }
        return intLeaf();
    }

    private Expr intLeaf() {
        List<String> iv = vars(T.INT, false, false);
        List<String> ia = vars(T.IARR, false, false);
        int k = r.nextInt(10);
        if (k < 5 && !iv.isEmpty()) {
            return new Ref(pick(iv));
        }
        if (k < 6 && !ia.isEmpty() && r.nextBoolean()) {
            String a = pick(ia);
            return new Index(a, index(env.get(a).length()));
        }
        if (k < 6 && on(Feature.CONSTANTS)) {
            return new Ref("N0");
        }
        return intLit(4);
    }

    private Expr intRaw(int b) {
        if (b <= 1 || r.nextInt(4) == 0) {
            return intLeaf();
        }
        int k = r.nextInt(100);
        if (k < 35) {
            String op = pick(List.of("+", "-", "*"));
            return new Binary(op, intExpr(b - 1), op.equals("*") ? intLit(3) : intExpr(b - 1));
        }
        if (k < 45 && on(Feature.INT_DIVISION)) {
            return new Binary("/", intExpr(b - 1), intLitOf(2 + r.nextInt(2)));
        }
        if (k < 60 && on(Feature.CASTS)) {
            return new Cast(T.INT, bounded(num(b - 1), 4.0));
        }
        if (k < 68 && on(Feature.CASTS) && on(Feature.LONG_CASTS)) {
            return new Cast(T.INT, new Call(owner(), "round", List.of(doubleTyped(bounded(num(b - 1), 4.0)))));
        }
        if (k < 80 && on(Feature.INT_MATH_OVERLOADS)) {
            String f = pick(List.of("abs", "max", "min"));
            return f.equals("abs")
                    ? new Call(owner(), f, List.of(intExpr(b - 1)))
                    : new Call(owner(), f, List.of(intExpr(b - 1), intExpr(b - 1)));
        }
        if (k < 88 && on(Feature.SWITCH_EXPRESSION) && r.nextInt(3) == 0) {
            return switchExpr(() -> intExpr(b - 1));
        }
        if (k < 88 && on(Feature.CONDITIONAL)) {
            return new Cond(bool(2), intExpr(b - 1), intExpr(b - 1));
        }
        return intLeaf();
    }

    Expr bool(int b) {
        List<String> bv = vars(T.BOOLEAN, false, false);
        int k = r.nextInt(100);
        if (k < 60 || b <= 1) {
            String op = pick(List.of("<", "<=", ">", ">=", "==", "!=", "<", ">"));
            int[] s = split(Math.max(2, b));
            return new Binary(op, num(s[0]), r.nextInt(3) == 0 ? doubleLit() : num(s[1]));
        }
        if (k < 72 && !bv.isEmpty()) {
            return new Ref(pick(bv));
        }
        if (k < 82) {
            return new Unary("!", bool(b - 1));
        }
        if (k < 88 && on(Feature.PREDICATES)) {
            Expr p = new Call(
                    "Double", pick(List.of("isNaN", "isInfinite", "isFinite")), List.of(doubleTyped(num(b - 1))));
            return r.nextBoolean() ? p : new Unary("!", p);
        }
        int[] s = split(b);
        return new Binary(r.nextBoolean() ? "&&" : "||", bool(s[0]), bool(s[1]));
    }

    // ---------------------------------------------------------------- safe wrappers

    /** Hipparchus' FastMath, which the processor takes for Math; named in full so that no import is needed. */
    static final String FAST_MATH = "org.hipparchus.util.FastMath";

    private Expr fn(String name, Expr... args) {
        String owner = on(Feature.FAST_MATH) && r.nextInt(5) == 0 ? FAST_MATH : owner();
        return new Call(owner, name, List.of(args));
    }

    /** An expression in [-1, 1] (or [-pi/2, pi/2] for atan) built from e. */
    private Expr squash(Expr e) {
        return fn(pick(List.of("tanh", "sin", "cos", "atan", "tanh")), e);
    }

    private Expr doubleTyped(Expr e) {
        Info i = info(e);
        return i.type() == T.DOUBLE ? e : new Cast(T.DOUBLE, e);
    }

    /** e itself if provably in [-limit, limit], else {@code limit * Math.tanh(e)} or similar. */
    private Expr bounded(Expr e, double limit) {
        Info i = info(e);
        if (i.within(-limit, limit) && r.nextInt(3) > 0) {
            return e;
        }
        String f = pick(List.of("tanh", "sin", "cos"));
        Expr sq = fn(f, e);
        if (limit == 1.0) {
            return sq;
        }
        return new Binary("*", dlit(limitText(limit)), sq);
    }

    private static String limitText(double limit) {
        return limit == Math.rint(limit) ? String.format(Locale.ROOT, "%.1f", limit) : Double.toString(limit);
    }

    /** A positive expression (at least 0.05) built from e. */
    private Expr positive(Expr e) {
        Info i = info(e);
        if (i.lo() >= 0.2 && i.hi() <= 1000 && r.nextBoolean()) {
            return e;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Expr p = switch (r.nextInt(6)) {
                case 0 -> fn("exp", bounded(e, 3.0));
                case 1 ->
                    i.mag() <= 30
                            ? new Binary("+", intLitOf(1), new Binary("*", e, e))
                            : new Binary("+", dlit("1.0"), new Binary("*", squash(e), squash(e)));
                case 2 -> new Binary("+", fn("abs", doubleTyped(e)), dlit("0.5"));
                case 3 -> new Binary("+", intLitOf(2), fn("sin", e));
                case 4 -> fn("hypot", e, dlit("1.0"));
                default -> fn("cosh", bounded(e, 3.0));
            };
            try {
                Info pi = info(p);
                if (pi.lo() >= 0.05) {
                    return p;
                }
            } catch (Invalid x) {
                // next
            }
        }
        return fn("exp", fn("sin", e));
    }

    private boolean negOk() {
        return loopDepth == 0 || on(Feature.NEGATION_IN_LOOPS);
    }

    private boolean awayFromZero(Expr e) {
        Info i = info(e);
        return i.lo() >= 0.01 || i.hi() <= -0.01;
    }

    private Expr nonzero(Expr e) {
        Expr p = positive(e);
        return r.nextInt(3) == 0 && negOk() ? new Unary("-", p) : p;
    }

    /** A divisor bounded away from zero. */
    private Expr denominator(int b) {
        int k = r.nextInt(10);
        if (k < 2) {
            return dlit(pick(List.of("2.0", "3.0", "0.5", "1.5", "4.0", "-2.5")));
        }
        Expr e = num(b);
        if (k < 4) {
            Expr p = new Binary("+", dlit("1.5"), new Binary("*", e, e));
            try {
                if (info(p).lo() >= 0.5) {
                    return p;
                }
            } catch (Invalid x) {
                // fall back
            }
        }
        Expr p = positive(e);
        return r.nextInt(4) == 0 && negOk() ? new Unary("-", p) : p;
    }

    // ---------------------------------------------------------------- calls

    private Expr unaryFn(String n, int b) {
        Expr a = num(b);
        Expr arg = switch (n) {
            case "tan" -> bounded(a, 1.2);
            case "asin", "acos" -> bounded(a, 0.9);
            case "sinh", "cosh", "exp", "expm1" -> bounded(a, 3.0);
            case "log", "log10", "sqrt" -> positive(a);
            case "log1p" -> r.nextBoolean() ? positive(a) : bounded(a, 0.8);
            case "cbrt" -> {
                Info i = info(a);
                yield (i.lo() >= 0.05 || i.hi() <= -0.05) ? a : positive(a);
            }
            case "signum", "round" -> doubleTyped(a);
            default -> a;
        };
        return fn(n, arg);
    }

    private Expr multiFn(String n, int b) {
        int[] s = split(b);
        switch (n) {
            case "pow" -> {
                int k = r.nextInt(4);
                if (k == 0 && on(Feature.POW_WHOLE_EXPONENT)) {
                    Expr base = bounded(num(s[0]), 5.0);
                    Lit ex = r.nextBoolean()
                            ? intLitOf(2 + r.nextInt(2))
                            : dlit(pick(List.of("2.0", "3.0", "1.0", "0.0")));
                    return fn("pow", base, ex);
                }
                if (k == 1) {
                    return fn(
                            "pow",
                            positive(num(s[0])),
                            dlit(pick(List.of("0.5", "1.5", "-0.5", "-1.0", "2.5", "-2.0"))));
                }
                if (k == 2) {
                    return fn("pow", dlit(pick(List.of("2.0", "0.5", "3.0", "1.5"))), bounded(num(s[0]), 3.0));
                }
                return fn("pow", positive(bounded(num(s[0]), 4.0)), bounded(num(s[1]), 2.0));
            }
            case "fma" -> {
                int[] t = split(s[1]);
                return fn("fma", num(s[0]), num(t[0]), num(t[1]));
            }
            case "max", "min" -> {
                Expr x = num(s[0]);
                Expr y = r.nextInt(4) == 0 ? x : num(s[1]);
                return fn(n, x, y);
            }
            default -> {
                // atan2 and hypot: keep one argument away from zero (they are singular at the origin)
                Expr x = num(s[0]);
                Expr y = num(s[1]);
                if (awayFromZero(x) || awayFromZero(y)) {
                    return fn(n, x, y);
                }
                return r.nextBoolean() ? fn(n, x, nonzero(y)) : fn(n, nonzero(x), y);
            }
        }
    }

    private Expr helperCall(int b) {
        List<Method> hs = new ArrayList<>(an.helpers().values());
        Method h = pick(hs);
        List<Expr> args = new ArrayList<>();
        int each = Math.max(1, b / Math.max(1, h.params().size()));
        for (Param p : h.params()) {
            if (!h.differentiated(p) && p.type() == T.DOUBLE) {
                args.add(r.nextBoolean() ? doubleLit() : new Binary("*", dlit("0.5"), intLit(3)));
                continue;
            }
            switch (p.type()) {
                case DOUBLE -> args.add(bounded(num(each), Analyzer.P));
                case INT -> {
                    Expr e = intExpr(2);
                    Info i = info(e);
                    if (!i.within(0, Analyzer.IMAX)) {
                        e = on(Feature.INT_MATH_OVERLOADS) && r.nextBoolean()
                                ? clamp(e, 0, Analyzer.IMAX)
                                : intLit(Analyzer.IMAX);
                    }
                    args.add(e);
                }
                default -> {
                    List<String> a = new ArrayList<>();
                    for (String n : vars(p.type(), false, false)) {
                        Var v = env.get(n);
                        if (v.kind() != Kind.ROW && (h.differentiated(p) || !v.active())) {
                            a.add(n);
                        }
                    }
                    if (a.isEmpty()) {
                        throw new Invalid("no array to pass");
                    }
                    args.add(new Ref(pick(a)));
                }
            }
        }
        return new Call(null, h.name(), args);
    }

    private Expr plainCall() {
        List<String> iv = new ArrayList<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            if (e.getValue().type() == T.INT && e.getValue().kind() == Kind.PARAM) {
                iv.add(e.getKey());
            }
        }
        Expr ci = iv.isEmpty() || r.nextBoolean() ? intLit(4) : new Ref(pick(iv));
        return switch (r.nextInt(3)) {
            case 0 -> new Call(null, "weight", List.of(r.nextInt(3) == 0 ? new Binary("+", ci, intLitOf(1)) : ci));
            case 1 ->
                new Call(
                        null, "mix", List.of(ci, on(Feature.CONSTANTS) && r.nextBoolean() ? new Ref("N0") : intLit(3)));
            default ->
                new Call(
                        null,
                        "bias",
                        List.of(
                                on(Feature.CONSTANTS) && r.nextBoolean()
                                        ? new Ref("SCALE")
                                        : new Binary("*", ci, dlit("0.5"))));
        };
    }
}
