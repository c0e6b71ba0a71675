package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.ArrAssign;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.For;
import dev.adjoint.processor.fuzz.Ast.Index;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nests of dense numeric code ({@link Feature#DENSE_NESTS}), the shapes the processor's loop
 * printing rules transform and the near misses they must refuse: a layer accumulated row by row,
 * {@code for (i < rows) { xi = f(i); for (j < n) p[j] = p[j] + xi * w[i * n + j]; }} (JamRows),
 * with flat or offset indexing ({@code w[base + j]}, {@code p[j + 1]}), {@code +=} or the spelled
 * out sum, 0 to 9 rows, either loop order; and a counted loop storing into two or three arrays
 * with or without dependences between the stores (LoopDistribution). Near misses: the written
 * array read at another index ({@code p[n - 1 - j]}) or in the row's own code, a parameter
 * written in place, a second store that reads the first's array.
 */
final class DenseNests {
    private final Generator g;

    DenseNests(Generator g) {
        this.g = g;
    }

    /** Adds a weights array, the arrays written and one nest to {@code body} (as far as each is valid). */
    void nest(List<Stmt> body, int b) {
        int n = 1 + g.r.nextInt(4);
        int rows = 1 + g.r.nextInt(9);
        int shift = g.r.nextInt(4) == 0 ? 1 : 0;
        String w = declare(body, rows * n);
        if (w == null || !fill(body, w, rows, n, b)) {
            return;
        }
        List<String> outs = new ArrayList<>();
        int count = 1 + (g.r.nextBoolean() ? 1 + g.r.nextInt(2) : 0);
        for (int k = 0; k < count; k++) {
            String p = target(body, n + shift);
            if (p == null) {
                return;
            }
            outs.add(p);
        }
        Expr bound = rowBound(body, rows);
        Stmt s = g.stmtOf(() -> switch (g.r.nextInt(5)) {
            case 0, 1 -> storesLoop(outs, n, shift, b);
            case 2 -> columnsOuter(outs.get(0), w, rows, bound, n, shift, b);
            default -> rowsOuter(outs, w, rows, bound, n, shift, b);
        });
        if (s != null) {
            body.add(s);
        }
    }

    /** {@code double[] a = new double[len];} for a fresh local, or null. */
    private String declare(List<Stmt> body, int len) {
        String a = g.fresh(ArrayStatements.ARRAY_LOCALS);
        Stmt d = g.stmtOf(() -> new Decl("double[]", a, new Ast.NewArr(T.DOUBLE, GeneratorState.intLitOf(len), null)));
        if (d == null) {
            return null;
        }
        body.add(d);
        return a;
    }

    /** Fills the weights from the inputs, bounded by one, row by row (a store JamRows must refuse: not one element per column). */
    private boolean fill(List<Stmt> body, String w, int rows, int n, int b) {
        Stmt s = g.stmtOf(() -> {
            String[] c = counters();
            Expr v = inLoop(Map.of(c[0], rows, c[1], n), () -> g.bounded(g.num(b), 1.0));
            Expr at = new Binary("+", new Binary("*", new Ref(c[0]), GeneratorState.intLitOf(n)), new Ref(c[1]));
            Stmt inner = loop(c[1], GeneratorState.intLitOf(n), List.of(new ArrAssign(w, at, null, "=", v)));
            return loop(c[0], GeneratorState.intLitOf(rows), List.of(inner));
        });
        if (s != null) {
            body.add(s);
        }
        return s != null;
    }

    /** {@code for (int var = 0; var < bound; var++) body}, the update spelled one of four ways. */
    private For loop(String var, Expr bound, List<Stmt> body) {
        return new For(null, var, GeneratorState.intLitOf(0), "<", bound, 1, g.r.nextInt(4), null, body);
    }

    /** The array a nest writes: mostly a new local, sometimes a parameter written in place (a near miss). */
    private String target(List<Stmt> body, int len) {
        if (g.r.nextInt(6) == 0) {
            List<String> ps = g.writableArrays();
            ps.removeIf(a -> g.env.get(a).kind() != Kind.PARAM
                    || g.env.get(a).type() != T.DARR
                    || g.env.get(a).length() < len);
            if (!ps.isEmpty()) {
                return g.pick(ps);
            }
        }
        return declare(body, len);
    }

    /** {@code for (i < rows) { [int base = i * n;] [double xi = f(i);] for (j < n) p[j (+1)] += xi * w[..]; }}. */
    private Stmt rowsOuter(List<String> outs, String w, int rows, Expr bound, int n, int shift, int b) {
        String[] c = counters();
        String i = c[0], j = c[1];
        List<Stmt> pre = new ArrayList<>();
        Expr[] row = new Expr[outs.size()];
        Expr base = new Binary("*", new Ref(i), GeneratorState.intLitOf(n));
        inLoop(Map.of(i, rows), () -> {
            for (int k = 0; k < row.length; k++) {
                Expr x = rowValue(i, b);
                if (g.r.nextBoolean()) {
                    String xi = g.fresh(Generator.DOUBLE_LOCALS);
                    pre.add(new Decl("double", xi, x));
                    g.env.put(xi, new Var(T.DOUBLE, -1, 1, true, Kind.LOCAL));
                    x = new Ref(xi);
                }
                row[k] = x;
            }
            return null;
        });
        Expr at = base;
        if (g.r.nextBoolean()) {
            String o = g.fresh(new String[] {"base", "off", "at"});
            pre.add(new Decl("int", o, base));
            at = new Ref(o);
        }
        List<Stmt> inner = new ArrayList<>();
        for (int k = 0; k < outs.size(); k++) {
            Expr weight = new Index(w, new Binary("+", at, new Ref(j)));
            inner.add(accumulate(outs.get(k), j, shift, new Binary("*", row[k], weight), outs, k, n));
        }
        pre.add(loop(j, GeneratorState.intLitOf(n), inner));
        return loop(i, bound, pre);
    }

    /** The other loop order: {@code for (j < n) for (i < rows) p[j] += f(i) * w[i * n + j];}. */
    private Stmt columnsOuter(String p, String w, int rows, Expr bound, int n, int shift, int b) {
        String[] c = counters();
        String j = c[0], i = c[1];
        Expr x = inLoop(Map.of(i, rows, j, n), () -> rowValue(i, b));
        Expr weight =
                new Index(w, new Binary("+", new Binary("*", new Ref(i), GeneratorState.intLitOf(n)), new Ref(j)));
        Stmt update = accumulate(p, j, shift, new Binary("*", x, weight), List.of(p), 0, n);
        Stmt inner = loop(i, bound, List.of(update));
        return loop(j, GeneratorState.intLitOf(n), List.of(inner));
    }

    /** One counted loop storing into each array of {@code outs}, the later ones sometimes reading an earlier one. */
    private Stmt storesLoop(List<String> outs, int n, int shift, int b) {
        String j = g.fresh(ControlFlow.COUNTERS);
        List<Stmt> stores = new ArrayList<>();
        inLoop(Map.of(j, n), () -> {
            for (int k = 0; k < outs.size(); k++) {
                Expr v = g.bounded(g.num(b), 1.0);
                if (k > 0 && g.r.nextBoolean()) {
                    Expr back = new Index(outs.get(g.r.nextInt(k)), slot(j, shift));
                    v = new Binary("+", v, new Binary("*", Generator.dlit("0.5"), back));
                }
                stores.add(new ArrAssign(outs.get(k), slot(j, shift), null, "=", v));
            }
            return null;
        });
        return loop(j, GeneratorState.intLitOf(n), stores);
    }

    /**
     * {@code p[at] += term} or {@code p[at] = p[at] + term}; sometimes (a near miss) plus half of
     * {@code p} at the mirrored index, or of another written array at the same index.
     */
    private Stmt accumulate(String p, String j, int shift, Expr term, List<String> outs, int k, int n) {
        Expr at = slot(j, shift);
        Expr value = term;
        int miss = g.r.nextInt(8);
        if (miss == 0) {
            Expr mirror = new Binary("-", GeneratorState.intLitOf(n - 1), new Ref(j));
            value = new Binary("+", term, new Binary("*", Generator.dlit("0.25"), new Index(p, mirror)));
        } else if (miss == 1 && k > 0) {
            value = new Binary("+", term, new Binary("*", Generator.dlit("0.25"), new Index(outs.get(0), at)));
        }
        if (g.r.nextBoolean()) {
            return new ArrAssign(p, at, null, "+=", value);
        }
        return new ArrAssign(p, at, null, "=", new Binary("+", new Index(p, at), value));
    }

    /**
     * {@code rows}, or where the method has an int parameter {@code k}, sometimes a local {@code
     * Math.min(Math.max(k, 0), rows)} declared before the nest: a count known at run time only,
     * zero at some points.
     */
    private Expr rowBound(List<Stmt> body, int rows) {
        List<String> ints = new ArrayList<>(g.vars(T.INT, false, false));
        ints.removeIf(k -> g.env.get(k).kind() != Kind.PARAM);
        if (ints.isEmpty() || g.r.nextInt(3) > 0) {
            return GeneratorState.intLitOf(rows);
        }
        String name = g.fresh(new String[] {"rows", "count", "used"});
        Expr k = new Ast.Call("Math", "max", List.of(new Ref(g.pick(ints)), GeneratorState.intLitOf(0)));
        Stmt d = g.stmtOf(() ->
                new Decl("int", name, new Ast.Call("Math", "min", List.of(k, GeneratorState.intLitOf(rows)))));
        if (d == null) {
            return GeneratorState.intLitOf(rows);
        }
        body.add(d);
        return new Ref(name);
    }

    /**
     * A row's multiplier, bounded by one: any expression, or half the time the tanh of a double
     * in scope shifted by the row, with no call (a call in the row's code keeps JamRows off).
     */
    private Expr rowValue(String i, int b) {
        List<String> ds = g.vars(T.DOUBLE, false, false);
        if (ds.isEmpty() || g.r.nextBoolean()) {
            return g.bounded(g.num(b), 1.0);
        }
        Expr shifted = new Binary("+", new Ref(g.pick(ds)), new Binary("*", Generator.dlit("0.25"), new Ref(i)));
        return new Ast.Call("Math", "tanh", List.of(shifted));
    }

    /** Two counter names that no variable in scope has. */
    private String[] counters() {
        List<String> free = new ArrayList<>(List.of(ControlFlow.COUNTERS));
        free.removeIf(g.env::containsKey);
        return free.size() < 2 ? new String[] {"i9", "j9"} : new String[] {free.get(0), free.get(1)};
    }

    /** {@code j + shift} (written {@code j + 0} never: then {@code j}). */
    private static Expr slot(String j, int shift) {
        return shift == 0 ? new Ref(j) : new Binary("+", new Ref(j), GeneratorState.intLitOf(shift));
    }

    /** Runs {@code gen} with the environment of a loop body whose counters run from 0 below the given trips. */
    private <X> X inLoop(Map<String, Integer> counters, java.util.function.Supplier<X> gen) {
        Map<String, Var> saved = g.env;
        g.env = g.widened();
        counters.forEach((c, trips) -> g.env.put(c, new Var(T.INT, 0, trips - 1, false, Kind.COUNTER)));
        g.loopDepth += counters.size();
        for (int k = 0; k < counters.size(); k++) {
            g.loopLabels.push("");
            g.an.enterLoop(null);
        }
        try {
            return gen.get();
        } finally {
            for (int k = 0; k < counters.size(); k++) {
                g.an.exitLoop();
                g.loopLabels.pop();
            }
            g.loopDepth -= counters.size();
            g.env = saved;
        }
    }
}
