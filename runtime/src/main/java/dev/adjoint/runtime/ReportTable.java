package dev.adjoint.runtime;

import dev.adjoint.runtime.GradientCheck.Entry;
import dev.adjoint.runtime.GradientCheck.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Renders a {@link Report} as text: a verdict, the pass rule, and an aligned table. */
final class ReportTable {

    /** Longer reports list only the failing rows (up to this many) and the worst row. */
    static final int MAX_ROWS = 20;

    private static final String ROW = "%s  %17s  %17s  %9s  %9s  %s";

    private final Report report;
    private final int indexWidth;

    ReportTable(Report report) {
        this.report = report;
        this.indexWidth = Math.max(5, String.valueOf(report.size() - 1).length());
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(verdict()).append('\n');
        out.append("pass rule: ").append(report.settings().criterion()).append('\n');
        out.append("finite differences: ").append(stepRule()).append('\n');
        out.append(line(pad("index"), "analytic", "finite difference", "abs error", "rel error", ""));
        List<Integer> shown = shownPositions();
        for (int position : shown) {
            out.append(row(report.entry(position)));
        }
        int omitted = report.size() - shown.size();
        if (omitted > 0) {
            out.append(omissionNote(omitted, shown));
        }
        return out.toString();
    }

    private String verdict() {
        String outcome = report.passed() ? "passed" : "FAILED";
        if (report.isDirectional()) {
            return "Directional derivative check " + outcome;
        }
        int n = report.size();
        String entries = n == 1 ? "1 entry" : n + " entries";
        if (report.passed()) {
            return "Gradient check passed: " + (n == 1 ? "" : "all ") + entries + " within tolerance";
        }
        return "Gradient check FAILED: " + report.failureCount() + " of " + entries
                + " outside tolerance, worst at index " + report.worstIndex();
    }

    private String stepRule() {
        String step = String.format(Locale.ROOT, "%.2e", report.settings().baseStep());
        return report.isDirectional()
                ? "t = " + step + " * max(1, max|x_i|) / max|d_i|"
                : "h_i = " + step + " * max(1, |x_i|)";
    }

    /** Every row if the report is short; otherwise the failing rows and the worst one. */
    private List<Integer> shownPositions() {
        TreeSet<Integer> shown = new TreeSet<>();
        for (int k = 0; k < report.size(); k++) {
            if (report.size() <= MAX_ROWS || (!report.entry(k).passed() && shown.size() < MAX_ROWS)) {
                shown.add(k);
            }
        }
        if (report.worstPosition() >= 0) {
            shown.add(report.worstPosition());
        }
        return new ArrayList<>(shown);
    }

    private String omissionNote(int omitted, List<Integer> shown) {
        int hiddenFailures = report.failureCount();
        for (int position : shown) {
            hiddenFailures -= report.entry(position).passed() ? 0 : 1;
        }
        String what = hiddenFailures == 0 ? "all within tolerance" : hiddenFailures + " of them failing";
        return "... " + omitted + " of " + report.size() + " entries not shown, " + what + "\n";
    }

    private String row(Entry e) {
        String index = report.isDirectional() ? pad("dir") : pad(String.valueOf(e.index()));
        if (!e.finite()) {
            return line(index, num(e.analytic()), num(e.finiteDifference()), "-", "-", "FAIL  " + notFinite(e));
        }
        return line(
                index,
                num(e.analytic()),
                num(e.finiteDifference()),
                err(e.absoluteError()),
                err(e.relativeError()),
                e.passed() ? "ok" : "FAIL");
    }

    private static String notFinite(Entry e) {
        List<String> parts = new ArrayList<>(2);
        if (!Double.isFinite(e.analytic())) {
            parts.add("analytic is " + e.analytic());
        }
        if (!Double.isFinite(e.finiteDifference())) {
            parts.add("finite difference is " + e.finiteDifference());
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private String pad(String index) {
        return " ".repeat(Math.max(0, indexWidth - index.length())) + index;
    }

    private static String line(String... cells) {
        return String.format(Locale.ROOT, ROW, (Object[]) cells).stripTrailing() + "\n";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9e", v);
    }

    private static String err(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
