package dev.adjoint.processor.graph;

import java.util.function.Predicate;

/** Recognises loops of a simpler shape than the general LOOP, which the modes and the emitter treat better. */
public final class LoopShapes {
  private LoopShapes() {}

  /**
   * The SELECT of a loop whose step is {@code if (c) { body; more = true } else { nothing
   * changes; more = false }} — a {@code while (c)} loop — or null. Nodes of the step outside
   * the SELECT (the test's own code) must satisfy {@code besideTest}.
   */
  public static Node whileTest(Node loop, Predicate<Node> besideTest) {
    Region step = loop.branches.get(0);
    Node more = step.results.get(0);
    if (more.op != Op.PROJ || more.arg(0).op != Op.SELECT || more.arg(0).region != step) return null;
    Node select = more.arg(0);
    Region then = select.branches.get(0), otherwise = select.branches.get(1);
    int flag = (Integer) more.attr;
    if (!isConstant(then.results.get(flag), true) || !isConstant(otherwise.results.get(flag), false)) return null;
    for (Node n : step.nodes) {
      boolean ours = n == select || n.op == Op.LOOP_PARAM || (n.op == Op.PROJ && n.arg(0) == select);
      if (!ours && !besideTest.test(n)) return null;
    }
    for (Node p : step.nodes) {
      if (p.op != Op.LOOP_PARAM) continue;
      Node r = step.results.get((Integer) p.attr + 1);
      if (r == p) continue;
      if (r.op != Op.PROJ || r.arg(0) != select || otherwise.results.get((Integer) r.attr) != p) return null;
    }
    return select;
  }

  private static boolean isConstant(Node n, boolean value) {
    return n.isConst() && Boolean.valueOf(value).equals(n.attr);
  }

  /** c when {@code value} is {@code param + c} (or {@code param - c}) for a constant c. */
  public static Integer advance(Node value, Node param) {
    if (value.op == Op.ADD && value.arg(0) == param && value.arg(1).isConst()) return (Integer) value.arg(1).attr;
    if (value.op == Op.ADD && value.arg(1) == param && value.arg(0).isConst()) return (Integer) value.arg(0).attr;
    if (value.op == Op.SUB && value.arg(0) == param && value.arg(1).isConst()) return -(Integer) value.arg(1).attr;
    return null;
  }
}
