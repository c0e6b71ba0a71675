package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.Intervals.arith;
import static dev.adjoint.processor.fuzz.Intervals.checkMag;
import static dev.adjoint.processor.fuzz.Intervals.max4;
import static dev.adjoint.processor.fuzz.Intervals.min4;
import static dev.adjoint.processor.fuzz.Intervals.promote;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.List;

/**
 * The intervals of {@code java.lang.Math} functions (and of their {@code StrictMath} and
 * {@code FastMath} twins) for the {@link Analyzer}: each function's result range over its
 * arguments' intervals, and the domains the generator must keep arguments in (log of a value
 * at least 0.01, asin within [-0.95, 0.95], atan2 and hypot away from the origin, ...).
 */
final class MathIntervals {
    MathIntervals() {}

    /** The result of Math function {@code n} applied to arguments {@code args} whose intervals are {@code a}. */
    static Info of(String n, Info[] a, List<Expr> args, boolean act) {
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
    static void awayFromOrigin(Info[] a, String n) {
        need(
                a[0].lo() >= 0.01 || a[0].hi() <= -0.01 || a[1].lo() >= 0.01 || a[1].hi() <= -0.01,
                n + " near the origin");
    }

    static void need(boolean ok, String what) {
        if (!ok) {
            throw new Invalid("domain of " + what);
        }
    }
}
