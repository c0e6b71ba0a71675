package dev.adjoint.processor.frontend;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Activity;
import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphBuilder;
import dev.adjoint.processor.graph.MathFunction;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * The front end: turns the body of a {@code @Differentiable} method into its computational
 * graph, typing every expression itself (javac has not attributed the body yet), and reports
 * every construct outside the supported subset on that construct. Local variables are SSA
 * names: assigning one just rebinds it to another node.
 */
public final class BodyTranslator {
  private final Reporter reporter;
  private final Elements elements;
  private final CompilationUnitTree unit;
  private final Resolver resolver;
  private final Signature signature;
  private final ClassName gradClass;
  private final GraphBuilder b = new GraphBuilder(new Graph());
  private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
  private final Deque<LoopContext> loops = new ArrayDeque<>();
  /** Checks that need the activity of the finished graph, such as what flows into a call. */
  private final List<java.util.function.Consumer<Activity>> afterwards = new ArrayList<>();
  private final int errorsBefore;
  /** Whether the method has returned, and with what: SSA values like any local. */
  private Local returned;
  private Local returnValue;

  /** A local variable or parameter: its declared type and the node it currently holds. */
  private static final class Local {
    final Type type;
    final String name;
    Node value;

    Local(Type type, Node value) {
      this(null, type, value);
    }

    Local(String name, Type type, Node value) {
      this.name = name;
      this.type = type;
      this.value = value;
    }
  }

  /** A loop being translated: its label, and whether this iteration broke out or continued. */
  private static final class LoopContext {
    final String label;
    final Local broken = new Local("broken", Type.BOOLEAN, null);
    final Local continued = new Local("continued", Type.BOOLEAN, null);

    LoopContext(String label) {
      this.label = label;
    }
  }

  public BodyTranslator(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
    this.reporter = reporter;
    this.elements = elements;
    this.unit = unit;
    TypeElement owner = (TypeElement) signature.method().getEnclosingElement();
    this.resolver = new Resolver(elements, unit, owner);
    this.signature = signature;
    this.gradClass = Signature.gradClass(owner);
    this.errorsBefore = reporter.errorCount();
  }

  /** The primal graph (root result: the returned value), or empty if anything was reported. */
  public Optional<Graph> translate(MethodTree method) {
    Map<String, Local> params = new HashMap<>();
    Set<String> writtenArrays = Assigned.in(method.getBody()).elementBases;
    for (Refs.Param p : signature.params()) {
      Node value = p.type() == null ? null : b.param(p);
      if (value != null && p.type().isArray() && writtenArrays.contains(p.name())) {
        // the method writes into this parameter: derivative methods work on a copy (API.md, point 3)
        value = b.copy(value);
        value.nameAfter(p.name() + "Copy");
      }
      params.put(p.name(), new Local(p.name(), p.type(), value));
    }
    scopes.push(params);
    returned = new Local(Type.BOOLEAN, b.constant(Type.BOOLEAN, false));
    returnValue = new Local(Type.DOUBLE, b.constant(0));
    block(method.getBody());
    Activity activity = Activity.of(b.graph(), signature.differentiated().keySet());
    afterwards.forEach(check -> check.accept(activity));
    // javac rejects a body that can end without returning, so every path has returned here
    if (reporter.errorCount() > errorsBefore || !hasReturned()) return Optional.empty();
    b.graph().root.results.add(returnValue.value);
    return Optional.of(b.graph());
  }

  // ---- statements

  private void block(BlockTree block) {
    scopes.push(new HashMap<>());
    statements(block.getStatements(), 0);
    scopes.pop();
  }

  /**
   * Translates {@code list} from {@code from} on. Once some path may have completed abruptly
   * (returned, or left or skipped a loop iteration), the rest runs only on the paths that have
   * not: it goes into a branch on that flag, and on the other branch the flag is known true.
   */
  private void statements(List<? extends StatementTree> list, int from) {
    for (int i = from; i < list.size(); i++) {
      for (Local flag : abruptFlags()) {
        if (isTrue(flag.value)) return; // javac reports what is unreachable
        if (!isFalse(flag.value)) {
          final int rest = i;
          branches(flag.value, () -> flag.value = bool(true), () -> {
            flag.value = bool(false);
            statements(list, rest);
          });
          return;
        }
      }
      statement(list.get(i));
    }
  }

  /** Flags that end the current statement list early: return, and break or continue of each enclosing loop. */
  private List<Local> abruptFlags() {
    List<Local> flags = new ArrayList<>();
    flags.add(returned);
    for (LoopContext l : loops) {
      flags.add(l.broken);
      flags.add(l.continued);
    }
    return flags;
  }

  private Node bool(boolean v) {
    return b.constant(Type.BOOLEAN, v);
  }

  private static boolean isTrue(Node n) {
    return n.isConst() && Boolean.TRUE.equals(n.attr);
  }

  private static boolean isFalse(Node n) {
    return n.isConst() && Boolean.FALSE.equals(n.attr);
  }

  private boolean hasReturned() {
    return isTrue(returned.value);
  }

  private void ifStatement(IfTree t) {
    Node c = bool(expr(t.getCondition()), t.getCondition());
    StatementTree otherwise = t.getElseStatement();
    branches(c, () -> scoped(t.getThenStatement()), () -> {
      if (otherwise != null) scoped(otherwise);
    });
  }

