package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.analysis.LoopShapes;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Prints a graph as the body of a Java method: one {@code final} local per value that is named
 * by the user, used twice, or read across blocks; every other value inline in the expression
 * that consumes it. SELECTs become if/else blocks that assign their outputs, or plain
 * {@code ?:} when both branches are single expressions.
 */
final class JavaEmitter {
  static final ClassName MATH = ClassName.get("java.lang", "Math");
  static final ClassName STRICT_MATH = ClassName.get("java.lang", "StrictMath");
  static final ClassName DUAL = ClassName.get("dev.adjoint.runtime", "Dual");
  static final ClassName DUAL_ARRAY = ClassName.get("dev.adjoint.runtime", "DualArray");
  static final ClassName ADJOINTS = ClassName.get("dev.adjoint.runtime", "Adjoints");
  static final ClassName SCRATCH_ARRAYS = ClassName.get("dev.adjoint.runtime", "ScratchArrays");

  private final Graph graph;
  private final Names names;
  private final Function<Refs.Param, String> paramName;
  private final Function<Refs.Param, String> tangentName;
  private final Map<Node, Integer> uses = new HashMap<>();
  private final Map<Node, Node> soleUser = new HashMap<>();
  private final Map<Node, Region> soleRegion = new HashMap<>();
  private final Map<Node, String> locals = new HashMap<>();
  private final Map<Node, Boolean> inlineMemo = new HashMap<>();
  private int temps;
  private boolean backwardLabelled;
  private String forwardLabel;
  private String backwardLabel;
  /** Whether this body borrows its own arrays from {@code ScratchArrays} (reverse mode: see {@link #borrowed()}). */
  private boolean borrowing;
  /** The local and adjoint arrays borrowed from {@code ScratchArrays} and given back before returning. */
  private final Set<Node> borrowed = new LinkedHashSet<>();
  /** The local holding this thread's {@code ScratchArrays}, or null if nothing is borrowed. */
  private String scratch;

  JavaEmitter(Graph graph, Names names, Function<Refs.Param, String> paramName, Function<Refs.Param, String> tangentName) {
    this.graph = graph;
    this.names = names;
    this.paramName = paramName;
    this.tangentName = tangentName;
    this.tapes = new Tapes(names);
    countUses();
  }

  // ---- a body too large for one method: parts, as helper methods

  private Segments segments = Segments.whole();
  private final List<MethodSpec> helpers = new ArrayList<>();
  private String partPrefix;
  private List<ParameterSpec> parameters;
  private String doubleFrame;
  private String objectFrame;

  /** How helper methods are named ({@code prefix + "Part" + k}) and what they receive, should the body need parts. */
  JavaEmitter parts(String prefix, List<ParameterSpec> parameters, int partBytes) {
    this.partPrefix = prefix;
    this.parameters = parameters;
    this.segments = partBytes > 0 ? Segments.of(graph, partBytes, partBytes) : Segments.of(graph);
    return this;
  }

  /** The helper methods {@link #body} printed the first parts of a large body into. */
  List<MethodSpec> helpers() {
    return helpers;
  }

  private boolean split() {
    return segments.split();
  }

  private void splitBody(CodeBlock.Builder out) {
    doubleFrame = names.fresh("frame");
    objectFrame = names.fresh("objects");
    out.add("// too large for one method (HotSpot compiles none over 8,000 bytes): parts, passing values in frames\n");
    out.addStatement("final double[] $L = new double[$L]", doubleFrame, segments.doubleSlots);
    out.addStatement("final $T[] $L = new $T[$L]", Object.class, objectFrame, Object.class, segments.objectSlots);
    String arguments = String.join(", ", parameters.stream().map(p -> p.name()).toList());
    int last = segments.parts.size() - 1;
    for (int p = 0; p < last; p++) {
      String name = partPrefix + "Part" + (p + 1);
      out.addStatement("$L($L, $L, $L)", name, arguments, doubleFrame, objectFrame);
      CodeBlock.Builder part = CodeBlock.builder();
      part(p, part);
      helpers.add(MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addParameters(parameters)
          .addParameter(double[].class, doubleFrame)
          .addParameter(Object[].class, objectFrame)
          .addJavadoc("Part $L of $L of {@link #$L}.\n", p + 1, last + 1, partPrefix)
          .addCode(part.build())
          .build());
    }
    part(last, out);
  }

