package dev.adjoint.processor.analysis;

import dev.adjoint.processor.graph.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * An int value as {@code constant + Σ k·s}: constant coefficients k over symbols s, each symbol
 * an int node of the graph (a loop counter, or a value fixed where the form is used). Arithmetic
 * is exact on {@code long}; a result that leaves it throws {@link ArithmeticException}, which
 * {@link AffineAccesses} reads as "unknown". The forms stand for mathematical integers: the
 * analysis assumes the int arithmetic of an index does not wrap around (see docs/ARCHITECTURE.md).
 */
record Affine(Map<Node, Long> terms, long constant) {
    Affine {
        Map<Node, Long> kept = new HashMap<>();
        terms.forEach((s, k) -> {
            if (k != 0) kept.put(s, k);
        });
        terms = Map.copyOf(kept);
    }

    static Affine of(long constant) {
        return new Affine(Map.of(), constant);
    }

    static Affine symbol(Node s) {
        return new Affine(Map.of(s, 1L), 0);
    }

    Affine plus(Affine other) {
        Map<Node, Long> sum = new HashMap<>(terms);
        other.terms.forEach((s, k) -> sum.merge(s, k, Math::addExact));
        return new Affine(sum, Math.addExact(constant, other.constant));
    }

    Affine plus(long c) {
        return new Affine(terms, Math.addExact(constant, c));
    }

    Affine times(long factor) {
        Map<Node, Long> scaled = new HashMap<>();
        terms.forEach((s, k) -> scaled.put(s, Math.multiplyExact(k, factor)));
        return new Affine(scaled, Math.multiplyExact(constant, factor));
    }

    Affine minus(Affine other) {
        return plus(other.times(-1));
    }

    long coefficient(Node s) {
        return terms.getOrDefault(s, 0L);
    }

    /** This form with {@code value} put for symbol {@code s}. */
    Affine substitute(Node s, Affine value) {
        long k = coefficient(s);
        if (k == 0) return this;
        Map<Node, Long> rest = new HashMap<>(terms);
        rest.remove(s);
        return new Affine(rest, constant).plus(value.times(k));
    }

    boolean isConstant() {
        return terms.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(Long.toString(constant));
        terms.forEach((s, k) -> out.append(k < 0 ? " - " : " + ")
                .append(Math.abs(k) == 1 ? "" : Math.abs(k) + "·")
                .append(s.hint() != null ? s.hint() : "n" + s.id));
        return out.toString();
    }
}
