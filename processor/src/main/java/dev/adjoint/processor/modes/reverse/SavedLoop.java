package dev.adjoint.processor.modes.reverse;

import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Refs;
import java.util.List;

/**
 * What a loop of the forward sweep saves: per iteration, its carried values ({@code slots}) and
 * the values a recomputation would get wrong or pay a call for ({@code values}: elements it
 * read that may change, results of exp, tanh…); once, after it, its trip count and the end
 * values of its running indices ({@code finals}, by slot; null for other slots). An element
 * every iteration reads at the same place was read before the loop
 * ({@link dev.adjoint.processor.rewrite.InvariantReads InvariantReads}).
 */
record SavedLoop(
        Node forward,
        List<Refs.Saved> slots,
        List<Node> values,
        List<Refs.Saved> valueSaves,
        Refs.Saved count,
        Node plainTest,
        List<Refs.Saved> finals) {}