  /** One part: take what it reads from the frames, compute, leave what later parts read. */
  private void part(int p, CodeBlock.Builder out) {
    for (Node n : segments.imports(p)) {
      int slot = segments.slots.get(n);
      if (Segments.isDoubleSlot(n)) out.addStatement("final $T $L = $L[$L]", javaType(n), local(n), doubleFrame, slot);
      else out.addStatement("final $T $L = ($T) $L[$L]", javaType(n), local(n), javaType(n), objectFrame, slot);
    }
    if (p > 0) tapes.reopen(out);
    nodes(segments.parts.get(p), graph.root, out);
    for (Node n : segments.exports(p)) {
      out.addStatement("$L[$L] = $L", Segments.isDoubleSlot(n) ? doubleFrame : objectFrame, segments.slots.get(n), render(n).code());
    }
    if (p < segments.parts.size() - 1) tapes.handOver(out);
  }

  /** Comments that open the forward and backward sweeps of a reverse-mode body. */
  JavaEmitter sweepLabels(String forward, String backward) {
    this.forwardLabel = forward;
    this.backwardLabel = backward;
    return this;
  }

  /** The method body: all statements, then {@code returns} applied to the root results. */
  CodeBlock body(Function<List<CodeBlock>, CodeBlock> returns) {
    CodeBlock.Builder out = CodeBlock.builder();
    aliasChecks(out);
    if (forwardLabel != null) out.add("// $L\n", forwardLabel);
    borrowed();
    if (scratch != null) out.addStatement("final $T $L = $T.forThisThread()", SCRATCH_ARRAYS, scratch, SCRATCH_ARRAYS);
    if (split()) splitBody(out);
    else region(graph.root, out);
    closeTapes(out);
    List<CodeBlock> results = new ArrayList<>();
    for (Node r : graph.root.results) results.add(render(r).code());
    for (Node n : borrowed) out.addStatement("$L.giveBack($L)", scratch, render(n).code());
    out.add(returns.apply(results));
    return out.build();
  }

  /** Lets the body borrow the arrays it makes once per call instead of allocating them. */
  JavaEmitter borrowing() {
    this.borrowing = true;
    return this;
  }

  /**
   * Which arrays are borrowed: the {@code double[]} arrays the method body's own block makes (once
   * per call), the primal's local arrays and their adjoints, none of which leaves the method;
   * not when the body is cut into parts (a part's locals are gone by the end).
   */
  private void borrowed() {
    if (!borrowing || split()) return;
    for (Node n : graph.root.nodes) {
      boolean adjoint = n.isScratchAdjoint();
      boolean local = n.op == Op.NEW_ARRAY && n.args.size() == 1;
      // a vector-valued method's result leaves the method: it is never borrowed
      if ((adjoint || local) && n.type == Type.DOUBLE_ARRAY && !graph.root.results.contains(n)) borrowed.add(n);
    }
    if (!borrowed.isEmpty()) scratch = names.fresh("scratch");
  }

  /** A parameter the method writes into is copied: that is right only if no other parameter is the same array. */
  private void aliasChecks(CodeBlock.Builder out) {
    List<Refs.Param> arrays = new ArrayList<>();
    List<Refs.Param> written = new ArrayList<>();
    for (Node n : graph.root.nodes) {
      if (n.op == Op.PARAM && n.type.isArray()) arrays.add(n.param());
      if (n.isCopyOfWrittenParameter()) written.add(n.arg(0).param());
    }
    for (Refs.Param w : written) {
      for (Refs.Param other : arrays) {
        if (other.equals(w) || (written.contains(other) && written.indexOf(other) < written.indexOf(w))) continue;
        if (w.type() != other.type()) continue;
        out.addStatement("$T.requireDistinct($L, $S, $L, $S)", ADJOINTS, paramName.apply(w), w.name(), paramName.apply(other), other.name());
      }
    }
  }

