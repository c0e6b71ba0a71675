package dev.adjoint.processor.graph;

import java.util.HashSet;
import java.util.Set;

/**
 * Forward activity: a node is active when its value depends differentiably on a differentiated
 * parameter. Inactive nodes (integers, booleans, constants, piecewise-constant functions and
 * everything computed from them only) get no tangent and no adjoint.
 */
public final class Activity {
  private final Set<Node> active = new HashSet<>();

  private Activity() {}

  public static Activity of(Graph graph, Set<Integer> differentiatedParams) {
    Activity a = new Activity();
    for (Node n : graph.nodes()) {
      if (a.computeActive(n, differentiatedParams)) a.active.add(n);
    }
    return a;
  }

  public boolean isActive(Node n) {
    return active.contains(n);
  }

  private boolean computeActive(Node n, Set<Integer> differentiated) {
    if (!n.type.isFloating()) return false;
    return switch (n.op) {
      case PARAM -> differentiated.contains(((Refs.Param) n.attr).index());
      case ARRAY_READ -> active.contains(n.arg(0));
      case CALL -> n.args.stream().anyMatch(active::contains);
      case GET -> "value".equals(n.attr) && n.arg(0).op == Op.CALL_REVERSE && n.arg(0).args.stream().anyMatch(active::contains);
      case PROJ -> n.arg(0).branches.stream().anyMatch(b -> active.contains(b.results.get((Integer) n.attr)));
      default -> DerivativeRules.isDifferentiable(n) && n.args.stream().anyMatch(active::contains);
    };
  }
}