  // ---- loops

  /** {@code break} or {@code continue}: sets the flag of the loop it leaves or continues. */
  private void jump(StatementTree s, javax.lang.model.element.Name label, boolean isBreak) {
    LoopContext target = null;
    for (LoopContext l : loops) {
      if (label == null || label.contentEquals(String.valueOf(l.label))) {
        target = l;
        break;
      }
    }
    if (target == null) {
      unsupported(s, "a jump out of no loop", "break and continue must be inside a loop");
      return;
    }
    (isBreak ? target.broken : target.continued).value = bool(true);
  }

  /**
   * Every loop becomes a LOOP whose step runs one iteration: for {@code while} and {@code for},
   * test the condition and, if it holds, run the body and the update; for {@code do}, run the
   * body and test the condition. The loop carries every variable the loop assigns, and its
   * step's first result says whether another iteration follows.
   */
  private void loopStatement(StatementTree s, String label) {
    scopes.push(new HashMap<>()); // a for loop's own variables
    if (s instanceof ForLoopTree f) {
      for (StatementTree init : f.getInitializer()) statement(init);
      List<StatementTree> update = new ArrayList<>(f.getUpdate());
      loop(s, label, f.getCondition(), f.getStatement(), update, List.of(), true, null);
    } else if (s instanceof WhileLoopTree w) {
      loop(s, label, w.getCondition(), w.getStatement(), List.of(), List.of(), true, null);
    } else if (s instanceof DoWhileLoopTree d) {
      loop(s, label, d.getCondition(), d.getStatement(), List.of(), List.of(), false, null);
    } else if (s instanceof EnhancedForLoopTree e) {
      forEach(s, label, e);
    }
    scopes.pop();
  }

  /** {@code for (T v : array)} is a counted loop over a hidden index, evaluating the array once. */
  private void forEach(StatementTree s, String label, EnhancedForLoopTree e) {
    Node array = expr(e.getExpression());
    if (array.op == Op.ERROR) return;
    if (!array.type.isArray()) {
      fail(e.getExpression(), "a for-each over a " + array.type.javaType, "iterate over a double[], double[][] or int[]");
      return;
    }
    String element = e.getVariable().getName().toString();
    Local index = new Local(element + "Index", Type.INT, b.constant(Type.INT, 0));
    scopes.peek().put("#" + element + "Index", index); // hidden from the user's code, visible to branches
    loop(s, label, null, e.getStatement(), List.of(), List.of(index), true, () -> {
      Node item = b.arrayRead(array, index.value);
      Tree typeTree = e.getVariable().getType();
      Type declared = typeTree == null ? null : typeOf(typeTree);
      if (declared == null) declared = item.type;
      Node v = convert(item, declared, e.getVariable());
      v.nameAfter(element);
      scopes.peek().put(element, new Local(element, declared, v));
    }, array, index);
  }

  private void loop(StatementTree tree, String label, ExpressionTree condition, StatementTree body,
      List<StatementTree> update, List<Local> extra, boolean testFirst, Runnable prologue) {
    loop(tree, label, condition, body, update, extra, testFirst, prologue, null, null);
  }

  private void loop(StatementTree tree, String label, ExpressionTree condition, StatementTree body,
      List<StatementTree> update, List<Local> extra, boolean testFirst, Runnable prologue, Node forEachArray, Local forEachIndex) {
    Assigned assigned = Assigned.in(tree);
    List<Local> carried = new ArrayList<>(extra);
    for (Local l : visibleLocals()) {
      boolean assignedHere = l == returned || l == returnValue ? assigned.returns
          : l.name != null && assigned.names.contains(l.name) && isUserLocal(l);
      for (LoopContext outer : loops) {
        if ((l == outer.broken || l == outer.continued) && assigned.labels.contains(String.valueOf(outer.label))) assignedHere = true;
      }
      if (assignedHere && l.type != null && !carried.contains(l)) carried.add(l);
    }
    for (Local l : carried) {
      if (l.type.isArray()) {
        unsupported(tree, "a loop that assigns the array variable " + l.name, "assign array variables outside loops");
        return;
      }
    }
    List<Node> init = new ArrayList<>();
    for (Local l : carried) init.add(l.value == null ? b.zero(l.type) : l.value);
    Node loop = b.loop(init);
    LoopContext context = new LoopContext(label);
    Map<Local, Node> params = new IdentityHashMap<>();
    for (int k = 0; k < carried.size(); k++) {
      Local l = carried.get(k);
      Node p = b.loopParam(loop, k, l.type);
      if (l.name != null) p.nameAfter(l.name);
      params.put(l, p);
    }
    Region step = loop.branches.get(0);
    Local more = new Local("more", Type.BOOLEAN, bool(false));
    loops.push(context);
    b.in(step, () -> {
      for (Local l : carried) l.value = params.get(l);
      context.broken.value = bool(false);
      context.continued.value = bool(false);
      Runnable iteration = () -> {
        if (prologue != null) {
          scopes.push(new HashMap<>());
          prologue.run();
          statement(body);
          scopes.pop();
        } else {
          scoped(body);
        }
        context.continued.value = bool(false); // continue skips the rest of the body, not the update
        statements(update, 0);
        if (forEachIndex != null) forEachIndex.value = b.add(forEachIndex.value, b.constant(Type.INT, 1));
      };
      if (testFirst) {
        Node c = condition == null ? (forEachArray == null ? bool(true)
            : b.compare(Op.LT, forEachIndex.value, b.arrayLength(forEachArray))) : bool(expr(condition), condition);
        branches(c, () -> {
          iteration.run();
          more.value = continuing(context, null);
        }, () -> more.value = bool(false), more);
      } else {
        iteration.run();
        Node c = bool(expr(condition), condition);
        more.value = continuing(context, c);
      }
      step.results.add(more.value);
      for (Local l : carried) step.results.add(l.value);
    });
    loops.pop();
    for (int k = 0; k < carried.size(); k++) {
      Local l = carried.get(k);
      l.value = b.project(loop, k, l.type);
      if (l.name != null) l.value.nameAfter(l.name);
    }
  }

