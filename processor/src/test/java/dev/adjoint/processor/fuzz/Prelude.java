package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Analyzer.Info;
import dev.adjoint.processor.fuzz.Analyzer.Invalid;
import dev.adjoint.processor.fuzz.Analyzer.Kind;
import dev.adjoint.processor.fuzz.Analyzer.Var;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed members every generated class may use: {@code static final} constants and plain
 * (non-differentiable) static helpers, which generated code calls with constant arguments only.
 * Each has a Java twin here so the analyzer knows its values.
 */
final class Prelude {
    private Prelude() {}

    record Constant(String name, T type, String init, double value) {}

    static final List<Constant> CONSTANTS = List.of(
            new Constant("SCALE", T.DOUBLE, "0.75", 0.75),
            new Constant("OFFSET", T.DOUBLE, "-1.25", -1.25),
            new Constant("TAU", T.DOUBLE, "2 * Math.PI", 2 * Math.PI),
            new Constant("HALF_SQRT2", T.DOUBLE, "Math.sqrt(2.0) / 2", Math.sqrt(2.0) / 2),
            new Constant("N0", T.INT, "3", 3));

    static final Set<String> PLAIN = Set.of("weight", "mix", "bias");

    static final Map<String, String> PLAIN_SOURCE = Map.of(
            "weight", "static double weight(int n) {\n    return 1.0 / (n + 1);\n  }\n",
            "mix", "static double mix(int a, int b) {\n    return a * 0.5 - b;\n  }\n",
            "bias", "static double bias(double c) {\n    return c * c + 0.25;\n  }\n");

    /**
     * A function the processor does not read, with its two partials as {@code @DerivativeOf}
     * rules: soft(a, b) = log(1 + e^a)·b. Generated code may pass it active arguments.
     */
    static final String RULED = "soft";

    static final String RULED_SOURCE = """
      static double soft(double a, double b) {
          return Math.log1p(Math.exp(a)) * b;
        }

        @DerivativeOf(value = "soft", wrt = "a")
        static double softDa(double a, double b) {
          return b / (1 + Math.exp(-a));
        }

        @DerivativeOf(value = "soft", wrt = "1")
        static double softDb(double a, double b) {
          return Math.log1p(Math.exp(a));
        }
      """;

    /**
     * Under {@code order = 2} the rules are differentiated in their turn: softDa by rules of its
     * own (with σ(a) = 1/(1 + e^-a), softDa = b·σ(a)), softDb = log(1 + e^a), which has none, from
     * its body (frontend/RuleBodies) — so every program that calls soft checks both ways.
     */
    static final String RULES_OF_RULES_SOURCE = """

        @DerivativeOf(value = "softDa", wrt = "a")
        static double softDaDa(double a, double b) {
          double s = 1 / (1 + Math.exp(-a));
          return b * s * (1 - s);
        }

        @DerivativeOf(value = "softDa", wrt = "b")
        static double softDaDb(double a, double b) {
          return 1 / (1 + Math.exp(-a));
        }
      """;

    /** The source of soft and its rules, with the rules' own rules under {@code order = 2}. */
    static String ruledSource() {
        return SecondOrderOracle.ON
                ? RULED_SOURCE.stripTrailing() + "\n" + RULES_OF_RULES_SOURCE.stripTrailing()
                : RULED_SOURCE.stripTrailing();
    }

    /** The range of soft(a, b): log(1 + e^a) rises with a and is positive, times b's range. */
    static Info ruledCall(Info a, Info b) {
        if (!a.type().numeric() || !b.type().numeric() || a.hi() > 30) {
            throw new Invalid("soft argument");
        }
        double lo = Math.log1p(Math.exp(a.lo())), hi = Math.log1p(Math.exp(a.hi()));
        double[] corners = {lo * b.lo(), lo * b.hi(), hi * b.lo(), hi * b.hi()};
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double c : corners) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        return new Info(T.DOUBLE, min, max, a.active() || b.active());
    }

    static Map<String, Var> constants() {
        Map<String, Var> m = new LinkedHashMap<>();
        for (Constant c : CONSTANTS) {
            m.put(c.name(), new Var(c.type(), c.value(), c.value(), false, Kind.CONST));
        }
        return m;
    }

    static boolean isPlainHelper(String name) {
        return PLAIN.contains(name);
    }

    static Info plainCall(String name, Info[] a) {
        switch (name) {
            case "weight" -> {
                if (a.length != 1 || a[0].type() != T.INT || !a[0].within(0, 50)) {
                    throw new Invalid("weight argument");
                }
                return new Info(T.DOUBLE, 1.0 / (a[0].hi() + 1), 1.0 / (a[0].lo() + 1), false);
            }
            case "mix" -> {
                if (a.length != 2
                        || a[0].type() != T.INT
                        || a[1].type() != T.INT
                        || !a[0].within(-50, 50)
                        || !a[1].within(-50, 50)) {
                    throw new Invalid("mix argument");
                }
                return new Info(T.DOUBLE, a[0].lo() * 0.5 - a[1].hi(), a[0].hi() * 0.5 - a[1].lo(), false);
            }
            case "bias" -> {
                if (a.length != 1 || !a[0].type().numeric() || a[0].mag() > 100) {
                    throw new Invalid("bias argument");
                }
                double m = a[0].mag();
                double mn = a[0].lo() <= 0 && a[0].hi() >= 0 ? 0 : Math.min(Math.abs(a[0].lo()), Math.abs(a[0].hi()));
                return new Info(T.DOUBLE, mn * mn + 0.25, m * m + 0.25, false);
            }
            default -> throw new Invalid("plain helper " + name);
        }
    }

    static String constantSource(Constant c) {
        return "static final " + c.type().java + " " + c.name() + " = " + c.init() + ";\n";
    }
}