  // ---- deciding what gets a local

  private void countUses() {
    for (Node n : graph.nodes()) {
      for (Node a : n.args) use(a, n, n.region);
      for (Region b : n.branches) for (Node r : b.results) use(r, n, b);
    }
    for (Node r : graph.root.results) use(r, null, graph.root);
  }

  private void use(Node value, Node user, Region where) {
    uses.merge(value, 1, Integer::sum);
    soleUser.put(value, user);
    soleRegion.put(value, where);
  }

  private boolean inline(Node n) {
    Boolean known = inlineMemo.get(n);
    if (known != null) return known;
    boolean v = computeInline(n);
    inlineMemo.put(n, v);
    return v;
  }

  private boolean computeInline(Node n) {
    if (n.op.isLeaf() || n.op == Op.SAVED_READ || n.op == Op.SAVED_COPY || n.op == Op.SAVED_MATH) return true;
    if (split() && segments.crosses(n)) return false; // a later part reads it from a frame
    // an array's length never changes: `x.length` reads as well as a local at each use
    if (n.op == Op.ARRAY_LENGTH && (n.arg(0).op.isLeaf() || !inline(n.arg(0)))) return true;
    switch (n.op) {
      case SELECT, LOOP, ACCUMULATE, ACCUMULATE_SCALED, CALL, CALL_REVERSE, CALL_TANGENT, CALL_CONST, ZEROS_LIKE,
          STACK, PUSH, POP, LOOP_PARAM, NEW_ARRAY, COPY, ARRAY_STORE -> {
        return false;
      }
      case ARRAY_READ -> {
        // an element of an array the method writes is read where the read stands
        if (ArrayValues.isMutable(n.arg(0)) && !n.type.isArray()) return false;
      }
      case PROJ -> {
        if (!expressionSelect(n.arg(0))) return false;
      }
      default -> { }
    }
    if (uses.getOrDefault(n, 0) != 1) return false;
    Node user = soleUser.get(n);
    // a loop assigns its results to its variables only after computing all of them
    if (user != null && user.op == Op.LOOP && soleRegion.get(n) != user.region) return false;
    // a named value is kept, unless all it does is become a branch's output of the same name
    boolean namedOutput = user != null && user.op == Op.SELECT && soleRegion.get(n) == n.region;
    if (n.hint() != null && !namedOutput) return false;
    // a long chain of single-use values gets a local now and then: readable, and no deep recursion
    if (inlineDepth(n) > MAX_INLINE_DEPTH) return false;
    boolean sameSweep = user == null || user.backward == n.backward;
    return soleRegion.get(n) == n.region && sameSweep;
  }

  private static final int MAX_INLINE_DEPTH = 24;
  private final Map<Node, Integer> depths = new HashMap<>();

  /** How deep the expression printed for {@code n} would nest, counting only inlined arguments. */
  private int inlineDepth(Node n) {
    Integer known = depths.get(n);
    if (known != null) return known;
    int d = 1;
    for (Node a : n.args) {
      Boolean aInline = inlineMemo.get(a);
      if (aInline != null && aInline) d = Math.max(d, 1 + depths.getOrDefault(a, 1));
    }
    depths.put(n, d);
    return d;
  }

  /** A SELECT with one output and nothing to compute but single expressions: printed as {@code ?:}. */
  private boolean expressionSelect(Node select) {
    if (projections(select).size() != 1) return false;
    for (Region b : select.branches) {
      for (Node m : b.nodes) {
        boolean ok = m.op == Op.SELECT ? expressionSelect(m) : inline(m);
        if (!ok) return false;
      }
    }
    return true;
  }

  private static List<Node> projections(Node select) {
    List<Node> out = new ArrayList<>();
    for (Node n : select.region.nodes) if (n.op == Op.PROJ && n.arg(0) == select) out.add(n);
    return out;
  }

  private String local(Node n) {
    return locals.computeIfAbsent(n, k -> names.fresh(k.hint() != null ? k.hint() : "tmp" + ++temps));
  }

