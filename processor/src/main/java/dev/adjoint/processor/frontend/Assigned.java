package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/** What a loop may change: the variables it assigns, whether it returns, which labels it jumps to. */
final class Assigned extends TreeScanner<Void, Void> {
    final Set<String> names = new HashSet<>();
    final Set<String> labels = new HashSet<>();
    /** Arrays whose elements are assigned: the variable each assigned element is reached from. */
    final Set<String> elementBases = new HashSet<>();

    boolean returns;

    static Assigned in(Tree tree) {
        Assigned a = new Assigned();
        tree.accept(a, null);
        return a;
    }

    private void target(ExpressionTree t) {
        while (t instanceof ParenthesizedTree p) t = p.getExpression();
        if (t instanceof IdentifierTree id) names.add(id.getName().toString());
        if (t instanceof ArrayAccessTree) {
            ExpressionTree base = t;
            while (base instanceof ArrayAccessTree a) base = a.getExpression();
            while (base instanceof ParenthesizedTree p) base = p.getExpression();
            if (base instanceof IdentifierTree id) elementBases.add(id.getName().toString());
        }
    }

    @Override
    public Void visitAssignment(AssignmentTree t, Void v) {
        target(t.getVariable());
        return super.visitAssignment(t, v);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree t, Void v) {
        target(t.getVariable());
        return super.visitCompoundAssignment(t, v);
    }

    @Override
    public Void visitUnary(UnaryTree t, Void v) {
        switch (t.getKind()) {
            case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> target(t.getExpression());
            default -> {}
        }
        return super.visitUnary(t, v);
    }

    @Override
    public Void visitReturn(ReturnTree t, Void v) {
        returns = true;
        return super.visitReturn(t, v);
    }

    /** A throw ends the method's path like a return (the derivative methods rethrow, see BodyTranslator). */
    @Override
    public Void visitThrow(ThrowTree t, Void v) {
        returns = true;
        return super.visitThrow(t, v);
    }

    @Override
    public Void visitBreak(BreakTree t, Void v) {
        if (t.getLabel() != null) labels.add(t.getLabel().toString());
        return null;
    }

    @Override
    public Void visitContinue(ContinueTree t, Void v) {
        if (t.getLabel() != null) labels.add(t.getLabel().toString());
        return null;
    }
}
