package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Index;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.SideEffects.AssignValue;
import dev.adjoint.processor.fuzz.SideEffects.IncrValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates the statements of {@link SideEffects}: assignments used as values
 * ({@link Feature#ASSIGNMENT_VALUES}: {@code a = b = c}, {@code s += (t = x * y)},
 * {@code double d = 2 * (t = ..)}, {@code if ((t = ..) > 0.5)}), a while loop whose condition
 * assigns ({@link Feature#ASSIGNING_LOOPS}), and {@code ++}/{@code --} as values on int
 * counters used as indices ({@link Feature#INCREMENT_VALUES}: {@code s += v[k++]},
 * {@code x = c[--k]}, {@code a[k++] = e}, and a cursor walking an array inside a loop). Each is
 * a candidate the generator checks with the {@link Analyzer} as it does any statement.
 */
final class ValueAssignments {
    private final Generator g;

    ValueAssignments(Generator g) {
        this.g = g;
    }

    /** A random statement using an assignment or increment as a value, or null. */
    Stmt statement(int b) {
        List<Integer> kinds = new ArrayList<>();
        if (g.on(Feature.ASSIGNMENT_VALUES)) kinds.addAll(List.of(0, 1, 2, 3));
        if (g.on(Feature.INCREMENT_VALUES)) kinds.addAll(List.of(4, 5, 6));
        if (g.on(Feature.ASSIGNING_LOOPS) && g.cf && (g.loopDepth == 0 || g.on(Feature.NESTED_LOOPS))) kinds.add(7);
        if (kinds.isEmpty()) return null;
        List<String> dl = g.vars(T.DOUBLE, false, true);
        List<String> il = g.vars(T.INT, false, true);
        return switch (g.pick(kinds)) {
            case 0 -> chain(b, dl, il);
            case 1 -> compoundOfAssignment(b, dl, il);
            case 2 -> declarationOfAssignment(b, dl);
            case 3 -> assigningIf(b, dl);
            case 4, 5 -> readThroughCursor(b, dl, il);
            case 6 -> writeThroughCursor(b, il);
            default -> assigningWhile(b, dl);
        };
    }

    /** {@code a = b = e}: two doubles, or a double (or int) through an int. */
    private Stmt chain(int b, List<String> dl, List<String> il) {
        boolean viaInt = !il.isEmpty() && g.r.nextInt(3) == 0;
        List<String> outer = viaInt && g.r.nextBoolean() && il.size() > 1 ? il : dl;
        if (outer.isEmpty() || (!viaInt && dl.size() < 2)) return null;
        String inner = viaInt ? g.pick(il) : g.pick(dl);
        String target = g.pick(outer);
        if (target.equals(inner)) return null;
        Expr value = viaInt ? g.intExpr(Math.min(b, 4)) : g.num(b);
        return new Assign(target, "=", new AssignValue(inner, "=", value));
    }

    /** {@code s op= (t = e)}, {@code s op= c * (t = e)}, sometimes with a compound inner assignment. */
    private Stmt compoundOfAssignment(int b, List<String> dl, List<String> il) {
        if (dl.size() < 2 && !(dl.size() == 1 && !il.isEmpty())) return null;
        String s = g.pick(dl);
        boolean intInner = !il.isEmpty() && g.r.nextInt(3) == 0;
        String t = intInner ? g.pick(il) : g.pick(dl);
        if (s.equals(t)) return null;
        Expr inner = intInner
                ? new AssignValue(t, g.pick(List.of("=", "+=", "-=")), g.intLitOf(1 + g.r.nextInt(2)))
                : new AssignValue(t, g.r.nextInt(4) == 0 ? "*=" : "=", g.bounded(g.num(b), 2.0));
        Expr value = g.r.nextBoolean() ? inner : new Binary("*", GeneratorState.dlit("0.5"), inner);
        return new Assign(s, g.pick(List.of("=", "+=", "-=")), value);
    }

    /** {@code double d = (t = e) + f} (the rest never reads t). */
    private Stmt declarationOfAssignment(int b, List<String> dl) {
        if (dl.isEmpty()) return null;
        String t = g.pick(dl);
        Expr rest = g.num(Math.max(1, b / 2));
        Expr init = new Binary(g.pick(List.of("+", "-", "*")), new AssignValue(t, "=", g.num(b)), rest);
        return new Decl(g.r.nextBoolean() ? "double" : "var", g.fresh(Generator.DOUBLE_LOCALS), init);
    }

    /** {@code if ((t = e) > c) { .. } else { .. }}. */
    private Stmt assigningIf(int b, List<String> dl) {
        if (dl.isEmpty() || !g.cf || !g.on(Feature.IF)) return null;
        String t = g.pick(dl);
        Expr cond = new Binary(g.pick(List.of("<", ">", "<=")), new AssignValue(t, "=", g.num(b)), g.doubleLit());
        // the branches see t assigned
        Map<String, Var> after = new java.util.LinkedHashMap<>(g.env);
        Ast.If probe = new Ast.If(cond, List.of(), List.of());
        g.an.stmt(probe, after);
        List<Stmt> then = g.block(1 + g.r.nextInt(2), b, after, true);
        List<Stmt> els = g.r.nextBoolean() ? g.block(1, b, after, false) : List.of();
        return new Ast.If(cond, then, els);
    }

    /** {@code s op= c * v[k++]}, {@code x = v[--k]}, or {@code double d = v[k--]}. */
    private Stmt readThroughCursor(int b, List<String> dl, List<String> il) {
        List<String> arrays = new ArrayList<>(g.vars(T.DARR, false, false));
        arrays.addAll(g.vars(T.IARR, false, false));
        List<String> cursors =
                il.stream().filter(n -> g.env.get(n).kind() == Kind.LOCAL).toList();
        if (arrays.isEmpty() || cursors.isEmpty()) return null;
        String a = g.pick(arrays);
        String k = g.pick(cursors);
        Expr read = new Index(a, new IncrValue(k, g.r.nextBoolean() ? "++" : "--", g.r.nextBoolean()));
        Expr value = g.r.nextBoolean() ? read : new Binary("*", g.doubleLit(), read);
        if (dl.isEmpty() || g.r.nextInt(3) == 0) {
            return new Decl("double", g.fresh(Generator.DOUBLE_LOCALS), value);
        }
        String target = g.pick(dl);
        return new Assign(target, g.pick(List.of("=", "+=", "-=")), value);
    }

    /** {@code a[k++] = e} into a local array (or a differentiated parameter). */
    private Stmt writeThroughCursor(int b, List<String> il) {
        List<String> arrays = new ArrayList<>();
        for (Map.Entry<String, Var> e : g.env.entrySet()) {
            Var v = e.getValue();
            if (v.type() == T.DARR && (v.kind() == Kind.LOCAL || (v.kind() == Kind.PARAM && v.active()))) {
                arrays.add(e.getKey());
            }
        }
        List<String> cursors =
                il.stream().filter(n -> g.env.get(n).kind() == Kind.LOCAL).toList();
        if (arrays.isEmpty() || cursors.isEmpty()) return null;
        String k = g.pick(cursors);
        Expr index = new IncrValue(k, g.r.nextBoolean() ? "++" : "--", g.r.nextBoolean());
        return new Ast.ArrAssign(g.pick(arrays), index, null, g.pick(List.of("=", "+=")), g.num(b));
    }

    /**
     * {@code int it = 0; while ((t = 0.5 * t + e) < c && it < max) { it++; body }}, or with
     * {@code t = t * e} ({@code |e| <= 1}): the value assigned is carried, and stays bounded.
     */
    private Stmt assigningWhile(int b, List<String> dl) {
        if (dl.isEmpty()) return null;
        String t = g.pick(dl);
        String counter = g.fresh(ControlFlow.WHILE_COUNTERS);
        int max = 1 + g.r.nextInt(4);
        Map<String, Var> start = g.widened();
        start.put(counter, new Var(T.INT, 0, max, false, Kind.COUNTER));
        Map<String, Var> saved = g.env;
        Expr cond;
        g.env = start;
        try {
            Expr step = g.r.nextBoolean()
                    ? new Binary("+", new Binary("*", GeneratorState.dlit("0.5"), new Ref(t)), g.bounded(g.num(b), 1.0))
                    : new Binary("*", new Ref(t), g.bounded(g.num(b), 1.0));
            cond = new Binary(g.pick(List.of("<", ">", "!=")), new AssignValue(t, "=", step), g.doubleLit());
        } finally {
            g.env = saved;
        }
        List<Stmt> body = g.loopBody(null, start, b);
        return new Ast.While(null, false, counter, max, cond, body);
    }

    /**
     * {@code double acc = 0; int k = 0 (or v.length); for (..) { acc += c * v[k++] (or v[--k]); ..}}:
     * a cursor that walks an array as the loop runs, added to {@code body} when the analyzer
     * accepts it.
     */
    void cursorIdiom(List<Stmt> body, int b) {
        List<String> arrays = g.vars(T.DARR, false, false);
        if (arrays.isEmpty() || !g.on(Feature.FOR)) return;
        String a = g.pick(arrays);
        String acc = g.fresh(Generator.DOUBLE_LOCALS);
        Stmt accDecl = g.stmtOf(() -> new Decl("double", acc, g.r.nextBoolean() ? g.doubleLit() : g.num(2)));
        if (accDecl == null) return;
        body.add(accDecl);
        boolean down = g.r.nextBoolean();
        String k = g.fresh(Generator.INT_LOCALS);
        Stmt cursor = g.stmtOf(() -> new Decl("int", k, down ? new Ast.Len(a, false) : g.intLitOf(0)));
        if (cursor == null) return;
        body.add(cursor);
        Stmt loop = g.stmtOf(() -> {
            String i = g.fresh(ControlFlow.COUNTERS);
            Map<String, Var> start = g.widened();
            start.put(i, new Var(T.INT, 0, g.env.get(a).length() - 1, false, Kind.COUNTER));
            Expr read = new Index(a, new IncrValue(k, down ? "--" : "++", down));
            Stmt use = g.r.nextBoolean()
                    ? new Assign(acc, "+=", new Binary("*", g.doubleLit(), read))
                    : new Assign(
                            acc, "=", new Binary("+", new Binary("*", GeneratorState.dlit("0.5"), new Ref(acc)), read));
            List<Stmt> rest = g.r.nextBoolean() ? g.loopBody(null, start, b) : List.of();
            List<Stmt> loopBody = new ArrayList<>();
            loopBody.add(use);
            loopBody.addAll(rest);
            return new Ast.For(null, i, g.intLitOf(0), "<", new Ast.Len(a, false), 1, g.r.nextInt(4), null, loopBody);
        });
        if (loop != null) body.add(loop);
    }
}
