package dev.adjoint.processor.modes.reverse;

import static dev.adjoint.processor.analysis.LoopShapes.countedShape;
import static dev.adjoint.processor.analysis.LoopShapes.hasClosedExit;
import static dev.adjoint.processor.analysis.LoopShapes.inductionStep;
import static dev.adjoint.processor.analysis.LoopShapes.isFixedBefore;
import static dev.adjoint.processor.analysis.LoopShapes.plainTest;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.analysis.LoopShapes.Counted;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Scopes;
import dev.adjoint.processor.graph.Type;
import dev.adjoint.processor.rewrite.InvariantReads;
import dev.adjoint.processor.rewrite.Pruning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
public final class ReverseMode extends AdjointSweep {
  private final Map<Integer, Refs.Param> differentiated;

  /** The forward sweep's nodes in evaluation order, and its stores, for deciding what can be re-read. */
  private final Map<Node, Integer> forwardOrder = new HashMap<>();
  private final List<Node> forwardStores = new ArrayList<>();

  /** What each forward loop saved (see {@link SavedLoop}). */
  private final Map<Node, SavedLoop> savedLoops = new HashMap<>();

  /** Saved values standing in, in a recomputed step, for an inner loop's output. */
  private final Map<Node, Node> outputStandIns = new HashMap<>();

  /**
   * What a loop of the forward sweep saves: per iteration, its carried values ({@code slots}) and
   * the values a recomputation would get wrong or pay a call for ({@code values}: elements it
   * read that may change, results of exp, tanh…); once, after it, its trip count and the end
   * values of its running indices ({@code finals}, by slot; null for other slots). An element
   * every iteration reads at the same place was read before the loop ({@link InvariantReads}).
   */
  private record SavedLoop(Node forward, List<Refs.Saved> slots, List<Node> values, List<Refs.Saved> valueSaves,
      Refs.Saved count, Node plainTest, List<Refs.Saved> finals) {}

  /** Loops of the primal whose iterations are reversed one by one (see {@link IndependentIterations}): seeds by slot. */
  private Map<Node, Map<Integer, Double>> independent = Map.of();

  /**
   * A forward loop whose iterations were reversed in place: the seed of each accumulator slot,
   * and the values outside the loop that received adjoint terms, with the slots summing them.
   */
  private record ReversedInPlace(Map<Integer, Double> seeds, List<Node> outside, List<Integer> sums) {}

  private final Map<Node, ReversedInPlace> reversedInPlace = new HashMap<>();

  /** While an iteration is reversed in place: that loop, where {@link #rereadable} stops looking outwards. */
  private Node horizon;

  private ReverseMode(Map<Integer, Refs.Param> differentiated) {
    this.differentiated = differentiated;
  }

  /** The graph of the reverse method, given the differentiated parameters by index. */
  public static Graph of(Graph primal, Map<Integer, Refs.Param> differentiated) {
    ReverseMode r = new ReverseMode(differentiated);
    r.independent = IndependentIterations.find(primal, Activity.of(primal, differentiated.keySet()));
    r.copyRegion(primal.root);
    r.indexForward();
    Node value = r.copyOf(primal.root.results.get(0));
    value.nameAfter("value");
    r.activity = Activity.of(r.target, differentiated.keySet());
    r.backwardSweep(value);
    Scopes.repair(r.b);
    Pruning.prune(r.target);
    LoopAccumulators.promote(r.target);
    ZeroAdjointLoops.skipWhenZero(r.target);
    return r.target;
  }

  /** The forward sweep's nodes as they stand now, in evaluation order, and its stores. */
  private void indexForward() {
    forwardOrder.clear();
    forwardStores.clear();
    List<Node> forward = target.nodes();
    for (int i = 0; i < forward.size(); i++) {
      forwardOrder.put(forward.get(i), i);
      if (forward.get(i).op == Op.ARRAY_STORE) forwardStores.add(forward.get(i));
    }
  }

  private void backwardSweep(Node value) {
    List<Node> forward = List.copyOf(target.root.nodes);
    b.beginBackward();
    b.derivatives(true);
    b.at(0); // bookkeeping, of no one source line
    gradientArrays();
    pending.push(new LinkedHashMap<>());
    addTerm(value, b.constant(1));
    sweep(forward);
    target.root.results.add(value);
    for (Refs.Param p : differentiated.values()) {
      Node param = b.param(p);
      target.root.results.add(p.type() == Type.DOUBLE ? adjoints.getOrDefault(param, b.constant(0)) : adjointArrays.get(param));
    }
  }

  /** The adjoint arrays of the differentiated array parameters: the gradient's arrays. */
  private void gradientArrays() {
    for (Refs.Param p : differentiated.values()) {
      if (p.type() != Type.DOUBLE) {
        Node array = b.zerosLike(b.param(p));
        array.nameAfter(p.name() + "Bar");
        adjointArrays.put(b.param(p), array);
      }
    }
  }

  @Override
  protected void afterCopy(Node original, Node copy) {}

  /** The forward sweep calls the callee's reverse method once; the record holds its partials. */
  @Override
  protected void copyCall(Node call) {
    Node record = b.call(Op.CALL_REVERSE, Type.OBJECT, call.callee(), copiesOf(call.args));
    record.nameAfter(call.hint() != null ? call.hint() + "Grad" : call.callee().method());
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
    for (Node p : projections(select)) remember(p, b.project(copy, p.index(), p.type));
  }

