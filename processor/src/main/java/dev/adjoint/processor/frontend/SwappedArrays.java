package dev.adjoint.processor.frontend;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Array variables that a loop only permutes: swapped buffers, {@code double[] t = u; u = next;
 * next = t;} at the top level of the body, the way explicit solvers are written. Each iteration
 * then maps the arrays the variables name at its start to the same arrays in another order, so
 * after {@code j} iterations the variables name the arrays they started with permuted {@code j}
 * times: the loop carries the phase {@code j mod k} ({@code k} the permutation's order) instead of
 * the arrays, and its body is translated once per phase with the variables bound to the arrays of
 * that phase (so every element is written through the array's own name, and the reverse mode sees
 * ordinary stores; see {@code ControlFlowTranslator.loop}).
 *
 * <p>Only a plain permutation qualifies: each reassignment is {@code x = y} or a declaration
 * {@code double[] t = y} at the top level of the body, between the variables and such temporaries;
 * no {@code break}, {@code continue} or {@code return} can skip it; the loop's test and update do
 * not name the variables. Anything else is still rejected.
 */
final class SwappedArrays {
    /** The longest cycle structure handled: the body is translated once per phase. */
    static final int MAX_PHASES = 4;

    private SwappedArrays() {}

    /**
     * For each of {@code arrays} (the array variables the loop assigns), the variable whose array
     * it names after one iteration; null when the loop does not just permute them.
     */
    static Map<String, String> permutation(
            List<String> arrays, ExpressionTree condition, StatementTree body, List<StatementTree> update) {
        Set<String> names = new HashSet<>(arrays);
        if (condition != null && mentions(condition, names)) return null;
        for (StatementTree u : update) if (mentions(u, names)) return null;
        if (Jumps.in(body)) return null;
        List<? extends StatementTree> statements =
                body instanceof BlockTree block ? block.getStatements() : List.of(body);
        Map<String, String> holds = new HashMap<>(); // variable or temporary -> the variable whose start array it holds
        for (String a : arrays) holds.put(a, a);
        for (StatementTree s : statements) {
            if (s instanceof VariableTree v
                    && name(v.getInitializer()) != null
                    && holds.containsKey(name(v.getInitializer()))) {
                holds.put(v.getName().toString(), holds.get(name(v.getInitializer())));
            } else if (s instanceof ExpressionStatementTree e
                    && e.getExpression() instanceof AssignmentTree a
                    && holds.containsKey(name(a.getVariable()))
                    && holds.containsKey(name(a.getExpression()))) {
                holds.put(name(a.getVariable()), holds.get(name(a.getExpression())));
            } else {
                Assigned assigned = Assigned.in(s);
                for (String n : holds.keySet()) if (assigned.names.contains(n)) return null;
            }
        }
        Map<String, String> result = new HashMap<>();
        for (String a : arrays) result.put(a, holds.get(a));
        if (!new HashSet<>(result.values()).equals(names)) return null; // two variables name one array
        return phases(result) <= MAX_PHASES ? result : null;
    }

    /** The order of the permutation: after that many iterations every variable names its first array again. */
    static int phases(Map<String, String> permutation) {
        Map<String, String> power = new HashMap<>(permutation);
        for (int k = 1; k <= MAX_PHASES + 1; k++) {
            boolean identity = true;
            for (Map.Entry<String, String> e : power.entrySet())
                identity &= e.getKey().equals(e.getValue());
            if (identity) return k;
            Map<String, String> next = new HashMap<>();
            for (Map.Entry<String, String> e : power.entrySet()) next.put(e.getKey(), permutation.get(e.getValue()));
            power = next;
        }
        return Integer.MAX_VALUE;
    }

    private static String name(Tree t) {
        while (t instanceof ParenthesizedTree p) t = p.getExpression();
        return t instanceof IdentifierTree id ? id.getName().toString() : null;
    }

    private static boolean mentions(Tree t, Set<String> names) {
        boolean[] found = {false};
        t.accept(
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitIdentifier(IdentifierTree id, Void v) {
                        if (names.contains(id.getName().toString())) found[0] = true;
                        return null;
                    }
                },
                null);
        return found[0];
    }

    /** Whether a jump could leave the body before its permutation is done: a return, or a break or continue of this loop. */
    private static final class Jumps extends TreeScanner<Void, Void> {
        private int depth;
        private boolean found;

        static boolean in(Tree body) {
            Jumps j = new Jumps();
            body.accept(j, null);
            return j.found;
        }

        @Override
        public Void visitReturn(ReturnTree t, Void v) {
            found = true;
            return null;
        }

        @Override
        public Void visitBreak(BreakTree t, Void v) {
            found |= depth == 0 || t.getLabel() != null; // a switch's break counts too: kept simple and safe
            return null;
        }

        @Override
        public Void visitContinue(ContinueTree t, Void v) {
            found |= depth == 0 || t.getLabel() != null;
            return null;
        }

        @Override
        public Void visitForLoop(ForLoopTree t, Void v) {
            depth++;
            super.visitForLoop(t, v);
            depth--;
            return null;
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree t, Void v) {
            depth++;
            super.visitEnhancedForLoop(t, v);
            depth--;
            return null;
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree t, Void v) {
            depth++;
            super.visitWhileLoop(t, v);
            depth--;
            return null;
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree t, Void v) {
            depth++;
            super.visitDoWhileLoop(t, v);
            depth--;
            return null;
        }
    }
}