  // ---- statements

  private void region(Region region, CodeBlock.Builder out) {
    nodes(region.nodes, region, out);
  }

  private void nodes(List<Node> nodes, Region region, CodeBlock.Builder out) {
    boolean forwardBefore = false;
    for (Node n : nodes) {
      if (n.backward && !backwardLabelled && backwardLabel != null && region == graph.root && !n.op.isLeaf()) {
        backwardLabelled = true;
        // the forward sweep has saved all it saves: the stacks are at their fullest
        tapes.atFullest(out);
        out.add("\n// $L\n", backwardLabel);
      }
      if (n.backward && forwardBefore && region != graph.root && !n.op.isLeaf()) {
        // an iteration reversed in place: its forward part has saved all it saves
        tapes.atFullest(out);
        out.add("// this iteration's backward sweep\n");
      }
      if (!n.op.isLeaf()) forwardBefore = !n.backward;
      switch (n.op) {
        case SELECT -> {
          if (!expressionSelect(n)) selectStatement(n, out);
        }
        case PROJ -> {
          if (n.arg(0).op == Op.SELECT && expressionSelect(n.arg(0)) && !inline(n)) declare(n, out);
        }
        case LOOP -> loopStatement(n, out);
        case LOOP_PARAM -> { } // the loop's variable, declared by the loop
        case STACK -> tapes.open(n, local(n), out);
        case PUSH -> tapes.push(n, n.arg(1).type == Type.BOOLEAN ? render(n.arg(1)).atLeast(Expr.TERNARY + 1) : render(n.arg(1)).code(), out);
        case POP -> tapes.pop(n, javaType(n), local(n), out);
        case CALL_REVERSE -> {
          // the callee saves on the same stacks, from their size: hand it the tops, take back the arrays
          tapes.handOver(out);
          declare(n, out);
          tapes.takeBack(out);
          calls = true;
        }
        case ACCUMULATE -> out.addStatement("$L[$L] += $L", render(n.arg(0)).atLeast(Expr.PRIMARY), render(n.arg(1)).code(), render(n.arg(2)).code());
        case ARRAY_STORE -> out.addStatement("$L[$L] = $L", render(n.arg(0)).atLeast(Expr.PRIMARY), render(n.arg(1)).code(), render(n.arg(2)).code());
        case ACCUMULATE_SCALED -> out.addStatement("$T.addScaled($L, $L, $L)", ADJOINTS, render(n.arg(0)).code(), render(n.arg(1)).code(), render(n.arg(2)).code());
        default -> {
          if (!inline(n)) declare(n, out);
        }
      }
    }
  }

  // ---- saving values for the backward sweep

  private final Tapes tapes;
  /** Whether the method calls another reverse-mode method, so the stacks' sizes must be left as found. */
  private boolean calls;

  /**
   * Before a counted loop {@code while (i < n)} (or {@code i <= n}) whose counter steps
   * up by a constant: reserves stack room for all its iterations ({@link Tapes#reserve}).
   */
  private void reserve(Node select, List<Node> params, CodeBlock.Builder out) {
    Node test = select.arg(0);
    if ((test.op != Op.LT && test.op != Op.LE) || !params.contains(test.arg(0))) return;
    Node counter = test.arg(0);
    Node bound = test.arg(1);
    if (bound.type != Type.INT || bound.region == counter.region || !bound.region.encloses(counter.region)) return;
    Node result = counter.region.results.get(counter.index() + 1);
    if (result.op != Op.PROJ || result.arg(0) != select) return;
    Integer step = LoopShapes.advance(select.branches.get(0).results.get(result.index()), counter);
    if (step == null || step < 1) return;
    CodeBlock trips = CodeBlock.of("(long) $L - $L$L", render(bound).atLeast(Expr.UNARY), locals.get(counter), test.op == Op.LE ? " + 1" : "");
    tapes.reserve(select.region.owner, select.branches.get(0), trips, out);
  }

  /** Statements before the return: a method that called others leaves the stacks' sizes as it found them. */
  private void closeTapes(CodeBlock.Builder out) {
    if (calls || split()) tapes.handOver(out);
  }