  /**
   * The forward sweep of a loop: the primal loop, which also counts its iterations and, at the
   * end of each, saves the values it started from (a PUSH per carried value; those the backward
   * sweep never reads are pruned with their POP). The count is saved after the loop.
   */
  @Override
  protected void copyLoop(Node loop) {
    if (independent.containsKey(loop)) {
      copyReversingEachIteration(loop, independent.get(loop));
      return;
    }
    List<Node> params = loopParams(loop);
    Node copy = b.loop(new ArrayList<>(copiesOf(loop.args)));
    List<Node> newParams = new ArrayList<>();
    for (Node p : params) {
      Node np = b.loopParam(copy, p.index(), p.type);
      remember(p, np);
      newParams.add(np);
    }
    List<Refs.Saved> saved = new ArrayList<>();
    Region step = loop.branches.get(0);
    Region newStep = copy.branches.get(0);
    List<Node> values = new ArrayList<>();
    List<Refs.Saved> valueSaves = new ArrayList<>();
    Node[] test = new Node[1];
    boolean[] counted = {false};
    b.in(newStep, () -> {
      copyRegion(step);
      collectUnrecomputable(newStep, newStep, values);
      Node plain = plainTest(loop);
      Region body = plain == null ? null : copyOf(step.results.get(0)).arg(0).branches.get(0);
      // results saved only to spare a call: not worth giving up the plain shape for the test's own calls
      if (body != null) values.removeIf(v -> v.op == Op.MATH && !body.encloses(v.region));
      if (body != null && values.stream().allMatch(v -> body.encloses(v.region))) {
        // while (c) { body }: only iterations that run the body are saved and counted; a
        // counted loop (see countedShape) is not counted at all: its trip count is computed again
        counted[0] = countedShape(loop, plain) != null;
        Node count = counted[0] ? null : iterationCounter(copy);
        test[0] = copyOf(step.results.get(0)).arg(0);
        b.in(body, () -> {
          savePushes(values, valueSaves, newParams, saved, body);
          if (count != null) body.results.add(b.add(count, b.constant(Type.INT, 1)));
        });
        if (count != null) test[0].branches.get(1).results.add(count);
        for (Node r : step.results) newStep.results.add(copyOf(r));
        if (count != null) newStep.results.add(b.project(test[0], body.results.size() - 1, Type.INT));
        return;
      }
      Node count = iterationCounter(copy);
      savePushes(values, valueSaves, newParams, saved, newStep);
      for (Node r : step.results) newStep.results.add(copyOf(r));
      newStep.results.add(b.add(count, b.constant(Type.INT, 1)));
    });
    for (Node p : projections(loop)) remember(p, b.project(copy, p.index(), p.type));
    Refs.Saved countSaved = null;
    if (!counted[0]) {
      countSaved = new Refs.Saved();
      b.push(b.project(copy, params.size(), Type.INT), countSaved);
    }
    List<Refs.Saved> finals = test[0] == null ? List.of() : saveFinals(loop, copy);
    savedLoops.put(copy, new SavedLoop(copy, saved, values, valueSaves, countSaved, test[0], finals));
  }

  /**
   * The forward sweep of a loop whose iterations are independent ({@link IndependentIterations}):
   * the primal loop saves nothing of its own, and each iteration ends with its own backward
   * sweep, seeded with the accumulators' constant adjoints. The stacks hold one iteration's
   * values at a time, and the backward sweep proper has nothing left to do for the loop.
   */
  private void copyReversingEachIteration(Node loop, Map<Integer, Double> seeds) {
    Node copy = b.loop(new ArrayList<>(copiesOf(loop.args)));
    for (Node p : loopParams(loop)) remember(p, b.loopParam(copy, p.index(), p.type));
    Region step = loop.branches.get(0), newStep = copy.branches.get(0);
    b.in(newStep, () -> {
      copyRegion(step);
      for (Node r : step.results) newStep.results.add(copyOf(r));
    });
    for (Node p : projections(loop)) remember(p, b.project(copy, p.index(), p.type));
    Set<Node> local = new HashSet<>();
    Graph.forEach(newStep, n -> {
      if (n.op == Op.ARRAY_STORE && !newStep.encloses(ArrayValues.base(n.arg(0)).region)) local.add(ArrayValues.base(n.arg(0)));
    });
    target.iterationLocalArrays.put(copy, local);

    activity = Activity.of(target, differentiated.keySet());
    b.at(0); // bookkeeping, of no one source line
    adjointArraysBefore(copy);
    b.at(loop.line);
    indexForward();
    horizon = copy;
    boolean wasBackward = b.backward(true);
    b.derivatives(true);
    Node test = plainTest(copy);
    Region body = test.branches.get(0);
    List<Node> forward = List.copyOf(body.nodes);
    Map<Node, List<Node>>[] leftover = new Map[1];
    b.in(body, () -> {
      pending.push(new LinkedHashMap<>());
      for (var e : seeds.entrySet()) {
        Node result = body.results.get(newStep.results.get(e.getKey() + 1).index());
        addTerm(result, b.constant(e.getValue()));
      }
      sweep(forward);
      leftover[0] = pending.pop();
    });
    // an accumulator's own adjoint passes through each iteration unchanged: its seed
    for (var e : seeds.entrySet()) {
      List<Node> terms = leftover[0].remove(loopParams(copy).get(e.getKey()));
      if (terms == null) continue;
      Node[] total = new Node[1];
      b.in(body, () -> total[0] = sum(terms));
      requireSeed(total[0], e.getValue(), copy);
    }
    List<Node> outside = new ArrayList<>();
    List<Integer> sums = new ArrayList<>();
    for (var e : leftover[0].entrySet()) {
      outside.add(e.getKey());
      sums.add(carrySum(copy, test, newStep, e.getKey(), e.getValue()).index());
    }
    b.derivatives(false);
    b.backward(wasBackward);
    horizon = null;
    forwardOrder.clear();
    forwardStores.clear();
    reversedInPlace.put(copy, new ReversedInPlace(seeds, outside, sums));
  }

