package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cast;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>This class makes methods and simple statements; the layers below it make the rest:
 * {@link ArrayStatements}, {@link ControlFlow}, {@link Expressions}, {@link SafeExpressions}, on
 * the state they share in {@link GeneratorState}.
 */
final class Generator extends ArrayStatements {
    static final String[] DOUBLE_PARAMS = {"x", "y", "z", "w"};
    static final String[] DOUBLE_LOCALS = {"a", "b", "c", "d", "e", "f", "g", "p", "q", "r", "s", "t", "u"};
    static final String[] INT_LOCALS = {"k", "j", "kk", "jj", "idx"};
    static final String[] BOOL_LOCALS = {"flag", "big", "ok"};
    static final String[] SMALL_LOCALS = {"sh", "by", "ch"};

    Generator(Random r, Set<String> excluded, Analyzer an) {
        super(r, excluded, an);
    }

    /** Assignments and increments used as values. */
    private final ValueAssignments values = new ValueAssignments(this);

    /** Row-by-row layers and multi-array loops. */
    private final DenseNests dense = new DenseNests(this);

    // ---------------------------------------------------------------- methods

    /** Whether the method being made is a helper, which other methods call. */
    private boolean helper;

    /** A random valid helper: as {@link #method}, for other methods to call. */
    Method helper(String name, int size) {
        helper = true;
        try {
            return method(name, size);
        } finally {
            helper = false;
        }
    }

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

    Method tryMethod(String name, int size) {
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
        if (on(Feature.THROW) && (!helper || on(Feature.THROW_IN_CALLEES)) && r.nextInt(8) == 0) {
            Stmt check = stmtOf(this::argumentCheck);
            if (check != null) {
                body.add(check);
            }
        }
        if (cf && on(Feature.FOR) && r.nextInt(3) == 0) {
            arrayIdiom(body, Math.max(3, size / 2));
        }
        if (cf && on(Feature.FOR) && on(Feature.LOCAL_ARRAYS) && on(Feature.SWAPPED_BUFFERS) && r.nextInt(4) == 0) {
            swapIdiom(body, Math.max(3, size / 2));
        }
        if (on(Feature.FOR) && on(Feature.LOCAL_ARRAYS) && on(Feature.DENSE_NESTS) && r.nextInt(3) == 0) {
            dense.nest(body, Math.max(3, size / 2));
        }
        if (cf && on(Feature.INCREMENT_VALUES) && r.nextInt(6) == 0) {
            values.cursorIdiom(body, Math.max(3, size / 2));
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
        if (cf && !AstWalk.hasControlFlow(body) && r.nextInt(3) > 0) {
            Stmt s = stmtOf(() -> compound(3 + r.nextInt(Math.max(2, size / 2))));
            if (s != null) {
                body.add(s);
            }
        }
        Expr ret = num(2 + r.nextInt(Math.max(2, size)));
        return new Method(name, ps, body, ret, wrt);
    }

    // ---------------------------------------------------------------- statements

    Stmt stmt(int b) {
        return stmtOf(() -> stmtRaw(b));
    }

    /** A statement from {@code gen} that the analyzer accepts in the current environment, which it then updates. */
    Stmt stmtOf(java.util.function.Supplier<Stmt> gen) {
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

    Stmt stmtRaw(int b) {
        if (cf && depth < 3 && r.nextInt(100) < (depth == 0 ? 25 : 12)) {
            Stmt c = compound(b);
            if (c != null) {
                return c;
            }
        }
        if ((on(Feature.ASSIGNMENT_VALUES) || on(Feature.INCREMENT_VALUES) || on(Feature.ASSIGNING_LOOPS))
                && r.nextInt(100) < 7) {
            Stmt v = values.statement(b);
            if (v != null) {
                return v;
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
        if (k < 50 && on(Feature.SMALL_INTS) && r.nextInt(4) == 0) {
            T t = pick(SMALL_TYPES);
            return new Decl(t.java, fresh(SMALL_LOCALS), new Cast(t, intExpr(Math.min(b, 4))));
        }
        List<String> small = smallVars();
        if (k >= 85 && k < 92 && !small.isEmpty() && r.nextInt(3) == 0) {
            String target = pick(small);
            return r.nextBoolean()
                    ? new Incr(target, r.nextBoolean() ? "++" : "--")
                    : new Assign(target, pick(List.of("+=", "-=", "*=")), intLitOf(1 + r.nextInt(2)));
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
            if (on(Feature.BIT_OPS) && r.nextInt(4) == 0) {
                String op = pick(List.of("&=", "|=", "^=", "<<=", ">>="));
                boolean shift = op.startsWith("<<") || op.startsWith(">>");
                return new Assign(target, op, shift ? intLitOf(1) : intExpr(3));
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

    /** An assignment inside a loop body: contractive, or a bounded increment, so carried values stay bounded. */
    Stmt loopAssign(int b, List<String> dl, List<String> il) {
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

    static final List<String> EXCEPTIONS =
            List.of("IllegalArgumentException", "ArithmeticException", "IllegalStateException");

    /**
     * An argument check, as real numeric code begins: {@code if (x > 1.5) throw new
     * IllegalArgumentException("x out of range");} on a parameter, which throws at some of the
     * random points.
     */
    private Stmt argumentCheck() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            if (e.getValue().kind() == Kind.PARAM && e.getValue().type() != T.IARR) {
                names.add(e.getKey());
            }
        }
        String n = pick(names);
        Expr subject = switch (env.get(n).type()) {
            case DARR -> new Index(n, intLit(Analyzer.LEN - 1));
            case DARR2 -> new Index2(n, intLit(Analyzer.ROWS - 1), intLit(Analyzer.COLS - 1));
            default -> new Ref(n);
        };
        Expr test;
        if (env.get(n).type() == T.INT) {
            test = new Binary(r.nextBoolean() ? ">" : "==", subject, intLitOf(Analyzer.IMAX));
        } else {
            String limit = pick(List.of("0.5", "1.0", "1.5"));
            test = r.nextBoolean()
                    ? new Binary(">", subject, dlit(limit))
                    : new Binary("<", subject, new Unary("-", dlit(limit)));
            if (r.nextInt(3) == 0) {
                test = new Binary("||", new Call("Double", "isNaN", List.of(subject)), test);
            }
        }
        Ast.Throw t = new Ast.Throw(pick(EXCEPTIONS), n + " out of range");
        return new Ast.If(test, List.of(t), List.of());
    }
}