  /** Whether another iteration follows: the condition holds and nothing left this loop or an outer one. */
  private Node continuing(LoopContext context, Node condition) {
    Node more = condition == null ? bool(true) : condition;
    more = b.and(more, b.not(returned.value));
    for (LoopContext l : loops) {
      more = b.and(more, b.not(l.broken.value));
      if (l != context) more = b.and(more, b.not(l.continued.value));
    }
    return more;
  }

  private boolean isUserLocal(Local l) {
    for (Map<String, Local> scope : scopes) if (scope.get(l.name) == l) return true;
    return false;
  }

  /** Every variable a branch or a loop may change: locals, the return flags, the loops' flags. */
  private List<Local> visibleLocals() {
    List<Local> visible = new ArrayList<>();
    for (Map<String, Local> scope : scopes) visible.addAll(scope.values());
    visible.add(returned);
    visible.add(returnValue);
    for (LoopContext l : loops) visible.addAll(List.of(l.broken, l.continued));
    return visible;
  }

  /** A statement in a scope of its own, as the branch of an if is. */
  private void scoped(StatementTree s) {
    scopes.push(new HashMap<>());
    statement(s);
    scopes.pop();
  }

  /**
   * Runs {@code then} and {@code otherwise} in the two branches of a SELECT on {@code c}, each
   * starting from the current values of the variables; afterwards every variable that either
   * branch changed holds the SELECT's output for it (the SSA φ of the two branches).
   */
  private void branches(Node c, Runnable then, Runnable otherwise, Local... extra) {
    if (c.isConst()) {
      ((Boolean) c.attr ? then : otherwise).run();
      return;
    }
    List<Local> visible = visibleLocals();
    visible.addAll(List.of(extra));
    Map<Local, Node> before = new IdentityHashMap<>();
    for (Local l : visible) before.put(l, l.value);
    Node select = b.select(c);
    List<Map<Local, Node>> after = new ArrayList<>();
    Runnable[] bodies = {then, otherwise};
    for (int j = 0; j < 2; j++) {
      Runnable body = bodies[j];
      b.in(select.branches.get(j), body);
      Map<Local, Node> values = new IdentityHashMap<>();
      for (Local l : visible) {
        values.put(l, l.value);
        l.value = before.get(l);
      }
      after.add(values);
    }
    int outputs = 0;
    for (Local l : visible) {
      Node v0 = after.get(0).get(l), v1 = after.get(1).get(l);
      if (v0 == v1) {
        l.value = v0;
        continue;
      }
      for (int j = 0; j < 2; j++) {
        Node v = after.get(j).get(l);
        select.branches.get(j).results.add(v == null ? b.zero(l.type) : v);
      }
      l.value = b.project(select, outputs++, l.type);
      if (l.name != null) l.value.nameAfter(l.name);
    }
  }

  private void statement(StatementTree s) {
    switch (s.getKind()) {
      case BLOCK -> block((BlockTree) s);
      case EMPTY_STATEMENT -> { }
      case VARIABLE -> declare((VariableTree) s);
      case RETURN -> {
        ExpressionTree e = ((ReturnTree) s).getExpression();
        if (e != null) returnValue.value = convert(expr(e), Type.DOUBLE, e);
        returned.value = b.constant(Type.BOOLEAN, true);
      }
      case EXPRESSION_STATEMENT -> expressionStatement(((ExpressionStatementTree) s).getExpression());
      case IF -> ifStatement((IfTree) s);
      case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP -> loopStatement(s, null);
      case LABELED_STATEMENT -> {
        LabeledStatementTree l = (LabeledStatementTree) s;
        StatementTree inner = l.getStatement();
        boolean isLoop = inner instanceof ForLoopTree || inner instanceof EnhancedForLoopTree
            || inner instanceof WhileLoopTree || inner instanceof DoWhileLoopTree;
        if (isLoop) loopStatement(inner, l.getLabel().toString());
        else unsupported(s, "a label on a statement that is not a loop", "label loops only");
      }
      case BREAK -> jump(s, ((BreakTree) s).getLabel(), true);
      case CONTINUE -> jump(s, ((ContinueTree) s).getLabel(), false);
      case SWITCH -> unsupported(s, "a switch statement", "use the conditional operator (condition ? a : b)");
      case TRY -> unsupported(s, "a try statement", "differentiated code cannot catch exceptions: remove it");
      case THROW -> unsupported(s, "a throw statement", "validate arguments before calling the method");
      case CLASS, INTERFACE, ENUM, RECORD -> unsupported(s, "a local class", "declare it outside the method");
      case SYNCHRONIZED -> unsupported(s, "a synchronized block", "remove it: differentiated code has no shared state");
      case ASSERT -> unsupported(s, "an assert statement", "check the condition before calling the method");
      default -> unsupported(s, "this statement (" + s.getKind() + ")", "rewrite it with local variables and expressions");
    }
  }

