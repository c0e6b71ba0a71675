package dev.adjoint.processor.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes every node that the results do not need (dead code). On the primal graph this leaves
 * the seeds' G' plus what the value itself needs: a value computed but never used, such as
 * {@code double unused = Math.acos(2 * x);}, disappears with its derivative and cannot turn the
 * gradient into NaN.
 */
public final class Pruning {
  private final Set<Node> live = new HashSet<>();

  private Pruning() {}

  public static void prune(Graph graph) {
    Pruning p = new Pruning();
    p.markRegion(graph.root, true);
    p.sweep(graph.root);
  }

  /** Marks what {@code region} needs; returns whether it holds anything live (an effect). */
  private boolean markRegion(Region region, boolean resultsLive) {
    if (resultsLive) live.addAll(region.results);
    boolean any = false;
    List<Node> nodes = region.nodes;
    for (int k = nodes.size() - 1; k >= 0; k--) {
      Node n = nodes.get(k);
      if (n.op.isEffect()) live.add(n);
      if (n.op == Op.SELECT) {
        boolean needed = live.contains(n);
        boolean effects = false;
        for (Region b : n.branches) effects |= markRegion(b, needed);
        if (effects && !needed) {
          live.add(n);
          for (Region b : n.branches) markRegion(b, true);
        }
      }
      if (live.contains(n)) {
        any = true;
        live.addAll(n.args);
      }
    }
    return any;
  }

  private void sweep(Region region) {
    region.nodes.removeIf(n -> !live.contains(n));
    for (Node n : region.nodes) for (Region b : n.branches) sweep(b);
  }
}
