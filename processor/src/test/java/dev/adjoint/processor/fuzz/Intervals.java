package dev.adjoint.processor.fuzz;

import static dev.adjoint.processor.fuzz.Analyzer.MAXMAG;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Ast.T;

/**
 * Interval arithmetic of the {@link Analyzer}: the Java type and value interval of {@code + - * / %}
 * on two operands, with Java's numeric promotion and integer division, and the bound on
 * magnitudes past which a program is rejected.
 */
final class Intervals {
    Intervals() {}

    static double trunc(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    static Info checkMag(Info i) {
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

    static T promote(T a, T b) {
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

    static double min4(double a, double b, double c, double d) {
        return Math.min(Math.min(a, b), Math.min(c, d));
    }

    static double max4(double a, double b, double c, double d) {
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
            case "&", "|", "^" -> {
                if (t == T.DOUBLE) {
                    throw new Invalid("bit operator on a double");
                }
                // both operands lie in [-p, p - 1] for the least power of two p above their magnitudes,
                // a range two's complement bit operators stay in
                double p = 1;
                while (p <= Math.max(a.mag(), b.mag())) p *= 2;
                if (a.lo() >= 0 && b.lo() >= 0) {
                    lo = 0;
                    hi = op.equals("&") ? Math.min(a.hi(), b.hi()) : p - 1;
                } else {
                    lo = -p;
                    hi = p - 1;
                }
            }
            case "<<", ">>" -> {
                if (t == T.DOUBLE || b.lo() != b.hi() || b.lo() < 0 || b.lo() > 4) {
                    throw new Invalid("shift");
                }
                double f = Math.pow(2, b.lo());
                lo = op.equals("<<") ? a.lo() * f : Math.floor(a.lo() / f);
                hi = op.equals("<<") ? a.hi() * f : Math.floor(a.hi() / f);
            }
            default -> throw new Invalid("op " + op);
        }
        return checkMag(new Info(t, lo, hi, act));
    }
}
