package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What every part of the random-program generator shares: the random source, the excluded
 * features, the {@link Analyzer} that checks each generated node, the environment of the
 * statement being generated and how deeply it is nested, and the literals and names all parts
 * draw from. The parts are layered, each on the one below: {@link SafeExpressions} (arguments
 * kept in their domains), {@link Expressions}, {@link ControlFlow}, {@link ArrayStatements} and
 * {@link Generator} (methods and simple statements); the abstract methods here and in the
 * layers are the recursion into the layers above.
 */
abstract class GeneratorState {
    static final double SOFT_MAG = 50;

    static final String[] DOUBLE_LITERALS = {
        "0.5", "1.5", "2.0", "0.25", "3.0", "0.1", "0.75", "2.5", ".5", "1.0", "1e-1", "4.0", "0.3", "1.25e0", "2."
    };

    final Random r;
    final Set<String> ex;
    final Analyzer an;
    Map<String, Var> env;
    int localCounter;
    /** Whether this method may use control flow, and how deeply statements / loops are nested now. */
    boolean cf;

    int depth;
    int loopDepth;
    /** Labels of the loops around the statement being generated ("" for unlabelled ones), innermost first. */
    final Deque<String> loopLabels = new ArrayDeque<>();

    int labelCounter;

    GeneratorState(Random r, Set<String> excluded, Analyzer an) {
        this.r = r;
        this.ex = excluded;
        this.an = an;
    }

    boolean on(Feature f) {
        return !ex.contains(f.name());
    }

    boolean fnOn(String fn) {
        return !ex.contains(fn);
    }

    /** A numeric expression usable where a double is expected (its own type may be int or long). */
    abstract Expr num(int b);

    /** An int-typed expression with a small range. */
    abstract Expr intExpr(int b);

    /** A boolean condition. */
    abstract Expr bool(int b);

    List<String> vars(T type, boolean localsOnly, boolean writable) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Var> e : env.entrySet()) {
            Var v = e.getValue();
            if (v.type() != type || v.kind() == Kind.CONST) {
                continue;
            }
            if (writable
                    && (v.kind() == Kind.COUNTER
                            || v.kind() == Kind.ROW
                            || (v.kind() == Kind.PARAM && !on(Feature.PARAM_ASSIGN)))) {
                continue;
            }
            if (localsOnly && v.kind() == Kind.PARAM) {
                continue;
            }
            out.add(e.getKey());
        }
        return out;
    }

    String fresh(String[] names) {
        for (String n : names) {
            if (!env.containsKey(n)) {
                return n;
            }
        }
        return names[0] + (localCounter++);
    }

    Info info(Expr e) {
        return an.expr(e, env);
    }

    <X> X pick(List<X> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    String owner() {
        return on(Feature.STRICT_MATH) && r.nextInt(5) == 0 ? "StrictMath" : "Math";
    }

    static Lit dlit(String text) {
        return new Lit(T.DOUBLE, text, Double.parseDouble(text));
    }

    static Lit intLitOf(int v) {
        return new Lit(T.INT, Integer.toString(v), v);
    }

    Lit intLit(int maxInclusive) {
        return intLitOf(r.nextInt(maxInclusive + 1));
    }

    /** Int and long literals in unusual spellings. */
    Lit oddIntLit() {
        return switch (r.nextInt(5)) {
            case 0 -> new Lit(T.INT, "0x3", 3);
            case 1 -> new Lit(T.INT, "1_0", 10);
            case 2 -> new Lit(T.LONG, "2L", 2);
            case 3 -> new Lit(T.INT, "07", 7);
            default -> new Lit(T.INT, "0b11", 3);
        };
    }

    Lit doubleLit() {
        if (r.nextInt(10) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> new Lit(T.DOUBLE, "2d", 2);
                case 1 -> new Lit(T.DOUBLE, "1.5D", 1.5);
                case 2 -> new Lit(T.DOUBLE, "0x1p-2", 0.25);
                default -> new Lit(T.DOUBLE, "1_0.0e-1", 1.0);
            };
        }
        if (r.nextInt(3) == 0) {
            double v = Math.round((r.nextDouble() * 6 - 3) * 100) / 100.0;
            return new Lit(
                    T.DOUBLE,
                    String.format(Locale.ROOT, "%.2f", v),
                    Double.parseDouble(String.format(Locale.ROOT, "%.2f", v)));
        }
        return dlit(DOUBLE_LITERALS[r.nextInt(DOUBLE_LITERALS.length)]);
    }

    /** A budget {@code b} split between two subexpressions. */
    int[] split(int b) {
        int rest = Math.max(2, b - 1);
        int left = 1 + r.nextInt(rest - 1 + 1);
        return new int[] {Math.max(1, left), Math.max(1, rest - left)};
    }
}
