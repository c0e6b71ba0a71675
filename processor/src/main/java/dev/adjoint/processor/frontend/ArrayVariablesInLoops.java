package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/**
 * The first assignment of an array variable inside a loop of a method body (swapped buffers,
 * {@code double[] t = u; u = next; next = t;}), read from the source before any translation:
 * second order does not support them yet, and must say so rather than give a wrong Hessian.
 * Arrays are told by their declarations ({@code double[] u}, or {@code var u = new double[n]});
 * the trees are not attributed while the processor runs.
 */
final class ArrayVariablesInLoops {
    private ArrayVariablesInLoops() {}

    /** The first such assignment in {@code body}, or null. */
    static AssignmentTree first(Tree body) {
        Set<String> arrays = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree v, Void unused) {
                if (v.getType() instanceof ArrayTypeTree || v.getInitializer() instanceof NewArrayTree)
                    arrays.add(v.getName().toString());
                return super.visitVariable(v, unused);
            }
        }.scan(body, null);
        AssignmentTree[] found = {null};
        new TreeScanner<Void, Integer>() {
            @Override
            public Void visitAssignment(AssignmentTree a, Integer loops) {
                if (found[0] == null
                        && loops > 0
                        && a.getVariable() instanceof IdentifierTree id
                        && arrays.contains(id.getName().toString())) found[0] = a;
                return super.visitAssignment(a, loops);
            }

            @Override
            public Void visitForLoop(ForLoopTree t, Integer loops) {
                return super.visitForLoop(t, loops + 1);
            }

            @Override
            public Void visitEnhancedForLoop(EnhancedForLoopTree t, Integer loops) {
                return super.visitEnhancedForLoop(t, loops + 1);
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree t, Integer loops) {
                return super.visitWhileLoop(t, loops + 1);
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree t, Integer loops) {
                return super.visitDoWhileLoop(t, loops + 1);
            }
        }.scan(body, 0);
        return found[0];
    }
}
