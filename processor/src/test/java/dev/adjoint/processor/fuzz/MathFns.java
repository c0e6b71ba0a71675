package dev.adjoint.processor.fuzz;

import java.util.List;
import java.util.Map;

/** The java.lang.Math / StrictMath functions the fuzzer calls, with their arities. */
final class MathFns {
    private MathFns() {}

    static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("sin", 1),
            Map.entry("cos", 1),
            Map.entry("tan", 1),
            Map.entry("asin", 1),
            Map.entry("acos", 1),
            Map.entry("atan", 1),
            Map.entry("atan2", 2),
            Map.entry("sinh", 1),
            Map.entry("cosh", 1),
            Map.entry("tanh", 1),
            Map.entry("exp", 1),
            Map.entry("expm1", 1),
            Map.entry("log", 1),
            Map.entry("log1p", 1),
            Map.entry("log10", 1),
            Map.entry("sqrt", 1),
            Map.entry("cbrt", 1),
            Map.entry("pow", 2),
            Map.entry("hypot", 2),
            Map.entry("abs", 1),
            Map.entry("max", 2),
            Map.entry("min", 2),
            Map.entry("floor", 1),
            Map.entry("ceil", 1),
            Map.entry("rint", 1),
            Map.entry("signum", 1),
            Map.entry("round", 1),
            Map.entry("toRadians", 1),
            Map.entry("toDegrees", 1),
            Map.entry("fma", 3));

    static final List<String> ALL = ARITY.keySet().stream().sorted().toList();

    static int arity(String name) {
        Integer a = ARITY.get(name);
        if (a == null) {
            throw new Analyzer.Invalid("unknown function " + name);
        }
        return a;
    }

    static double apply1(String n, double x) {
        return switch (n) {
            case "sinh" -> Math.sinh(x);
            case "tanh" -> Math.tanh(x);
            case "exp" -> Math.exp(x);
            case "expm1" -> Math.expm1(x);
            case "log" -> Math.log(x);
            case "log10" -> Math.log10(x);
            case "sqrt" -> Math.sqrt(x);
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            case "rint" -> Math.rint(x);
            case "toRadians" -> Math.toRadians(x);
            case "toDegrees" -> Math.toDegrees(x);
            default -> throw new IllegalArgumentException(n);
        };
    }
}
