package dev.adjoint.processor.frontend;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * {@code switch} statements and expressions, lowered to the graph's branches. The selector is
 * evaluated once; each case becomes one arm of an if / else if chain on {@code selector ==
 * label} (the default arm last, wherever it stands in the source, since the labels are distinct).
 * A colon-form case that can fall through goes on into the statements of the cases after it: its
 * arm holds those statements too. Translation of an arm stops at an unconditional {@code break},
 * so only code that falling through can reach is duplicated. {@code break} leaves the switch
 * through a flag, as it leaves a loop; {@code yield} sets the switch expression's value and
 * leaves likewise. The selector is an integer, so it carries no derivative.
 */
abstract class SwitchTranslator extends ControlFlowTranslator {

    SwitchTranslator(Elements elements, Reporter reporter, CompilationUnitTree unit, Signature signature) {
        super(elements, reporter, unit, signature);
    }

    /** A case: the conditions its labels test (none for default) and the tree it runs. */
    private record Case(CaseTree tree, List<Node> tests, boolean isDefault) {}

    abstract void expressionStatement(ExpressionTree e);

    void switchStatement(SwitchTree s, String label) {
        List<Case> cases = cases(s, s.getExpression(), s.getCases(), false);
        if (cases == null) {
            giveErrorValues(s);
            return;
        }
        chain(cases, i -> arm(cases, i, new LoopContext(label, true, null)));
    }

    @Override
    Node switchExpression(SwitchExpressionTree s) {
        Assigned assigned = Assigned.in(s);
        if (branchDepth > 0 && (assigned.returns || assigned.names.stream().anyMatch(n -> lookup(n) != null))) {
            return fail(
                    s,
                    "a switch expression that assigns a variable or throws, inside a branch of ?:, && or ||",
                    "compute it in a statement of its own, before the condition");
        }
        List<Case> cases = cases(s, s.getExpression(), s.getCases(), true);
        if (cases == null) return b.error(Type.DOUBLE); // converts to any type without another error
        Type type = SwitchValueType.of(s, this::typeOfName, this::typeOfCall);
        if (type == null) {
            return fail(
                    s,
                    "a switch expression whose values Adjoint cannot type before translating them (no value is a double, and some is a call or an unknown name)",
                    "cast its values to the type they have, e.g. yield (int) f(n)");
        }
        Local result = new Local(type, b.zero(type)); // an arm that throws leaves the zero, never used
        // Every path that evaluates the expression has not returned nor left a loop, but the flags
        // may not know it yet (in a loop's condition they are the loop's variables): were they left
        // as they are, the arms' statements would branch on them, and in a branch of ?: or && the
        // merged flags would escape it. So they are false in the arms, and get their values back
        // unless an arm threw.
        List<Local> flags = abruptFlags();
        Map<Local, Node> before = new IdentityHashMap<>();
        Node no = bool(false);
        for (Local flag : flags) {
            before.put(flag, flag.value);
            flag.value = no;
        }
        chain(cases, i -> arm(cases, i, new LoopContext(null, true, result)), result);
        for (Local flag : flags) if (flag.value == no) flag.value = before.get(flag);
        return result.value;
    }

    /** {@code yield v}: the value of the innermost switch expression, which the arm then leaves. */
    void yieldStatement(YieldTree y) {
        LoopContext target = loops.peek(); // javac keeps a yield out of loops and switch statements inside the arm
        if (target == null || target.result == null) {
            unsupported(y, "a yield outside a switch expression", "yield inside a switch expression");
            return;
        }
        yieldValue(target, y.getValue());
        target.broken.value = bool(true);
    }

    private void yieldValue(LoopContext target, ExpressionTree e) {
        Node v = expr(e);
        Type type = target.result.type;
        if (v.op != Op.ERROR && !Types2.widens(v.type, type)) {
            fail(
                    e,
                    "a " + v.type.javaType + " value in a switch expression typed " + type.javaType,
                    "cast the switch expression's values to one type");
            v = b.error(type);
        }
        target.result.value = v.op == Op.ERROR ? b.error(type) : b.cast(v, type);
    }

    /**
     * The cases with their tests on the selector, or null after reporting what the lowering cannot
     * handle: patterns, guards, case null, and selectors that are neither integers nor a String or
     * enum parameter or field.
     */
    private List<Case> cases(
            Tree s, ExpressionTree selectorTree, List<? extends CaseTree> trees, boolean isExpression) {
        for (CaseTree c : trees) {
            String pattern = SwitchLabels.unsupported(c);
            if (pattern != null) {
                reject(
                        c,
                        isExpression,
                        pattern,
                        "switch on an int, a String or an enum and test its constants; test types and null before calling the method");
                return null;
            }
        }
        ReferenceSelector.Found reference = ReferenceSelector.find(this, selectorTree);
        if (reference != null) {
            if (reference.problem() != null) {
                ReferenceSelector.Problem p = reference.problem();
                reject(p.at(), isExpression, p.what(), p.instead());
                return null;
            }
            return referenceCases(reference.selector(), trees, isExpression);
        }
        Node selector = expr(selectorTree);
        if (selector.op == Op.ERROR) return null;
        if (!isIntegral(selector.type)) {
            reject(
                    selectorTree,
                    isExpression,
                    "a switch on a " + selector.type.javaType,
                    "switch on an int, or on a String or enum parameter or field");
            return null;
        }
        List<Case> cases = new ArrayList<>();
        for (CaseTree c : trees) {
            List<Node> tests = new ArrayList<>();
            for (ExpressionTree label : c.getExpressions()) {
                Node constant = expr(label);
                if (constant.op == Op.ERROR) return null;
                if (!constant.isConst() || !isIntegral(constant.type)) {
                    reject(label, isExpression, "this case label", "label cases with int constants");
                    return null;
                }
                Type common = Type.promote(selector.type, constant.type);
                tests.add(b.compare(Op.EQ, b.cast(selector, common), b.cast(constant, common)));
            }
            cases.add(new Case(c, tests, SwitchLabels.isDefault(c)));
        }
        return cases;
    }