  /**
   * {@code while (true) { step; variables = results; if (!more) break; }}: the carried values
   * are plain mutable locals, read by name inside the step and after the loop.
   */
  private void loopStatement(Node loop, CodeBlock.Builder out) {
    Region step = loop.branches.get(0);
    List<Node> params = new ArrayList<>();
    for (Node p : step.nodes) if (p.op == Op.LOOP_PARAM) params.add(p);
    params.sort((x, y) -> Integer.compare(x.index(), y.index()));
    Map<Integer, Node> outputs = new HashMap<>();
    for (Node p : projections(loop)) outputs.put(p.index(), p);
    for (Node p : params) {
      int k = p.index();
      Node after = outputs.get(k);
      String hint = after != null && after.hint() != null ? after.hint() : p.hint();
      String name = names.fresh(hint != null ? hint : "tmp" + ++temps);
      locals.put(p, name);
      if (after != null) locals.put(after, name);
      out.addStatement("$T $L = $L", p.type.javaType, name, render(loop.arg(k)).code());
    }
    Node test = plainWhile(loop);
    if (test != null) {
      plainWhileStatement(test, params, out);
      return;
    }
    out.beginControlFlow("while (true)");
    region(step, out);
    // a result that is another slot's variable would be overwritten before it is read
    List<CodeBlock> values = new ArrayList<>();
    for (Node p : params) {
      Node r = step.results.get(p.index() + 1);
      boolean otherSlot = r.op == Op.LOOP_PARAM && r != p;
      if (otherSlot) {
        String tmp = names.fresh("tmp" + ++temps);
        out.addStatement("final $T $L = $L", r.type.javaType, tmp, render(r).code());
        values.add(CodeBlock.of("$L", tmp));
      } else {
        values.add(r == p ? null : render(r).code());
      }
    }
    Node more = step.results.get(0);
    CodeBlock moreCode = more.isConst() ? null : render(more).code();
    for (int i = 0; i < params.size(); i++) {
      if (values.get(i) != null) out.addStatement("$L = $L", locals.get(params.get(i)), values.get(i));
    }
    if (moreCode != null) out.addStatement("if (!$L) break", moreCode);
    else if (!more.constBoolean()) out.addStatement("break");
    out.endControlFlow();
  }

  /** A loop that prints as {@code while (c) { body }}: nothing to run beside the test and the body. */
  private Node plainWhile(Node loop) {
    return LoopShapes.whileTest(loop, this::inline);
  }

  private void plainWhileStatement(Node select, List<Node> params, CodeBlock.Builder out) {
    Region step = params.isEmpty() ? select.region : params.get(0).region;
    Region then = select.branches.get(0);
    reserve(select, params, out);
    out.beginControlFlow("while ($L)", render(select.arg(0)).code());
    region(then, out);
    List<Node> assigned = new ArrayList<>();
    List<CodeBlock> values = new ArrayList<>();
    for (Node p : params) {
      Node r = step.results.get(p.index() + 1);
      if (r == p) continue;
      assigned.add(p);
      values.add(render(then.results.get(r.index())).code());
    }
    // several variables change at once: compute every new value before assigning any
    if (assigned.size() > 1) {
      for (int i = 0; i < assigned.size(); i++) {
        Node p = assigned.get(i);
        String next = names.fresh((p.hint() != null ? p.hint() : "tmp") + "Next");
        out.addStatement("final $T $L = $L", p.type.javaType, next, values.get(i));
        values.set(i, CodeBlock.of("$L", next));
      }
    }
    for (int i = 0; i < assigned.size(); i++) out.addStatement("$L = $L", locals.get(assigned.get(i)), values.get(i));
    out.endControlFlow();
  }

  private void declare(Node n, CodeBlock.Builder out) {
    CodeBlock value = expression(n).code();
    out.addStatement("final $T $L = $L", javaType(n), local(n), value);
  }

