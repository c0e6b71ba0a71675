package dev.adjoint.processor.analysis;

import dev.adjoint.processor.graph.Node;

/**
 * The counters of the counted loops around a point of the graph, innermost first, each with the
 * least and greatest value it takes where that point runs ({@code start <= i <= bound - 1} in the
 * body of {@code for (i = start; i < bound; i++)}), the two given as affine forms of outer
 * counters and fixed values. A persistent list: pushing a counter leaves the outer list as it was.
 */
record CounterRanges(Node counter, Affine least, Affine greatest, CounterRanges outer) {
    /** No counter known: only constants can be proved. */
    static final CounterRanges NONE = new CounterRanges(null, null, null, null);

    CounterRanges push(Node counter, Affine least, Affine greatest) {
        return new CounterRanges(counter, least, greatest, this);
    }

    boolean knows(Node symbol) {
        for (CounterRanges r = this; r.counter != null; r = r.outer) if (r.counter == symbol) return true;
        return false;
    }

    /**
     * Whether {@code e >= 0} wherever this list holds: each counter, innermost first, is replaced
     * by the end of its range that makes {@code e} least. What remains must be a constant: fixed
     * values (a parameter {@code d}) must cancel, as in {@code (d - 1) - i} for {@code i < d}.
     */
    boolean proveNonNegative(Affine e) {
        Affine least = e;
        for (CounterRanges r = this; r.counter != null; r = r.outer) {
            long k = least.coefficient(r.counter);
            if (k > 0) least = least.substitute(r.counter, r.least);
            else if (k < 0) least = least.substitute(r.counter, r.greatest);
        }
        return least.isConstant() && least.constant() >= 0;
    }

    /** Whether {@code lo <= e < hi} wherever this list holds. */
    boolean proveWithin(Affine e, Affine lo, Affine hi) {
        return proveNonNegative(e.minus(lo)) && proveNonNegative(hi.minus(e).plus(-1));
    }
}
