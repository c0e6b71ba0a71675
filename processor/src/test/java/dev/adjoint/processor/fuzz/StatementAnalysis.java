package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.Analyzer.MAX_LOCAL_LEN;
import static dev.adjoint.processor.fuzz.Intervals.arith;
import static dev.adjoint.processor.fuzz.Intervals.checkMag;
import static dev.adjoint.processor.fuzz.Intervals.trunc;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Incr;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.List;
import java.util.Map;

/**
 * The {@link Analyzer}'s rules for simple statements: declarations, assignments (plain and
 * compound), increments, local arrays (new, initializer, clone), element writes, and the
 * swapped-buffer assignments; each updates the environment of variables' intervals.
 */
abstract class StatementAnalysis extends ExpressionAnalysis {
    StatementAnalysis(boolean allowParamAssign) {
        super(allowParamAssign);
    }

    void fresh(String name, Map<String, Var> env) {
        if (env.containsKey(name) || helpers.containsKey(name)) {
            throw new Invalid("redeclared " + name);
        }
    }

    void simple(Stmt s, Map<String, Var> env) {
        if (s instanceof Ast.Effect f) {
            effect(f.call(), env);
            return;
        }
        if (s instanceof Decl d
                && (d.init() instanceof Ast.NewArr
                        || d.init() instanceof Ast.ArrInit
                        || d.init() instanceof Ast.Clone)) {
            fresh(d.name(), env);
            env.put(d.name(), arrayDecl(d, env));
            return;
        }
        if (s instanceof Ast.ArrAssign a) {
            arrayWrite(a, env);
            return;
        }
        if (swap(s, env)) {
            return;
        }
        if (s instanceof Decl d) {
            if (env.containsKey(d.name()) || helpers.containsKey(d.name())) {
                throw new Invalid("redeclared " + d.name());
            }
            Info v = expr(d.init(), env);
            T t = switch (d.keyword()) {
                case "var" -> v.type();
                case "double" -> T.DOUBLE;
                case "int" -> T.INT;
                case "long" -> T.LONG;
                case "boolean" -> T.BOOLEAN;
                case "short" -> T.SHORT;
                case "byte" -> T.BYTE;
                case "char" -> T.CHAR;
                default -> throw new Invalid("keyword " + d.keyword());
            };
            assignable(t, v.type());
            env.put(d.name(), new Var(t, v.lo(), v.hi(), v.active(), Kind.LOCAL));
        } else if (s instanceof Assign a) {
            Var target = writable(a.name(), env);
            Info v = expr(a.value(), env);
            if (a.op().equals("=")) {
                assignable(target.type(), v.type());
                env.put(a.name(), new Var(target.type(), v.lo(), v.hi(), v.active(), target.kind()));
            } else {
                if (!target.type().numeric() || !v.type().numeric()) {
                    throw new Invalid("compound on non-numeric");
                }
                String op = a.op().substring(0, a.op().length() - 1);
                Info r = arith(op, target.info(), v, false);
                if (target.type().integral() && r.type() == T.DOUBLE) {
                    r = new Info(target.type(), trunc(r.lo()), trunc(r.hi()), r.active());
                } else if (target.type() == T.INT && r.type() == T.LONG) {
                    throw new Invalid("long into int");
                }
                if (target.type().small()) { // the implicit narrowing cast of a compound assignment
                    if (r.type() == T.LONG
                            || r.lo() < target.type().min()
                            || r.hi() > target.type().max()) {
                        throw new Invalid("compound assignment would wrap " + a.name());
                    }
                    r = new Info(target.type(), r.lo(), r.hi(), r.active());
                }
                checkMag(r);
                env.put(a.name(), new Var(target.type(), r.lo(), r.hi(), r.active(), target.kind()));
            }
        } else if (s instanceof Incr i) {
            Var target = writable(i.name(), env);
            if (!target.type().numeric()) {
                throw new Invalid("increment of " + target.type());
            }
            double d = i.op().equals("++") ? 1 : -1;
            if (target.type().small()
                    && (target.lo() + d < target.type().min()
                            || target.hi() + d > target.type().max())) {
                throw new Invalid("increment would wrap " + i.name());
            }
            env.put(i.name(), new Var(target.type(), target.lo() + d, target.hi() + d, target.active(), target.kind()));
        }
    }

