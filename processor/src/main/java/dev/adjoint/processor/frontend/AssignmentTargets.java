package dev.adjoint.processor.frontend;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;

/**
 * A scan that hands every place a statement writes to {@link #target}: the left side of an
 * assignment or compound assignment, and the operand of {@code ++}/{@code --}. Subclasses say
 * what a write means to them (a variable assigned, a method that is not read-only).
 */
abstract class AssignmentTargets extends TreeScanner<Void, Void> {
    /** Called for each place written, in source order. */
    abstract void target(ExpressionTree written);

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
}