  private void selectStatement(Node select, CodeBlock.Builder out) {
    List<Node> outputs = projections(select);
    for (Node p : outputs) out.addStatement("final $T $L", javaType(p), local(p));
    out.beginControlFlow("if ($L)", render(select.arg(0)).code());
    branch(select.branches.get(0), outputs, out);
    CodeBlock.Builder otherwise = CodeBlock.builder();
    branch(select.branches.get(1), outputs, otherwise);
    if (!otherwise.isEmpty()) {
      out.nextControlFlow("else");
      out.add(otherwise.build());
    }
    out.endControlFlow();
  }

  private void branch(Region b, List<Node> outputs, CodeBlock.Builder out) {
    region(b, out);
    for (Node p : outputs) out.addStatement("$L = $L", local(p), render(b.results.get(p.index())).code());
  }

  private TypeName javaType(Node n) {
    return switch (n.op) {
      case STACK -> Tapes.stackClass(n);
      case CALL_REVERSE -> n.callee().recordClass();
      case CALL_TANGENT -> n.callee().vector() ? DUAL_ARRAY : DUAL;
      case PROJ -> {
        if (n.arg(0).op == Op.LOOP) yield n.type.javaType;
        for (Region b : n.arg(0).branches) {
          Node r = b.results.get(n.index());
          if (!r.isConst()) yield javaType(r);
        }
        yield n.type.javaType;
      }
      default -> n.type.javaType;
    };
  }

  // ---- expressions

  private Expr render(Node n) {
    String local = locals.get(n);
    if (local != null) return Expr.primary("$L", local);
    if (!inline(n) && n.op != Op.PROJ) throw new IllegalStateException("used before it is computed: " + n);
    return expression(n);
  }

  private Expr expression(Node n) {
    return switch (n.op) {
      case CONST -> Literals.of(n);
      case PARAM -> Expr.primary("$L", paramName.apply(n.param()));
      case TANGENT_PARAM -> Expr.primary("$L", tangentName.apply(n.param()));
      case FIELD -> Expr.primary("$T.$L", n.field().owner(), n.field().name());
      case ADD -> binary(n, "+", Expr.ADDITIVE);
      case SUB -> binary(n, "-", Expr.ADDITIVE);
      case MUL -> binary(n, "*", Expr.MULTIPLICATIVE);
      case DIV -> binary(n, "/", Expr.MULTIPLICATIVE);
      case REM -> binary(n, "%", Expr.MULTIPLICATIVE);
      case LT -> binary(n, "<", Expr.RELATIONAL);
      case LE -> binary(n, "<=", Expr.RELATIONAL);
      case GT -> binary(n, ">", Expr.RELATIONAL);
      case GE -> binary(n, ">=", Expr.RELATIONAL);
      case EQ -> binary(n, "==", Expr.EQUALITY);
      case NE -> binary(n, "!=", Expr.EQUALITY);
      case NEG -> new Expr(CodeBlock.of("-$L", render(n.arg(0)).atLeast(Expr.PRIMARY)), Expr.UNARY);
      case NOT -> new Expr(CodeBlock.of("!$L", render(n.arg(0)).atLeast(Expr.PRIMARY)), Expr.UNARY);
      case CAST -> new Expr(CodeBlock.of("($T) $L", n.type.javaType, render(n.arg(0)).atLeast(Expr.PRIMARY)), Expr.UNARY);
      case CHOOSE -> ternary(render(n.arg(0)), render(n.arg(1)), render(n.arg(2)));
      case MATH -> {
        MathFunction.Call call = n.mathCall();
        yield Expr.primary("$T.$L($L)", call.strict() ? STRICT_MATH : MATH, call.function().javaName(), arguments(n.args));
      }
      case ARRAY_READ -> Expr.primary("$L[$L]", render(n.arg(0)).atLeast(Expr.PRIMARY), render(n.arg(1)).code());
      case ARRAY_LENGTH -> Expr.primary("$L.length", render(n.arg(0)).atLeast(Expr.PRIMARY));
      case CALL_CONST -> Expr.primary("$T.$L($L)", n.method().owner(), n.method().name(), arguments(n.args));
      // a vector-valued callee, called for its value in reverse mode's forward sweep
      case CALL -> Expr.primary("$T.$L($L)", n.callee().vectorOwner(), n.callee().method(), arguments(n.args));
      case CALL_REVERSE -> Expr.primary("$T.$L($L)", n.callee().gradClass(), n.callee().method(), arguments(n.args));
      case CALL_TANGENT -> Expr.primary("$T.$L($L)", n.callee().gradClass(), n.callee().tangentMethod(), arguments(n.args));
      case GET -> Expr.primary("$L.$L()", render(n.arg(0)).atLeast(Expr.PRIMARY), n.accessor());
      case ZEROS_LIKE -> borrowed.contains(n)
          ? Expr.primary("$L.zeros($L.length)", scratch, render(n.arg(0)).atLeast(Expr.PRIMARY))
          : n.type == Type.DOUBLE_ARRAY
          ? Expr.primary("new double[$L.length]", render(n.arg(0)).atLeast(Expr.PRIMARY))
          : Expr.primary("$T.zerosLike($L)", ADJOINTS, render(n.arg(0)).code());
      case PROJ -> selectExpression(n);
      case AND -> binary(n, "&", Expr.BIT_AND);
      case SAVED_READ, SAVED_COPY, SAVED_MATH -> render(n.arg(0));
      case NEW_ARRAY -> {
        if (borrowed.contains(n)) yield Expr.primary("$L.zeros($L)", scratch, render(n.arg(0)).code());
        CodeBlock.Builder dims = CodeBlock.builder();
        for (Node d : n.args) dims.add("[$L]", render(d).code());
        TypeName element = n.type == Type.INT_ARRAY ? TypeName.INT : TypeName.DOUBLE;
        yield Expr.primary("new $T$L", element, dims.build());
      }
      case COPY -> n.type == Type.DOUBLE_MATRIX
          ? Expr.primary("$T.copy($L)", ADJOINTS, render(n.arg(0)).code())
          : Expr.primary("$L.clone()", render(n.arg(0)).atLeast(Expr.PRIMARY));
      case OR -> binary(n, "|", Expr.BIT_OR);
      case SELECT, LOOP, LOOP_PARAM, STACK, PUSH, POP, ACCUMULATE, ACCUMULATE_SCALED, ARRAY_STORE, ERROR ->
          throw new IllegalStateException("not an expression: " + n);
    };
  }

