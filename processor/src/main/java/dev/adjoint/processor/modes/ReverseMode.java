package dev.adjoint.processor.modes;

import dev.adjoint.processor.graph.Activity;
import dev.adjoint.processor.graph.DerivativeRules;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Pruning;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Scopes;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adjoint mode, the seeds' back-propagation: a forward sweep that computes the primal and keeps
 * every intermediate, then a backward sweep that visits the nodes in reverse order and builds
 * each adjoint x̄ = Σ over consumers y of ∂y/∂x · ȳ exactly once (the grad table), after all of
 * its consumers. Both operands of {@code x * x} are treated as distinct, so x̄ sums two terms.
 *
 * <p>A SELECT's backward sweep is a SELECT on the same condition whose branches run the
 * branches' backward sweeps; what they contribute to values outside the branch leaves through
 * its outputs. Root results: the value, then one gradient per differentiated parameter.
 */
public final class ReverseMode extends Transform {
  private final Map<Integer, Refs.Param> differentiated;
  private Activity activity;
  /** Pending adjoint terms of nodes not yet visited; one table per branch being swept. */
  private final Deque<Map<Node, List<Node>>> pending = new ArrayDeque<>();
  private final Map<Node, Node> adjoints = new HashMap<>();
  private final Map<Node, Node> adjointArrays = new HashMap<>();

  private ReverseMode(Map<Integer, Refs.Param> differentiated) {
    this.differentiated = differentiated;
  }

  /** The graph of the reverse method, given the differentiated parameters by index. */
  public static Graph of(Graph primal, Map<Integer, Refs.Param> differentiated) {
    ReverseMode r = new ReverseMode(differentiated);
    r.copyRegion(primal.root);
    Node value = r.copyOf(primal.root.results.get(0));
    value.nameAfter("value");
    r.activity = Activity.of(r.target, differentiated.keySet());
    r.backwardSweep(value);
    Scopes.repair(r.b);
    Pruning.prune(r.target);
    return r.target;
  }

  private void backwardSweep(Node value) {
    List<Node> forward = List.copyOf(target.root.nodes);
    b.beginBackward();
    b.derivatives(true);
    for (Refs.Param p : differentiated.values()) {
      if (p.type() != Type.DOUBLE) {
        Node array = b.zerosLike(b.param(p));
        array.nameAfter(p.name() + "Bar");
        adjointArrays.put(b.param(p), array);
      }
    }
    pending.push(new LinkedHashMap<>());
    addTerm(value, b.constant(1));
    sweep(forward);
    target.root.results.add(value);
    for (Refs.Param p : differentiated.values()) {
      Node param = b.param(p);
      target.root.results.add(p.type() == Type.DOUBLE ? adjoints.getOrDefault(param, b.constant(0)) : adjointArrays.get(param));
    }
  }

  private void addTerm(Node node, Node term) {
    if (activity.isActive(node)) pending.peek().computeIfAbsent(node, k -> new ArrayList<>()).add(term);
  }

  private Node sum(List<Node> terms) {
    Node s = terms.get(0);
    for (int k = 1; k < terms.size(); k++) s = b.add(s, terms.get(k));
    return s;
  }

  /** Visits {@code nodes} last to first, turning each one's pending terms into its adjoint. */
  private void sweep(List<Node> nodes) {
    for (int k = nodes.size() - 1; k >= 0; k--) {
      Node n = nodes.get(k);
      if (n.op == Op.SELECT) {
        sweepSelect(n);
        continue;
      }
      if (n.op == Op.PROJ) continue; // its adjoint is taken by its SELECT, visited next
      List<Node> terms = pending.peek().remove(n);
      if (terms == null) continue;
      Node bar = sum(terms);
      if (n.hint() != null) bar.nameAfter(n.hint() + "Bar");
      else if (n.op == Op.PARAM) bar.nameAfter(((Refs.Param) n.attr).name() + "Bar");
      adjoints.put(n, bar);
      propagate(n, bar);
    }
  }

