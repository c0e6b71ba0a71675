package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.Analyzer.MAX_TRIPS;
import static dev.adjoint.processor.fuzz.Analyzer.MAX_TRIP_PRODUCT;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Analyzer}'s control flow: blocks and their scopes, if (joining the environments its
 * branches end in), loops (iterating the body's effect on the intervals at most as many times as
 * the loop can run, joining the states continue and break statements leave from), jumps and
 * returns, and javac's rules on labels and unreachable statements.
 */
abstract class ControlFlowAnalysis extends StatementAnalysis {
    /** A loop being analyzed: where its breaks and continues leave from. */
    static final class LoopCtx {
        final String label;
        final List<Map<String, Var>> exits = new ArrayList<>();
        final List<Map<String, Var>> conts = new ArrayList<>();

        LoopCtx(String label) {
            this.label = label;
        }
    }

    final Deque<LoopCtx> loops = new ArrayDeque<>();
    final List<Info> returns = new ArrayList<>();
    int tripProduct = 1;

    ControlFlowAnalysis(boolean allowParamAssign) {
        super(allowParamAssign);
    }

    /** For the generator: statements analyzed from now on are inside a loop labelled {@code label} (or null). */
    void enterLoop(String label) {
        loops.push(new LoopCtx(label));
    }

    void exitLoop() {
        loops.pop();
    }

    static Var join(Var a, Var b) {
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
    static Map<String, Var> join(Map<String, Var> a, Map<String, Var> b) {
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

    static Map<String, Var> restrict(Map<String, Var> env, Set<String> keys) {
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
    Map<String, Var> block(List<Stmt> body, Map<String, Var> env, boolean scoped) {
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
    boolean exec(Stmt s, Map<String, Var> env) {
        if (SideEffects.has(s)) {
            return SideEffects.exec(this, s, env);
        }
        if (s instanceof Ast.Return r) {
            Info v = expr(r.value(), env);
            if (!v.type().numeric()) {
                throw new Invalid("return type " + v.type());
            }
            returns.add(v);
            return false;
        }
        if (s instanceof Ast.Throw) {
            return false; // an argument check: the method ends here, with no value
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
            AstWalk.valueNames(f.bound(), inBound);
            for (String w : AstWalk.assigned(f.body())) {
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

    /**
     * A loop of at most {@code trips} iterations starting from {@code start} (which holds the loop
     * variable): iterates the body's effect on the intervals (joining the states every iteration
     * starts from, and those continue statements jump from) at most {@code trips} times, then joins
     * the states break statements leave from. Updates {@code env} to the state after the loop.
     */
    boolean loop(String label, Map<String, Var> start, int trips, List<Stmt> body, Expr cond, Map<String, Var> env) {
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
}
