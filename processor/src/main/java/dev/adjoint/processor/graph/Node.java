package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of the computational graph: a value computed by {@link #op} from its parents
 * {@link #args}. Nodes are created only through {@link GraphBuilder}, which merges common
 * subexpressions and folds constants.
 */
public final class Node {
  public final int id;
  public final Op op;
  public final Type type;
  /** Operation detail: a constant's value, a parameter, a Math function, a callee, an accessor… */
  public final Object attr;
  public final List<Node> args;
  /** For SELECT: the then and else regions. Empty otherwise. */
  public final List<Region> branches = new ArrayList<>(2);
  /** The block the node stands in; changes only when {@link LoopFusion} moves a loop body. */
  public Region region;
  /** True for nodes of a reverse sweep's backward part; the emitter labels the sweeps with it. */
  public final boolean backward;
  /** The Java name the user gave this value, if any; generated names derive from it. */
  String hint;
  /** The line of the user's source this value comes from (0 when unknown); comments in generated code name it. */
  public int line;

  Node(int id, Op op, Type type, Object attr, List<Node> args, Region region, boolean backward) {
    this.id = id;
    this.op = op;
    this.type = type;
    this.attr = attr;
    this.args = new ArrayList<>(args);
    this.region = region;
    this.backward = backward;
  }

  public Node arg(int i) {
    return args.get(i);
  }

  public String hint() {
    return hint;
  }

  /** Names the value after a user variable; the first name given wins (it is the declaration). */
  public void nameAfter(String variable) {
    if (hint == null && !op.isLeaf() && op != Op.ERROR) {
      hint = variable;
    }
  }

  public boolean isConst() {
    return op == Op.CONST;
  }

  public double constDouble() {
    return ((Number) attr).doubleValue();
  }

  public boolean isConst(double v) {
    return op == Op.CONST && type == Type.DOUBLE && Double.compare(constDouble(), v) == 0;
  }

  @Override
  public String toString() {
    return "n" + id + ":" + op + (attr == null ? "" : "[" + attr + "]") + args.stream().map(a -> "n" + a.id).toList();
  }
}
