package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature {@link Feature#CHECKPOINT}: about half of the differentiated method's top-level counted
 * {@code for} loops that {@code @Checkpointed} accepts (step ±1, no extra condition, no call other
 * than a {@code Math} function, no {@code break}, {@code continue} or {@code return} inside, and no
 * {@code return} or {@code throw} (an argument check) before them, which would put them in a branch, and a bound
 * fixed before the loop as the processor sees it) are printed with the annotation,
 * so that reverse mode checkpoints them; the program is then checked like every other one.
 * Off under {@code order = 2} and in vector mode, where the annotation is a compile error.
 */
final class CheckpointMarks {
    private CheckpointMarks() {}

    static final boolean ON = !SecondOrderOracle.ON
            && !Boolean.getBoolean(VectorVariant.PROPERTY)
            && !Feature.excluded(System.getProperty("adjoint.fuzz.exclude")).contains(Feature.CHECKPOINT.name());

    /**
     * Whether top-level statement {@code k} of method {@code name}'s {@code body} is printed
     * {@code @Checkpointed}: never in the {@code double[]} twin {@link VectorVariant} prints as
     * {@code name + "Vector"}, since a Jacobian's method cannot checkpoint.
     */
    static boolean marks(String name, List<Ast.Stmt> body, int k) {
        if (!ON
                || name.endsWith("Vector")
                || !(body.get(k) instanceof Ast.For f)
                || Math.abs(f.step()) != 1
                || f.extra() != null
                || !fixedBound(f.bound())) return false;
        for (int j = 0; j < k; j++) if (leaves(body.get(j), true)) return false;
        if (leaves(f, false)) return false;
        // about half of them, the same half every time the program is printed
        return Math.floorMod(f.var().hashCode() + 31 * f.body().size() + k, 2) == 0;
    }

    /**
     * Whether the processor sees {@code bound} as fixed before the loop: built of values from
     * outside it by arithmetic, casts and lengths only ({@code LoopShapes.isFixedBefore}); a bound
     * holding a Math call or a {@code ?:} is computed again in the loop's test, and
     * {@code @Checkpointed} rejects the loop as not counted ([Adjoint.Checkpoint]).
     */
    private static boolean fixedBound(Ast.Expr bound) {
        List<Ast.Expr> all = new ArrayList<>();
        AstWalk.collect(bound, all);
        return all.stream()
                .noneMatch(e -> e instanceof Ast.Call || e instanceof Ast.Cond || e instanceof Switches.Expression);
    }

    /** The printed loop {@code printed}, its counter annotated. */
    static String mark(CharSequence printed) {
        return printed.toString().replaceFirst("for \\(int ", "for (@dev.adjoint.Checkpointed int ");
    }

    /** Whether {@code s} returns or throws ({@code returnsOnly}) or also jumps or calls a method that is not Math's, anywhere inside. */
    private static boolean leaves(Ast.Stmt s, boolean returnsOnly) {
        if (s instanceof Ast.Return || s instanceof Ast.Throw) return true; // a throw ends a path as a return does
        if (!returnsOnly && s instanceof Ast.Jump) return true;
        if (!returnsOnly) {
            List<Ast.Expr> all = new ArrayList<>();
            for (Ast.Expr e : AstWalk.exprs(s)) if (e != null) AstWalk.collect(e, all);
            for (Ast.Expr e : all) {
                if (e instanceof Ast.Call c && !"Math".equals(c.owner()) && !"StrictMath".equals(c.owner()))
                    return true;
            }
        }
        for (List<Ast.Stmt> block : AstWalk.blocks(s))
            for (Ast.Stmt inner : block) if (leaves(inner, returnsOnly)) return true;
        return false;
    }
}