  private void unsupported(Tree t, String what, String instead) {
    reporter.error(t, unit, Message.STATEMENT, what, instead);
  }

  private void declare(VariableTree v) {
    String name = v.getName().toString();
    Tree typeTree = v.getType();
    ExpressionTree init = v.getInitializer();
    Node value;
    if (init instanceof NewArrayTree array && array.getType() == null) {
      value = newArray(array, typeTree == null ? null : typeOf(typeTree)); // double[] a = {1, x};
    } else {
      value = init == null ? null : expr(init);
    }
    Type type;
    boolean inferred = typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
    if (inferred) {
      type = value == null ? Type.DOUBLE : value.type;
    } else {
      type = typeOf(typeTree);
      if (type == null) {
        reporter.error(typeTree, unit, Message.TYPE, typeTree);
        type = Type.DOUBLE;
      }
    }
    if (value != null) {
      value = convert(value, type, init);
      value.nameAfter(name);
    }
    scopes.peek().put(name, new Local(name, type, value));
  }

  private static Type typeOf(Tree t) {
    if (t instanceof PrimitiveTypeTree p) {
      return switch (p.getPrimitiveTypeKind()) {
        case DOUBLE -> Type.DOUBLE;
        case INT -> Type.INT;
        case LONG -> Type.LONG;
        case BOOLEAN -> Type.BOOLEAN;
        default -> null;
      };
    }
    if (t instanceof ArrayTypeTree a) {
      Type element = typeOf(a.getType());
      if (element == Type.DOUBLE) return Type.DOUBLE_ARRAY;
      if (element == Type.DOUBLE_ARRAY) return Type.DOUBLE_MATRIX;
      if (element == Type.INT) return Type.INT_ARRAY;
    }
    return null;
  }