    /**
     * The cases of a switch on a String or an enum: case {@code i} is taken when the case index
     * (see {@link ReferenceSelector}) is {@code i}.
     */
    private List<Case> referenceCases(
            ReferenceSelector selector, List<? extends CaseTree> trees, boolean isExpression) {
        List<List<String>> labels = new ArrayList<>();
        for (CaseTree c : trees) {
            List<String> printed = new ArrayList<>();
            for (ExpressionTree label : c.getExpressions()) {
                String p = selector.label(this, label);
                if (p == null) {
                    reject(
                            label,
                            isExpression,
                            "this case label",
                            selector.isEnum
                                    ? "label cases with the enum's constants"
                                    : "label cases with string literals or String constants");
                    return null;
                }
                printed.add(p);
            }
            labels.add(printed);
        }
        Node index = selector.caseIndex(this, labels);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            CaseTree c = trees.get(i);
            List<Node> tests = new ArrayList<>();
            if (!labels.get(i).isEmpty()) tests.add(b.compare(Op.EQ, index, b.constant(Type.INT, i)));
            cases.add(new Case(c, tests, SwitchLabels.isDefault(c)));
        }
        return cases;
    }

    private static boolean isIntegral(Type t) {
        return t.isNumeric() && !t.isFloating();
    }

    private void reject(Tree at, boolean isExpression, String what, String instead) {
        if (isExpression) fail(at, what, instead);
        else reporter.error(at, unit, Message.STATEMENT, what, instead);
    }

    /** The graph type of a variable in scope, for typing a switch expression's values. */
    private Type typeOfName(String name) {
        Local l = lookup(name);
        if (l != null) return l.type;
        VariableElement field = resolver.field(name);
        return field == null ? null : Types2.of(field.asType());
    }

    /** The return type of the method {@code call} calls, when all its overloads return the same one. */
    private Type typeOfCall(MethodInvocationTree call) {
        List<ExecutableElement> methods = List.of();
        if (call.getMethodSelect() instanceof IdentifierTree id) {
            methods = resolver.methods(id.getName().toString());
        } else if (call.getMethodSelect() instanceof MemberSelectTree m) {
            var owner = resolver.type(m.getExpression());
            if (owner != null)
                methods = resolver.methods(owner, m.getIdentifier().toString());
        }
        Set<Type> types = new HashSet<>();
        for (ExecutableElement m : methods) types.add(Types2.of(m.getReturnType()));
        return types.size() == 1 ? types.iterator().next() : null;
    }

    /**
     * The if / else if chain: the cases with labels in source order, then the default case; with
     * no default, the last else does nothing.
     */
    private void chain(List<Case> cases, IntConsumer arm, Local... carried) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) if (!cases.get(i).isDefault()) order.add(i);
        for (int i = 0; i < cases.size(); i++) if (cases.get(i).isDefault()) order.add(i);
        chainFrom(cases, order, 0, arm, carried);
    }

    private void chainFrom(List<Case> cases, List<Integer> order, int k, IntConsumer arm, Local... carried) {
        if (k == order.size()) return;
        int i = order.get(k);
        Case c = cases.get(i);
        if (c.isDefault()) {
            arm.accept(i);
            return;
        }
        Node test = c.tests().get(0);
        for (Node t : c.tests().subList(1, c.tests().size())) test = b.or(test, t);
        branches(test, () -> arm.accept(i), () -> chainFrom(cases, order, k + 1, arm, carried), carried);
    }

    /**
     * What runs when case {@code i} matches: an arrow case's body; or a colon case's statements
     * and, falling through, those of every case after it, until a break. The colon cases share
     * one scope, so a variable declared in an earlier case is declared (unassigned) here too.
     */
    private void arm(List<Case> cases, int i, LoopContext context) {
        context.broken.value = bool(false);
        context.continued.value = bool(false);
        loops.push(context);
        scopes.push(new HashMap<>());
        try {
            CaseTree c = cases.get(i).tree();
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree e) {
                    if (context.result != null) yieldValue(context, e);
                    else expressionStatement(e);
                } else {
                    scoped((StatementTree) body);
                }
                return;
            }
            Map<String, Local> scope = scopes.peek();
            for (int j = 0; j < i; j++) declareAhead(cases.get(j).tree().getStatements(), scope);
            List<StatementTree> fallingThrough = new ArrayList<>();
            for (int j = i; j < cases.size(); j++)
                fallingThrough.addAll(cases.get(j).tree().getStatements());
            statements(fallingThrough, 0);
        } finally {
            scopes.pop();
            loops.pop();
        }
    }

    /** The variables declared by an earlier case: in scope here, but not assigned. */
    private void declareAhead(List<? extends StatementTree> statements, Map<String, Local> scope) {
        for (StatementTree s : statements) { // only the case's own declarations: a block's stay in the block
            if (s instanceof VariableTree v && typeOf(v.getType()) != null) {
                String name = v.getName().toString();
                scope.put(name, new Local(name, typeOf(v.getType()), null));
            }
        }
    }
}
