package dev.adjoint.processor.fuzz;

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
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Ast.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random expressions, built bottom-up: double-valued ({@link #num}), int-valued ({@link
 * #intExpr}), boolean ({@link #bool}), leaves and array indices, and calls of the class's
 * helpers and plain methods. Every node is checked by the {@link Analyzer}; one that grows past
 * {@link #SOFT_MAG} is squashed.
 */
abstract class Expressions extends SafeExpressions {
    static final List<String> UNARY_FNS = List.of(
            "sin",
            "cos",
            "tan",
            "asin",
            "acos",
            "atan",
            "sinh",
            "cosh",
            "tanh",
            "exp",
            "expm1",
            "log",
            "log1p",
            "log10",
            "sqrt",
            "cbrt",
            "abs",
            "floor",
            "ceil",
            "rint",
            "signum",
            "round",
            "toRadians",
            "toDegrees");
    static final List<String> MULTI_FNS = List.of("atan2", "hypot", "max", "min", "pow", "fma");

    Expressions(Random r, Set<String> excluded, Analyzer an) {
        super(r, excluded, an);
    }

    /** A switch expression whose values come from {@code value}. */
    abstract Expr switchExpr(Supplier<Expr> value);

    /** A numeric expression usable where a double is expected (its own type may be int or long). */
    Expr num(int b) {
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Expr e = numRaw(b);
                Info i = info(e);
                if (!i.type().numeric()) {
                    continue;
                }
                if (i.mag() > SOFT_MAG) {
                    e = squash(e);
                    info(e);
                }
                return e;
            } catch (Invalid x) {
                // retry
            }
        }
        return leaf();
    }

    Expr numRaw(int b) {
        if (b <= 1 || r.nextInt(12) == 0) {
            return leaf();
        }
        int k = r.nextInt(100);
        int[] s = split(b);
        if (k < 30) {
            return new Binary(pick(List.of("+", "-", "*", "+", "-", "*")), num(s[0]), num(s[1]));
        }
        if (k < 38) {
            return new Binary("/", num(s[0]), denominator(s[1]));
        }
        if (k < 42) {
            boolean minus = r.nextInt(8) != 0 && (loopDepth == 0 || on(Feature.NEGATION_IN_LOOPS));
            return new Unary(minus ? "-" : "+", num(b - 1));
        }
        if (k < 64) {
            List<String> fns = UNARY_FNS.stream().filter(this::fnOn).toList();
            if (!fns.isEmpty()) {
                return unaryFn(pick(fns), b - 1);
            }
        }
        if (k < 74) {
            List<String> fns = MULTI_FNS.stream().filter(this::fnOn).toList();
            if (!fns.isEmpty()) {
                return multiFn(pick(fns), b - 1);
            }
        }
        if (k < 79 && on(Feature.SWITCH_EXPRESSION) && r.nextInt(3) == 0) {
            return switchExpr(() -> num(Math.max(1, b / 2)));
        }
        if (k < 79 && on(Feature.CONDITIONAL)) {
            return new Cond(bool(Math.max(1, b / 3)), num(s[0]), num(s[1]));
        }
        if (k < 84 && on(Feature.CASTS)) {
            if (on(Feature.SMALL_INTS) && r.nextInt(5) == 0) {
                return new Cast(pick(SMALL_TYPES), intExpr(Math.min(b, 4)));
            }
            int c = r.nextInt(4);
            if (c == 0) {
                return new Cast(T.DOUBLE, intExpr(Math.min(b, 4)));
            }
            if (c == 1 && on(Feature.LONG_CASTS)) {
                return new Cast(T.LONG, num(b - 1));
            }
            if (c == 2) {
                return new Cast(T.DOUBLE, num(b - 1));
            }
            return new Cast(T.INT, num(b - 1));
        }
        if (k < 87) {
            return intExpr(Math.min(b, 4));
        }
        if (k < 94 && on(Feature.DIFF_CALLS) && !an.helpers().isEmpty()) {
            return helperCall(b - 1);
        }
        if (k < 97 && on(Feature.PLAIN_CALLS) && (k < 95 || !on(Feature.RULES))) {
            return plainCall();
        }
        if (k < 97 && on(Feature.RULES)) {
            return new Call(null, Prelude.RULED, List.of(num(b - 1), num(b - 1)));
        }
        if (on(Feature.REMAINDER)) {
            return new Binary("%", num(b - 1), dlit(pick(List.of("0.75", "1.5", "2.0", "3.0"))));
        }
        return leaf();
    }

    Expr leaf() {
        List<String> dv = vars(T.DOUBLE, false, false);
        List<String> dloc = vars(T.DOUBLE, true, false);
        List<String> iv = vars(T.INT, false, false);
        List<String> arrs = vars(T.DARR, false, false);
        List<String> mats = vars(T.DARR2, false, false);
        List<String> small = smallVars();
        for (int attempt = 0; attempt < 10; attempt++) {
            if (!small.isEmpty() && r.nextInt(8) == 0) {
                return new Ref(pick(small));
            }
            int k = r.nextInt(100);
            if (k < 35 && !dv.isEmpty()) {
                return new Ref(pick(dv));
            }
            if (k < 55 && !dloc.isEmpty()) {
                return new Ref(pick(dloc));
            }
            if (k < 70 && !arrs.isEmpty()) {
                String a = pick(arrs);
                return new Index(a, index(Analyzer.length(env.get(a))));
            }
            if (k < 76 && !mats.isEmpty()) {
                String a = pick(mats);
                return new Index2(
                        a, index(env.get(a).length()), index(env.get(a).rowLength()));
            }
            if (k < 86) {
                return doubleLit();
            }
            if (k < 89) {
                return r.nextInt(4) == 0 ? oddIntLit() : intLit(5);
            }
            if (k < 95 && !iv.isEmpty()) {
                return new Ref(pick(iv));
            }
            if (k < 100 && on(Feature.CONSTANTS)) {
                return new Ref(pick(Prelude.CONSTANTS).name());
            }
        }
        return doubleLit();
    }

    /** An int index expression in [0, len - 1]. */
    Expr index(int len) {
        List<String> iv = vars(T.INT, false, false);
        int k = r.nextInt(10);
        if (k < 4 || iv.isEmpty() && k < 7) {
            return intLit(len - 1);
        }
        try {
            Expr e;
            if (k < 7) {
                String n = pick(iv);
                e = r.nextBoolean() ? new Ref(n) : new Binary(r.nextBoolean() ? "+" : "-", new Ref(n), intLit(2));
            } else {
                e = intExpr(3);
            }
            Info i = info(e);
            if (i.type() == T.INT && i.within(0, len - 1)) {
                return e;
            }
            if (on(Feature.INT_MATH_OVERLOADS)) {
                return clamp(e, 0, len - 1);
            }
        } catch (Invalid x) {
            // fall through
        }
        return intLit(len - 1);
    }

    Expr clamp(Expr e, int lo, int hi) {
        return new Call("Math", "min", List.of(new Call("Math", "max", List.of(e, intLitOf(lo))), intLitOf(hi)));
    }

    /** An int-typed expression with a small range. */
    Expr intExpr(int b) {
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Expr e = intRaw(b);
                Info i = info(e);
                if (i.type() == T.INT && i.mag() <= 100) {
                    return e;
                }
            } catch (Invalid x) {
                // retry
            }
        }
        return intLeaf();
    }

    Expr intLeaf() {
        List<String> iv = vars(T.INT, false, false);
        List<String> ia = vars(T.IARR, false, false);
        List<String> small = smallVars();
        if (!small.isEmpty() && r.nextInt(6) == 0) {
            // short, byte and char as constants that choose indices, switch arms and branches
            Ref s = new Ref(pick(small));
            return on(Feature.BIT_OPS) && r.nextBoolean() ? new Binary("&", s, intLitOf(3)) : new Cast(T.INT, s);
        }
        int k = r.nextInt(10);
        if (k < 5 && !iv.isEmpty()) {
            return new Ref(pick(iv));
        }
        if (k < 6 && !ia.isEmpty() && r.nextBoolean()) {
            String a = pick(ia);
            return new Index(a, index(env.get(a).length()));
        }
        if (k < 6 && on(Feature.CONSTANTS)) {
            return new Ref("N0");
        }
        return intLit(4);
    }

    Expr intRaw(int b) {
        if (b <= 1 || r.nextInt(4) == 0) {
            return intLeaf();
        }
        int k = r.nextInt(100);
        if (k < 35) {
            String op = pick(List.of("+", "-", "*"));
            return new Binary(op, intExpr(b - 1), op.equals("*") ? intLit(3) : intExpr(b - 1));
        }
        if (k < 45 && on(Feature.INT_DIVISION)) {
            return new Binary("/", intExpr(b - 1), intLitOf(2 + r.nextInt(2)));
        }
        if (k < 60 && on(Feature.CASTS)) {
            return new Cast(T.INT, bounded(num(b - 1), 4.0));
        }
        if (k < 68 && on(Feature.CASTS) && on(Feature.LONG_CASTS)) {
            return new Cast(T.INT, new Call(owner(), "round", List.of(doubleTyped(bounded(num(b - 1), 4.0)))));
        }
        if (k < 80 && on(Feature.INT_MATH_OVERLOADS)) {
            String f = pick(List.of("abs", "max", "min"));
            return f.equals("abs")
                    ? new Call(owner(), f, List.of(intExpr(b - 1)))
                    : new Call(owner(), f, List.of(intExpr(b - 1), intExpr(b - 1)));
        }
        if (k < 88 && on(Feature.SWITCH_EXPRESSION) && r.nextInt(3) == 0) {
            return switchExpr(() -> intExpr(b - 1));
        }
        if (k < 88 && on(Feature.CONDITIONAL)) {
            return new Cond(bool(2), intExpr(b - 1), intExpr(b - 1));
        }
        if (k >= 92 && on(Feature.BIT_OPS)) {
            return bitOp(b);
        }
        return intLeaf();
    }

    /** {@code a & b}, {@code a | 3}, {@code a ^ b}, {@code ~a}, {@code a << 1}, {@code a >> 2}. */
    private Expr bitOp(int b) {
        int c = r.nextInt(4);
        if (c == 0) {
            return new Binary(pick(List.of("<<", ">>")), intExpr(b - 1), intLitOf(1 + r.nextInt(2)));
        }
        if (c == 1) {
            return new Unary("~", intExpr(b - 1));
        }
        Expr right = r.nextBoolean() ? intLitOf(1 + r.nextInt(7)) : intExpr(b - 1);
        return new Binary(pick(List.of("&", "|", "^")), intExpr(b - 1), right);
    }

    Expr bool(int b) {
        List<String> bv = vars(T.BOOLEAN, false, false);
        int k = r.nextInt(100);
        if (k < 60 || b <= 1) {
            String op = pick(List.of("<", "<=", ">", ">=", "==", "!=", "<", ">"));
            int[] s = split(Math.max(2, b));
            return new Binary(op, num(s[0]), r.nextInt(3) == 0 ? doubleLit() : num(s[1]));
        }
        if (k < 72 && !bv.isEmpty()) {
            return new Ref(pick(bv));
        }
        if (k < 82) {
            return new Unary("!", bool(b - 1));
        }
        if (k < 88 && on(Feature.PREDICATES)) {
            Expr p = new Call(
                    "Double", pick(List.of("isNaN", "isInfinite", "isFinite")), List.of(doubleTyped(num(b - 1))));
            return r.nextBoolean() ? p : new Unary("!", p);
        }
        int[] s = split(b);
        return new Binary(r.nextBoolean() ? "&&" : "||", bool(s[0]), bool(s[1]));
    }

    Expr helperCall(int b) {
        List<Method> hs = new ArrayList<>(an.helpers().values());
        Method h = pick(hs);
        List<Expr> args = new ArrayList<>();
        int each = Math.max(1, b / Math.max(1, h.params().size()));
        for (Param p : h.params()) {
            if (!h.differentiated(p) && p.type() == T.DOUBLE) {
                args.add(r.nextBoolean() ? doubleLit() : new Binary("*", dlit("0.5"), intLit(3)));
                continue;
            }
            switch (p.type()) {
                case DOUBLE -> args.add(bounded(num(each), Analyzer.P));
                case INT -> {
                    Expr e = intExpr(2);
                    Info i = info(e);
                    if (!i.within(0, Analyzer.IMAX)) {
                        e = on(Feature.INT_MATH_OVERLOADS) && r.nextBoolean()
                                ? clamp(e, 0, Analyzer.IMAX)
                                : intLit(Analyzer.IMAX);
                    }
                    args.add(e);
                }
                default -> {
                    List<String> a = new ArrayList<>();
                    for (String n : vars(p.type(), false, false)) {
                        Var v = env.get(n);
                        if (v.kind() != Kind.ROW && (h.differentiated(p) || !v.active())) {
                            a.add(n);
                        }
                    }
                    if (a.isEmpty()) {
                        throw new Invalid("no array to pass");
                    }
                    args.add(new Ref(pick(a)));
                }
            }
        }
        return new Call(null, h.name(), args);
    }

    Expr plainCall() {
        List<String> iv = new ArrayList<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            if (e.getValue().type() == T.INT && e.getValue().kind() == Kind.PARAM) {
                iv.add(e.getKey());
            }
        }
        Expr ci = iv.isEmpty() || r.nextBoolean() ? intLit(4) : new Ref(pick(iv));
        return switch (r.nextInt(3)) {
            case 0 -> new Call(null, "weight", List.of(r.nextInt(3) == 0 ? new Binary("+", ci, intLitOf(1)) : ci));
            case 1 ->
                new Call(
                        null, "mix", List.of(ci, on(Feature.CONSTANTS) && r.nextBoolean() ? new Ref("N0") : intLit(3)));
            default ->
                new Call(
                        null,
                        "bias",
                        List.of(
                                on(Feature.CONSTANTS) && r.nextBoolean()
                                        ? new Ref("SCALE")
                                        : new Binary("*", ci, dlit("0.5"))));
        };
    }

    static final List<T> SMALL_TYPES = List.of(T.SHORT, T.BYTE, T.CHAR);

    /** The short, byte and char variables in scope. */
    List<String> smallVars() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            if (e.getValue().type().small()) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
