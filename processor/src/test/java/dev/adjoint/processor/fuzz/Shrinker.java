package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Checker.Failure;
import dev.adjoint.processor.fuzz.Checker.Outcome;
import dev.adjoint.processor.testing.Differentiated;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greedy delta-debugging of a failing program: repeatedly tries strictly smaller variants
 * (drop a statement at any depth, unwrap an if or a loop into its body, drop an else, a label,
 * a loop's extra condition, lower a while loop's bound, replace a subexpression — conditions and
 * loop bounds included — by one of its children or by a leaf, inline a local, drop an unused
 * parameter or a wrt name, shrink a helper's body, drop unused helpers) and keeps the first
 * variant that the analyzer accepts and that still fails with the same kind and signature at the
 * same point.
 * Candidates are compiled in batches, one class each, to amortize javac.
 */
final class Shrinker {
    private static final int BATCH = 24;

    private final boolean allowParamAssign;
    private final long deadline;
    int compilations;
    int steps;

    Shrinker(boolean allowParamAssign, long millis) {
        this.allowParamAssign = allowParamAssign;
        this.deadline = System.currentTimeMillis() + millis;
    }

    /** The result: the smallest failing program found, and its failure. */
    record Shrunk(Program program, Failure failure, String generated) {}

    Shrunk shrink(Program start, Map<String, Object> point, Failure target) {
        Program cur = start.pruned();
        Failure curFailure = target;
        String generated = null;
        boolean progress = true;
        // Candidates are tried batch by batch, starting where the last step succeeded (and wrapping
        // around): the candidates before it mostly failed already, so big programs shrink faster.
        int resume = 0;
        while (progress && System.currentTimeMillis() < deadline) {
            progress = false;
            List<Program> cands = candidates(cur);
            int batches = (cands.size() + BATCH - 1) / BATCH;
            int first = batches == 0 ? 0 : Math.min(resume, batches - 1);
            for (int n = 0; n < batches && System.currentTimeMillis() < deadline; n++) {
                int from = ((first + n) % batches) * BATCH;
                List<Program> batch = cands.subList(from, Math.min(cands.size(), from + BATCH));
                Hit hit = firstFailing(batch, point, target);
                if (hit != null) {
                    cur = hit.program;
                    curFailure = hit.failure;
                    generated = hit.generated;
                    steps++;
                    progress = true;
                    resume = (first + n) % batches;
                    break;
                }
            }
        }
        return new Shrunk(cur, curFailure, generated);
    }

    private record Hit(Program program, Failure failure, String generated) {}

    private Hit firstFailing(List<Program> batch, Map<String, Object> point, Failure target) {
        String[] sources = new String[batch.size()];
        for (int k = 0; k < sources.length; k++) {
            sources[k] = batch.get(k).source("S" + k);
        }
        if (target.kind() != Checker.Kind.COMPILE) {
            compilations++;
            Compile.Result all = Compile.compile(sources);
            if (all.compiled() != null) {
                for (int k = 0; k < sources.length; k++) {
                    Hit h = run(all, "S" + k, batch.get(k), point, target);
                    if (h != null) {
                        return h;
                    }
                }
                return null;
            }
        }
        for (int k = 0; k < sources.length; k++) {
            if (System.currentTimeMillis() > deadline) {
                return null;
            }
            compilations++;
            Compile.Result one = Compile.compile(batch.get(k).source("S0"));
            if (one.failure() != null) {
                if (one.failure().sameAs(target)) {
                    return new Hit(batch.get(k), one.failure(), null);
                }
                continue;
            }
            if (target.kind() == Checker.Kind.COMPILE) {
                continue;
            }
            Hit h = run(one, "S0", batch.get(k), point, target);
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    private static Hit run(Compile.Result c, String cls, Program p, Map<String, Object> point, Failure target) {
        Failure f;
        try {
            Differentiated d = Checker.load(c.compiled(), Program.PACKAGE + "." + cls, p.method());
            Outcome o = Checker.check(d, p.method(), restrict(point, p.method()), 1234);
            f = o.failure();
        } catch (AssertionError e) {
            f = new Failure(Checker.Kind.SHAPE, "shape", String.valueOf(e.getMessage()));
        }
        if (f != null && f.sameAs(target)) {
            String gen = null;
            try {
                gen = c.compiled().generatedSource(Program.PACKAGE + "." + cls + "Grad");
            } catch (AssertionError ignored) {
                // no generated source
            }
            return new Hit(p, f, gen);
        }
        return null;
    }

    static Map<String, Object> restrict(Map<String, Object> point, Method m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Param p : m.params()) {
            out.put(p.name(), point.get(p.name()));
        }
        return out;
    }

    // ---------------------------------------------------------------- candidates

    static long cost(Program p) {
        long[] acc = new long[2];
        List<Method> all = new ArrayList<>(p.helpers());
        all.add(p.method());
        for (Method m : all) {
            costOf(m.body(), acc);
            acc[0] += AstWalk.size(m.ret()) + m.params().size() + m.wrt().size();
        }
        return acc[0] * 1000 + acc[1] * 100 + all.size() * 50 + p.source("C").length();
    }

    /** acc[0] += expression nodes (and loop bounds, labels), acc[1] += statements, over nested blocks. */
    private static void costOf(List<Stmt> body, long[] acc) {
        for (Stmt s : body) {
            acc[1]++;
            List<Expr> es = AstWalk.exprs(s);
            acc[0] += es.isEmpty() ? 1 : 0;
            for (Expr e : es) {
                acc[0] += AstWalk.size(e);
            }
            if (s instanceof Ast.While w) {
                acc[0] += w.max() + (w.label() != null ? 1 : 0) + (w.doWhile() ? 1 : 0);
            } else if (s instanceof Ast.For f) {
                acc[0] += (f.label() != null ? 1 : 0) + Math.abs(f.step()) + f.spelling();
            } else if (s instanceof Ast.ForEach f) {
                acc[0] += f.label() != null ? 1 : 0;
            } else if (s instanceof Ast.Jump j) {
                acc[0] += j.label() != null ? 1 : 0;
            }
            for (List<Stmt> b : AstWalk.blocks(s)) {
                costOf(b, acc);
            }
        }
    }

    /**
     * Every variant of {@code body} in which one statement, at any depth, is replaced by one of the
     * statement sequences {@code f} gives for it (an empty sequence drops it).
     */
    static List<List<Stmt>> rewrites(List<Stmt> body, java.util.function.Function<Stmt, List<List<Stmt>>> f) {
        List<List<Stmt>> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            for (List<Stmt> rep : f.apply(s)) {
                List<Stmt> b = new ArrayList<>(body.subList(0, i));
                b.addAll(rep);
                b.addAll(body.subList(i + 1, body.size()));
                out.add(b);
            }
            List<List<Stmt>> blocks = AstWalk.blocks(s);
            for (int k = 0; k < blocks.size(); k++) {
                for (List<Stmt> v : rewrites(blocks.get(k), f)) {
                    List<List<Stmt>> nb = new ArrayList<>(blocks);
                    nb.set(k, v);
                    List<Stmt> b = new ArrayList<>(body);
                    b.set(i, AstWalk.withBlocks(s, nb));
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** {@code s} with {@code f} applied to every expression in it and its nested statements. */
    static Stmt mapExprs(Stmt s, java.util.function.UnaryOperator<Expr> f) {
        List<Expr> es = new ArrayList<>();
        for (Expr e : AstWalk.exprs(s)) {
            es.add(f.apply(e));
        }
        Stmt t = AstWalk.withExprs(s, es);
        List<List<Stmt>> nb = new ArrayList<>();
        for (List<Stmt> b : AstWalk.blocks(t)) {
            List<Stmt> c = new ArrayList<>();
            for (Stmt x : b) {
                c.add(mapExprs(x, f));
            }
            nb.add(c);
        }
        return nb.isEmpty() ? t : AstWalk.withBlocks(t, nb);
    }

    /** What a statement can be replaced by: nothing, its body (unwrapped), or a simpler form of itself. */
    private static List<List<Stmt>> simpler(Stmt s) {
        List<List<Stmt>> out = new ArrayList<>();
        out.add(List.of());
        if (s instanceof Switches.Statement w) {
            for (Switches.Group g : w.groups()) out.add(g.body());
        }
        if (s instanceof Ast.If f) {
            out.add(f.then());
            if (!f.els().isEmpty()) {
                out.add(f.els());
                out.add(List.of(new Ast.If(f.cond(), f.then(), List.of())));
            }
        } else if (s instanceof Ast.For f) {
            List<Stmt> b = new ArrayList<>();
            b.add(new Decl("int", f.var(), f.init()));
            b.addAll(f.body());
            out.add(b);
            if (f.label() != null) {
                out.add(List.of(new Ast.For(
                        null, f.var(), f.init(), f.cmp(), f.bound(), f.step(), f.spelling(), f.extra(), f.body())));
            }
            if (f.extra() != null) {
                out.add(List.of(new Ast.For(
                        f.label(), f.var(), f.init(), f.cmp(), f.bound(), f.step(), f.spelling(), null, f.body())));
            }
            if (Math.abs(f.step()) == 2 || f.spelling() != 0) {
                out.add(List.of(new Ast.For(
                        f.label(),
                        f.var(),
                        f.init(),
                        f.cmp(),
                        f.bound(),
                        f.step() > 0 ? 1 : -1,
                        0,
                        f.extra(),
                        f.body())));
            }
        } else if (s instanceof Ast.ForEach f) {
            List<Stmt> b = new ArrayList<>();
            if (f.elem() == T.DOUBLE || f.elem() == T.INT) {
                b.add(new Decl(f.elem().java, f.var(), new Ast.Index(f.array(), new Lit(T.INT, "0", 0))));
            }
            b.addAll(f.body());
            out.add(b);
            if (f.label() != null) {
                out.add(List.of(new Ast.ForEach(null, f.elem(), f.var(), f.array(), f.body())));
            }
        } else if (s instanceof Ast.While w) {
            List<Stmt> b = new ArrayList<>();
            b.add(new Decl("int", w.counter(), new Lit(T.INT, "1", 1)));
            b.addAll(w.body());
            out.add(b);
            for (int m = 1; m < w.max(); m++) {
                out.add(List.of(new Ast.While(w.label(), w.doWhile(), w.counter(), m, w.cond(), w.body())));
            }
            if (w.label() != null) {
                out.add(List.of(new Ast.While(null, w.doWhile(), w.counter(), w.max(), w.cond(), w.body())));
            }
            if (w.cond() != null) {
                out.add(List.of(new Ast.While(w.label(), w.doWhile(), w.counter(), w.max(), null, w.body())));
            }
            if (w.doWhile()) {
                out.add(List.of(new Ast.While(w.label(), false, w.counter(), w.max(), w.cond(), w.body())));
            }
        } else if (s instanceof Ast.Jump j && j.label() != null) {
            out.add(List.of(new Ast.Jump(j.kind(), null)));
        } else if (s instanceof Assign a && !a.op().equals("=")) {
            out.add(List.of(new Assign(a.name(), "=", a.value())));
        }
        return out;
    }

    private List<Program> candidates(Program p) {
        long base = cost(p);
        Set<Program> out = new LinkedHashSet<>();
        // The method itself.
        for (Method m : methodVariants(p.method())) {
            out.add(new Program(p.helpers(), m).pruned());
        }
        // Helper bodies.
        for (int h = 0; h < p.helpers().size(); h++) {
            Method hm = p.helpers().get(h);
            for (Method v : methodVariants(hm)) {
                if (!v.params().equals(hm.params())) {
                    continue;
                }
                List<Method> hs = new ArrayList<>(p.helpers());
                hs.set(h, v);
                out.add(new Program(hs, p.method()).pruned());
            }
        }
        List<Program> valid = new ArrayList<>();
        for (Program c : out) {
            if (cost(c) >= base) {
                continue;
            }
            try {
                c.validate(allowParamAssign);
                valid.add(c);
            } catch (Analyzer.Invalid e) {
                // not a valid program
            }
        }
        return valid;
    }

    private static List<Method> methodVariants(Method m) {
        List<Method> out = new ArrayList<>();
        // Drop, unwrap or simplify a statement at any depth.
        for (List<Stmt> b : rewrites(m.body(), Shrinker::simpler)) {
            out.add(m.withBody(b));
        }
        // Inline a top-level local that is never reassigned: drop its declaration, use its initializer instead.
        Set<String> assigned = AstWalk.assigned(m.body());
        for (int i = 0; i < m.body().size(); i++) {
            if (!(m.body().get(i) instanceof Decl d) || assigned.contains(d.name())) {
                continue;
            }
            List<Stmt> b = new ArrayList<>();
            for (int k = 0; k < m.body().size(); k++) {
                if (k != i) {
                    Stmt s = m.body().get(k);
                    b.add(k > i ? mapExprs(s, e -> substitute(e, d.name(), d.init())) : s);
                }
            }
            out.add(new Method(m.name(), m.params(), b, substitute(m.ret(), d.name(), d.init()), m.wrt()));
        }
        // Drop an unused parameter.
        Set<String> used = AstWalk.names(m);
        for (int i = 0; i < m.params().size(); i++) {
            if (!used.contains(m.params().get(i).name())) {
                out.add(m.withoutParam(i));
            }
        }
        // Simplify wrt: the default, or one name fewer.
        if (!m.wrt().isEmpty()) {
            out.add(new Method(m.name(), m.params(), m.body(), m.ret(), List.of()));
            for (String w : m.wrt()) {
                List<String> ws = new ArrayList<>(m.wrt());
                ws.remove(w);
                if (!ws.isEmpty()) {
                    out.add(new Method(m.name(), m.params(), m.body(), m.ret(), ws));
                }
            }
        }
        List<Expr> leaves = new ArrayList<>();
        leaves.add(new Lit(T.DOUBLE, "1.0", 1.0));
        leaves.add(new Lit(T.INT, "1", 1));
        leaves.add(new Lit(T.INT, "0", 0));
        leaves.add(new Lit(T.INT, "2", 2));
        for (Param p : m.params()) {
            if (p.type() == T.DOUBLE || p.type() == T.INT) {
                leaves.add(new Ref(p.name()));
            }
        }
        // Replace a subexpression of the return value or of a statement (at any depth).
        for (Expr v : exprVariants(m.ret(), leaves)) {
            out.add(m.withRet(v));
        }
        for (List<Stmt> b : rewrites(m.body(), s -> {
            List<List<Stmt>> vs = new ArrayList<>();
            List<Expr> es = AstWalk.exprs(s);
            for (int k = 0; k < es.size(); k++) {
                for (Expr v : exprVariants(es.get(k), leaves)) {
                    List<Expr> ne = new ArrayList<>(es);
                    ne.set(k, v);
                    vs.add(List.of(AstWalk.withExprs(s, ne)));
                }
            }
            return vs;
        })) {
            out.add(m.withBody(b));
        }
        return out;
    }

    private static Expr substitute(Expr e, String name, Expr by) {
        if (e instanceof Ref r && r.name().equals(name)) {
            return by;
        }
        List<Expr> kids = AstWalk.children(e);
        if (kids.isEmpty()) {
            return e;
        }
        List<Expr> nk = new ArrayList<>();
        for (Expr k : kids) {
            nk.add(substitute(k, name, by));
        }
        return AstWalk.withChildren(e, nk);
    }

    private static List<Expr> exprVariants(Expr e, List<Expr> leaves) {
        List<Expr> subs = new ArrayList<>();
        AstWalk.collect(e, subs);
        List<Expr> out = new ArrayList<>();
        for (int pos = 0; pos < subs.size(); pos++) {
            Expr sub = subs.get(pos);
            List<Expr> repl = new ArrayList<>(AstWalk.children(sub));
            if (sub instanceof Call c && c.owner() != null) {
                // a call's arguments may be wrapped in safe-domain guards: try the guards' insides too
                for (Expr a : c.args()) {
                    repl.addAll(AstWalk.children(a));
                }
                if (c.owner().equals("StrictMath")) {
                    repl.add(new Call("Math", c.name(), c.args()));
                }
            }
            repl.addAll(leaves);
            for (Expr r : repl) {
                if (r.equals(sub)) {
                    continue;
                }
                final int target = pos;
                out.add(AstWalk.replaceAt(e, new int[] {0}, target, x -> r));
            }
        }
        return out;
    }
}