  /** The seeds' op.bprop: hands ȳ times each partial to the active arguments of y. */
  private void propagate(Node y, Node bar) {
    switch (y.op) {
      case PARAM, PROJ -> { } // a gradient output, or picked up by its SELECT
      case ARRAY_READ -> b.accumulate(adjointArray(y.arg(0)), y.arg(1), bar);
      case GET -> {
        Node call = y.arg(0);
        Refs.Callee callee = (Refs.Callee) call.attr;
        for (int i = 0; i < call.args.size(); i++) {
          Node arg = call.arg(i);
          if (!activity.isActive(arg)) continue;
          Refs.CalleeParam param = callee.params().get(i);
          Node partial = b.get(call, param.partialAccessor(), arg.type);
          if (arg.type == Type.DOUBLE) addTerm(arg, b.mul(partial, bar));
          else b.accumulateScaled(adjointArray(arg), partial, bar);
        }
      }
      default -> {
        for (int i = 0; i < y.args.size(); i++) {
          if (activity.isActive(y.arg(i))) addTerm(y.arg(i), b.mul(DerivativeRules.partial(b, y, i), bar));
        }
      }
    }
  }

  /** The adjoint of an active array: the gradient output, or a row of an enclosing adjoint. */
  private Node adjointArray(Node array) {
    Node known = adjointArrays.get(array);
    if (known != null) return known;
    if (array.op != Op.ARRAY_READ) throw new IllegalStateException("no adjoint array for " + array);
    return b.arrayRead(adjointArray(array.arg(0)), array.arg(1));
  }

  private void sweepSelect(Node select) {
    List<Node> seeded = new ArrayList<>();
    for (Node p : projections(select)) {
      List<Node> terms = pending.peek().remove(p);
      if (terms == null) continue;
      Node bar = sum(terms);
      if (p.hint() != null) bar.nameAfter(p.hint() + "Bar");
      adjoints.put(p, bar);
      seeded.add(p);
    }
    if (seeded.isEmpty()) return;
    Node back = b.select(select.arg(0));
    List<Map<Node, List<Node>>> leftovers = new ArrayList<>();
    for (int j = 0; j < 2; j++) {
      Region branch = select.branches.get(j);
      b.in(back.branches.get(j), () -> {
        pending.push(new LinkedHashMap<>());
        for (Node p : seeded) addTerm(branch.results.get((Integer) p.attr), adjoints.get(p));
        sweep(List.copyOf(branch.nodes));
        leftovers.add(pending.pop());
      });
    }
    // what the branches contribute to values defined outside them leaves through outputs
    List<Node> outside = new ArrayList<>();
    for (Map<Node, List<Node>> l : leftovers) for (Node n : l.keySet()) if (!outside.contains(n)) outside.add(n);
    for (int k = 0; k < outside.size(); k++) {
      Node o = outside.get(k);
      for (int j = 0; j < 2; j++) {
        List<Node> terms = leftovers.get(j).get(o);
        Region r = back.branches.get(j);
        b.in(r, () -> r.results.add(terms == null ? b.zero(Type.DOUBLE) : sum(terms)));
      }
      Node part = b.project(back, k, Type.DOUBLE);
      if (o.hint() != null) part.nameAfter(o.hint() + "BarBranch");
      addTerm(o, part);
    }
  }

  @Override
  protected void afterCopy(Node original, Node copy) {}

  /** The forward sweep calls the callee's reverse method once; the record holds its partials. */
  @Override
  protected void copyCall(Node call) {
    Node record = b.call(Op.CALL_REVERSE, Type.OBJECT, (Refs.Callee) call.attr, copiesOf(call.args));
    record.nameAfter(call.hint() != null ? call.hint() + "Grad" : ((Refs.Callee) call.attr).method());
    Node value = b.get(record, "value", Type.DOUBLE);
    remember(call, value);
  }

  @Override
  protected void copySelect(Node select) {
    Node copy = b.select(copyOf(select.arg(0)));
    for (int j = 0; j < 2; j++) {
      Region branch = select.branches.get(j);
      Region newBranch = copy.branches.get(j);
      b.in(newBranch, () -> {
        copyRegion(branch);
        for (Node r : branch.results) newBranch.results.add(copyOf(r));
      });
    }
    for (Node p : projections(select)) remember(p, b.project(copy, (Integer) p.attr, p.type));
  }
}