    /**
     * Swapped buffers: {@code double[] t = u} makes a read-only name for u's array (kind ROW: not
     * written through), {@code u = v} gives u the array v names (both local, of one length).
     */
    boolean swap(Stmt s, Map<String, Var> env) {
        if (s instanceof Decl d
                && d.init() instanceof Ref ref
                && env.get(ref.name()) != null
                && env.get(ref.name()).array()) {
            fresh(d.name(), env);
            Var v = env.get(ref.name());
            if (v.type() != T.DARR || v.kind() != Kind.LOCAL || !d.keyword().equals("double[]")) {
                throw new Invalid("array alias");
            }
            env.put(d.name(), new Var(v.type(), v.lo(), v.hi(), v.active(), Kind.ROW, v.len(), v.cols()));
            return true;
        }
        if (s instanceof Assign a
                && a.value() instanceof Ref ref
                && env.get(a.name()) != null
                && env.get(a.name()).array()) {
            Var target = env.get(a.name());
            Var v = env.get(ref.name());
            if (!a.op().equals("=")
                    || v == null
                    || target.type() != T.DARR
                    || v.type() != T.DARR
                    || target.kind() != Kind.LOCAL
                    || (v.kind() != Kind.LOCAL && v.kind() != Kind.ROW)
                    || length(v) != length(target)) {
                throw new Invalid("array assignment");
            }
            env.put(a.name(), new Var(v.type(), v.lo(), v.hi(), v.active(), Kind.LOCAL, v.len(), v.cols()));
            return true;
        }
        return false;
    }

    /** Most elements of a local array (the weights of {@link DenseNests}: nine rows of four). */
    static final int MAX_LOCAL_LEN = 36;