  /**
   * Allocates, before {@code loop}, the adjoint arrays its iterations' backward sweeps add to:
   * the gradient's arrays, and those of the active arrays created before it.
   */
  private void adjointArraysBefore(Node loop) {
    List<Node> root = target.root.nodes;
    List<Node> arrays = new ArrayList<>();
    for (Node n : root.subList(0, root.indexOf(loop))) {
      boolean created = n.op == Op.NEW_ARRAY || n.op == Op.COPY;
      if (created && isActive(n) && !adjointArrays.containsKey(n)) arrays.add(n);
    }
    Set<Node> before = new HashSet<>(root);
    gradientArrays();
    for (Node n : arrays) {
      Node bar = b.adjointArrayLike(n);
      if (n.hint() != null) bar.nameAfter(n.hint() + "Bar");
      adjointArrays.put(n, bar);
    }
    // new leaves (a parameter seen for the first time) go first by themselves; the arrays move before the loop
    List<Node> made = new ArrayList<>();
    for (Node n : root) if (!before.contains(n) && !n.op.isLeaf()) made.add(n);
    root.removeAll(made);
    root.addAll(root.indexOf(loop), made);
  }

  private static void requireSeed(Node total, double seed, Node loop) {
    boolean same = total.isConst() && Double.compare(total.constDouble(), seed) == 0;
    if (!same) throw new IllegalStateException("an accumulator's adjoint is " + total + ", not its seed " + seed + ": " + loop);
  }

  /** The backward sweep of a loop reversed in place: only its accumulators' starts and its sums remain. */
  private void sweepReversedInPlace(Node loop, ReversedInPlace reversed) {
    for (Node p : projections(loop)) {
      List<Node> terms = pending.peek().remove(p);
      Double seed = reversed.seeds().get(p.index());
      if (terms == null && (seed == null || seed == 0.0)) continue;
      if (terms == null || seed == null) throw new IllegalStateException("an output of a loop reversed in place is not its seed: " + p);
      requireSeed(sum(terms), seed, loop);
    }
    for (var e : reversed.seeds().entrySet()) {
      if (e.getValue() != 0.0) addTerm(loop.arg(e.getKey()), b.constant(e.getValue()));
    }
    for (int k = 0; k < reversed.outside().size(); k++) {
      addTerm(reversed.outside().get(k), b.project(loop, reversed.sums().get(k), Type.DOUBLE));
    }
  }

  /**
   * A new sum carried by a {@code while (c)} loop whose test is {@code test} (first branch: the
   * body ran) in {@code step}: each iteration that runs adds {@code terms}, the adjoint of
   * {@code outside} it made. Returns the sum's carried slot.
   */
  private Node carrySum(Node loop, Node test, Region step, Node outside, List<Node> terms) {
    Node acc = b.carry(loop, b.zero(Type.DOUBLE));
    String name = nameOf(outside);
    if (name != null) acc.nameAfter(name + "Bar");
    Region ran = test.branches.get(0), skipped = test.branches.get(1);
    b.in(ran, () -> ran.results.add(b.add(acc, sum(terms))));
    skipped.results.add(acc);
    step.results.add(b.project(test, ran.results.size() - 1, Type.DOUBLE));
    return acc;
  }

  /** A carried iteration count, starting at 0, added to the forward loop {@code copy}. */
  private Node iterationCounter(Node copy) {
    Node count = b.carry(copy, b.constant(Type.INT, 0));
    count.nameAfter("iterations");
    return count;
  }

  /**
   * After a {@code while (c)} loop: the value each int slot that {@link IntAdvances} can undo
   * ended with, from which the backward sweep computes the earlier ones (null for the others).
   */
  private List<Refs.Saved> saveFinals(Node primal, Node copy) {
    List<Refs.Saved> finals = new ArrayList<>();
    Node test = plainTest(primal);
    for (Node p : loopParams(primal)) {
      Refs.Saved s = null;
      int k = p.index();
      if (IntAdvances.of(primal, test, k) != null) {
        s = new Refs.Saved();
        // the output the primal reads after the loop, if any: the emitter names one per slot
        Node end = projections(copy).stream().filter(o -> o.index() == k).findFirst().orElse(null);
        b.push(end != null ? end : b.project(copy, k, Type.INT), s);
      }
      finals.add(s);
    }
    return finals;
  }

