package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The tiny language of generated programs: immutable expression and statement trees, methods and
 * classes, printed as Java source with minimal parentheses. Types are not stored in the trees; the
 * {@link Analyzer} computes them (and value intervals) from the declarations in scope.
 */
final class Ast {
    private Ast() {}

    /** Value types of the subset. */
    enum T {
        DOUBLE("double"),
        INT("int"),
        LONG("long"),
        BOOLEAN("boolean"),
        DARR("double[]"),
        DARR2("double[][]"),
        IARR("int[]");

        final String java;

        T(String java) {
            this.java = java;
        }

        boolean numeric() {
            return this == DOUBLE || this == INT || this == LONG;
        }

        boolean integral() {
            return this == INT || this == LONG;
        }
    }

    // ---------------------------------------------------------------- expressions

    sealed interface Expr
            permits Lit,
                    Ref,
                    Index,
                    Index2,
                    Unary,
                    Binary,
                    Cond,
                    Cast,
                    Call,
                    Len,
                    NewArr,
                    ArrInit,
                    Clone,
                    Switches.Expression {}

    /** {@code new double[n]}, {@code new int[n]} ({@code elem} DOUBLE or INT, {@code m} null) or {@code new double[n][m]}; only as a declaration's initializer. */
    record NewArr(T elem, Expr n, Expr m) implements Expr {}

    /** An array initializer {@code {a, b, c}} of a {@code double[]} or {@code int[]} declaration. */
    record ArrInit(List<Expr> elems) implements Expr {
        ArrInit {
            elems = List.copyOf(elems);
        }
    }

    /** {@code array.clone()} of a one-dimensional array; only as a declaration's initializer. */
    record Clone(String array) implements Expr {}

    /** {@code array.length}, or {@code array[0].length} when {@code inner}. */
    record Len(String array, boolean inner) implements Expr {}

    /** A literal: {@code type} DOUBLE, INT or BOOLEAN; {@code text} is its Java spelling. */
    record Lit(T type, String text, double value) implements Expr {}

    /** A parameter, local variable or {@code static final} constant of the class. */
    record Ref(String name) implements Expr {}

    /** {@code array[index]}. */
    record Index(String array, Expr index) implements Expr {}

    /** {@code array[i][j]}. */
    record Index2(String array, Expr i, Expr j) implements Expr {}

    /** {@code -e} or {@code !e}. */
    record Unary(String op, Expr e) implements Expr {}

    /** Arithmetic {@code + - * / %}, comparison {@code < <= > >= == !=}, logical {@code && ||}. */
    record Binary(String op, Expr a, Expr b) implements Expr {}

    /** {@code c ? a : b}. */
    record Cond(Expr c, Expr a, Expr b) implements Expr {}

    /** {@code (type) e}. */
    record Cast(T type, Expr e) implements Expr {}

    /** {@code owner.name(args)}; owner {@code Math}, {@code StrictMath}, or null for a method of the class. */
    record Call(String owner, String name, List<Expr> args) implements Expr {
        Call {
            args = List.copyOf(args);
        }
    }

    // ---------------------------------------------------------------- statements

    sealed interface Stmt
            permits Decl, Assign, Incr, If, For, ForEach, While, Jump, Return, ArrAssign, Switches.Statement {}

    /** {@code array[i] op value;} or {@code array[i][j] op value;} ({@code j} null for one dimension), op {@code = += -= *=}. */
    record ArrAssign(String array, Expr i, Expr j, String op, Expr value) implements Stmt {}

    /** {@code if (cond) { then } else { els }}; no else when {@code els} is empty; else-if when it is one If. */
    record If(Expr cond, List<Stmt> then, List<Stmt> els) implements Stmt {
        If {
            then = List.copyOf(then);
            els = List.copyOf(els);
        }
    }