    Var arrayDecl(Decl d, Map<String, Var> env) {
        String kw = d.keyword();
        if (d.init() instanceof Ast.NewArr n) {
            T t = n.elem() == T.INT ? T.IARR : n.m() == null ? T.DARR : T.DARR2;
            if ((n.elem() != T.INT && n.elem() != T.DOUBLE)
                    || (n.elem() == T.INT && n.m() != null)
                    || !(kw.equals("var") || kw.equals(t.java))) {
                throw new Invalid("array declaration");
            }
            int len = exactLength(expr(n.n(), env));
            int cols = n.m() == null ? 0 : exactLength(expr(n.m(), env));
            return new Var(t, 0, 0, false, Kind.LOCAL, len, cols);
        }
        if (d.init() instanceof Ast.ArrInit a) {
            T t = kw.equals("double[]") ? T.DARR : kw.equals("int[]") ? T.IARR : null;
            if (t == null || a.elems().isEmpty() || a.elems().size() > MAX_LOCAL_LEN) {
                throw new Invalid("array initializer");
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean act = false;
            for (Expr e : a.elems()) {
                Info i = expr(e, env);
                assignable(t == T.IARR ? T.INT : T.DOUBLE, i.type());
                lo = Math.min(lo, i.lo());
                hi = Math.max(hi, i.hi());
                act |= i.active();
            }
            return new Var(t, lo, hi, act, Kind.LOCAL, a.elems().size(), 0);
        }
        Ast.Clone c = (Ast.Clone) d.init();
        Var v = env.get(c.array());
        if (v == null
                || !(v.type() == T.DARR || v.type() == T.IARR)
                || !(kw.equals("var") || kw.equals(v.type().java))) {
            throw new Invalid("clone");
        }
        return new Var(v.type(), v.lo(), v.hi(), v.active(), Kind.LOCAL, length(v), 0);
    }

    static int exactLength(Info n) {
        if (n.type() != T.INT || n.lo() != n.hi() || n.lo() < 1 || n.lo() > MAX_LOCAL_LEN) {
            throw new Invalid("array length " + n);
        }
        return (int) n.lo();
    }

    void arrayWrite(Ast.ArrAssign a, Map<String, Var> env) {
        Var v = env.get(a.array());
        if (v == null || !v.array() || (v.type() == T.DARR2) != (a.j() != null)) {
            throw new Invalid("array write to " + a.array());
        }
        if (v.kind() != Kind.LOCAL && !(v.kind() == Kind.PARAM && v.active() && allowParamAssign)) {
            // writes to rows reached through another variable and to non-differentiated parameters are out
            throw new Invalid("array not writable " + a.array());
        }
        index(expr(a.i(), env), length(v));
        if (a.j() != null) {
            index(expr(a.j(), env), v.rowLength());
        }
        Info val = expr(a.value(), env);
        T elem = v.type() == T.IARR ? T.INT : T.DOUBLE;
        Info old = new Info(elem, v.lo(), v.hi(), v.active());
        Info nv;
        if (a.op().equals("=")) {
            assignable(elem, val.type());
            nv = new Info(elem, val.lo(), val.hi(), val.active());
        } else {
            if (!val.type().numeric() || a.op().equals("/=") || a.op().equals("%=")) {
                throw new Invalid("compound array write");
            }
            nv = arith(a.op().substring(0, 1), old, val, false);
            if (elem == T.INT && nv.type() != T.INT) {
                throw new Invalid("int array compound");
            }
        }
        checkMag(nv);
        if (nv.active()) everActive.add(a.array());
        // weak update: the element written is one of several
        env.put(
                a.array(),
                new Var(
                        v.type(),
                        Math.min(v.lo(), nv.lo()),
                        Math.max(v.hi(), nv.hi()),
                        v.active() || nv.active(),
                        v.kind(),
                        v.len(),
                        v.cols()));
    }

    Var writable(String name, Map<String, Var> env) {
        Var v = env.get(name);
        if (v == null) {
            throw new Invalid("unknown " + name);
        }
        if (v.kind() == Kind.CONST
                || v.kind() == Kind.COUNTER
                || v.kind() == Kind.ROW
                || (v.kind() == Kind.PARAM && (!allowParamAssign || !v.type().numeric()))) {
            throw new Invalid("not writable " + name);
        }
        return v;
    }

    static void assignable(T target, T src) {
        boolean ok = switch (target) {
            case DOUBLE -> src.numeric();
            case LONG -> src == T.INT || src == T.LONG || src.small();
            case INT -> src == T.INT || src.small();
            case SHORT -> src == T.SHORT || src == T.BYTE;
            case BYTE, CHAR -> src == target;
            case BOOLEAN -> src == T.BOOLEAN;
            default -> false;
        };
        if (!ok) {
            throw new Invalid("cannot assign " + src + " to " + target);
        }
    }

    /** {@code Arrays}, named in full in generated code so that no import is needed. */
    static final String ARRAYS = "java.util.Arrays";

    /**
     * {@code System.arraycopy(src, s0, dst, d0, n)} or {@code Arrays.fill(a, [from, to,] value)} on
     * {@code double[]} arrays: every index in bounds (javac does not check, the call would throw),
     * and the destination's interval joined with what is written into it.
     */
    private void effect(Call c, Map<String, Var> env) {
        List<Expr> a = c.args();
        boolean copy = "System".equals(c.owner()) && c.name().equals("arraycopy") && a.size() == 5;
        boolean fill = ARRAYS.equals(c.owner()) && c.name().equals("fill") && (a.size() == 2 || a.size() == 4);
        if (!copy && !fill) {
            throw new Invalid("call statement " + c.name());
        }
        String name = AstWalk.written(new Ast.Effect(c));
        Var dst = name == null ? null : env.get(name);
        if (dst == null || dst.type() != T.DARR) {
            throw new Invalid("destination of " + c.name());
        }
        if (dst.kind() != Kind.LOCAL && !(dst.kind() == Kind.PARAM && dst.active() && allowParamAssign)) {
            throw new Invalid("array not writable " + name);
        }
        Info in;
        if (copy) {
            if (!(a.get(0) instanceof Ref src)
                    || env.get(src.name()) == null
                    || env.get(src.name()).type() != T.DARR) {
                throw new Invalid("source of arraycopy");
            }
            Var from = env.get(src.name());
            Info s0 = expr(a.get(1), env);
            Info d0 = expr(a.get(3), env);
            Info n = expr(a.get(4), env);
            if (s0.type() != T.INT
                    || d0.type() != T.INT
                    || n.type() != T.INT
                    || s0.lo() < 0
                    || d0.lo() < 0
                    || n.lo() < 0
                    || s0.hi() + n.hi() > length(from)
                    || d0.hi() + n.hi() > length(dst)) {
                throw new Invalid("arraycopy bounds");
            }
            boolean act = from.active() || everActive.contains(src.name());
            in = new Info(T.DOUBLE, from.lo(), from.hi(), act);
        } else {
            if (a.size() == 4) {
                Info lo = expr(a.get(1), env);
                Info hi = expr(a.get(2), env);
                if (lo.type() != T.INT
                        || hi.type() != T.INT
                        || lo.lo() < 0
                        || hi.hi() > length(dst)
                        || lo.hi() > hi.lo()) {
                    throw new Invalid("fill bounds");
                }
            }
            in = expr(a.get(a.size() - 1), env);
            assignable(T.DOUBLE, in.type());
        }
        checkMag(in);
        if (in.active()) everActive.add(name);
        env.put(
                name,
                new Var(
                        dst.type(),
                        Math.min(dst.lo(), in.lo()),
                        Math.max(dst.hi(), in.hi()),
                        dst.active() || in.active(),
                        dst.kind(),
                        dst.len(),
                        dst.cols()));
    }
}
