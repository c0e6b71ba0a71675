package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *
 * <p>This class holds the types, domains and whole methods; the layers below it hold the rest:
 * {@link ControlFlowAnalysis}, {@link StatementAnalysis} and {@link ExpressionAnalysis}, with
 * {@link Intervals} and {@link MathIntervals} for the arithmetic.
 */
final class Analyzer extends ControlFlowAnalysis {
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
    static final int MAX_TRIPS = 9; // nine rows in DenseNests: two groups of four and one left over

    static final int MAX_TRIP_PRODUCT = 40;

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

    Analyzer(boolean allowParamAssign) {
        super(allowParamAssign);
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

    /** Most elements of a local array (the weights of {@link DenseNests}: nine rows of four). */
    static final int MAX_LOCAL_LEN = 36;
}