  private void savePushes(List<Node> values, List<Refs.Saved> valueSaves, List<Node> params, List<Refs.Saved> saved, Region at) {
    for (Node v : values) {
      Refs.Saved s = new Refs.Saved();
      valueSaves.add(s);
      // a copy may be written after it is made: what is saved is what it started as
      Node value = v.op == Op.COPY ? b.snapshotOf(v) : v;
      b.push(Scopes.export(b, value, at), s);
    }
    for (Node np : params) {
      Refs.Saved s = new Refs.Saved();
      saved.add(s);
      b.push(np, s);
    }
  }

  /**
   * The backward sweep of a loop: a loop running as many iterations backwards. Each takes back
   * the values its forward iteration started from, recomputes that iteration's step from them,
   * and runs the step's backward sweep: the adjoints of the carried values flow from one
   * iteration to the one before, and what reaches values defined outside the loop is summed in
   * accumulators carried by the backward loop.
   */
  @Override
  void sweepLoop(Node loop) {
    ReversedInPlace reversed = reversedInPlace.get(loop);
    if (reversed != null) {
      sweepReversedInPlace(loop, reversed);
      return;
    }
    List<Node> params = loopParams(loop);
    SavedLoop saved = savedLoops.get(loop);
    int carried = saved.slots().size();
    Map<Integer, Node> outputBars = new HashMap<>();
    for (Node p : projections(loop)) {
      List<Node> terms = new ArrayList<>();
      List<Node> direct = pending.peek().remove(p);
      if (direct != null) terms.addAll(direct);
      Node standIn = outputStandIns.get(p);
      List<Node> viaStandIn = standIn == null ? null : pending.peek().remove(standIn);
      if (viaStandIn != null) terms.addAll(viaStandIn);
      if (!terms.isEmpty() && p.index() < carried) outputBars.put(p.index(), sum(terms));
    }
    if (outputBars.isEmpty() && !storesActive(loop)) return;
    if (saved.plainTest() != null) {
      sweepPlainLoop(loop, saved, outputBars);
      return;
    }
    BackLoop frame = backLoop(params, carried, saved, outputBars, null, List.of());
    List<Node> activeSlots = frame.activeSlots(), barParams = frame.barParams();
    Node back = frame.loop(), remaining = frame.remaining();
    Region backStep = back.branches.get(0);
    List<Node> accumulators = new ArrayList<>();
    List<Node> outside = new ArrayList<>();
    b.in(backStep, () -> {
      Map<Node, Node> recomputed = new HashMap<>();
      Map<Node, Node> overrides = takeBack(loop, saved, remaining, recomputed, Map.of(), Map.of());
      int first = backStep.nodes.size();
      // the primal's own folding rules, so that each recomputed node is the copy of one original
      b.derivatives(false);
      Region outer = b.recomputeIn(backStep);
      recompute(loop.branches.get(0), recomputed, overrides);
      b.recomputeIn(outer);
      b.derivatives(true);
      List<Node> step = List.copyOf(backStep.nodes.subList(first, backStep.nodes.size()));
      pending.push(new LinkedHashMap<>());
      for (int j = 0; j < activeSlots.size(); j++) {
        Node original = loop.branches.get(0).results.get(activeSlots.get(j).index() + 1);
        Node result = recomputed.getOrDefault(original, original);
        addTerm(result, barParams.get(j));
      }
      sweep(step);
      Map<Node, List<Node>> leftover = pending.pop();
      backStep.results.add(b.compare(Op.GT, remaining, b.constant(Type.INT, 1)));
      backStep.results.add(b.sub(remaining, b.constant(Type.INT, 1)));
      for (Node slot : activeSlots) {
        List<Node> terms = leftover.remove(recomputed.get(slot));
        backStep.results.add(terms == null ? b.zero(Type.DOUBLE) : sum(terms));
      }
      for (var e : leftover.entrySet()) {
        Node acc = b.carry(back, b.zero(Type.DOUBLE));
        String name = nameOf(e.getKey());
        if (name != null) acc.nameAfter(name + "Bar");
        backStep.results.add(b.add(acc, sum(e.getValue())));
        accumulators.add(acc);
        outside.add(e.getKey());
      }
    });
    for (int j = 0; j < activeSlots.size(); j++) {
      addTerm(loop.arg(activeSlots.get(j).index()), b.project(back, 1 + j, Type.DOUBLE));
    }
    for (int a = 0; a < accumulators.size(); a++) {
      addTerm(outside.get(a), b.project(back, accumulators.get(a).index(), Type.DOUBLE));
    }
  }

  /**
   * A backward loop as it starts: carrying the iterations left, then one adjoint per active
   * slot, then the ints undone by {@link IntAdvances} (by slot: the value the forward iteration
   * after this one started from).
   */
  private record BackLoop(Node loop, Node remaining, List<Node> activeSlots, List<Node> barParams, Map<Integer, Node> undone) {}