  private Expr binary(Node n, String operator, int precedence) {
    // left-associative: an operand of equal precedence needs parentheses only on the right
    CodeBlock l = render(n.arg(0)).atLeast(precedence);
    CodeBlock r = render(n.arg(1)).atLeast(precedence + 1);
    return new Expr(CodeBlock.of("$L $L $L", l, operator, r), precedence);
  }

  private Expr ternary(Expr c, Expr a, Expr b) {
    return new Expr(CodeBlock.of("$L ? $L : $L", c.atLeast(Expr.OR), a.atLeast(Expr.OR), b.atLeast(Expr.OR)), Expr.TERNARY);
  }

  private Expr selectExpression(Node output) {
    Node select = output.arg(0);
    int k = output.index();
    Expr c = render(select.arg(0));
    Node r0 = select.branches.get(0).results.get(k), r1 = select.branches.get(1).results.get(k);
    if (r0.type == Type.BOOLEAN && r1.isConst() && Boolean.FALSE.equals(r1.constValue())) {
      return new Expr(CodeBlock.of("$L && $L", c.atLeast(Expr.AND), render(r0).atLeast(Expr.AND + 1)), Expr.AND);
    }
    if (r0.type == Type.BOOLEAN && r0.isConst() && Boolean.TRUE.equals(r0.constValue())) {
      return new Expr(CodeBlock.of("$L || $L", c.atLeast(Expr.OR), render(r1).atLeast(Expr.OR + 1)), Expr.OR);
    }
    return ternary(c, render(r0), render(r1));
  }

  private CodeBlock arguments(List<Node> args) {
    List<CodeBlock> parts = new ArrayList<>();
    for (Node a : args) parts.add(render(a).code());
    return CodeBlock.join(parts, ", ");
  }
}
