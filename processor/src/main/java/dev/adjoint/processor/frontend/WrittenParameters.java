package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which array parameters a method writes elements of ({@code v[i] = …}, {@code v[i] += …},
 * {@code v[i]++}, {@code m[i][j] = …}). Its derivative methods work on a copy of such a
 * parameter, so a caller that reads the array after the call would see the write in the primal
 * and not in the derivatives: the front end rejects that call.
 */
public final class WrittenParameters {
  private WrittenParameters() {}

  public static Set<Integer> of(MethodTree method) {
    List<? extends VariableTree> params = method.getParameters();
    Set<Integer> written = new HashSet<>();
    if (method.getBody() == null) return written;
    new TreeScanner<Void, Void>() {
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
        target(t.getExpression());
        return super.visitUnary(t, v);
      }

      private void target(ExpressionTree e) {
        if (!(strip(e) instanceof ArrayAccessTree)) return;
        ExpressionTree base = strip(e);
        while (base instanceof ArrayAccessTree a) base = strip(a.getExpression());
        if (!(base instanceof IdentifierTree id)) return;
        for (int i = 0; i < params.size(); i++) {
          if (params.get(i).getName().contentEquals(id.getName())) written.add(i);
        }
      }
    }.scan(method.getBody(), null);
    return written;
  }

  private static ExpressionTree strip(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) e = p.getExpression();
    return e;
  }
}