  /**
   * {@code trips}: the trip count computed again, or null to take back the saved one;
   * {@code undone}: the int slots to carry backwards from their saved final values.
   */
  private BackLoop backLoop(List<Node> params, int carried, SavedLoop saved, Map<Integer, Node> outputBars, Node trips,
      List<Integer> undone) {
    List<Node> activeSlots = new ArrayList<>();
    for (int k = 0; k < carried; k++) if (isActive(params.get(k))) activeSlots.add(params.get(k));
    // saved last, so taken back first
    List<Node> finals = new ArrayList<>();
    for (int k : undone) finals.add(null);
    for (int u = undone.size() - 1; u >= 0; u--) {
      Node end = b.pop(Type.INT, saved.finals().get(undone.get(u)));
      if (params.get(undone.get(u)).hint() != null) end.nameAfter(params.get(undone.get(u)).hint() + "End");
      finals.set(u, end);
    }
    List<Node> init = new ArrayList<>();
    if (trips == null && saved.count() == null) throw new IllegalStateException("a counted loop lost its shape: " + saved.forward());
    init.add(trips != null ? trips : b.pop(Type.INT, saved.count()));
    for (Node p : activeSlots) init.add(outputBars.getOrDefault(p.index(), b.zero(Type.DOUBLE)));
    init.addAll(finals);
    Node back = b.loop(init);
    Node remaining = b.loopParam(back, 0, Type.INT);
    remaining.nameAfter("iteration");
    List<Node> barParams = new ArrayList<>();
    for (int j = 0; j < activeSlots.size(); j++) {
      Node bp = b.loopParam(back, 1 + j, Type.DOUBLE);
      Node slot = activeSlots.get(j);
      if (slot.hint() != null) bp.nameAfter(slot.hint() + "Bar");
      barParams.add(bp);
    }
    Map<Integer, Node> later = new LinkedHashMap<>();
    for (int u = 0; u < undone.size(); u++) {
      Node lp = b.loopParam(back, 1 + activeSlots.size() + u, Type.INT);
      Node slot = params.get(undone.get(u));
      if (slot.hint() != null) lp.nameAfter(slot.hint() + "Later");
      later.put(undone.get(u), lp);
    }
    return new BackLoop(back, remaining, activeSlots, barParams, later);
  }

  /** The value int slot {@code k} of {@code loop} ends with ({@link #hasClosedExit}), from the copies of its inputs. */
  private Node closedExit(Node loop, int k, Map<Node, Node> copies) {
    Node trips = tripsOf(loop, plainTest(loop), v -> copies.getOrDefault(v, v));
    Node start = copies.getOrDefault(loop.arg(k), loop.arg(k));
    int step = inductionStep(loop, k);
    return step == -1 ? b.sub(start, trips) : b.add(start, b.mul(b.constant(Type.INT, step), trips));
  }

  /** {@code start op bound ? |bound - start| (+1 for <=, >=) : 0}, where the loop stands; null if the loop is not counted. */
  private Node recountedTrips(Node loop, Node test) {
    return tripsOf(loop, test, v -> v);
  }

  /**
   * The trip count of counted loop {@code loop} (test {@code test}) computed from its start and
   * bound, each value from outside the loop standing as {@code outside} maps it; null if not counted.
   */
  private Node tripsOf(Node loop, Node test, Function<Node, Node> outside) {
    Counted shape = countedShape(loop, test);
    if (shape == null) return null;
    Node bound = fixedBefore(shape.bound(), loop.branches.get(0), outside);
    return trips(shape, outside.apply(loop.arg(shape.counter())), bound);
  }

  /** The trip count of a counted loop of this shape from {@code start} to {@code bound}. */
  private Node trips(Counted shape, Node start, Node bound) {
    Node span = shape.step() == 1 ? b.sub(bound, start) : b.sub(start, bound);
    boolean strict = shape.op() == Op.LT || shape.op() == Op.GT;
    return b.choose(b.compare(shape.op(), start, bound), strict ? span : b.add(span, b.constant(Type.INT, 1)), b.zero(Type.INT));
  }

  /**
   * {@code value} as the backward sweep can have it where the loop stood, when the loop's step
   * cannot change it: a value from before the loop, a constant, or what the test computes from
   * those with {@code + - * .length} and casts ({@code i <= n - 1}). Only for values that
   * {@link #isFixedBefore}.
   */
  private Node fixedBefore(Node value, Region step) {
    return fixedBefore(value, step, v -> v);
  }

  /** The same, where each value from outside the step stands as {@code outside} maps it (a copy, a rebuilt value). */
  private Node fixedBefore(Node value, Region step, Function<Node, Node> outside) {
    if (!step.encloses(value.region)) return outside.apply(value);
    List<Node> args = new ArrayList<>();
    for (Node a : value.args) args.add(fixedBefore(a, step, outside));
    return b.apply(value, args);
  }

