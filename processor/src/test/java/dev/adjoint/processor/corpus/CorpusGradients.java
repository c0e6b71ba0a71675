package dev.adjoint.processor.corpus;

import dev.adjoint.processor.corpus.CorpusCall.Slot;
import dev.adjoint.processor.corpus.CorpusSources.CorpusMethod;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks the generated derivatives of one corpus method at the points of points.tsv, in both
 * modes: the reverse-mode gradient against central finite differences of the method itself (step
 * 1e-6·max(1, |x|), tolerance {@code rtol·max(|derivative|, |difference|) +
 * GradCheck.FD_ATOL·max(1, |f(x±h)|)}), the tangent along each unit direction against the gradient
 * (relative 1e-9, plus 1e-13·max(1, |f|) for rounding where the derivative is 0), both modes' value against the method's (GradCheck.VALUE_RTOL), and that no
 * derivative call changes its arguments.
 */
final class CorpusGradients {

    private CorpusGradients() {}

    static void check(TestCompiler.Compiled compiled, CorpusMethod m, CorpusPoints.Entry entry) {
        CorpusCall call = new CorpusCall(compiled, m, entry);
        Class<?> grad = call.gradClass(compiled);
        for (Object[] point : entry.points()) {
            Object[] args = call.arguments(point);
            String where = m.key() + " at " + Arrays.deepToString(args);
            double value = call.primal(args);
            List<Slot> slots = call.slots(args);
            double[] reverse = call.reverse(grad, args, slots);
            GradCheck.assertValue(value, reverse[0], "reverse-mode value of " + where);
            StringBuilder errors = new StringBuilder();
            for (int s = 0; s < slots.size(); s++) {
                Slot slot = slots.get(s);
                double adjoint = reverse[s + 1];
                double[] difference = difference(call, args, slot, 1e-6);
                double tol = entry.rtol() * Math.max(Math.abs(adjoint), Math.abs(difference[0]))
                        + GradCheck.FD_ATOL * Math.max(1, difference[1]);
                if (!(Math.abs(adjoint - difference[0]) <= tol)) {
                    errors.append(String.format(
                            Locale.ROOT,
                            "  d/d(%s): reverse mode %.17g, finite difference %.17g (tol %.3g)%n",
                            slot.label(),
                            adjoint,
                            difference[0],
                            tol));
                }
                var dual = call.tangent(grad, args, slot);
                GradCheck.assertValue(value, dual.value(), "tangent-mode value of " + where);
                // the modes sum the same partials in different orders: at a stationary point (Levy's
                // density at its mode) one gives 0.0 and the other -3e-16, so rounding needs an absolute term
                if (!(Math.abs(dual.tangent() - adjoint)
                        <= 1e-9 * Math.abs(adjoint) + 1e-13 * Math.max(1, Math.abs(value)))) {
                    errors.append(String.format(
                            Locale.ROOT,
                            "  d/d(%s): tangent mode %.17g, reverse mode %.17g%n",
                            slot.label(),
                            dual.tangent(),
                            adjoint));
                }
            }
            if (errors.length() > 0) {
                throw new AssertionError("wrong derivative of " + where + " (value " + value + "):\n" + errors);
            }
        }
    }

    /**
     * Checks that a method that does not differentiate yet is finite at its points, and that its
     * finite differences there are finite and stable (steps 1e-6 and 2.5e-7 agree within 1e-4), so
     * that its points are ready for the day it differentiates.
     */
    static void checkPoints(TestCompiler.Compiled compiled, CorpusMethod m, CorpusPoints.Entry entry) {
        CorpusCall call = new CorpusCall(compiled, m, entry);
        for (Object[] point : entry.points()) {
            Object[] args = call.arguments(point);
            String where = m.key() + " at " + Arrays.deepToString(args);
            if (!Double.isFinite(call.primal(args))) {
                throw new AssertionError(where + ": not finite; choose another point");
            }
            for (Slot slot : call.slots(args)) {
                double[] coarse = difference(call, args, slot, 1e-6);
                double[] fine = difference(call, args, slot, 2.5e-7);
                double tol = 1e-4 * Math.max(Math.abs(coarse[0]), Math.abs(fine[0]))
                        + GradCheck.FD_ATOL * Math.max(1, coarse[1]);
                if (!(Math.abs(coarse[0] - fine[0]) <= tol)) {
                    throw new AssertionError(String.format(
                            Locale.ROOT,
                            "%s: finite differences along %s with steps 1e-6 and 2.5e-7 disagree (%.17g, %.17g):"
                                    + " a kink or a branch boundary near the point? choose another point",
                            where,
                            slot.label(),
                            coarse[0],
                            fine[0]));
                }
            }
        }
    }

    /**
     * The central difference along {@code slot} with step {@code step}·max(1, |x|), and the larger
     * of |f(x+h)| and |f(x-h)|; both must be finite.
     */
    private static double[] difference(CorpusCall call, Object[] args, Slot slot, double step) {
        double x = slot.get(args);
        double h = step * Math.max(1, Math.abs(x));
        double fp = call.primal(slot.with(args, x + h));
        double fm = call.primal(slot.with(args, x - h));
        double fd = (fp - fm) / ((x + h) - (x - h));
        if (!Double.isFinite(fd)) {
            throw new AssertionError("no finite difference along " + slot.label() + " at " + Arrays.deepToString(args)
                    + ": choose another point");
        }
        return new double[] {fd, Math.max(Math.abs(fp), Math.abs(fm))};
    }
}
