package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.Analyzer.COLS;
import static dev.adjoint.processor.fuzz.Analyzer.IMAX;
import static dev.adjoint.processor.fuzz.Analyzer.LEN;
import static dev.adjoint.processor.fuzz.Analyzer.P;
import static dev.adjoint.processor.fuzz.Analyzer.ROWS;
import static dev.adjoint.processor.fuzz.Intervals.arith;
import static dev.adjoint.processor.fuzz.Intervals.checkMag;
import static dev.adjoint.processor.fuzz.Intervals.promote;
import static dev.adjoint.processor.fuzz.Intervals.trunc;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cast;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Index;
import dev.adjoint.processor.fuzz.Ast.Index2;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Ast.Unary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Analyzer}'s typing and intervals of expressions: variables, array elements and
 * lengths, operators (through {@link Intervals}), conditionals, casts, and calls of Math
 * functions (through {@link MathIntervals}), of the class's plain helpers and of the
 * {@code @Differentiable} helpers generated before.
 */
abstract class ExpressionAnalysis {
    /** The class-level constants every generated class declares (see {@link Prelude}). */
    final Map<String, Method> helpers = new LinkedHashMap<>();

    final Map<String, Info> helperResults = new HashMap<>();
    final boolean allowParamAssign;

    /**
     * Arrays that received an active value anywhere in the method so far: the processor's
     * activity is a property of the array, not of the path (a store on a path that then returns
     * still makes the array active after the {@code if}).
     */
    final Set<String> everActive = new HashSet<>();

    ExpressionAnalysis(boolean allowParamAssign) {
        this.allowParamAssign = allowParamAssign;
    }

    static int length(Var arr) {
        if (arr.len() > 0) {
            return arr.len();
        }
        return switch (arr.type()) {
            case DARR -> arr.kind() == Kind.ROW ? COLS : LEN;
            case IARR -> LEN;
            case DARR2 -> ROWS;
            default -> throw new Invalid("not an array");
        };
    }

    Info expr(Expr e, Map<String, Var> env) {
        if (e instanceof Switches.Expression w) {
            return expr(w.lowered(), env);
        }
        if (e instanceof Lit l) {
            return new Info(l.type(), l.value(), l.value(), false);
        }
        if (e instanceof Ref r) {
            Var v = env.get(r.name());
            if (v == null) {
                throw new Invalid("unknown " + r.name());
            }
            if (v.type() == T.DARR || v.type() == T.DARR2 || v.type() == T.IARR) {
                throw new Invalid("array used as value");
            }
            return v.info();
        }
        if (e instanceof Index ix) {
            Var v = env.get(ix.array());
            if (v == null || (v.type() != T.DARR && v.type() != T.IARR)) {
                throw new Invalid("not an array " + ix.array());
            }
            index(expr(ix.index(), env), length(v));
            return new Info(v.type() == T.IARR ? T.INT : T.DOUBLE, v.lo(), v.hi(), v.active());
        }
        if (e instanceof Index2 ix) {
            Var v = env.get(ix.array());
            if (v == null || v.type() != T.DARR2) {
                throw new Invalid("not a matrix " + ix.array());
            }
            index(expr(ix.i(), env), length(v));
            index(expr(ix.j(), env), v.rowLength());
            return new Info(T.DOUBLE, v.lo(), v.hi(), v.active());
        }
        if (e instanceof Ast.Len l) {
            Var v = env.get(l.array());
            if (v == null || (l.inner() && v.type() != T.DARR2)) {
                throw new Invalid("length of " + l.array());
            }
            if (!v.array()) {
                throw new Invalid("length of a scalar");
            }
            int n = l.inner() ? v.rowLength() : length(v);
            return new Info(T.INT, n, n, false);
        }
        if (e instanceof Unary u) {
            Info a = expr(u.e(), env);
            if (u.op().equals("!")) {
                if (a.type() != T.BOOLEAN) {
                    throw new Invalid("! of " + a.type());
                }
                return a;
            }
            if (!a.type().numeric()) {
                throw new Invalid("- of " + a.type());
            }
            T t = a.type().small() ? T.INT : a.type(); // unary numeric promotion
            if (u.op().equals("+")) {
                return new Info(t, a.lo(), a.hi(), a.active());
            }
            if (u.op().equals("~")) {
                if (!t.integral()) {
                    throw new Invalid("~ of " + t);
                }
                return new Info(t, -a.hi() - 1, -a.lo() - 1, a.active());
            }
            return new Info(t, -a.hi(), -a.lo(), a.active());
        }
        if (e instanceof Binary b) {
            Info x = expr(b.a(), env);
            Info y = expr(b.b(), env);
            switch (b.op()) {
                case "<", "<=", ">", ">=", "==", "!=" -> {
                    promote(x.type(), y.type());
                    return new Info(T.BOOLEAN, 0, 1, x.active() || y.active());
                }
                case "&&", "||" -> {
                    if (x.type() != T.BOOLEAN || y.type() != T.BOOLEAN) {
                        throw new Invalid("logical on non-boolean");
                    }
                    return new Info(T.BOOLEAN, 0, 1, x.active() || y.active());
                }
                default -> {
                    return arith(b.op(), x, y, b.op().equals("*") && b.a().equals(b.b()));
                }
            }
        }
        if (e instanceof Cond c) {
            Info k = expr(c.c(), env);
            if (k.type() != T.BOOLEAN) {
                throw new Invalid("condition " + k.type());
            }
            Info x = expr(c.a(), env);
            Info y = expr(c.b(), env);
            T t = promote(x.type(), y.type());
            return new Info(
                    t, Math.min(x.lo(), y.lo()), Math.max(x.hi(), y.hi()), x.active() || y.active() || k.active());
        }
        if (e instanceof Cast c) {
            Info a = expr(c.e(), env);
            if (!a.type().numeric() || !c.type().numeric()) {
                throw new Invalid("cast");
            }
            if (c.type().small()) {
                Info w = a.type() == T.DOUBLE ? new Info(T.INT, trunc(a.lo()), trunc(a.hi()), a.active()) : a;
                if (w.lo() < c.type().min() || w.hi() > c.type().max()) {
                    throw new Invalid("(" + c.type().java + ") would wrap");
                }
                return new Info(c.type(), w.lo(), w.hi(), w.active());
            }
            if (c.type().integral() && a.type() == T.DOUBLE) {
                return checkMag(new Info(c.type(), trunc(a.lo()), trunc(a.hi()), a.active()));
            }
            if (c.type() == T.INT && a.type() == T.LONG) {
                return checkMag(new Info(T.INT, a.lo(), a.hi(), a.active()));
            }
            return new Info(c.type(), a.lo(), a.hi(), a.active());
        }
        if (e instanceof Call c) {
            return call(c, env);
        }
        throw new Invalid("expr " + e + " here");
    }