  /**
   * Takes back, in the reverse of the order they were saved, what one iteration saved: the
   * carried values it started from (a counter advancing by a constant was not saved: it is
   * recomputed from the iteration number, i = i0 + c·(iteration − 1)), then the elements it
   * read that a recomputation would get wrong. Fills {@code recomputed} with the carried
   * values; returns the elements' stand-ins.
   */
  private Map<Node, Node> takeBack(Node loop, SavedLoop saved, Node remaining, Map<Node, Node> recomputed,
      Map<Integer, Node> undone, Map<Integer, List<IntAdvances.Term>> advances) {
    List<Node> params = loopParams(loop);
    int carried = saved.slots().size();
    for (int k = carried - 1; k >= 0; k--) {
      if (inductionStep(loop, k) != null || undone.containsKey(k)) continue;
      if (unchangedInt(loop, k)) {
        recomputed.put(params.get(k), loop.arg(k));
        continue;
      }
      Node popped = b.pop(params.get(k).type, saved.slots().get(k));
      if (params.get(k).hint() != null) popped.nameAfter(params.get(k).hint());
      recomputed.put(params.get(k), popped);
      if (isActive(params.get(k))) activeCopies.add(popped);
    }
    if (params.size() > carried) recomputed.put(params.get(carried), b.zero(Type.INT)); // the trip count is not needed again
    for (int k = 0; k < carried; k++) {
      Integer c = inductionStep(loop, k);
      if (c == null) continue;
      recomputed.put(params.get(k), counterAt(loop, k, c, remaining));
    }
    for (var e : undone.entrySet()) {
      Node before = undoAdvance(e.getValue(), loop, advances.get(e.getKey()), remaining);
      if (params.get(e.getKey()).hint() != null) before.nameAfter(params.get(e.getKey()).hint());
      recomputed.put(params.get(e.getKey()), before);
    }
    Map<Node, Node> overrides = new HashMap<>();
    for (int v = saved.values().size() - 1; v >= 0; v--) {
      Node original = saved.values().get(v);
      // an element nothing overwrites later is simply read again (its save is then pruned)
      boolean readOrCopy = original.op == Op.ARRAY_READ || original.op == Op.COPY;
      if (readOrCopy && rereadable(ArrayValues.base(original.arg(0)), saved.forward())) continue;
      Node popped = b.pop(original.type, saved.valueSaves().get(v));
      overrides.put(original, popped);
      // a saved result is not where its adjoint goes: that is the call's argument (SAVED_MATH)
      if (isActive(original) && original.op != Op.MATH) activeCopies.add(popped);
    }
    return overrides;
  }

  /** An int slot that no iteration changes: every iteration starts from the loop's initial value. */
  private static boolean unchangedInt(Node loop, int k) {
    Node param = loopParams(loop).get(k);
    return param.type == Type.INT && loop.branches.get(0).results.get(k + 1) == param;
  }

  /** Counter {@code k} of {@code loop}, stepping by {@code c}, in the iteration with {@code remaining} left: i0 + c·(remaining − 1). */
  private Node counterAt(Node loop, int k, int c, Node remaining) {
    return b.add(loop.arg(k), b.mul(b.constant(Type.INT, c), b.sub(remaining, b.constant(Type.INT, 1))));
  }

  /**
   * An int slot as the iteration with {@code remaining} left started it: its value after that
   * iteration, {@code later}, minus what the iteration added, {@code advance} ({@link IntAdvances}).
   */
  private Node undoAdvance(Node later, Node loop, List<IntAdvances.Term> advance, Node remaining) {
    Map<Node, Node> built = new HashMap<>();
    Function<Node, Node> rebuilt = e -> rebuild(e, loop, remaining, built);
    Node v = later;
    for (IntAdvances.Term t : advance) {
      Node amount = t.inner() == null ? rebuilt.apply(t.value()) : tripsOf(t.inner(), plainTest(t.inner()), rebuilt);
      v = switch (t.factor()) {
        case 1 -> b.sub(v, amount);
        case -1 -> b.add(v, amount);
        default -> b.sub(v, b.mul(b.constant(Type.INT, t.factor()), amount));
      };
    }
    return v;
  }

  /** A value {@link IntAdvances#rebuildable} in an iteration of {@code loop}, computed there. */
  private Node rebuild(Node e, Node loop, Node remaining, Map<Node, Node> built) {
    if (!loop.branches.get(0).encloses(e.region)) return e;
    Node done = built.get(e);
    if (done != null) return done;
    Node made;
    if (e.op == Op.LOOP_PARAM) {
      made = counterAt(loop, e.index(), inductionStep(loop, e.index()), remaining);
    } else {
      List<Node> args = new ArrayList<>();
      for (Node a : e.args) args.add(rebuild(a, loop, remaining, built));
      made = b.apply(e, args);
    }
    built.put(e, made);
    return made;
  }

