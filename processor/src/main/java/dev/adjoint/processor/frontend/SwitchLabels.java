package dev.adjoint.processor.frontend;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.util.List;

/**
 * What a case is labelled with, read the same way on every JDK from 17 on. Java 21 added
 * patterns, guards and {@code case null} to switch, reachable only through {@code CaseTree}
 * methods JDK 17 does not have (or has as a preview): they are read reflectively, so the
 * processor, built for 17, still recognises them when it runs in a newer javac.
 */
final class SwitchLabels {
    private SwitchLabels() {}

    /** Whether {@code c} is the default case ({@code default:}, {@code default ->}). */
    static boolean isDefault(CaseTree c) {
        List<? extends Tree> labels = labels(c);
        if (labels == null) return c.getExpressions().isEmpty();
        for (Tree l : labels) if (l.getKind().name().equals("DEFAULT_CASE_LABEL")) return true;
        return false;
    }

    /**
     * What in {@code c}'s labels the lowering cannot handle, in words, or null: a type pattern or
     * record pattern, a guard ({@code when}), {@code case null}.
     */
    static String unsupported(CaseTree c) {
        for (ExpressionTree e : c.getExpressions()) {
            if (e.getKind() == Tree.Kind.NULL_LITERAL) return "case null";
        }
        List<? extends Tree> labels = labels(c);
        if (labels != null) {
            for (Tree l : labels) {
                String kind = l.getKind().name();
                boolean constant = l instanceof ExpressionTree || kind.equals("CONSTANT_CASE_LABEL");
                if (!constant && !kind.equals("DEFAULT_CASE_LABEL")) return "a pattern in a case label";
            }
        }
        if (call(c, "getGuard") != null) return "a guard (when) on a case";
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<? extends Tree> labels(CaseTree c) {
        return (List<? extends Tree>) call(c, "getLabels");
    }

    /** {@code c.name()} when this javac's CaseTree has the method, else null. */
    private static Object call(CaseTree c, String name) {
        try {
            return CaseTree.class.getMethod(name).invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