  private void expressionStatement(ExpressionTree e) {
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        if (unparenthesize(a.getVariable()) instanceof ArrayAccessTree element) {
          elementAssign(element, null, expr(a.getExpression()), a.getExpression());
        } else {
          assign(a.getVariable(), expr(a.getExpression()), a.getExpression());
        }
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT -> {
        CompoundAssignmentTree c = (CompoundAssignmentTree) e;
        if (unparenthesize(c.getVariable()) instanceof ArrayAccessTree element) {
          elementAssign(element, compoundOp(e.getKind()), expr(c.getExpression()), c);
          return;
        }
        Local target = assignable(c.getVariable());
        if (target == null) return;
        Op op = switch (e.getKind()) {
          case PLUS_ASSIGNMENT -> Op.ADD;
          case MINUS_ASSIGNMENT -> Op.SUB;
          case MULTIPLY_ASSIGNMENT -> Op.MUL;
          case DIVIDE_ASSIGNMENT -> Op.DIV;
          default -> Op.REM;
        };
        // x op= e means x = (T) (x op e)
        Node v = arithmetic(op, read(c.getVariable(), target), expr(c.getExpression()), c);
        store(c.getVariable(), target, b.cast(v, target.type));
      }
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
        UnaryTree u = (UnaryTree) e;
        boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        if (unparenthesize(u.getExpression()) instanceof ArrayAccessTree element) {
          elementAssign(element, up ? Op.ADD : Op.SUB, b.constant(Type.INT, 1), u);
          return;
        }
        Local target = assignable(u.getExpression());
        if (target == null) return;
        Node one = b.constant(Type.INT, 1);
        Node v = arithmetic(up ? Op.ADD : Op.SUB, read(u.getExpression(), target), one, u);
        store(u.getExpression(), target, b.cast(v, target.type));
      }
      case METHOD_INVOCATION -> reporter.error(e, unit, Message.EXPRESSION, "a call whose result is not used",
          "a @Differentiable method has no side effects to differentiate: remove the call or use its result");
      default -> reporter.error(e, unit, Message.EXPRESSION, "this expression statement", "assign its value to a local variable");
    }
  }

  private static Op compoundOp(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> Op.ADD;
      case MINUS_ASSIGNMENT -> Op.SUB;
      case MULTIPLY_ASSIGNMENT -> Op.MUL;
      case DIVIDE_ASSIGNMENT -> Op.DIV;
      default -> Op.REM;
    };
  }

  /**
   * {@code a[i] = v}, {@code a[i] op= v} (with op) and {@code a[i]++}: a store into an array the
   * method owns: one it created, or a parameter, which the generated code copies first.
   */
  private void elementAssign(ArrayAccessTree target, Op op, Node operand, Tree at) {
    Node array = expr(target.getExpression());
    Node index = expr(target.getIndex());
    if (array.op == Op.ERROR || index.op == Op.ERROR || operand.op == Op.ERROR) return;
    if (!array.type.isArray()) {
      fail(target.getExpression(), "indexing a " + array.type.javaType, "index an array");
      return;
    }
    if (index.type != Type.INT) {
      fail(target.getIndex(), "an index of type " + index.type.javaType, "indices are int");
      return;
    }
    Type element = array.type.element();
    if (element.isArray()) {
      unsupported(target, "assigning a whole row of a matrix", "assign its elements, m[i][j] = ...");
      return;
    }
    if (!ArrayValues.isMutable(array)) {
      reporter.error(target, unit, Message.ARRAY_WRITE, ArrayValues.base(array).attr == null ? target.getExpression() : ArrayValues.base(array).attr);
      return;
    }
    Node value = op == null ? convert(operand, element, at) : b.cast(arithmetic(op, b.arrayRead(array, index), operand, at), element);
    if (value.op != Op.ERROR) b.arrayStore(array, index, value);
  }

  /** {@code new double[n]}, {@code new double[n][m]}, {@code new int[n]}, and initialisers of double[] and int[]. */
  private Node newArray(NewArrayTree t, Type declared) {
    if (t.getInitializers() != null) {
      Type type = t.getType() == null ? declared : arrayOf(typeOf(t.getType()));
      if (type != Type.DOUBLE_ARRAY && type != Type.INT_ARRAY) {
        return fail(t, "an initialiser for " + (type == null ? "this array" : type.javaType),
            "initialise double[] or int[] only; build a double[][] with new double[n][m] and element assignments");
      }
      List<? extends ExpressionTree> items = t.getInitializers();
      Node array = b.newArray(type, List.of(b.constant(Type.INT, items.size())));
      for (int k = 0; k < items.size(); k++) {
        Node v = convert(expr(items.get(k)), type.element(), items.get(k));
        if (v.op != Op.ERROR) b.arrayStore(array, b.constant(Type.INT, k), v);
      }
      return array;
    }
    Type element = typeOf(t.getType());
    List<? extends ExpressionTree> dims = t.getDimensions();
    Type type = element == Type.DOUBLE && dims.size() == 1 ? Type.DOUBLE_ARRAY
        : element == Type.DOUBLE && dims.size() == 2 ? Type.DOUBLE_MATRIX
        : element == Type.INT && dims.size() == 1 ? Type.INT_ARRAY : null;
    if (type == null) {
      return fail(t, "creating this array", "create double[n], double[n][m] or int[n], with every dimension given");
    }
    List<Node> sizes = new ArrayList<>();
    for (ExpressionTree d : dims) {
      Node n = expr(d);
      if (n.op == Op.ERROR) return b.error(type);
      if (n.type != Type.INT) return fail(d, "a dimension of type " + n.type.javaType, "dimensions are int");
      sizes.add(n);
    }
    return b.newArray(type, sizes);
  }

  private static Type arrayOf(Type element) {
    if (element == Type.DOUBLE) return Type.DOUBLE_ARRAY;
    if (element == Type.INT) return Type.INT_ARRAY;
    if (element == Type.DOUBLE_ARRAY) return Type.DOUBLE_MATRIX;
    return null;
  }

  private void assign(ExpressionTree target, Node value, Tree valueTree) {
    Local local = assignable(target);
    if (local != null) store(target, local, convert(value, local.type, valueTree));
  }

  private void store(ExpressionTree target, Local local, Node value) {
    local.value = value;
    value.nameAfter(((IdentifierTree) target).getName().toString());
  }

  private Node read(ExpressionTree target, Local local) {
    if (local.value == null) {
      reporter.error(target, unit, Message.UNASSIGNED, target);
      return b.error(local.type);
    }
    return local.value;
  }

  /** The local an assignment writes, or null after reporting why it cannot be written. */
  private Local assignable(ExpressionTree target) {
    ExpressionTree t = unparenthesize(target);
    if (t instanceof IdentifierTree id) {
      Local l = lookup(id.getName().toString());
      if (l != null && l.type != null) return l;
      if (l == null && resolver.field(id.getName().toString()) != null) {
        reporter.error(target, unit, Message.FIELD_WRITE, id.getName());
      } else if (l != null) {
        reporter.error(target, unit, Message.TYPE, signatureType(id.getName().toString()));
      } else {
        reporter.error(target, unit, Message.UNKNOWN_NAME, id.getName());
      }
      return null;
    }
    if (t instanceof ArrayAccessTree a) {
      reporter.error(target, unit, Message.ARRAY_WRITE, a.getExpression());
    } else if (t instanceof MemberSelectTree s) {
      reporter.error(target, unit, Message.FIELD_WRITE, s);
    } else {
      reporter.error(target, unit, Message.EXPRESSION, "this assignment target", "assign to a local variable");
    }
    return null;
  }

  private Local lookup(String name) {
    for (Map<String, Local> scope : scopes) {
      Local l = scope.get(name);
      if (l != null) return l;
    }
    return null;
  }

  private String signatureType(String param) {
    for (var p : signature.method().getParameters()) {
      if (p.getSimpleName().contentEquals(param)) return p.asType().toString();
    }
    return param;
  }

  // ---- expressions

  private Node expr(ExpressionTree e) {
    return switch (e.getKind()) {
      case PARENTHESIZED -> expr(((ParenthesizedTree) e).getExpression());
      case INT_LITERAL, LONG_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL -> literal((LiteralTree) e);
      case IDENTIFIER -> identifier((IdentifierTree) e);
      case MEMBER_SELECT -> memberSelect((MemberSelectTree) e);
      case ARRAY_ACCESS -> arrayAccess((ArrayAccessTree) e);
      case METHOD_INVOCATION -> invocation((MethodInvocationTree) e);
      case TYPE_CAST -> typeCast((TypeCastTree) e);
      case CONDITIONAL_EXPRESSION -> conditional((ConditionalExpressionTree) e);
      case UNARY_MINUS -> negate(expr(((UnaryTree) e).getExpression()), e);
      case UNARY_PLUS -> numeric(expr(((UnaryTree) e).getExpression()), e);
      case LOGICAL_COMPLEMENT -> b.not(bool(expr(((UnaryTree) e).getExpression()), e));
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
        BinaryTree t = (BinaryTree) e;
        yield arithmetic(arithmeticOp(e.getKind()), expr(t.getLeftOperand()), expr(t.getRightOperand()), t);
      }
      case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO -> comparison((BinaryTree) e);
      case CONDITIONAL_AND, CONDITIONAL_OR -> shortCircuit((BinaryTree) e);
      case FLOAT_LITERAL -> fail(e, "a float literal", "write it as a double literal (drop the f)");
      case STRING_LITERAL -> fail(e, "a string", "Adjoint differentiates numeric code only: keep strings out of the method");
      case CHAR_LITERAL -> fail(e, "a char literal", "use an int");
      case NULL_LITERAL -> fail(e, "null", "pass an actual array");
      case NEW_CLASS -> fail(e, "object allocation (new ...)", "compute with doubles and arrays passed in as parameters");
      case NEW_ARRAY -> newArray((NewArrayTree) e, null);
      case LAMBDA_EXPRESSION -> fail(e, "a lambda", "call a static method instead");
      case MEMBER_REFERENCE -> fail(e, "a method reference", "call a static method instead");
      case ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT, REMAINDER_ASSIGNMENT ->
          fail(e, "an assignment inside an expression", "assign in a statement of its own");
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT ->
          fail(e, "++ or -- inside an expression", "increment in a statement of its own");
      case INSTANCE_OF -> fail(e, "instanceof", "the differentiated subset has no objects");
      default -> fail(e, "this expression (" + e.getKind().name().toLowerCase().replace('_', ' ') + ")",
          "rewrite it with arithmetic, comparisons, Math functions and calls");
    };
  }

  private Node fail(Tree t, String what, String instead) {
    reporter.error(t, unit, Message.EXPRESSION, what, instead);
    return b.error(Type.DOUBLE);
  }

  private Node literal(LiteralTree t) {
    return switch (t.getKind()) {
      case INT_LITERAL -> b.constant(Type.INT, t.getValue());
      case LONG_LITERAL -> b.constant(Type.LONG, t.getValue());
      case DOUBLE_LITERAL -> b.constant(Type.DOUBLE, t.getValue());
      default -> b.constant(Type.BOOLEAN, t.getValue());
    };
  }

  private Node identifier(IdentifierTree id) {
    String name = id.getName().toString();
    Local local = lookup(name);
    if (local != null) {
      if (local.type == null) {
        reporter.error(id, unit, Message.TYPE, signatureType(name));
        return b.error(Type.DOUBLE);
      }
      return read(id, local);
    }
    if (name.equals("this") || name.equals("super")) {
      return fail(id, "instance state (" + name + ")", "pass what the method reads as parameters");
    }
    VariableElement field = resolver.field(name);
    if (field == null) {
      reporter.error(id, unit, Message.UNKNOWN_NAME, name);
      return b.error(Type.DOUBLE);
    }
    return fieldRead(field, id);
  }

  private Node fieldRead(VariableElement field, Tree at) {
    Type type = Types2.of(field.asType());
    if (type == null) {
      reporter.error(at, unit, Message.TYPE, field.asType());
      return b.error(Type.DOUBLE);
    }
    if (!field.getModifiers().contains(Modifier.STATIC)) {
      return fail(at, "instance field " + field.getSimpleName(), "pass its value as a parameter");
    }
    Object constant = field.getConstantValue();
    if (constant != null && !type.isArray()) return b.constant(type, constant);
    if (!resolver.accessible(field, gradClass.packageName())) {
      reporter.error(at, unit, Message.PRIVATE, "field " + field.getSimpleName(), gradClass.simpleName());
      return b.error(type);
    }
    return b.field(new Refs.Field(ClassName.get((TypeElement) field.getEnclosingElement()), field.getSimpleName().toString()), type);
  }

  private Node memberSelect(MemberSelectTree s) {
    String member = s.getIdentifier().toString();
    ExpressionTree q = s.getExpression();
    boolean local = q instanceof IdentifierTree id && lookup(id.getName().toString()) != null;
    TypeElement owner = local || !(q instanceof IdentifierTree || q instanceof MemberSelectTree) ? null : resolver.type(q);
    if (owner == null) {
      Node value = expr(q); // x.length on a parameter, a local, an element or a static field
      if (value.op == Op.ERROR) return value;
      if (member.equals("length") && value.type.isArray()) return b.arrayLength(value);
      return fail(s, "member " + member + " of a " + value.type.javaType, "only .length of arrays is supported");
    }
    VariableElement field = resolver.field(owner, member);
    if (field == null) {
      reporter.error(s, unit, Message.UNKNOWN_NAME, s);
      return b.error(Type.DOUBLE);
    }
    return fieldRead(field, s);
  }

  private Node arrayAccess(ArrayAccessTree a) {
    Node array = expr(a.getExpression());
    Node index = expr(a.getIndex());
    if (array.op == Op.ERROR || index.op == Op.ERROR) return b.error(Type.DOUBLE);
    if (!array.type.isArray()) return fail(a.getExpression(), "indexing a " + array.type.javaType, "index an array");
    if (index.type != Type.INT) return fail(a.getIndex(), "an index of type " + index.type.javaType, "indices are int");
    return b.arrayRead(array, index);
  }

  private Node typeCast(TypeCastTree c) {
    Node v = expr(c.getExpression());
    Type to = typeOf(c.getType());
    if (to == null || !to.isNumeric()) {
      reporter.error(c.getType(), unit, Message.TYPE, c.getType());
      return b.error(Type.DOUBLE);
    }
    if (v.op == Op.ERROR) return b.error(to);
    if (!v.type.isNumeric()) return fail(c, "a cast from " + v.type.javaType, "cast numbers only");
    return b.cast(v, to);
  }

  private Node conditional(ConditionalExpressionTree t) {
    Node c = bool(expr(t.getCondition()), t.getCondition());
    Node select = b.select(c);
    Node[] r = new Node[2];
    b.in(select.branches.get(0), () -> r[0] = expr(t.getTrueExpression()));
    b.in(select.branches.get(1), () -> r[1] = expr(t.getFalseExpression()));
    Type type = r[0].type == r[1].type ? r[0].type
        : r[0].type.isNumeric() && r[1].type.isNumeric() ? Type.promote(r[0].type, r[1].type) : null;
    if (type == null) return fail(t, "a conditional mixing " + r[0].type.javaType + " and " + r[1].type.javaType, "give both branches one type");
    for (int j = 0; j < 2; j++) {
      final int k = j;
      b.in(select.branches.get(j), () -> select.branches.get(k).results.add(b.cast(r[k], type)));
    }
    return b.project(select, 0, type);
  }

  /** {@code a && b} evaluates b only when a holds, so b lives in a branch like {@code a ? b : false}. */
  private Node shortCircuit(BinaryTree t) {
    boolean and = t.getKind() == Tree.Kind.CONDITIONAL_AND;
    Node left = bool(expr(t.getLeftOperand()), t.getLeftOperand());
    Node select = b.select(left);
    Node[] right = new Node[1];
    b.in(select.branches.get(and ? 0 : 1), () -> right[0] = bool(expr(t.getRightOperand()), t.getRightOperand()));
    select.branches.get(and ? 0 : 1).results.add(right[0]);
    select.branches.get(and ? 1 : 0).results.add(b.constant(Type.BOOLEAN, !and));
    return b.project(select, 0, Type.BOOLEAN);
  }

  private Node comparison(BinaryTree t) {
    Node l = expr(t.getLeftOperand()), r = expr(t.getRightOperand());
    if (l.op == Op.ERROR || r.op == Op.ERROR) return b.error(Type.BOOLEAN);
    Op op = switch (t.getKind()) {
      case LESS_THAN -> Op.LT;
      case LESS_THAN_EQUAL -> Op.LE;
      case GREATER_THAN -> Op.GT;
      case GREATER_THAN_EQUAL -> Op.GE;
      case EQUAL_TO -> Op.EQ;
      default -> Op.NE;
    };
    if (l.type == Type.BOOLEAN && r.type == Type.BOOLEAN && (op == Op.EQ || op == Op.NE)) return b.compare(op, l, r);
    if (!l.type.isNumeric() || !r.type.isNumeric()) {
      fail(t, "comparing " + l.type.javaType + " with " + r.type.javaType, "compare numbers");
      return b.error(Type.BOOLEAN);
    }
    Type common = Type.promote(l.type, r.type);
    return b.compare(op, b.cast(l, common), b.cast(r, common));
  }

  private Node arithmetic(Op op, Node l, Node r, Tree at) {
    if (l.op == Op.ERROR || r.op == Op.ERROR) return b.error(Type.DOUBLE);
    if (!l.type.isNumeric() || !r.type.isNumeric()) {
      return fail(at, "arithmetic on " + l.type.javaType + " and " + r.type.javaType, "use numbers");
    }
    Type common = Type.promote(l.type, r.type);
    Node a = b.cast(l, common), c = b.cast(r, common);
    return switch (op) {
      case ADD -> b.add(a, c);
      case SUB -> b.sub(a, c);
      case MUL -> b.mul(a, c);
      case DIV -> b.div(a, c);
      default -> b.rem(a, c);
    };
  }

  private static Op arithmeticOp(Tree.Kind k) {
    return switch (k) {
      case PLUS -> Op.ADD;
      case MINUS -> Op.SUB;
      case MULTIPLY -> Op.MUL;
      case DIVIDE -> Op.DIV;
      default -> Op.REM;
    };
  }

  private Node negate(Node v, Tree at) {
    Node n = numeric(v, at);
    return n.op == Op.ERROR ? n : b.neg(n);
  }

  private Node numeric(Node v, Tree at) {
    if (v.op == Op.ERROR || v.type.isNumeric()) return v;
    return fail(at, "a " + v.type.javaType + " where a number is expected", "use a number");
  }

  private Node bool(Node v, Tree at) {
    if (v.op == Op.ERROR) return b.error(Type.BOOLEAN);
    if (v.type == Type.BOOLEAN) return v;
    fail(at, "a " + v.type.javaType + " where a condition is expected", "compare it, e.g. x > 0");
    return b.error(Type.BOOLEAN);
  }

  /** Assignment conversion: widening as Java does; narrowing only where Java would reject the source anyway. */
  private Node convert(Node v, Type to, Tree at) {
    if (v.op == Op.ERROR) return b.error(to);
    if (v.type == to) return v;
    if (v.type.isNumeric() && to.isNumeric()) return b.cast(v, to);
    return fail(at, "a " + v.type.javaType + " where a " + to.javaType + " is expected", "convert it explicitly");
  }

  private static ExpressionTree unparenthesize(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) e = p.getExpression();
    return e;
  }

  // ---- calls

  private Node invocation(MethodInvocationTree call) {
    List<Node> args = new ArrayList<>();
    boolean broken = false;
    for (ExpressionTree a : call.getArguments()) {
      Node n = expr(a);
      broken |= n.op == Op.ERROR;
      args.add(n);
    }
    if (!call.getTypeArguments().isEmpty()) return fail(call, "explicit type arguments", "remove them");
    ExpressionTree select = call.getMethodSelect();
    List<ExecutableElement> candidates;
    String name;
    TypeElement qualifier = null;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      candidates = resolver.methods(name);
    } else if (select instanceof MemberSelectTree s) {
      name = s.getIdentifier().toString();
      ExpressionTree q = s.getExpression();
      if (name.equals("clone") && args.isEmpty() && (!(q instanceof IdentifierTree qi) || lookup(qi.getName().toString()) != null)) {
        Node array = expr(q);
        if (array.op != Op.ERROR && array.type.isArray()) return b.copy(array);
      }
      if (q instanceof IdentifierTree qid && lookup(qid.getName().toString()) != null || !(q instanceof IdentifierTree || q instanceof MemberSelectTree)) {
        reporter.error(call, unit, Message.INSTANCE_CALL, s);
        return b.error(Type.DOUBLE);
      }
      qualifier = resolver.type(q);
      if (qualifier == null) {
        reporter.error(q, unit, Message.UNKNOWN_NAME, q);
        return b.error(Type.DOUBLE);
      }
      candidates = resolver.methods(qualifier, name);
    } else {
      return fail(call, "this call", "call a static method by name");
    }
    if (broken) return b.error(Type.DOUBLE);
    List<Type> argTypes = args.stream().map(n -> n.type).toList();
    ExecutableElement m = Overloads.mostSpecific(candidates, argTypes);
    if (m == null) {
      reporter.error(call, unit, Message.UNRESOLVED_METHOD, name, String.join(", ", argTypes.stream().map(t -> t.javaType.toString()).toList()));
      return b.error(Type.DOUBLE);
    }
    String shown = ((TypeElement) m.getEnclosingElement()).getSimpleName() + "." + name;
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(call, unit, Message.INSTANCE_CALL, shown);
      return b.error(Type.DOUBLE);
    }
    List<Node> converted = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) converted.add(b.cast(args.get(i), Types2.of(m.getParameters().get(i).asType())));

    if (Signature.isDifferentiable(m)) return differentiableCall(call, m, converted, shown);
    String owner = ((TypeElement) m.getEnclosingElement()).getQualifiedName().toString();
    boolean math = owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath");
    boolean allDouble = m.getParameters().stream().allMatch(p -> p.asType().getKind() == TypeKind.DOUBLE);
    Optional<MathFunction> f = math && allDouble ? MathFunction.byJavaName(name, args.size()) : Optional.empty();
    if (f.isPresent()) {
      return b.math(new MathFunction.Call(f.get(), owner.equals("java.lang.StrictMath")), converted.toArray(new Node[0]));
    }
    Type result = Types2.of(m.getReturnType());
    if (result == null) {
      reporter.error(call, unit, Message.TYPE, m.getReturnType());
      return b.error(Type.DOUBLE);
    }
    if (!resolver.accessible(m, gradClass.packageName())) {
      reporter.error(call, unit, Message.PRIVATE, "method " + shown, gradClass.simpleName());
      return b.error(result);
    }
    Node node = b.callConst(new Refs.Method(ClassName.get((TypeElement) m.getEnclosingElement()), name), result, args);
    // whether an argument depends on the inputs is known once the whole body is a graph (loops!)
    afterwards.add(activity -> {
      if (args.stream().anyMatch(activity::isActive)) reporter.error(call, unit, math ? Message.NO_RULE : Message.OPAQUE_CALL, shown);
    });
    return node;
  }

  private Node differentiableCall(MethodInvocationTree call, ExecutableElement m, List<Node> args, String shown) {
    if (m.getReturnType().getKind() != TypeKind.DOUBLE) {
      reporter.error(call, unit, Message.TYPE, m.getReturnType());
      return b.error(Type.DOUBLE);
    }
    Optional<Refs.Callee> callee = Signature.callee(m, elements);
    if (callee.isEmpty()) {
      reporter.error(call, unit, Message.CALLEE_NAMES, shown);
      return b.error(Type.DOUBLE);
    }
    afterwards.add(activity -> {
      for (int i = 0; i < args.size(); i++) {
        Refs.CalleeParam p = callee.get().params().get(i);
        if (activity.isActive(args.get(i)) && !p.differentiated()) {
          reporter.error(call.getArguments().get(i), unit, Message.CALLEE_WRT, p.name(), shown, shown, p.name());
        }
      }
    });
    return b.call(Op.CALL, Type.DOUBLE, callee.get(), args);
  }
}
