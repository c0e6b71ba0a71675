package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Index;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Statements on arrays: local array declarations (new, clone, initializer), element writes, and
 * the idioms of numeric code: an array filled by a loop (a recurrence, a second pass, GMM's
 * triangle) and swapped buffers.
 */
abstract class ArrayStatements extends ControlFlow {
    ArrayStatements(Random r, Set<String> excluded, Analyzer an) {
        super(r, excluded, an);
    }

    static final String[] ARRAY_LOCALS = {"buf", "acc", "tmp", "w2"};
    static final String[] IARRAY_LOCALS = {"perm", "cnt"};
    static final String[] MATRIX_LOCALS = {"grid", "mm"};

    /** Writable arrays: locals, and differentiated parameters when in-place writes are on. */
    List<String> writableArrays() {
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
    Stmt arrayStmt(int b) {
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
        if (on(Feature.ARRAY_COPY) && r.nextInt(5) == 0) {
            Stmt e = effect(b);
            if (e != null) {
                return e;
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
    void arrayIdiom(List<Stmt> body, int b) {
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
    void swapIdiom(List<Stmt> body, int b) {
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
    Stmt secondPass(String a, Expr start, int b) {
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
    Stmt triangle(String a, int b) {
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

    Expr arrayLength() {
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

    /**
     * {@code System.arraycopy(src, s0, dst, d0, n)} (often the whole source, {@code n} its length) or
     * {@code Arrays.fill(dst, [from, to,] value)} into a writable {@code double[]}.
     */
    private Stmt effect(int b) {
        List<String> targets = writableArrays();
        targets.removeIf(a -> env.get(a).type() != T.DARR);
        if (targets.isEmpty()) {
            return null;
        }
        String d = pick(targets);
        int dl = env.get(d).length();
        if (r.nextBoolean()) {
            String s = pick(vars(T.DARR, false, false));
            int sl = env.get(s).length();
            if (sl <= dl && r.nextBoolean()) {
                return copy(s, intLitOf(0), d, intLitOf(0), new Ast.Len(s, false));
            }
            int n = r.nextInt(Math.min(sl, dl) + 1);
            return copy(s, intLitOf(r.nextInt(sl - n + 1)), d, intLitOf(r.nextInt(dl - n + 1)), intLitOf(n));
        }
        Expr v = loopDepth > 0 ? bounded(num(b), 1.5) : num(b);
        if (r.nextBoolean()) {
            int from = r.nextInt(dl + 1);
            int to = from + r.nextInt(dl - from + 1);
            return new Ast.Effect(
                    new Call(StatementAnalysis.ARRAYS, "fill", List.of(new Ref(d), intLitOf(from), intLitOf(to), v)));
        }
        return new Ast.Effect(new Call(StatementAnalysis.ARRAYS, "fill", List.of(new Ref(d), v)));
    }

    private static Stmt copy(String src, Expr s0, String dst, Expr d0, Expr n) {
        return new Ast.Effect(new Call("System", "arraycopy", List.of(new Ref(src), s0, new Ref(dst), d0, n)));
    }
}
