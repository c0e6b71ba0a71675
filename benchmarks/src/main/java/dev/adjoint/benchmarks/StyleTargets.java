package dev.adjoint.benchmarks;

import java.util.Locale;
import java.util.Map;

/**
 * Issue 17's targets, one row per measured version of an objective (GMM, MLP, LSTM, ours and the
 * independently written ones): reverse mode ÷ its hand-written gradient ≤ 1.15×, reverse mode ÷
 * its objective ≤ 2.5×, one forward (tangent) pass ÷ its objective ≤ 1.5×. A ratio that cannot be
 * formed (a benchmark missing from the run) is left empty.
 */
final class StyleTargets {
    private StyleTargets() {}

    static final double REVERSE_OVER_HAND = 1.15;
    static final double REVERSE_OVER_OBJECTIVE = 2.5;
    static final double TANGENT_OVER_OBJECTIVE = 1.5;

    static String table(Map<String, Map<String, Report.Cell>> cases) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Every version against the targets (issue 17)\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "| version | reverse ÷ hand-written (≤ %.2f×) | reverse ÷ objective (≤ %.1f×) "
                        + "| tangent ÷ objective (≤ %.1f×) |%n",
                REVERSE_OVER_HAND,
                REVERSE_OVER_OBJECTIVE,
                TANGENT_OVER_OBJECTIVE));
        sb.append("| --- | ---: | ---: | ---: |\n");
        int rows = 0;
        for (Map.Entry<String, Map<String, Report.Cell>> e : cases.entrySet()) {
            if (e.getKey().startsWith("Rosenbrock")) {
                continue;
            }
            Map<String, Report.Cell> c = e.getValue();
            double objective = median(c, "objective");
            double reverse = median(c, "adjointReverse");
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s |%n",
                    e.getKey(),
                    verdict(reverse / median(c, "handWritten"), REVERSE_OVER_HAND),
                    verdict(reverse / objective, REVERSE_OVER_OBJECTIVE),
                    verdict(median(c, "adjointForwardOnePass") / objective, TANGENT_OVER_OBJECTIVE)));
            rows++;
        }
        return rows == 0 ? "" : sb.append('\n').toString();
    }

    private static double median(Map<String, Report.Cell> c, String method) {
        Report.Cell cell = c.get(method);
        return cell == null ? Double.NaN : cell.median();
    }

    /** The ratio and whether it meets its target: "1.07× ✓", "2.81× ✗". */
    static String verdict(double ratio, double target) {
        if (Double.isNaN(ratio)) {
            return "";
        }
        return Report.ratio(ratio) + (ratio <= target ? " ✓" : " ✗");
    }
}
