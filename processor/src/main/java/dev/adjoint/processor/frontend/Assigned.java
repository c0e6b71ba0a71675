package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import java.util.HashSet;
import java.util.Set;

/** What a loop may change: the variables it assigns, whether it returns, which labels it jumps to. */
final class Assigned extends AssignmentTargets {
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

    @Override
    void target(ExpressionTree t) {
        while (t instanceof ParenthesizedTree p) t = p.getExpression();
        if (t instanceof IdentifierTree id) names.add(id.getName().toString());
        if (t instanceof ArrayAccessTree) elementsWritten(t);
    }

    /** Records the variable an array whose elements are written is reached from ({@code m} for {@code m[i][j]}). */
    private void elementsWritten(ExpressionTree array) {
        ExpressionTree base = array;
        while (base instanceof ArrayAccessTree || base instanceof ParenthesizedTree) {
            base = base instanceof ArrayAccessTree a ? a.getExpression() : ((ParenthesizedTree) base).getExpression();
        }
        if (base instanceof IdentifierTree id) elementBases.add(id.getName().toString());
    }

    /** {@code System.arraycopy(src, sp, dst, dp, n)} writes dst, {@code Arrays.fill(a, …)} writes a (by name: a copy too many costs little). */
    @Override
    public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        if (t.getMethodSelect() instanceof MemberSelectTree s) {
            int n = t.getArguments().size();
            if (s.getIdentifier().contentEquals("arraycopy") && n == 5)
                elementsWritten(t.getArguments().get(2));
            if (s.getIdentifier().contentEquals("fill") && (n == 2 || n == 4))
                elementsWritten(t.getArguments().get(0));
        }
        names.addAll(SumAccumulators.stateNames(t)); // s.add(x) changes a Sum accumulator's state
        return super.visitMethodInvocation(t, v);
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
