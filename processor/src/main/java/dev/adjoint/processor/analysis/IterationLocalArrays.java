package dev.adjoint.processor.analysis;

import dev.adjoint.processor.graph.Node;
import java.util.Map;
import java.util.Set;

/**
 * For each loop whose iterations reverse mode reversed in place: the arrays each iteration
 * rewrites before reading, so that no iteration reads what another stored there. Reverse mode
 * learns it while it builds such a loop; {@link ArrayStores} needs it to let the stores of one
 * iteration die when no later read of that iteration sees them.
 */
public record IterationLocalArrays(Map<Node, Set<Node>> byLoop) {
    /** No loop reversed in place: the primal's and forward mode's graphs. */
    public static final IterationLocalArrays NONE = new IterationLocalArrays(Map.of());

    /** The arrays each iteration of {@code loop} rewrites before reading; empty for other loops. */
    public Set<Node> of(Node loop) {
        return byLoop.getOrDefault(loop, Set.of());
    }
}