  /**
   * The backward sweep of a {@code while (c) { body }} loop: {@code while (trips > 0) { take
   * back the values the iteration started from; recompute its body; sweep the body backwards;
   * trips-- }}. The test is not replayed: every saved iteration ran the body.
   */
  private void sweepPlainLoop(Node loop, SavedLoop saved, Map<Integer, Node> outputBars) {
    List<Node> params = loopParams(loop);
    int carried = saved.slots().size();
    Region step = loop.branches.get(0);
    Node test = saved.plainTest();
    Region body = test.branches.get(0);
    Map<Integer, List<IntAdvances.Term>> advances = new LinkedHashMap<>();
    for (int k = 0; k < carried && k < saved.finals().size(); k++) {
      List<IntAdvances.Term> advance = saved.finals().get(k) == null ? null : IntAdvances.of(loop, test, k);
      if (advance != null) advances.put(k, advance);
    }
    List<Integer> undo = List.copyOf(advances.keySet());
    BackLoop frame = backLoop(params, carried, saved, outputBars, recountedTrips(loop, saved.plainTest()), undo);
    List<Node> activeSlots = frame.activeSlots(), barParams = frame.barParams();
    List<Node> later = List.copyOf(frame.undone().values());
    Node back = frame.loop(), remaining = frame.remaining();
    Region backStep = back.branches.get(0);
    List<Node> outside = new ArrayList<>();
    Node[] backTest = new Node[1];
    b.in(backStep, () -> {
      Node running = b.select(b.compare(Op.GT, remaining, b.constant(Type.INT, 0)));
      backTest[0] = running;
      Region iteration = running.branches.get(0), done = running.branches.get(1);
      Map<Node, List<Node>>[] leftover = new Map[1];
      Map<Node, Node> recomputed = new HashMap<>();
      b.in(iteration, () -> {
        Map<Node, Node> overrides = takeBack(loop, saved, remaining, recomputed, frame.undone(), advances);
          int first = iteration.nodes.size();
        b.derivatives(false);
        Region outer = b.recomputeIn(iteration);
        // the test's own code, then the body in place of the test: this iteration ran it
        for (Node n : List.copyOf(step.nodes)) {
          if (n == test || n.op == Op.LOOP_PARAM || (n.op == Op.PROJ && n.arg(0) == test)) continue;
          recomputeNode(n, recomputed, overrides);
        }
        recompute(body, recomputed, overrides);
        for (Node p : projections(test)) recomputed.put(p, recomputed.getOrDefault(body.results.get(p.index()), body.results.get(p.index())));
        b.recomputeIn(outer);
        b.derivatives(true);
        List<Node> nodes = List.copyOf(iteration.nodes.subList(first, iteration.nodes.size()));
        pending.push(new LinkedHashMap<>());
        for (int j = 0; j < activeSlots.size(); j++) {
          Node original = step.results.get(activeSlots.get(j).index() + 1);
          addTerm(recomputed.getOrDefault(original, original), barParams.get(j));
        }
        sweep(nodes);
        leftover[0] = pending.pop();
        iteration.results.add(b.constant(Type.BOOLEAN, true));
        iteration.results.add(b.sub(remaining, b.constant(Type.INT, 1)));
        for (Node slot : activeSlots) {
          List<Node> terms = leftover[0].remove(recomputed.get(slot));
          iteration.results.add(terms == null ? b.zero(Type.DOUBLE) : sum(terms));
        }
        for (int k : undo) iteration.results.add(recomputed.get(params.get(k)));
      });
      done.results.add(b.constant(Type.BOOLEAN, false));
      done.results.add(remaining);
      done.results.addAll(barParams);
      done.results.addAll(later);
      backStep.results.add(b.project(running, 0, Type.BOOLEAN));
      backStep.results.add(b.project(running, 1, Type.INT));
      for (int j = 0; j < activeSlots.size(); j++) backStep.results.add(b.project(running, 2 + j, Type.DOUBLE));
      for (int u = 0; u < later.size(); u++) backStep.results.add(b.project(running, 2 + activeSlots.size() + u, Type.INT));
      for (var e : leftover[0].entrySet()) {
        outside.add(e.getKey());
        outside.add(carrySum(back, running, backStep, e.getKey(), e.getValue()));
      }
    });
    for (int j = 0; j < activeSlots.size(); j++) {
      addTerm(loop.arg(activeSlots.get(j).index()), b.project(back, 1 + j, Type.DOUBLE));
    }
    for (int a = 0; a < outside.size(); a += 2) {
      addTerm(outside.get(a), b.project(back, outside.get(a + 1).index(), Type.DOUBLE));
    }
  }

  /**
   * Values of a loop step that recomputing the step would get wrong: elements read from arrays
   * created outside the step (later iterations may have overwritten them), and the outputs of
   * inner loops that read such elements.
   */
  private void collectUnrecomputable(Region region, Region step, List<Node> out) {
    for (Node n : region.nodes) {
      if (readsOutside(n, step) || savesItsResult(n)) out.add(n);
      if (n.op == Op.SELECT) for (Region b : n.branches) collectUnrecomputable(b, step, out);
      // an inner loop's outputs are saved rather than recomputed when it reads such elements,
      // or when it writes nothing (then saving them spares re-running it on the way back)
      if (n.op == Op.LOOP && (loopReadsOutside(n.branches.get(0), step) || !writes(n))) {
        int carried = savedLoops.get(n).slots().size();
        for (Node p : projections(n)) if (p.index() < carried && !hasClosedExit(n, p.index())) out.add(p);
      }
    }
  }

  /**
   * A call whose derivative is a function of its result (exp, tanh, sqrt): saved, so the
   * backward iteration reads it instead of calling it again (a stack slot against a call).
   */
  private static boolean savesItsResult(Node n) {
    return n.op == Op.MATH && n.type == Type.DOUBLE && n.mathCall().function().derivativeFromResult();
  }

  private static boolean writes(Node structured) {
    for (Region r : structured.branches) {
      for (Node n : r.nodes) {
        if (n.op == Op.ARRAY_STORE || (n.op.isStructured() && writes(n))) return true;
      }
    }
    return false;
  }