    /**
     * {@code label: for (int var = init; var cmp bound [&& extra]; update) { body }}. {@code step} is
     * +1, -1, +2 or -2; {@code spelling} picks how the update is written ({@code i++}, {@code ++i},
     * {@code i += 1}, {@code i = i + 1}). {@code label} and {@code extra} may be null.
     */
    record For(
            String label,
            String var,
            Expr init,
            String cmp,
            Expr bound,
            int step,
            int spelling,
            Expr extra,
            List<Stmt> body)
            implements Stmt {
        For {
            body = List.copyOf(body);
        }

        For withBody(List<Stmt> b) {
            return new For(label, var, init, cmp, bound, step, spelling, extra, b);
        }
    }

    /** {@code label: for (elem var : array) { body }} with elem double (over double[]), double[] (over double[][]) or int. */
    record ForEach(String label, T elem, String var, String array, List<Stmt> body) implements Stmt {
        ForEach {
            body = List.copyOf(body);
        }
    }

    /**
     * A loop bounded by its own counter: {@code int counter = 0; label: while (counter < max [&& cond])
     * { counter++; body }}, or with {@code doWhile} {@code int counter = 0; label: do { counter++; body }
     * while (counter < max [&& cond]);}. {@code cond} and {@code label} may be null.
     */
    record While(String label, boolean doWhile, String counter, int max, Expr cond, List<Stmt> body) implements Stmt {
        While {
            body = List.copyOf(body);
        }

        While withBody(List<Stmt> b) {
            return new While(label, doWhile, counter, max, cond, b);
        }
    }

    /** {@code break [label];} or {@code continue [label];} ({@code kind} "break" or "continue"). */
    record Jump(String kind, String label) implements Stmt {}

    /** {@code return value;} anywhere in the body. */
    record Return(Expr value) implements Stmt {}

    /** {@code keyword name = init;} with keyword double, int, long, boolean, var, double[], int[] or double[][]. */
    record Decl(String keyword, String name, Expr init) implements Stmt {}

    /** {@code name op value;} with op {@code = += -= *= /=}. */
    record Assign(String name, String op, Expr value) implements Stmt {}

    /** {@code name++;} or {@code name--;}. */
    record Incr(String name, String op) implements Stmt {}

    /** A parameter; arrays have fixed lengths ({@link Analyzer#LEN}, {@link Analyzer#ROWS} x {@link Analyzer#COLS}). */
    record Param(T type, String name) {}

    /** A static method returning double: {@code @Differentiable} unless {@code plain}. */
    /**
     * A static method returning double, {@code @Differentiable}, with {@code @Differentiable(wrt = ...)}
     * when {@code wrt} is not empty; {@code body} is followed by {@code return ret;}.
     */
    record Method(String name, List<Param> params, List<Stmt> body, Expr ret, List<String> wrt) {
        Method {
            params = List.copyOf(params);
            body = List.copyOf(body);
            wrt = List.copyOf(wrt);
        }

        Method(String name, List<Param> params, List<Stmt> body, Expr ret) {
            this(name, params, body, ret, List.of());
        }

        Method withName(String n) {
            return new Method(n, params, body, ret, wrt);
        }

        Method withBody(List<Stmt> b) {
            return new Method(name, params, b, ret, wrt);
        }

        Method withRet(Expr r) {
            return new Method(name, params, body, r, wrt);
        }

        /** Without parameter {@code i} (and without it in {@code wrt}). */
        Method withoutParam(int i) {
            List<Param> ps = new ArrayList<>(params);
            Param gone = ps.remove(i);
            List<String> w = new ArrayList<>(wrt);
            w.remove(gone.name());
            return new Method(name, ps, body, ret, w);
        }

        /** Whether parameter {@code p} is differentiated. */
        boolean differentiated(Param p) {
            return wrt.isEmpty()
                    ? p.type() == T.DOUBLE || p.type() == T.DARR || p.type() == T.DARR2
                    : wrt.contains(p.name());
        }
    }

    // ---------------------------------------------------------------- printing