    static void index(Info i, int len) {
        if (i.type() != T.INT || i.lo() < 0 || i.hi() > len - 1) {
            throw new Invalid("index " + i);
        }
    }

    Info call(Call c, Map<String, Var> env) {
        List<Expr> args = c.args();
        if (c.owner() == null) {
            Method h = helpers.get(c.name());
            if (h != null) {
                return helperCall(h, args, env);
            }
            if (c.name().equals(Prelude.RULED) && args.size() == 2) {
                return checkMag(Prelude.ruledCall(expr(args.get(0), env), expr(args.get(1), env)));
            }
            if (Prelude.isPlainHelper(c.name())) {
                Info[] in = new Info[args.size()];
                for (int k = 0; k < in.length; k++) {
                    in[k] = expr(args.get(k), env);
                    if (in[k].active()) {
                        throw new Invalid("active argument to a plain helper");
                    }
                }
                return checkMag(Prelude.plainCall(c.name(), in));
            }
            throw new Invalid("unknown method " + c.name());
        }
        if (c.owner().equals("Double") && args.size() == 1) { // isNaN, isInfinite, isFinite: control flow only
            Info x = expr(args.get(0), env);
            if (x.type() != T.DOUBLE) {
                throw new Invalid("predicate of a non-double");
            }
            return new Info(T.BOOLEAN, 0, 1, x.active());
        }
        if (!c.owner().equals("Math")
                && !c.owner().equals("StrictMath")
                && !c.owner().equals(Generator.FAST_MATH)) {
            throw new Invalid("owner " + c.owner());
        }
        Info[] a = new Info[args.size()];
        boolean act = false;
        for (int k = 0; k < a.length; k++) {
            a[k] = expr(args.get(k), env);
            if (!a[k].type().numeric()) {
                throw new Invalid("non-numeric argument");
            }
            act |= a[k].active();
        }
        int arity = MathFns.arity(c.name());
        if (arity != a.length) {
            throw new Invalid("arity of " + c.name());
        }
        return MathIntervals.of(c.name(), a, args, act);
    }

    Info helperCall(Method h, List<Expr> args, Map<String, Var> env) {
        if (args.size() != h.params().size()) {
            throw new Invalid("arity of " + h.name());
        }
        boolean act = false;
        for (int k = 0; k < args.size(); k++) {
            Param p = h.params().get(k);
            Expr arg = args.get(k);
            boolean diff = h.differentiated(p);
            switch (p.type()) {
                case DOUBLE -> {
                    Info i = expr(arg, env);
                    if (!i.type().numeric() || !i.within(-P, P)) {
                        throw new Invalid("helper argument out of domain " + i);
                    }
                    if (i.active() && !diff) {
                        throw new Invalid("active argument for a parameter outside the helper's wrt");
                    }
                    act |= i.active();
                }
                case INT -> {
                    Info i = expr(arg, env);
                    if (i.type() != T.INT || !i.within(0, IMAX)) {
                        throw new Invalid("helper int argument out of domain " + i);
                    }
                    act |= i.active();
                }
                default -> {
                    if (!(arg instanceof Ref r)
                            || env.get(r.name()) == null
                            || env.get(r.name()).type() != p.type()
                            || (p.type() == T.DARR && env.get(r.name()).kind() == Kind.ROW)
                            || length(env.get(r.name())) != length(new Var(p.type(), 0, 0, false, Kind.PARAM))
                            || (p.type() == T.DARR2 && env.get(r.name()).rowLength() != COLS)
                            || AstWalk.writesArray(h.body(), p.name())) {
                        throw new Invalid("helper array argument");
                    }
                    Var av = env.get(r.name());
                    if (p.type() == T.IARR ? !(av.lo() >= 0 && av.hi() <= IMAX) : !(av.lo() >= -P && av.hi() <= P)) {
                        throw new Invalid("helper array argument out of domain");
                    }
                    boolean a = env.get(r.name()).active() || everActive.contains(r.name());
                    if (a && !diff) {
                        throw new Invalid("active array for a parameter outside the helper's wrt");
                    }
                    act |= a;
                }
            }
        }
        Info r = helperResults.get(h.name());
        return new Info(T.DOUBLE, r.lo(), r.hi(), act);
    }
}
