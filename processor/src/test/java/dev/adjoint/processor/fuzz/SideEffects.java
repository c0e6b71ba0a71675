package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Incr;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Ast.Unary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assignments and {@code ++}/{@code --} used as values (issue 16): {@code a = b = c},
 * {@code s += (t = x * y)}, {@code v[k++]}, {@code x = c[--k]}, and a while loop whose condition
 * assigns, {@code while ((t = 0.5 * t + x) < y && it < 3)}. The {@link Analyzer} knows only
 * side-effect-free expressions: it analyses a statement holding such values as the statements
 * Java's evaluation order makes of it, each assignment hoisted before the statement and read
 * back as its variable ({@code k++} as {@code k - 1} once incremented). That is exact when no
 * other part of the statement reads or writes the variable assigned, which {@link #lowered}
 * requires; and the processor rejects assignments in a branch of {@code ?:}, {@code &&} or
 * {@code ||}, so none is generated there.
 */
final class SideEffects {
    private SideEffects() {}

    /** {@code (name op value)} with op {@code = += -= *= /=} or a bit operator's compound form. */
    record AssignValue(String name, String op, Expr value) implements Expr {
        void print(StringBuilder sb, boolean bare) {
            sb.append(bare ? "" : "(").append(name).append(' ').append(op).append(' ');
            if (value instanceof AssignValue inner) inner.print(sb, true); // a = b = c
            else sb.append(AstPrinter.print(value));
            sb.append(bare ? "" : ")");
        }
    }

    /** {@code name++}, {@code name--} ({@code prefix} false) or {@code ++name}, {@code --name}. */
    record IncrValue(String name, String op, boolean prefix) implements Expr {
        void print(StringBuilder sb) {
            sb.append(prefix ? op + name : name + op);
        }

        /** Its value read after the increment: {@code k - 1} for {@code k++}, {@code k} for {@code ++k}. */
        Expr readBack() {
            if (prefix) return new Ref(name);
            return new Binary(op.equals("++") ? "-" : "+", new Ref(name), new Lit(T.INT, "1", 1));
        }
    }

    static boolean isSideEffect(Expr e) {
        return e instanceof AssignValue || e instanceof IncrValue;
    }

    /** Whether {@code e} holds an assignment or increment anywhere. */
    static boolean has(Expr e) {
        if (e == null) return false;
        if (isSideEffect(e)) return true;
        for (Expr c : AstWalk.children(e)) if (has(c)) return true;
        return false;
    }

    /** Whether one of {@code s}'s own expressions (not its nested blocks') holds one. */
    static boolean has(Stmt s) {
        for (Expr e : AstWalk.exprs(s)) if (has(e)) return true;
        return false;
    }

    /** The variables the assignments and increments in {@code e} write. */
    static void written(Expr e, Set<String> out) {
        if (e instanceof AssignValue a) out.add(a.name());
        if (e instanceof IncrValue i) out.add(i.name());
        for (Expr c : AstWalk.children(e)) written(c, out);
    }

    /**
     * {@code s} as the statements Java's evaluation order makes of it: each assignment or
     * increment in its expressions hoisted in front (innermost first), then {@code s} reading the
     * variables back. Throws {@link Invalid} where hoisting would not be exact, or the processor
     * rejects the form: in a branch of {@code ?:}, {@code &&}, {@code ||}; a variable assigned
     * twice, or read or written elsewhere in the statement; in a statement other than a
     * declaration, assignment, element write, if or return.
     */
    static List<Stmt> lowered(Stmt s) {
        if (!(s instanceof Ast.Decl
                || s instanceof Assign
                || s instanceof Ast.ArrAssign
                || s instanceof Ast.If
                || s instanceof Ast.Return)) {
            throw new Invalid("assignment as a value in " + s.getClass().getSimpleName());
        }
        List<Stmt> hoisted = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        for (Expr e : AstWalk.exprs(s)) exprs.add(hoist(e, hoisted, false));
        Map<String, Integer> reads = new HashMap<>();
        for (Expr e : AstWalk.exprs(s)) countReads(e, reads, Set.of());
        if (s instanceof Assign a) reads.merge(a.name(), 1, Integer::sum);
        if (s instanceof Ast.Decl d) reads.merge(d.name(), 1, Integer::sum);
        if (s instanceof Ast.ArrAssign a) reads.merge(a.array(), 1, Integer::sum);
        requireExact(hoisted, reads);
        List<Stmt> out = new ArrayList<>(hoisted);
        out.add(AstWalk.withExprs(s, exprs));
        return out;
    }

    /** Each variable hoisted once, and read nowhere else in its statement: hoisting is then exact. */
    private static void requireExact(List<Stmt> hoisted, Map<String, Integer> reads) {
        Set<String> seen = new HashSet<>();
        for (Stmt h : hoisted) {
            String name = h instanceof Assign a ? a.name() : ((Incr) h).name();
            if (!seen.add(name) || reads.getOrDefault(name, 0) > 0) {
                throw new Invalid("assigned as a value and used elsewhere: " + name);
            }
        }
    }

    /**
     * Reads of each name, except those in the value of an assignment to that name (they run
     * before it writes: {@code t = t * x}).
     */
    private static void countReads(Expr e, Map<String, Integer> reads, Set<String> excluded) {
        if (e instanceof AssignValue a) {
            Set<String> more = new HashSet<>(excluded);
            more.add(a.name());
            countReads(a.value(), reads, more);
            return;
        }
        if (e instanceof IncrValue) return;
        String name = e instanceof Ref r
                ? r.name()
                : e instanceof Ast.Index ix
                        ? ix.array()
                        : e instanceof Ast.Index2 ix ? ix.array() : e instanceof Ast.Len l ? l.array() : null;
        if (name != null && !excluded.contains(name)) reads.merge(name, 1, Integer::sum);
        for (Expr c : AstWalk.children(e)) countReads(c, reads, excluded);
    }

    private static Expr hoist(Expr e, List<Stmt> hoisted, boolean inBranch) {
        if (e instanceof AssignValue a) {
            if (inBranch) throw new Invalid("assignment in a branch");
            Expr v = hoist(a.value(), hoisted, false);
            hoisted.add(new Assign(a.name(), a.op(), v));
            return new Ref(a.name());
        }
        if (e instanceof IncrValue i) {
            if (inBranch) throw new Invalid("increment in a branch");
            hoisted.add(new Incr(i.name(), i.op()));
            return i.readBack();
        }
        List<Expr> kids = AstWalk.children(e);
        if (kids.isEmpty()) return e;
        List<Expr> nk = new ArrayList<>();
        for (int k = 0; k < kids.size(); k++) {
            boolean branch = inBranch
                    || (e instanceof Cond && k > 0)
                    || (e instanceof Binary b && k > 0 && (b.op().equals("&&") || b.op().equals("||")))
                    || e instanceof Switches.Expression;
            nk.add(hoist(kids.get(k), hoisted, branch));
        }
        return AstWalk.withChildren(e, nk);
    }

    /**
     * Analyses {@code s}, which holds assignments as values, through its lowered form; returns
     * whether it completes normally.
     */
    static boolean exec(ControlFlowAnalysis an, Stmt s, Map<String, Var> env) {
        if (s instanceof Ast.While w) return whileLoop(an, w, env);
        List<Stmt> l = lowered(s);
        for (int k = 0; k < l.size() - 1; k++) an.exec(l.get(k), env);
        return an.exec(l.get(l.size() - 1), env);
    }

    /**
     * {@code int it = 0; while (cond && it < max) { it++; body }} with an assigning {@code cond}
     * (printed so: an assignment right of {@code &&} is rejected) runs {@code cond} up to
     * {@code max + 1} times and the body up to {@code max}: analysed as {@code max + 1} trips of
     * {@code hoisted; if (!cond') break; body}, which joins one body more than can run.
     */
    private static boolean whileLoop(ControlFlowAnalysis an, Ast.While w, Map<String, Var> env) {
        if (w.doWhile()) throw new Invalid("assigning do-while condition");
        if (w.max() + 1 > Analyzer.MAX_TRIPS) throw new Invalid("while bound");
        an.fresh(w.counter(), env);
        List<Stmt> hoisted = new ArrayList<>();
        Expr cond = hoist(w.cond(), hoisted, false);
        Map<String, Integer> reads = new HashMap<>();
        countReads(w.cond(), reads, Set.of());
        reads.merge(w.counter(), 1, Integer::sum);
        requireExact(hoisted, reads);
        List<Stmt> body = new ArrayList<>(hoisted);
        body.add(new Ast.If(new Unary("!", cond), List.of(new Ast.Jump("break", null)), List.of()));
        body.addAll(w.body());
        env.put(w.counter(), new Var(T.INT, 0, w.max(), false, Analyzer.Kind.COUNTER));
        an.loop(w.label(), new java.util.LinkedHashMap<>(env), w.max() + 1, body, null, env);
        return true;
    }

    /** How {@link AstPrinter} prints a while loop's condition: the assigning part first. */
    static String whileCondition(Ast.While w, String counterTest) {
        String c = AstPrinter.print(w.cond());
        return (AstPrinter.prec(w.cond()) <= 5 ? "(" + c + ")" : c) + " && " + counterTest;
    }
}