  /**
   * Whether the elements of {@code array} read in {@code loop} are still there when the
   * backward sweep recomputes the loop: nothing stores into the array after the loop starts
   * (later in the forward sweep, or in a loop around this one, whose later iterations would).
   */
  private boolean rereadable(Node array, Node loop) {
    Integer loopAt = forwardOrder.get(loop);
    if (loopAt == null) return false;
    for (Node store : forwardStores) {
      if (ArrayValues.base(store.arg(0)) != array) continue;
      if (forwardOrder.get(store) > loopAt) return false;
      // a loop reversed in place runs its later iterations after this one's backward sweep
      for (Region r = loop.region; r.owner != null && r.owner != horizon; r = r.owner.region) {
        if (r.owner.op == Op.LOOP && r.encloses(store.region)) return false;
      }
    }
    return true;
  }

  /** An element read from, or a copy made of, an array created outside the step that may change. */
  private static boolean readsOutside(Node n, Region step) {
    boolean read = n.op == Op.ARRAY_READ && !n.type.isArray() || n.op == Op.COPY;
    return read && ArrayValues.isMutable(n.arg(0)) && !step.encloses(ArrayValues.base(n.arg(0)).region);
  }

  private static boolean loopReadsOutside(Region region, Region step) {
    for (Node n : region.nodes) {
      if (readsOutside(n, step)) return true;
      for (Region b : n.branches) if (loopReadsOutside(b, step)) return true;
    }
    return false;
  }

  /**
   * Re-creates the nodes of a forward region in the current one, without its saves. Values in
   * {@code overrides} were saved instead. Stores are repeated, so that their adjoints run in the
   * backward sweep; nothing reads what they write again (such reads were saved).
   */
  private void recompute(Region region, Map<Node, Node> copies, Map<Node, Node> overrides) {
    for (Node n : List.copyOf(region.nodes)) recomputeNode(n, copies, overrides);
  }

  private void recomputeNode(Node n, Map<Node, Node> copies, Map<Node, Node> overrides) {
      Node saved = overrides.get(n);
      if (saved != null && n.op == Op.COPY) {
        // the saved contents, standing where the copy was made
        copied(n, b.savedCopy(saved, copies.getOrDefault(n.arg(0), n.arg(0))), copies);
        return;
      }
      if (saved != null && n.op == Op.MATH) {
        Node result = b.savedMath(saved, n.mathCall());
        savedCallArguments.put(result, copies.getOrDefault(n.arg(0), n.arg(0)));
        copied(n, result, copies);
        return;
      }
      if (saved != null && n.op == Op.ARRAY_READ) {
        // the saved value, standing where the read stood: its adjoint still goes to that element
        copied(n, b.savedRead(saved, copies.getOrDefault(n.arg(0), n.arg(0)), copies.getOrDefault(n.arg(1), n.arg(1))), copies);
        return;
      }
      switch (n.op) {
        case LOOP_PARAM, PROJ, PUSH -> { }
        case SELECT -> {
          Node copy = b.select(copies.getOrDefault(n.arg(0), n.arg(0)));
          for (int j = 0; j < 2; j++) {
            Region from = n.branches.get(j);
            Region to = copy.branches.get(j);
            b.in(to, () -> {
              recompute(from, copies, overrides);
              for (Node r : from.results) to.results.add(copies.getOrDefault(r, r));
            });
          }
          copies.put(n, copy);
          for (Node p : projections(n)) copied(p, b.project(copy, p.index(), p.type), copies);
        }
        case LOOP -> {
          List<Node> init = new ArrayList<>();
          for (Node a : n.args) init.add(copies.getOrDefault(a, a));
          Node copy = b.loop(init);
          for (Node p : loopParams(n)) copied(p, b.loopParam(copy, p.index(), p.type), copies);
          Region to = copy.branches.get(0);
          b.in(to, () -> {
            recompute(n.branches.get(0), copies, overrides);
            for (Node r : n.branches.get(0).results) to.results.add(copies.getOrDefault(r, r));
          });
          for (Node p : projections(n)) {
            Node out = b.project(copy, p.index(), p.type);
            copied(p, out, copies);
            if (overrides.containsKey(p)) {
              copies.put(p, overrides.get(p)); // saved, not recomputed
              outputStandIns.put(out, overrides.get(p));
            } else if (hasClosedExit(n, p.index())) {
              copies.put(p, closedExit(n, p.index(), copies)); // the loop need not run again for it
            }
          }
          // the copy saved the same values, known now by their copies
          SavedLoop original = savedLoops.get(n);
          List<Node> values = new ArrayList<>();
          for (Node v : original.values()) values.add(copies.getOrDefault(v, v));
          Node test = original.plainTest() == null ? null : copies.get(original.plainTest());
          savedLoops.put(copy, new SavedLoop(original.forward(), original.slots(), values, original.valueSaves(), original.count(), test,
              original.finals()));
        }
        default -> {
          List<Node> args = new ArrayList<>();
          for (Node a : n.args) args.add(copies.getOrDefault(a, a));
          copied(n, b.apply(n, args), copies);
        }
      }
  }

  private void copied(Node original, Node copy, Map<Node, Node> copies) {
    copies.put(original, copy);
    if (original.hint() != null) copy.nameAfter(original.hint());
    if (isActive(original)) activeCopies.add(copy);
  }
}