    static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        print(e, sb);
        return sb.toString();
    }

    static int prec(Expr e) {
        if (e instanceof Lit l) {
            return l.text().startsWith("-") ? 14 : 16;
        }
        if (e instanceof Unary || e instanceof Cast) {
            return 14;
        }
        if (e instanceof Binary b) {
            return binPrec(b.op());
        }
        if (e instanceof Cond) {
            return 3;
        }
        return 16;
    }

    static int binPrec(String op) {
        return switch (op) {
            case "*", "/", "%" -> 13;
            case "+", "-" -> 12;
            case "<", "<=", ">", ">=" -> 10;
            case "==", "!=" -> 9;
            case "&&" -> 5;
            case "||" -> 4;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static void wrap(Expr e, boolean parens, StringBuilder sb) {
        if (parens) {
            sb.append('(');
        }
        print(e, sb);
        if (parens) {
            sb.append(')');
        }
    }

    private static void print(Expr e, StringBuilder sb) {
        if (e instanceof Lit l) {
            sb.append(l.text());
        } else if (e instanceof Ref r) {
            sb.append(r.name());
        } else if (e instanceof Index ix) {
            sb.append(ix.array()).append('[');
            print(ix.index(), sb);
            sb.append(']');
        } else if (e instanceof Index2 ix) {
            sb.append(ix.array()).append('[');
            print(ix.i(), sb);
            sb.append("][");
            print(ix.j(), sb);
            sb.append(']');
        } else if (e instanceof Len l) {
            sb.append(l.array()).append(l.inner() ? "[0].length" : ".length");
        } else if (e instanceof NewArr a) {
            sb.append("new ").append(a.elem().java).append('[');
            print(a.n(), sb);
            sb.append(']');
            if (a.m() != null) {
                sb.append('[');
                print(a.m(), sb);
                sb.append(']');
            }
        } else if (e instanceof ArrInit a) {
            sb.append('{');
            for (int i = 0; i < a.elems().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                print(a.elems().get(i), sb);
            }
            sb.append('}');
        } else if (e instanceof Clone c) {
            sb.append(c.array()).append(".clone()");
        } else if (e instanceof Unary u) {
            sb.append(u.op());
            // "- -x" would read as a decrement; parenthesize nested unary operands.
            wrap(u.e(), prec(u.e()) < 16, sb);
        } else if (e instanceof Binary b) {
            int p = binPrec(b.op());
            // Comparisons are non-associative in Java's type rules: parenthesize equal-precedence operands.
            boolean cmp = p == 10 || p == 9;
            wrap(b.a(), prec(b.a()) < p || (cmp && prec(b.a()) == p), sb);
            sb.append(' ').append(b.op()).append(' ');
            wrap(b.b(), prec(b.b()) <= p, sb);
        } else if (e instanceof Cond c) {
            wrap(c.c(), prec(c.c()) <= 4, sb);
            sb.append(" ? ");
            wrap(c.a(), prec(c.a()) <= 3, sb);
            sb.append(" : ");
            wrap(c.b(), prec(c.b()) <= 3, sb);
        } else if (e instanceof Cast c) {
            sb.append('(').append(c.type().java).append(") ");
            wrap(c.e(), prec(c.e()) < 16, sb);
        } else if (e instanceof Switches.Expression w) {
            w.print(sb);
        } else if (e instanceof Call c) {
            if (c.owner() != null) {
                sb.append(c.owner()).append('.');
            }
            sb.append(c.name()).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                print(c.args().get(i), sb);
            }
            sb.append(')');
        } else {
            throw new IllegalArgumentException(String.valueOf(e));
        }
    }

    /** A simple statement on one line; compound statements through {@link #print(Stmt, String, StringBuilder)}. */
    static String print(Stmt s) {
        StringBuilder sb = new StringBuilder();
        print(s, "", sb);
        return sb.toString().strip();
    }

    private static void block(List<Stmt> body, String indent, StringBuilder sb) {
        for (Stmt s : body) {
            print(s, indent, sb);
        }
    }

    private static String update(String v, int step, int spelling) {
        String sign = step > 0 ? "+" : "-";
        int m = Math.abs(step);
        if (m == 1 && spelling == 0) {
            return v + sign + sign;
        }
        if (m == 1 && spelling == 1) {
            return sign + sign + v;
        }
        if (spelling == 3) {
            return v + " = " + v + " " + sign + " " + m;
        }
        return v + " " + sign + "= " + m;
    }

    /** Prints {@code s} at {@code indent}, each line ending in a newline. */
    static void print(Stmt s, String indent, StringBuilder sb) {
        if (s instanceof Decl d) {
            sb.append(indent)
                    .append(d.keyword())
                    .append(' ')
                    .append(d.name())
                    .append(" = ")
                    .append(print(d.init()))
                    .append(";\n");
        } else if (s instanceof Assign a) {
            sb.append(indent)
                    .append(a.name())
                    .append(' ')
                    .append(a.op())
                    .append(' ')
                    .append(print(a.value()))
                    .append(";\n");
        } else if (s instanceof Incr i) {
            sb.append(indent).append(i.name()).append(i.op()).append(";\n");
        } else if (s instanceof ArrAssign a) {
            sb.append(indent).append(a.array()).append('[').append(print(a.i())).append(']');
            if (a.j() != null) {
                sb.append('[').append(print(a.j())).append(']');
            }
            sb.append(' ').append(a.op()).append(' ').append(print(a.value())).append(";\n");
        } else if (s instanceof Jump j) {
            sb.append(indent)
                    .append(j.kind())
                    .append(j.label() == null ? "" : " " + j.label())
                    .append(";\n");
        } else if (s instanceof Return r) {
            sb.append(indent).append("return ").append(print(r.value())).append(";\n");
        } else if (s instanceof If f) {
            sb.append(indent);
            printIf(f, indent, sb);
        } else if (s instanceof Switches.Statement w) {
            w.print(indent, sb);
        } else if (s instanceof For f) {
            label(f.label(), indent, sb);
            sb.append(indent)
                    .append("for (int ")
                    .append(f.var())
                    .append(" = ")
                    .append(print(f.init()))
                    .append("; ")
                    .append(f.var())
                    .append(' ')
                    .append(f.cmp())
                    .append(' ');
            Expr bound = f.bound();
            sb.append(prec(bound) <= 10 ? "(" + print(bound) + ")" : print(bound));
            if (f.extra() != null) {
                sb.append(" && ").append(prec(f.extra()) <= 5 ? "(" + print(f.extra()) + ")" : print(f.extra()));
            }
            sb.append("; ").append(update(f.var(), f.step(), f.spelling())).append(") {\n");
            block(f.body(), indent + "  ", sb);
            sb.append(indent).append("}\n");
        } else if (s instanceof ForEach f) {
            label(f.label(), indent, sb);
            sb.append(indent)
                    .append("for (")
                    .append(f.elem().java)
                    .append(' ')
                    .append(f.var())
                    .append(" : ")
                    .append(f.array())
                    .append(") {\n");
            block(f.body(), indent + "  ", sb);
            sb.append(indent).append("}\n");
        } else if (s instanceof While w) {
            sb.append(indent).append("int ").append(w.counter()).append(" = 0;\n");
            label(w.label(), indent, sb);
            String cond = w.counter() + " < " + w.max()
                    + (w.cond() == null
                            ? ""
                            : " && " + (prec(w.cond()) <= 5 ? "(" + print(w.cond()) + ")" : print(w.cond())));
            sb.append(indent).append(w.doWhile() ? "do {\n" : "while (" + cond + ") {\n");
            sb.append(indent).append("  ").append(w.counter()).append("++;\n");
            block(w.body(), indent + "  ", sb);
            sb.append(indent).append(w.doWhile() ? "} while (" + cond + ");\n" : "}\n");
        } else {
            throw new IllegalArgumentException(String.valueOf(s));
        }
    }

    private static void label(String label, String indent, StringBuilder sb) {
        if (label != null) {
            sb.append(indent).append(label).append(":\n");
        }
    }

    private static void printIf(If f, String indent, StringBuilder sb) {
        sb.append("if (").append(print(f.cond())).append(") {\n");
        block(f.then(), indent + "  ", sb);
        sb.append(indent).append('}');
        if (f.els().size() == 1 && f.els().get(0) instanceof If g) {
            sb.append(" else ");
            printIf(g, indent, sb);
            return;
        }
        if (!f.els().isEmpty()) {
            sb.append(" else {\n");
            block(f.els(), indent + "  ", sb);
            sb.append(indent).append('}');
        }
        sb.append('\n');
    }

    static String print(Method m, boolean differentiable, String indent) {
        return print(m, differentiable, SecondOrderOracle.ON, indent);
    }

    /** As {@link #print(Method, boolean, String)}; {@code order2} writes {@code order = 2}. */
    static String print(Method m, boolean differentiable, boolean order2, String indent) {
        StringBuilder sb = new StringBuilder();
        if (differentiable) {
            sb.append(indent).append("@Differentiable");
            List<String> members = new ArrayList<>();
            if (m.wrt().size() == 1) {
                members.add("wrt = \"" + m.wrt().get(0) + "\"");
            } else if (!m.wrt().isEmpty()) {
                members.add("wrt = {"
                        + String.join(
                                ", ", m.wrt().stream().map(w -> "\"" + w + "\"").toList()) + "}");
            }
            if (order2) members.add("order = 2");
            if (!members.isEmpty())
                sb.append('(').append(String.join(", ", members)).append(')');
            sb.append('\n');
        }
        sb.append(indent).append("static double ").append(m.name()).append('(');
        for (int i = 0; i < m.params().size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(m.params().get(i).type().java)
                    .append(' ')
                    .append(m.params().get(i).name());
        }
        sb.append(") {\n");
        for (int k = 0; k < m.body().size(); k++) {
            StringBuilder one = new StringBuilder();
            print(m.body().get(k), indent + "  ", one);
            sb.append(
                    differentiable && !order2 && CheckpointMarks.marks(m.name(), m.body(), k)
                            ? CheckpointMarks.mark(one)
                            : one);
        }
        sb.append(indent).append("  return ").append(print(m.ret())).append(";\n");
        sb.append(indent).append("}\n");
        return sb.toString();
    }

    // ---------------------------------------------------------------- traversal

    /** The direct children of an expression. */
    static List<Expr> children(Expr e) {
        if (e instanceof Index ix) {
            return List.of(ix.index());
        }
        if (e instanceof Index2 ix) {
            return List.of(ix.i(), ix.j());
        }
        if (e instanceof Unary u) {
            return List.of(u.e());
        }
        if (e instanceof Binary b) {
            return List.of(b.a(), b.b());
        }
        if (e instanceof Cond c) {
            return List.of(c.c(), c.a(), c.b());
        }
        if (e instanceof Cast c) {
            return List.of(c.e());
        }
        if (e instanceof Call c) {
            return c.args();
        }
        if (e instanceof NewArr a) {
            return a.m() == null ? List.of(a.n()) : List.of(a.n(), a.m());
        }
        if (e instanceof ArrInit a) {
            return a.elems();
        }
        if (e instanceof Switches.Expression w) {
            return w.children();
        }
        return List.of();
    }

    /** {@code e} with its direct children replaced (same count and order as {@link #children}). */
    static Expr withChildren(Expr e, List<Expr> k) {
        if (e instanceof Index ix) {
            return new Index(ix.array(), k.get(0));
        }
        if (e instanceof Index2 ix) {
            return new Index2(ix.array(), k.get(0), k.get(1));
        }
        if (e instanceof Unary u) {
            return new Unary(u.op(), k.get(0));
        }
        if (e instanceof Binary b) {
            return new Binary(b.op(), k.get(0), k.get(1));
        }
        if (e instanceof Cond c) {
            return new Cond(k.get(0), k.get(1), k.get(2));
        }
        if (e instanceof Cast c) {
            return new Cast(c.type(), k.get(0));
        }
        if (e instanceof Call c) {
            return new Call(c.owner(), c.name(), k);
        }
        if (e instanceof NewArr a) {
            return new NewArr(a.elem(), k.get(0), a.m() == null ? null : k.get(1));
        }
        if (e instanceof ArrInit) {
            return new ArrInit(k);
        }
        if (e instanceof Switches.Expression w) {
            return w.withChildren(k);
        }
        return e;
    }

    /** Every subexpression of {@code e}, pre-order (so larger subtrees first). */
    static void collect(Expr e, List<Expr> out) {
        out.add(e);
        for (Expr c : children(e)) {
            collect(c, out);
        }
    }

    static int size(Expr e) {
        int n = 1;
        for (Expr c : children(e)) {
            n += size(c);
        }
        return n;
    }

    /**
     * Every expression obtained by replacing one occurrence (pre-order position {@code target}) of a
     * subexpression with {@code f(sub)}.
     */
    static Expr replaceAt(Expr e, int[] counter, int target, Function<Expr, Expr> f) {
        int me = counter[0]++;
        if (me == target) {
            return f.apply(e);
        }
        List<Expr> kids = children(e);
        if (kids.isEmpty()) {
            return e;
        }
        List<Expr> nk = new ArrayList<>(kids.size());
        boolean changed = false;
        for (Expr c : kids) {
            Expr r = replaceAt(c, counter, target, f);
            changed |= r != c;
            nk.add(r);
        }
        return changed ? withChildren(e, nk) : e;
    }

    /** Names referenced anywhere in {@code e} (variables, arrays, constants and called methods). */
    static void names(Expr e, java.util.Set<String> out) {
        if (e instanceof Ref r) {
            out.add(r.name());
        } else if (e instanceof Index ix) {
            out.add(ix.array());
        } else if (e instanceof Index2 ix) {
            out.add(ix.array());
        } else if (e instanceof Len l) {
            out.add(l.array());
        } else if (e instanceof Clone c) {
            out.add(c.array());
        } else if (e instanceof Call c && c.owner() == null) {
            out.add(c.name());
        }
        for (Expr c : children(e)) {
            names(c, out);
        }
    }

    static java.util.Set<String> names(Method m) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Stmt s : m.body()) {
            names(s, out);
        }
        names(m.ret(), out);
        return out;
    }

    static void names(Stmt s, java.util.Set<String> out) {
        for (Expr e : exprs(s)) {
            names(e, out);
        }
        if (s instanceof Assign a) {
            out.add(a.name());
        } else if (s instanceof Incr i) {
            out.add(i.name());
        } else if (s instanceof ForEach f) {
            out.add(f.array());
        } else if (s instanceof ArrAssign a) {
            out.add(a.array());
        }
        for (List<Stmt> b : blocks(s)) {
            for (Stmt t : b) {
                names(t, out);
            }
        }
    }

    /** The expressions directly in {@code s} (not in nested statements). */
    static List<Expr> exprs(Stmt s) {
        List<Expr> out = new ArrayList<>();
        if (s instanceof Decl d) {
            out.add(d.init());
        } else if (s instanceof Assign a) {
            out.add(a.value());
        } else if (s instanceof Return r) {
            out.add(r.value());
        } else if (s instanceof ArrAssign a) {
            out.add(a.i());
            if (a.j() != null) {
                out.add(a.j());
            }
            out.add(a.value());
        } else if (s instanceof If f) {
            out.add(f.cond());
        } else if (s instanceof Switches.Statement w) {
            out.add(w.selector());
        } else if (s instanceof For f) {
            out.add(f.init());
            out.add(f.bound());
            if (f.extra() != null) {
                out.add(f.extra());
            }
        } else if (s instanceof While w && w.cond() != null) {
            out.add(w.cond());
        }
        return out;
    }

    /** {@code s} with its direct expressions replaced (same count and order as {@link #exprs}). */
    static Stmt withExprs(Stmt s, List<Expr> e) {
        if (s instanceof Decl d) {
            return new Decl(d.keyword(), d.name(), e.get(0));
        } else if (s instanceof Assign a) {
            return new Assign(a.name(), a.op(), e.get(0));
        } else if (s instanceof Return r) {
            return new Return(e.get(0));
        } else if (s instanceof ArrAssign a) {
            return a.j() == null
                    ? new ArrAssign(a.array(), e.get(0), null, a.op(), e.get(1))
                    : new ArrAssign(a.array(), e.get(0), e.get(1), a.op(), e.get(2));
        } else if (s instanceof If f) {
            return new If(e.get(0), f.then(), f.els());
        } else if (s instanceof Switches.Statement w) {
            return new Switches.Statement(e.get(0), w.groups(), w.arrow());
        } else if (s instanceof For f) {
            return new For(
                    f.label(),
                    f.var(),
                    e.get(0),
                    f.cmp(),
                    e.get(1),
                    f.step(),
                    f.spelling(),
                    f.extra() == null ? null : e.get(2),
                    f.body());
        } else if (s instanceof While w && w.cond() != null) {
            return new While(w.label(), w.doWhile(), w.counter(), w.max(), e.get(0), w.body());
        }
        return s;
    }

    /** The statement blocks directly nested in {@code s}. */
    static List<List<Stmt>> blocks(Stmt s) {
        if (s instanceof If f) {
            return List.of(f.then(), f.els());
        }
        if (s instanceof Switches.Statement w) {
            return w.groups().stream().map(Switches.Group::body).toList();
        }
        if (s instanceof For f) {
            return List.of(f.body());
        }
        if (s instanceof ForEach f) {
            return List.of(f.body());
        }
        if (s instanceof While w) {
            return List.of(w.body());
        }
        return List.of();
    }

    /** {@code s} with its nested blocks replaced (same count and order as {@link #blocks}). */
    static Stmt withBlocks(Stmt s, List<List<Stmt>> b) {
        if (s instanceof If f) {
            return new If(f.cond(), b.get(0), b.get(1));
        }
        if (s instanceof Switches.Statement w) {
            List<Switches.Group> groups = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                Switches.Group g = w.groups().get(i);
                // a body the shrinker cut short may no longer complete: it then no longer falls through
                boolean falls = g.fallsThrough() && Switches.completes(b.get(i));
                groups.add(new Switches.Group(g.labels(), b.get(i), falls));
            }
            return new Switches.Statement(w.selector(), groups, w.arrow());
        }
        if (s instanceof For f) {
            return f.withBody(b.get(0));
        }
        if (s instanceof ForEach f) {
            return new ForEach(f.label(), f.elem(), f.var(), f.array(), b.get(0));
        }
        if (s instanceof While w) {
            return w.withBody(b.get(0));
        }
        return s;
    }

    /** Statements in {@code body} and nested blocks, pre-order. */
    static int countStmts(List<Stmt> body) {
        int n = 0;
        for (Stmt s : body) {
            n++;
            for (List<Stmt> b : blocks(s)) {
                n += countStmts(b);
            }
        }
        return n;
    }

    /** Whether {@code s} is or contains a loop or an if. */
    static boolean hasControlFlow(List<Stmt> body) {
        for (Stmt s : body) {
            if (!blocks(s).isEmpty() || s instanceof Jump || s instanceof Return) {
                return true;
            }
        }
        return false;
    }
}
