package dev.adjoint.processor.fuzz;

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
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static checking of generated programs: Java typing of the subset, plus interval arithmetic that
 * proves every value stays in a safe domain for the arguments the fuzzer passes (double parameters
 * and array elements in [-{@link #P}, {@link #P}], int parameters in [0, {@link #IMAX}], arrays of
 * fixed shape). A program the analyzer accepts compiles as Java, never indexes out of bounds,
 * never divides by something near zero, never takes log/sqrt/asin/... outside a comfortable
 * domain, and never reaches magnitudes where finite differences are meaningless.
 *
 * <p>Control flow: the intervals follow it. An if joins the environments its branches end in
 * (a branch ending in break/continue/return does not flow on); a loop's state is iterated at
 * most as many times as the loop can run (at most {@link #MAX_TRIPS}, and
 * {@link #MAX_TRIP_PRODUCT} for nested loops), joining the state every iteration starts from and
 * the states continue statements jump from, then the states break statements leave from; so a
 * value the body grows is bounded soundly, and a loop whose values could grow too far is
 * rejected. Return statements' intervals join the method's result. A for loop must count an int
 * it never writes towards a bound the body never changes; while loops carry their own counter.
 * It also checks what javac checks: scopes, labels, jumps inside their loops, no statement after
 * a jump. Arrays have one interval for all their elements (a write joins into it), and a length.
 *
 * <p>The generator builds programs bottom-up through it; the shrinker uses it to discard
 * candidates that would be invalid.
 */
final class Analyzer {
    static final int LEN = 4;
    static final int ROWS = 3;
    static final int COLS = 3;
    /** |double argument| bound. */
    static final double P = 2.0;
    /** int arguments are in [0, IMAX]. */
    static final int IMAX = 2;
    /** Largest magnitude a double value may reach in an accepted program. */
    static final double MAXMAG = 1e6;

    static final class Invalid extends RuntimeException {
        Invalid(String why) {
            super(why, null, false, false);
        }
    }

    /** Type, value interval (exact bounds for integral types) and whether it depends on a differentiated input. */
    record Info(T type, double lo, double hi, boolean active) {
        double mag() {
            return Math.max(Math.abs(lo), Math.abs(hi));
        }

        boolean within(double a, double b) {
            return lo >= a && hi <= b;
        }
    }

    /**
     * PARAM, LOCAL (writable), CONST (a constant of the class), COUNTER (a loop variable or a while
     * loop's own counter: readable, never written by generated code), ROW (the {@code double[]}
     * variable of an enhanced for over a matrix, of length {@link #COLS}).
     */
    enum Kind {
        PARAM,
        LOCAL,
        CONST,
        COUNTER,
        ROW
    }

    /** Most iterations of one loop, and of nested loops together. */
    static final int MAX_TRIPS = 6;

    static final int MAX_TRIP_PRODUCT = 40;

    /** A loop being analyzed: where its breaks and continues leave from. */
    private static final class LoopCtx {
        final String label;
        final List<Map<String, Var>> exits = new ArrayList<>();
        final List<Map<String, Var>> conts = new ArrayList<>();

        LoopCtx(String label) {
            this.label = label;
        }
    }

    private final Deque<LoopCtx> loops = new ArrayDeque<>();
    private final List<Info> returns = new ArrayList<>();
    /**
     * Arrays that received an active value anywhere in the method so far: the processor's
     * activity is a property of the array, not of the path (a store on a path that then returns
     * still makes the array active after the {@code if}).
     */
    private final Set<String> everActive = new HashSet<>();

    private int tripProduct = 1;

    /**
     * A variable: type, value interval (for an array, of all its elements), whether it depends on a
     * differentiated input, kind; for an array, its length {@code len} and for a matrix its row
     * length {@code cols} (0: the parameters' fixed shape).
     */
    record Var(T type, double lo, double hi, boolean active, Kind kind, int len, int cols) {
        Var(T type, double lo, double hi, boolean active, Kind kind) {
            this(type, lo, hi, active, kind, 0, 0);
        }

        Info info() {
            return new Info(type, lo, hi, active);
        }

        /** Rows of a matrix, or length of an array. */
        int length() {
            return Analyzer.length(this);
        }

        int rowLength() {
            return cols > 0 ? cols : COLS;
        }

        boolean array() {
            return type == T.DARR || type == T.DARR2 || type == T.IARR;
        }
    }

    /** The class-level constants every generated class declares (see {@link Prelude}). */
    private final Map<String, Method> helpers = new LinkedHashMap<>();

    private final Map<String, Info> helperResults = new HashMap<>();
    private final boolean allowParamAssign;

    Analyzer(boolean allowParamAssign) {
        this.allowParamAssign = allowParamAssign;
    }

    Analyzer copy() {
        Analyzer a = new Analyzer(allowParamAssign);
        a.helpers.putAll(helpers);
        a.helperResults.putAll(helperResults);
        return a;
    }

    /** Analyzes a @Differentiable helper and makes it callable by later methods. */
    Info addHelper(Method m) {
        Info r = method(m);
        helpers.put(m.name(), m);
        helperResults.put(m.name(), r);
        return r;
    }

    Map<String, Method> helpers() {
        return helpers;
    }

    static Map<String, Var> paramEnv(Method m) {
        Map<String, Var> env = new LinkedHashMap<>(Prelude.constants());
        Set<String> names = new HashSet<>();
        for (Param p : m.params()) {
            if (!names.add(p.name())) {
                throw new Invalid("duplicate parameter " + p.name());
            }
            boolean d = m.differentiated(p);
            env.put(
                    p.name(),
                    switch (p.type()) {
                        case DOUBLE -> new Var(T.DOUBLE, -P, P, d, Kind.PARAM);
                        case INT -> new Var(T.INT, 0, IMAX, false, Kind.PARAM);
                        case IARR -> new Var(T.IARR, 0, IMAX, false, Kind.PARAM);
                        case DARR, DARR2 -> new Var(p.type(), -P, P, d, Kind.PARAM);
                        default -> throw new Invalid("parameter type " + p.type());
                    });
        }
        Set<String> seen = new HashSet<>();
        for (String w : m.wrt()) {
            Var v = names.contains(w) ? env.get(w) : null;
            if (v == null || !seen.add(w) || !(v.type() == T.DOUBLE || v.type() == T.DARR || v.type() == T.DARR2)) {
                throw new Invalid("bad wrt " + w);
            }
        }
        boolean any = m.params().stream().anyMatch(m::differentiated);
        if (!any) {
            throw new Invalid("no differentiated parameter");
        }
        return env;
    }

    /** Checks a whole method; returns the interval of its result. */
    Info method(Method m) {
        if (helpers.containsKey(m.name()) || Prelude.isPlainHelper(m.name())) {
            throw new Invalid("method name clash " + m.name());
        }
        everActive.clear();
        // twice: the second pass knows every array the first saw become active, wherever
        int known;
        Map<String, Var> end;
        do {
            known = everActive.size();
            returns.clear();
            loops.clear();
            tripProduct = 1;
            end = block(m.body(), paramEnv(m), false);
            if (end == null) {
                throw new Invalid("return statement unreachable");
            }
        } while (everActive.size() != known);
        Info r = expr(m.ret(), end);
        if (!r.type().numeric()) {
            throw new Invalid("return type " + r.type());
        }
        double lo = r.lo();
        double hi = r.hi();
        boolean act = r.active();
        for (Info x : returns) {
            lo = Math.min(lo, x.lo());
            hi = Math.max(hi, x.hi());
            act |= x.active();
        }
        returns.clear();
        return new Info(T.DOUBLE, lo, hi, act);
    }

    // ---------------------------------------------------------------- control flow

    /** For the generator: statements analyzed from now on are inside a loop labelled {@code label} (or null). */
    void enterLoop(String label) {
        loops.push(new LoopCtx(label));
    }

    void exitLoop() {
        loops.pop();
    }

    private static Var join(Var a, Var b) {
        if (a.type() != b.type()) {
            throw new Invalid("join of different types");
        }
        return new Var(
                a.type(),
                Math.min(a.lo(), b.lo()),
                Math.max(a.hi(), b.hi()),
                a.active() || b.active(),
                a.kind(),
                a.len(),
                a.cols());
    }

    /** The join of two environments over the names of {@code a}; null stands for "unreachable". */
    private static Map<String, Var> join(Map<String, Var> a, Map<String, Var> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Map<String, Var> out = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : a.entrySet()) {
            Var w = b.get(e.getKey());
            out.put(e.getKey(), w == null ? e.getValue() : join(e.getValue(), w));
        }
        return out;
    }

    private static Map<String, Var> restrict(Map<String, Var> env, Set<String> keys) {
        Map<String, Var> out = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            if (keys.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Analyzes {@code body} as a nested block (its declarations go out of scope at its end); returns
     * the environment after it over the names of {@code env}, or null if it cannot complete normally.
     * A statement that cannot complete normally must be the last of its block (javac rejects
     * unreachable statements).
     */
    Map<String, Var> block(List<Stmt> body, Map<String, Var> env) {
        return block(body, env, true);
    }

    /** As {@link #block(List, Map)}; without {@code scoped}, the block's declarations stay (a method's body). */
    private Map<String, Var> block(List<Stmt> body, Map<String, Var> env, boolean scoped) {
        Map<String, Var> e = new LinkedHashMap<>(env);
        for (int i = 0; i < body.size(); i++) {
            if (!exec(body.get(i), e)) {
                if (i != body.size() - 1) {
                    throw new Invalid("unreachable statement");
                }
                return null;
            }
        }
        return scoped ? restrict(e, env.keySet()) : e;
    }

    /** Analyzes one statement, updating {@code env}; for the generator, which never emits a bare jump. */
    void stmt(Stmt s, Map<String, Var> env) {
        exec(s, env);
    }

    /** Analyzes one statement; returns whether it can complete normally. */
    private boolean exec(Stmt s, Map<String, Var> env) {
        if (s instanceof Ast.Return r) {
            Info v = expr(r.value(), env);
            if (!v.type().numeric()) {
                throw new Invalid("return type " + v.type());
            }
            returns.add(v);
            return false;
        }
        if (s instanceof Ast.Jump j) {
            LoopCtx target = null;
            for (LoopCtx c : loops) {
                if (j.label() == null || j.label().equals(c.label)) {
                    target = c;
                    break;
                }
            }
            if (target == null) {
                throw new Invalid(j.kind() + " outside its loop");
            }
            (j.kind().equals("break") ? target.exits : target.conts).add(new LinkedHashMap<>(env));
            return false;
        }
        if (s instanceof Switches.Statement w) {
            return exec(w.lowered(), env);
        }
        if (s instanceof Ast.If f) {
            Info c = expr(f.cond(), env);
            if (c.type() != T.BOOLEAN) {
                throw new Invalid("if condition " + c.type());
            }
            Map<String, Var> a = block(f.then(), env);
            Map<String, Var> b = block(f.els(), env);
            if (a == null && b == null) {
                return false;
            }
            Map<String, Var> j = join(a, b);
            env.clear();
            env.putAll(j);
            return true;
        }
        if (s instanceof Ast.For f) {
            fresh(f.var(), env);
            Info init = expr(f.init(), env);
            Info bound = expr(f.bound(), env);
            if (init.type() != T.INT || bound.type() != T.INT) {
                throw new Invalid("for bounds must be int");
            }
            Set<String> inBound = new HashSet<>();
            valueNames(f.bound(), inBound);
            for (String w : assigned(f.body())) {
                if (inBound.contains(w)) {
                    throw new Invalid("loop bound changes in the loop");
                }
            }
            double[] range = counterRange(init, bound, f.cmp(), f.step());
            double lo = range[0];
            double hi = range[1];
            int st = f.step();
            int trips = (int) Math.floor((hi - lo) / Math.abs(st)) + 1;
            Map<String, Var> start = new LinkedHashMap<>(env);
            start.put(f.var(), new Var(T.INT, lo, hi, false, Kind.COUNTER));
            loop(f.label(), start, trips, f.body(), f.extra(), env);
            return true;
        }
        if (s instanceof Ast.ForEach f) {
            fresh(f.var(), env);
            Var arr = env.get(f.array());
            if (arr == null) {
                throw new Invalid("unknown " + f.array());
            }
            Map<String, Var> start = new LinkedHashMap<>(env);
            int trips;
            if (f.elem() == T.DOUBLE && arr.type() == T.DARR) {
                trips = length(arr);
                start.put(f.var(), new Var(T.DOUBLE, arr.lo(), arr.hi(), arr.active(), Kind.COUNTER));
            } else if (f.elem() == T.DARR && arr.type() == T.DARR2) {
                trips = length(arr);
                start.put(f.var(), new Var(T.DARR, arr.lo(), arr.hi(), arr.active(), Kind.ROW, arr.rowLength(), 0));
            } else if (f.elem() == T.INT && arr.type() == T.IARR) {
                trips = length(arr);
                start.put(f.var(), new Var(T.INT, arr.lo(), arr.hi(), false, Kind.COUNTER));
            } else {
                throw new Invalid("enhanced for over " + arr.type());
            }
            loop(f.label(), start, trips, f.body(), null, env);
            return true;
        }
        if (s instanceof Ast.While w) {
            fresh(w.counter(), env);
            if (w.max() < 1 || w.max() > MAX_TRIPS) {
                throw new Invalid("while bound");
            }
            env.put(w.counter(), new Var(T.INT, 0, w.max(), false, Kind.COUNTER));
            boolean normal = loop(w.label(), new LinkedHashMap<>(env), w.max(), w.body(), w.cond(), env);
            // javac: a do-while whose body always jumps out (without break) cannot complete normally
            return normal || !w.doWhile();
        }
        simple(s, env);
        return true;
    }

    /** The values a for loop's counter takes in the body: {lo, hi}; throws if the loop may never end or never run. */
    static double[] counterRange(Info init, Info bound, String cmp, int st) {
        double lo;
        double hi;
        if (st > 0 && (cmp.equals("<") || cmp.equals("<="))) {
            lo = init.lo();
            hi = cmp.equals("<") ? bound.hi() - 1 : bound.hi();
            if (hi < lo) {
                throw new Invalid("loop never runs");
            }
        } else if (st < 0 && (cmp.equals(">") || cmp.equals(">="))) {
            hi = init.hi();
            lo = cmp.equals(">") ? bound.lo() + 1 : bound.lo();
            if (hi < lo) {
                throw new Invalid("loop never runs");
            }
        } else {
            throw new Invalid("for loop direction");
        }
        return new double[] {lo, hi};
    }

    /** Names whose values {@code e} reads ({@code a.length} does not read a's elements). */
    static void valueNames(Expr e, Set<String> out) {
        if (e instanceof Ast.Len) {
            return;
        }
        if (e instanceof Ref r) {
            out.add(r.name());
        } else if (e instanceof Index ix) {
            out.add(ix.array());
        } else if (e instanceof Index2 ix) {
            out.add(ix.array());
        }
        for (Expr c : Ast.children(e)) {
            valueNames(c, out);
        }
    }

    /** Whether {@code body} writes elements of array {@code name}. */
    static boolean writesArray(List<Stmt> body, String name) {
        for (Stmt s : body) {
            if (s instanceof Ast.ArrAssign a && a.array().equals(name)) {
                return true;
            }
            for (List<Stmt> b : Ast.blocks(s)) {
                if (writesArray(b, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Names assigned or incremented anywhere in {@code body}. */
    static Set<String> assigned(List<Stmt> body) {
        Set<String> out = new HashSet<>();
        for (Stmt s : body) {
            if (s instanceof Assign a) {
                out.add(a.name());
            } else if (s instanceof Incr i) {
                out.add(i.name());
            } else if (s instanceof Ast.ArrAssign a) {
                out.add(a.array());
            }
            for (List<Stmt> b : Ast.blocks(s)) {
                out.addAll(assigned(b));
            }
        }
        return out;
    }

    private void fresh(String name, Map<String, Var> env) {
        if (env.containsKey(name) || helpers.containsKey(name)) {
            throw new Invalid("redeclared " + name);
        }
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

    /**
     * A loop of at most {@code trips} iterations starting from {@code start} (which holds the loop
     * variable): iterates the body's effect on the intervals (joining the states every iteration
     * starts from, and those continue statements jump from) at most {@code trips} times, then joins
     * the states break statements leave from. Updates {@code env} to the state after the loop.
     */
    private boolean loop(
            String label, Map<String, Var> start, int trips, List<Stmt> body, Expr cond, Map<String, Var> env) {
        for (LoopCtx c : loops) {
            if (label != null && label.equals(c.label)) {
                throw new Invalid("duplicate label " + label);
            }
        }
        if (trips > MAX_TRIPS || (long) tripProduct * trips > MAX_TRIP_PRODUCT) {
            throw new Invalid("too many iterations");
        }
        LoopCtx ctx = new LoopCtx(label);
        loops.push(ctx);
        tripProduct *= trips;
        Map<String, Var> state = start;
        boolean normal = false;
        try {
            for (int k = 0; k < trips; k++) {
                if (cond != null) {
                    Info c = expr(cond, state);
                    if (c.type() != T.BOOLEAN) {
                        throw new Invalid("loop condition " + c.type());
                    }
                }
                ctx.conts.clear();
                Map<String, Var> next = block(body, state);
                for (Map<String, Var> c : ctx.conts) {
                    next = join(next, restrict(c, state.keySet()));
                }
                if (next == null) {
                    break;
                }
                normal = true;
                Map<String, Var> joined = join(state, next);
                if (joined.equals(state)) {
                    break;
                }
                state = joined;
            }
            if (cond != null) {
                expr(cond, state);
            }
            for (Map<String, Var> x : ctx.exits) {
                state = join(state, restrict(x, state.keySet()));
                normal = true;
            }
        } finally {
            loops.pop();
            tripProduct /= trips;
        }
        Map<String, Var> out = restrict(state, env.keySet());
        env.clear();
        env.putAll(out);
        return normal;
    }

    private void simple(Stmt s, Map<String, Var> env) {
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
                String op = a.op().substring(0, 1);
                Info r = arith(op, target.info(), v, false);
                if (target.type().integral() && r.type() == T.DOUBLE) {
                    r = new Info(target.type(), trunc(r.lo()), trunc(r.hi()), r.active());
                } else if (target.type() == T.INT && r.type() == T.LONG) {
                    throw new Invalid("long into int");
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
            env.put(i.name(), new Var(target.type(), target.lo() + d, target.hi() + d, target.active(), target.kind()));
        }
    }

    /**
     * Swapped buffers: {@code double[] t = u} makes a read-only name for u's array (kind ROW: not
     * written through), {@code u = v} gives u the array v names (both local, of one length).
     */
    private boolean swap(Stmt s, Map<String, Var> env) {
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

    /** Most elements of a local array. */
    static final int MAX_LOCAL_LEN = 6;

    private Var arrayDecl(Decl d, Map<String, Var> env) {
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

    private static int exactLength(Info n) {
        if (n.type() != T.INT || n.lo() != n.hi() || n.lo() < 1 || n.lo() > MAX_LOCAL_LEN) {
            throw new Invalid("array length " + n);
        }
        return (int) n.lo();
    }

    private void arrayWrite(Ast.ArrAssign a, Map<String, Var> env) {
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

    private Var writable(String name, Map<String, Var> env) {
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

    private static void assignable(T target, T src) {
        boolean ok = switch (target) {
            case DOUBLE -> src.numeric();
            case LONG -> src == T.INT || src == T.LONG;
            case INT -> src == T.INT;
            case BOOLEAN -> src == T.BOOLEAN;
            default -> false;
        };
        if (!ok) {
            throw new Invalid("cannot assign " + src + " to " + target);
        }
    }

    static double trunc(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    private static Info checkMag(Info i) {
        if (Double.isNaN(i.lo()) || Double.isNaN(i.hi())) {
            throw new Invalid("NaN interval");
        }
        double lim = switch (i.type()) {
            case DOUBLE -> MAXMAG;
            case INT -> 1e6;
            case LONG -> 1e9;
            default -> Double.POSITIVE_INFINITY;
        };
        if (i.mag() > lim) {
            throw new Invalid("magnitude " + i.mag());
        }
        return i;
    }

    private static T promote(T a, T b) {
        if (!a.numeric() || !b.numeric()) {
            throw new Invalid("non-numeric operand");
        }
        if (a == T.DOUBLE || b == T.DOUBLE) {
            return T.DOUBLE;
        }
        if (a == T.LONG || b == T.LONG) {
            return T.LONG;
        }
        return T.INT;
    }

    private static double min4(double a, double b, double c, double d) {
        return Math.min(Math.min(a, b), Math.min(c, d));
    }

    private static double max4(double a, double b, double c, double d) {
        return Math.max(Math.max(a, b), Math.max(c, d));
    }

    static Info arith(String op, Info a, Info b, boolean square) {
        T t = promote(a.type(), b.type());
        boolean act = a.active() || b.active();
        double lo;
        double hi;
        switch (op) {
            case "+" -> {
                lo = a.lo() + b.lo();
                hi = a.hi() + b.hi();
            }
            case "-" -> {
                lo = a.lo() - b.hi();
                hi = a.hi() - b.lo();
            }
            case "*" -> {
                if (square) {
                    double m = a.mag();
                    double n = (a.lo() <= 0 && a.hi() >= 0) ? 0 : Math.min(a.lo() * a.lo(), a.hi() * a.hi());
                    lo = n;
                    hi = m * m;
                } else {
                    lo = min4(a.lo() * b.lo(), a.lo() * b.hi(), a.hi() * b.lo(), a.hi() * b.hi());
                    hi = max4(a.lo() * b.lo(), a.lo() * b.hi(), a.hi() * b.lo(), a.hi() * b.hi());
                }
            }
            case "/" -> {
                if (t == T.DOUBLE) {
                    if (!(b.lo() >= 0.1 || b.hi() <= -0.1)) {
                        throw new Invalid("denominator may be near zero");
                    }
                    double r1 = 1 / b.lo();
                    double r2 = 1 / b.hi();
                    lo = min4(a.lo() * r1, a.lo() * r2, a.hi() * r1, a.hi() * r2);
                    hi = max4(a.lo() * r1, a.lo() * r2, a.hi() * r1, a.hi() * r2);
                } else {
                    if (!(b.lo() >= 1 || b.hi() <= -1)) {
                        throw new Invalid("integer denominator may be zero");
                    }
                    lo = min4(
                            trunc(a.lo() / b.lo()),
                            trunc(a.lo() / b.hi()),
                            trunc(a.hi() / b.lo()),
                            trunc(a.hi() / b.hi()));
                    hi = max4(
                            trunc(a.lo() / b.lo()),
                            trunc(a.lo() / b.hi()),
                            trunc(a.hi() / b.lo()),
                            trunc(a.hi() / b.hi()));
                    // truncation toward zero is monotone in a but not in b across signs; widen by one to be safe.
                    lo -= 1;
                    hi += 1;
                }
            }
            case "%" -> {
                if (t != T.DOUBLE || !(b.lo() >= 0.25 || b.hi() <= -0.25)) {
                    throw new Invalid("remainder");
                }
                double m = b.mag();
                lo = Math.max(Math.min(a.lo(), 0), -m);
                hi = Math.min(Math.max(a.hi(), 0), m);
            }
            default -> throw new Invalid("op " + op);
        }
        return checkMag(new Info(t, lo, hi, act));
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
            if (u.op().equals("+")) {
                return a;
            }
            return new Info(a.type(), -a.hi(), -a.lo(), a.active());
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

    private static void index(Info i, int len) {
        if (i.type() != T.INT || i.lo() < 0 || i.hi() > len - 1) {
            throw new Invalid("index " + i);
        }
    }

    private Info call(Call c, Map<String, Var> env) {
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
        String n = c.name();
        Info x = a[0];
        double lo;
        double hi;
        switch (n) {
            case "abs" -> {
                T t = x.type();
                double m = x.mag();
                double mn = x.lo() <= 0 && x.hi() >= 0 ? 0 : Math.min(Math.abs(x.lo()), Math.abs(x.hi()));
                return new Info(t, mn, m, act);
            }
            case "max", "min" -> {
                T t = promote(a[0].type(), a[1].type());
                if (n.equals("max")) {
                    return new Info(t, Math.max(a[0].lo(), a[1].lo()), Math.max(a[0].hi(), a[1].hi()), act);
                }
                return new Info(t, Math.min(a[0].lo(), a[1].lo()), Math.min(a[0].hi(), a[1].hi()), act);
            }
            case "round" -> {
                if (x.type() != T.DOUBLE) {
                    throw new Invalid("round(float) overload");
                }
                return checkMag(new Info(T.LONG, Math.round(x.lo()), Math.round(x.hi()), act));
            }
            case "signum" -> {
                if (x.type() != T.DOUBLE) {
                    throw new Invalid("signum(float) overload");
                }
                return new Info(T.DOUBLE, -1, 1, act);
            }
            default -> {}
        }
        switch (n) {
            case "sin", "cos" -> {
                lo = -1;
                hi = 1;
            }
            case "tan" -> {
                need(x.within(-1.35, 1.35), n);
                lo = Math.tan(x.lo());
                hi = Math.tan(x.hi());
            }
            case "asin", "acos" -> {
                need(x.within(-0.95, 0.95), n);
                lo = n.equals("asin") ? Math.asin(x.lo()) : Math.acos(x.hi());
                hi = n.equals("asin") ? Math.asin(x.hi()) : Math.acos(x.lo());
            }
            case "atan" -> {
                lo = Math.atan(x.lo());
                hi = Math.atan(x.hi());
            }
            case "atan2" -> {
                awayFromOrigin(a, n);
                lo = -Math.PI;
                hi = Math.PI;
            }
            case "sinh", "tanh", "exp", "expm1" -> {
                need(x.hi() <= 8 && (n.equals("exp") || n.equals("expm1") || n.equals("tanh") || x.lo() >= -8), n);
                lo = MathFns.apply1(n, x.lo());
                hi = MathFns.apply1(n, x.hi());
            }
            case "cosh" -> {
                need(x.within(-8, 8), n);
                double mn = x.lo() <= 0 && x.hi() >= 0 ? 0 : Math.min(Math.abs(x.lo()), Math.abs(x.hi()));
                lo = Math.cosh(mn);
                hi = Math.cosh(x.mag());
            }
            case "log", "log10", "sqrt" -> {
                need(x.lo() >= 0.01, n);
                lo = MathFns.apply1(n, x.lo());
                hi = MathFns.apply1(n, x.hi());
            }
            case "log1p" -> {
                need(x.lo() >= -0.95, n);
                lo = Math.log1p(x.lo());
                hi = Math.log1p(x.hi());
            }
            case "cbrt" -> {
                need(x.lo() >= 0.01 || x.hi() <= -0.01, n);
                lo = Math.cbrt(x.lo());
                hi = Math.cbrt(x.hi());
            }
            case "floor", "ceil", "rint", "toRadians", "toDegrees" -> {
                lo = MathFns.apply1(n, x.lo());
                hi = MathFns.apply1(n, x.hi());
            }
            case "hypot" -> {
                awayFromOrigin(a, n);
                double m0 = a[0].lo() <= 0 && a[0].hi() >= 0 ? 0 : Math.min(Math.abs(a[0].lo()), Math.abs(a[0].hi()));
                double m1 = a[1].lo() <= 0 && a[1].hi() >= 0 ? 0 : Math.min(Math.abs(a[1].lo()), Math.abs(a[1].hi()));
                lo = Math.hypot(m0, m1);
                hi = Math.hypot(a[0].mag(), a[1].mag());
            }
            case "fma" -> {
                Info p = arith("*", a[0], a[1], args.get(0).equals(args.get(1)));
                Info s = arith("+", new Info(T.DOUBLE, p.lo(), p.hi(), act), a[2], false);
                lo = s.lo();
                hi = s.hi();
            }
            case "pow" -> {
                Info b = a[1];
                Expr ex = args.get(1);
                if (ex instanceof Lit l && l.value() == Math.rint(l.value()) && Math.abs(l.value()) <= 4) {
                    int k = (int) l.value();
                    if (k < 0) {
                        need(x.lo() >= 0.1 || x.hi() <= -0.1, "pow with negative exponent");
                    }
                    if (k >= 0 && k % 2 == 0 && x.lo() < 0 && x.hi() > 0) {
                        lo = 0;
                        hi = Math.pow(x.mag(), k);
                    } else {
                        double p1 = Math.pow(x.lo(), k);
                        double p2 = Math.pow(x.hi(), k);
                        lo = Math.min(p1, p2);
                        hi = Math.max(p1, p2);
                    }
                } else {
                    need(x.lo() >= 0.05 && b.within(-6, 6), "pow domain");
                    double p1 = Math.pow(x.lo(), b.lo());
                    double p2 = Math.pow(x.lo(), b.hi());
                    double p3 = Math.pow(x.hi(), b.lo());
                    double p4 = Math.pow(x.hi(), b.hi());
                    lo = min4(p1, p2, p3, p4);
                    hi = max4(p1, p2, p3, p4);
                }
            }
            default -> throw new Invalid("function " + n);
        }
        return checkMag(new Info(T.DOUBLE, Math.min(lo, hi), Math.max(lo, hi), act));
    }

    /** atan2 and hypot are not differentiable at (0, 0): one argument must stay away from zero. */
    private static void awayFromOrigin(Info[] a, String n) {
        need(
                a[0].lo() >= 0.01 || a[0].hi() <= -0.01 || a[1].lo() >= 0.01 || a[1].hi() <= -0.01,
                n + " near the origin");
    }

    private static void need(boolean ok, String what) {
        if (!ok) {
            throw new Invalid("domain of " + what);
        }
    }

    private Info helperCall(Method h, List<Expr> args, Map<String, Var> env) {
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
                            || writesArray(h.body(), p.name())) {
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
