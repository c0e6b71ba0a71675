package dev.adjoint.benchmarks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of issue 15's benchmarks — Hessian-vector products, dense Hessians, the bundle
 * adjustment Jacobian — for {@link Report}: one table of the ratios against their targets, then
 * one table per case with PyTorch's figures under ours when {@code pytorch.json} has them. Their
 * bench classes are named {@code Hvp…Bench}, {@code Hessian…Bench} and {@code Jacobian…Bench};
 * their cases are kept apart from the first-order ones, whose tables assume a gradient.
 */
final class SecondOrderTables {
    private SecondOrderTables() {}

    /** mHvp ÷ the objective, on the GMM and the MLP. */
    static final double HVP_OVER_OBJECTIVE = 5;

    /** mHvp ÷ the hand-written H·v, on Rosenbrock n = 100,000. */
    static final double HVP_OVER_HAND = 1.5;

    /** The generated Jacobian ÷ the hand-written one, on bundle adjustment. */
    static final double JACOBIAN_OVER_HAND = 1.5;

    private static final String[] PREFIXES = {"HVP: ", "Hessian: ", "Jacobian: "};

    /** Whether a bench class is one of these (by its name). */
    static boolean owns(String benchClass) {
        return benchClass.startsWith("Hvp") || benchClass.startsWith("Hessian") || benchClass.startsWith("Jacobian");
    }

    /** The case key of one of these bench classes; PyTorch's run.py spells the same keys. */
    static String caseKey(String benchClass, Map<String, Object> params) {
        return switch (benchClass) {
            case "HvpGmmBench" -> "HVP: GMM (a) loops d,k,n=" + params.get("size");
            case "HvpMlpBench" -> "HVP: MLP 784-128-10, batch 64";
            case "HvpRosenbrockBench" -> "HVP: Rosenbrock n=" + params.get("n");
            case "HessianRosenbrockBench" -> "Hessian: Rosenbrock n=" + params.get("n");
            case "JacobianBundleAdjustmentBench" -> "Jacobian: BA cameras,points,observations=" + params.get("size");
            default -> benchClass;
        };
    }

    /** Removes this table's cases from {@code cases} and returns them, in order. */
    static Map<String, Map<String, Report.Cell>> takeFrom(Map<String, Map<String, Report.Cell>> cases) {
        Map<String, Map<String, Report.Cell>> ours = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, Map<String, Report.Cell>>> it =
                        cases.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, Map<String, Report.Cell>> e = it.next();
            for (String prefix : PREFIXES) {
                if (e.getKey().startsWith(prefix)) {
                    ours.put(e.getKey(), e.getValue());
                    it.remove();
                    break;
                }
            }
        }
        return ours;
    }

    /** The targets table, then each case's table; empty when no such case was run. */
    static String tables(Map<String, Map<String, Report.Cell>> cases, Map<String, List<Report.Row>> pytorch) {
        if (cases.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(targets(cases));
        for (Map.Entry<String, Map<String, Report.Cell>> e : cases.entrySet()) {
            sb.append(table(e.getKey(), e.getValue(), pytorch.getOrDefault(e.getKey(), List.of())));
        }
        return sb.toString();
    }

    static String targets(Map<String, Map<String, Report.Cell>> cases) {
        StringBuilder sb = new StringBuilder("### Second order and Jacobians against the targets (issue 15)\n\n");
        sb.append("| case | ratio | target | measured |\n| --- | --- | ---: | ---: |\n");
        for (Map.Entry<String, Map<String, Report.Cell>> e : cases.entrySet()) {
            String key = e.getKey();
            Map<String, Report.Cell> c = e.getValue();
            if (key.startsWith("HVP: Rosenbrock")) {
                target(sb, key, "`mHvp` ÷ hand-written H·v", c, "adjointHvp", "handWritten", HVP_OVER_HAND);
            } else if (key.startsWith("HVP: ")) {
                target(sb, key, "`mHvp` ÷ objective", c, "adjointHvp", "objective", HVP_OVER_OBJECTIVE);
            } else if (key.startsWith("Jacobian: ")) {
                target(
                        sb,
                        key,
                        "`fJacobian` ÷ hand-written Jacobian",
                        c,
                        "adjointJacobian",
                        "handWritten",
                        JACOBIAN_OVER_HAND);
            }
        }
        return sb.append('\n').toString();
    }

    private static void target(
            StringBuilder sb,
            String key,
            String ratio,
            Map<String, Report.Cell> c,
            String numerator,
            String denominator,
            double target) {
        sb.append(String.format(
                Locale.ROOT,
                "| %s | %s | ≤ %.1f× | %s |%n",
                key,
                ratio,
                target,
                StyleTargets.verdict(median(c, numerator) / median(c, denominator), target)));
    }

    private static double median(Map<String, Report.Cell> c, String method) {
        Report.Cell cell = c.get(method);
        return cell == null ? Double.NaN : cell.median();
    }

    /** What each benchmark method measures, in table order. */
    private static final String[][] LABELS = {
        {"objective", "objective alone"},
        {"adjointReverse", "Adjoint reverse mode (value and gradient)"},
        {"handWritten", "hand-written"},
        {"handWrittenInPlace", "hand-written H·v into arrays allocated once (floor)"},
        {"adjointHvp", "**Adjoint `mHvp`** (value, gradient, H·v)"},
        {"adjointHessian", "**Adjoint `mHessian`** (one `mHvp` per column)"},
        {"hipparchusHessian", "Hipparchus `DerivativeStructure`, order 2"},
        {"adjointJacobian", "**Adjoint `fJacobian`**, every 2 × 15 block"}
    };

    private static String handLabel(String key) {
        if (key.startsWith("HVP: ")) {
            return "hand-written H·v, new arrays (as `mHvp` returns)";
        }
        return key.startsWith("Hessian: ")
                ? "hand-written Hessian (2 × 2 blocks)"
                : "hand-written Jacobian, every block";
    }

    static List<Report.Row> rows(String key, Map<String, Report.Cell> c) {
        List<Report.Row> rows = new ArrayList<>();
        for (String[] label : LABELS) {
            Report.Cell cell = c.get(label[0]);
            if (cell != null) {
                String text = label[0].equals("handWritten") ? handLabel(key) : label[1];
                rows.add(new Report.Row(text, cell.median(), cell, ""));
            }
        }
        return rows;
    }

    /** One case: our rows, then {@code others} (PyTorch's), each ÷ objective and ÷ hand-written. */
    static String table(String key, Map<String, Report.Cell> c, List<Report.Row> others) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "### %s%n%n", key));
        sb.append("| way | time per call (median) | spread (min – max) | ÷ objective | ÷ hand-written "
                + "| allocated per call | note |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        double objective = median(c, "objective");
        double hand = median(c, "handWritten");
        List<Report.Row> all = new ArrayList<>(rows(key, c));
        all.addAll(others);
        for (Report.Row r : all) {
            boolean isObjective = r.label().startsWith("objective");
            boolean isHand = r.label().startsWith("hand-written") && r.label().equals(handLabel(key));
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s – %s | %s | %s | %s | %s |%n",
                    r.label(),
                    Report.time(r.micros()),
                    Report.time(r.measured().min()),
                    Report.time(r.measured().max()),
                    isObjective ? "1" : Report.ratio(r.micros() / objective),
                    isHand ? "1" : Report.ratio(r.micros() / hand),
                    Double.isNaN(r.measured().allocBytes())
                            ? "—"
                            : Report.bytes(r.measured().allocBytes()),
                    r.note()));
        }
        return sb.append('\n').toString();
    }
}
