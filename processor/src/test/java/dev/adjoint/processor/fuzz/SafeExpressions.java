package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cast;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Ast.Unary;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Expressions kept inside the domains the analyzer can prove safe: arguments of functions with
 * restricted domains are wrapped (log of {@code 1 + e * e} or {@code Math.exp(..)}, asin of
 * {@code 0.9 * Math.tanh(e)}, division by {@code 1.5 + e * e}, ...), and values that grow are
 * squashed, so that every generated program stays finite and smooth where it is checked.
 */
abstract class SafeExpressions extends GeneratorState {
    SafeExpressions(Random r, Set<String> excluded, Analyzer an) {
        super(r, excluded, an);
    }

    /** Hipparchus' FastMath, which the processor takes for Math; named in full so that no import is needed. */
    static final String FAST_MATH = "org.hipparchus.util.FastMath";

    Expr fn(String name, Expr... args) {
        String owner = on(Feature.FAST_MATH) && r.nextInt(5) == 0 ? FAST_MATH : owner();
        return new Call(owner, name, List.of(args));
    }

    /** An expression in [-1, 1] (or [-pi/2, pi/2] for atan) built from e. */
    Expr squash(Expr e) {
        return fn(pick(List.of("tanh", "sin", "cos", "atan", "tanh")), e);
    }

    Expr doubleTyped(Expr e) {
        Info i = info(e);
        return i.type() == T.DOUBLE ? e : new Cast(T.DOUBLE, e);
    }

    /** e itself if provably in [-limit, limit], else {@code limit * Math.tanh(e)} or similar. */
    Expr bounded(Expr e, double limit) {
        Info i = info(e);
        if (i.within(-limit, limit) && r.nextInt(3) > 0) {
            return e;
        }
        String f = pick(List.of("tanh", "sin", "cos"));
        Expr sq = fn(f, e);
        if (limit == 1.0) {
            return sq;
        }
        return new Binary("*", dlit(limitText(limit)), sq);
    }

    static String limitText(double limit) {
        return limit == Math.rint(limit) ? String.format(Locale.ROOT, "%.1f", limit) : Double.toString(limit);
    }

    /** A positive expression (at least 0.05) built from e. */
    Expr positive(Expr e) {
        Info i = info(e);
        if (i.lo() >= 0.2 && i.hi() <= 1000 && r.nextBoolean()) {
            return e;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Expr p = switch (r.nextInt(6)) {
                case 0 -> fn("exp", bounded(e, 3.0));
                case 1 ->
                    i.mag() <= 30
                            ? new Binary("+", intLitOf(1), new Binary("*", e, e))
                            : new Binary("+", dlit("1.0"), new Binary("*", squash(e), squash(e)));
                case 2 -> new Binary("+", fn("abs", doubleTyped(e)), dlit("0.5"));
                case 3 -> new Binary("+", intLitOf(2), fn("sin", e));
                case 4 -> fn("hypot", e, dlit("1.0"));
                default -> fn("cosh", bounded(e, 3.0));
            };
            try {
                Info pi = info(p);
                if (pi.lo() >= 0.05) {
                    return p;
                }
            } catch (Invalid x) {
                // next
            }
        }
        return fn("exp", fn("sin", e));
    }

    boolean negOk() {
        return loopDepth == 0 || on(Feature.NEGATION_IN_LOOPS);
    }

    boolean awayFromZero(Expr e) {
        Info i = info(e);
        return i.lo() >= 0.01 || i.hi() <= -0.01;
    }

    Expr nonzero(Expr e) {
        Expr p = positive(e);
        return r.nextInt(3) == 0 && negOk() ? new Unary("-", p) : p;
    }

    /** A divisor bounded away from zero. */
    Expr denominator(int b) {
        int k = r.nextInt(10);
        if (k < 2) {
            return dlit(pick(List.of("2.0", "3.0", "0.5", "1.5", "4.0", "-2.5")));
        }
        Expr e = num(b);
        if (k < 4) {
            Expr p = new Binary("+", dlit("1.5"), new Binary("*", e, e));
            try {
                if (info(p).lo() >= 0.5) {
                    return p;
                }
            } catch (Invalid x) {
                // fall back
            }
        }
        Expr p = positive(e);
        return r.nextInt(4) == 0 && negOk() ? new Unary("-", p) : p;
    }

    // ---------------------------------------------------------------- calls

    Expr unaryFn(String n, int b) {
        Expr a = num(b);
        Expr arg = switch (n) {
            case "tan" -> bounded(a, 1.2);
            case "asin", "acos" -> bounded(a, 0.9);
            case "sinh", "cosh", "exp", "expm1" -> bounded(a, 3.0);
            case "log", "log10", "sqrt" -> positive(a);
            case "log1p" -> r.nextBoolean() ? positive(a) : bounded(a, 0.8);
            case "cbrt" -> {
                Info i = info(a);
                yield (i.lo() >= 0.05 || i.hi() <= -0.05) ? a : positive(a);
            }
            case "signum", "round" -> doubleTyped(a);
            default -> a;
        };
        return fn(n, arg);
    }

    Expr multiFn(String n, int b) {
        int[] s = split(b);
        switch (n) {
            case "pow" -> {
                int k = r.nextInt(4);
                if (k == 0 && on(Feature.POW_WHOLE_EXPONENT)) {
                    Expr base = bounded(num(s[0]), 5.0);
                    Lit ex = r.nextBoolean()
                            ? intLitOf(2 + r.nextInt(2))
                            : dlit(pick(List.of("2.0", "3.0", "1.0", "0.0")));
                    return fn("pow", base, ex);
                }
                if (k == 1) {
                    return fn(
                            "pow",
                            positive(num(s[0])),
                            dlit(pick(List.of("0.5", "1.5", "-0.5", "-1.0", "2.5", "-2.0"))));
                }
                if (k == 2) {
                    return fn("pow", dlit(pick(List.of("2.0", "0.5", "3.0", "1.5"))), bounded(num(s[0]), 3.0));
                }
                return fn("pow", positive(bounded(num(s[0]), 4.0)), bounded(num(s[1]), 2.0));
            }
            case "fma" -> {
                int[] t = split(s[1]);
                return fn("fma", num(s[0]), num(t[0]), num(t[1]));
            }
            case "max", "min" -> {
                Expr x = num(s[0]);
                Expr y = r.nextInt(4) == 0 ? x : num(s[1]);
                return fn(n, x, y);
            }
            default -> {
                // atan2 and hypot: keep one argument away from zero (they are singular at the origin)
                Expr x = num(s[0]);
                Expr y = num(s[1]);
                if (awayFromZero(x) || awayFromZero(y)) {
                    return fn(n, x, y);
                }
                return r.nextBoolean() ? fn(n, x, nonzero(y)) : fn(n, nonzero(x), y);
            }
        }
    }
}
