package dev.adjoint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result file into the tables of BENCHMARKS.md (median time per call, spread
 * over the measurement iterations, ratios, allocation per call), the table of each objective
 * version's ratios against issue 17's targets ({@link StyleTargets}), and the SVG plot of the
 * gradient/objective ratio against n for Rosenbrock. When PyTorch's figures for the same
 * objectives are present ({@code pytorch.json} beside the JMH file, or the third argument; see
 * {@link PytorchFigures}), each table shows them under ours. Issue 15's second-order and Jacobian
 * cases get their own tables ({@link SecondOrderTables}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.adjoint.benchmarks.Report results/jmh.json results/ [results/pytorch.json]</pre>
 */
public final class Report {
    private Report() {}

    /** One benchmark result: times in microseconds. */
    record Cell(double median, double min, double max, double allocBytes) {}

    public static void main(String[] args) throws IOException {
        Path json = Path.of(args.length > 0 ? args[0] : "results/jmh.json");
        Path outDir = Path.of(args.length > 1 ? args[1] : "results");
        Files.createDirectories(outDir);
        Path torch = args.length > 2 ? Path.of(args[2]) : json.resolveSibling("pytorch.json");
        Map<String, Map<String, Cell>> cases = load(json);
        Map<String, List<Row>> pytorch = PytorchFigures.load(torch);
        Map<String, Map<String, Cell>> secondOrder = SecondOrderTables.takeFrom(cases);
        StringBuilder md = new StringBuilder(StyleTargets.table(cases));
        for (Map.Entry<String, Map<String, Cell>> e : cases.entrySet()) {
            md.append(table(e.getKey(), e.getValue(), PytorchFigures.rowsFor(e.getKey(), pytorch)));
        }
        md.append(SecondOrderTables.tables(secondOrder, pytorch));
        Files.writeString(outDir.resolve("tables.md"), md);
        Files.writeString(outDir.resolve("rosenbrock-ratio.svg"), plot(cases));
        System.out.print(md);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Cell>> load(Path json) throws IOException {
        Map<String, Map<String, Cell>> cases = new LinkedHashMap<>();
        List<Object> runs = (List<Object>) Json.parse(Files.readString(json));
        for (Object o : runs) {
            Map<String, Object> run = (Map<String, Object>) o;
            String bench = (String) run.get("benchmark");
            String[] parts = bench.split("\\.");
            String cls = parts[parts.length - 2];
            String method = parts[parts.length - 1];
            Map<String, Object> params = (Map<String, Object>) run.getOrDefault("params", Map.of());
            String key = caseKey(cls, params);
            Map<String, Object> pm = (Map<String, Object>) run.get("primaryMetric");
            double scale = unitToMicros((String) pm.get("scoreUnit"));
            List<Double> raw = new ArrayList<>();
            for (Object fork : (List<Object>) pm.get("rawData")) {
                for (Object v : (List<Object>) fork) {
                    raw.add(((Double) v) * scale);
                }
            }
            double[] r = raw.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
            double alloc = Double.NaN;
            Map<String, Object> sec = (Map<String, Object>) run.get("secondaryMetrics");
            if (sec != null) {
                for (Map.Entry<String, Object> m : sec.entrySet()) {
                    if (m.getKey().endsWith("gc.alloc.rate.norm")) {
                        alloc = (Double) ((Map<String, Object>) m.getValue()).get("score");
                    }
                }
            }
            cases.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .put(method, new Cell(median, r[0], r[r.length - 1], alloc));
        }
        return cases;
    }

    /**
     * The independently written versions of an objective (issue 17), by bench class: the label
     * that goes between the objective's name and its size in the case key.
     */
    static final Map<String, String> VERSIONS = Map.of(
            "GmmLoopsBench", "(a) ADBench loops, double[][]",
            "GmmTextbookBench", "(b) textbook, scratch vectors",
            "GmmHelpersBench", "(c) small helpers",
            "MlpLayersBench", "(a) layer by layer, double[][]",
            "MlpPerSampleBench", "(b) per sample, input-major",
            "MlpHelpersBench", "(c) small helpers");

    /** The case a bench class and its parameters measure: objective, version, size. */
    static String caseKey(String cls, Map<String, Object> params) {
        if (SecondOrderTables.owns(cls)) {
            return SecondOrderTables.caseKey(cls, params);
        }
        String version = VERSIONS.containsKey(cls) ? " " + VERSIONS.get(cls) : "";
        if (cls.startsWith("Rosenbrock")) {
            return "Rosenbrock n=" + params.get("n");
        } else if (cls.startsWith("Gmm")) {
            return "GMM" + version + " d,k,n=" + params.get("size");
        } else if (cls.startsWith("Lstm")) {
            return "LSTM l,c,b=" + params.get("size");
        }
        return "MLP" + version + " 784-128-10, batch 64";
    }

    /** A case key without its version label: the key PyTorch's figures are filed under. */
    static String plainKey(String key) {
        for (String v : VERSIONS.values()) {
            key = key.replace(" " + v, "");
        }
        return key;
    }

    private static double unitToMicros(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-3;
            case "us/op" -> 1;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** Number of differentiated inputs of a case. */
    static long inputs(String key) {
        if (key.startsWith("Rosenbrock")) {
            return Long.parseLong(key.substring(key.indexOf('=') + 1));
        }
        if (key.startsWith("GMM")) {
            String[] s = key.substring(key.indexOf('=') + 1).split(",");
            long d = Long.parseLong(s[0]);
            long k = Long.parseLong(s[1]);
            return k + k * d + k * d * (d + 1) / 2;
        }
        if (key.startsWith("LSTM")) {
            String[] s = key.substring(key.indexOf('=') + 1).split(",");
            long l = Long.parseLong(s[0]);
            long b = Long.parseLong(s[2]);
            return 8 * b * l + 3 * b;
        }
        return 784L * 128 + 128L * 10;
    }

    /** A row: label, time (µs), spread or null when extrapolated, alloc. */
    record Row(String label, double micros, Cell measured, String note) {}

    static List<Row> rows(String key, Map<String, Cell> c) {
        long n = inputs(key);
        List<Row> rows = new ArrayList<>();
        add(rows, "objective alone", c.get("objective"), "");
        add(rows, "hand-written gradient (floor)", c.get("handWritten"), "");
        add(rows, "**Adjoint reverse mode**", c.get("adjointReverse"), "");
        full(
                rows,
                "Adjoint forward mode, " + n + " passes",
                c.get("adjointForward"),
                c.get("adjointForwardOnePass"),
                n);
        add(rows, "Adjoint forward mode, one pass", c.get("adjointForwardOnePass"), "one directional derivative");
        full(
                rows,
                "Hipparchus `Gradient`, " + n + " free parameters",
                c.get("hipparchus"),
                c.get("hipparchusOnePass"),
                n);
        add(
                rows,
                "Hipparchus `Gradient`, one free parameter",
                c.get("hipparchusOnePass"),
                "one directional derivative");
        full(
                rows,
                "central finite differences, " + (2 * n) + " evaluations",
                c.get("finiteDifferences"),
                c.get("objective"),
                2 * n);
        return rows;
    }

    private static void add(List<Row> rows, String label, Cell cell, String note) {
        if (cell != null) {
            rows.add(new Row(label, cell.median, cell, note));
        }
    }

    private static void full(List<Row> rows, String label, Cell measured, Cell perPass, long passes) {
        String perPassLabel = label.startsWith("central") ? "the objective" : "one pass";
        if (measured != null) {
            rows.add(new Row(label, measured.median, measured, ""));
        } else if (perPass != null) {
            rows.add(new Row(
                    label,
                    passes * perPass.median,
                    null,
                    String.format(Locale.ROOT, "extrapolated: %,d × %s (too long to run)", passes, perPassLabel)));
        }
    }

    static String table(String key, Map<String, Cell> c) {
        return table(key, c, List.of());
    }

    /** The case's table: our rows, then {@code others} (PyTorch's) with the same ratios. */
    static String table(String key, Map<String, Cell> c, List<Row> others) {
        StringBuilder sb = new StringBuilder();
        long n = inputs(key);
        sb.append(String.format(Locale.ROOT, "### %s (%,d inputs)%n%n", key, n));
        sb.append(
                "| way to get the gradient | time per call (median) | spread (min – max) | ÷ objective | ÷ hand-written | allocated per call | note |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        double obj = c.containsKey("objective") ? c.get("objective").median : Double.NaN;
        double hand = c.containsKey("handWritten") ? c.get("handWritten").median : Double.NaN;
        List<Row> all = new ArrayList<>(rows(key, c));
        all.addAll(others);
        for (Row r : all) {
            String spread = r.measured == null ? "—" : time(r.measured.min) + " – " + time(r.measured.max);
            String alloc =
                    r.measured == null || Double.isNaN(r.measured.allocBytes) ? "—" : bytes(r.measured.allocBytes);
            boolean isObjective = r.label.startsWith("objective");
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s%s | %s | %s | %s | %s | %s |%n",
                    r.label,
                    r.measured == null ? "≈ " : "",
                    time(r.micros),
                    spread,
                    isObjective ? "1" : ratio(r.micros / obj),
                    isObjective ? "" : ratio(r.micros / hand),
                    alloc,
                    r.note));
        }
        sb.append('\n');
        return sb.toString();
    }

    static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "";
        }
        return r >= 100 ? String.format(Locale.ROOT, "%,.0f×", r) : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String time(double micros) {
        if (micros < 1) {
            return String.format(Locale.ROOT, "%.1f ns", micros * 1e3);
        }
        if (micros < 1e3) {
            return String.format(Locale.ROOT, "%.3g µs", micros);
        }
        if (micros < 1e6) {
            return String.format(Locale.ROOT, "%.3g ms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g s", micros / 1e6);
    }

    static String bytes(double b) {
        if (b < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        if (b < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
    }

    // ---------------------------------------------------------------- the plot

    /** Gradient/objective ratio against n for Rosenbrock; hollow markers are extrapolated. */
    static String plot(Map<String, Map<String, Cell>> cases) {
        String[][] series = {
            {"Adjoint reverse", "#1b7837"},
            {"hand-written", "#777777"},
            {"Adjoint forward (n passes)", "#2166ac"},
            {"Hipparchus Gradient", "#b2182b"},
            {"central differences", "#e08214"}
        };
        Map<String, List<double[]>> pts = new LinkedHashMap<>(); // {n, ratio, measured?1:0}
        for (String[] s : series) {
            pts.put(s[0], new ArrayList<>());
        }
        for (Map.Entry<String, Map<String, Cell>> e : cases.entrySet()) {
            if (!e.getKey().startsWith("Rosenbrock")) {
                continue;
            }
            long n = inputs(e.getKey());
            Map<String, Cell> c = e.getValue();
            double obj = c.get("objective").median;
            for (Row r : rows(e.getKey(), c)) {
                String s = r.label.startsWith("**Adjoint reverse")
                        ? "Adjoint reverse"
                        : r.label.startsWith("hand-written")
                                ? "hand-written"
                                : r.label.startsWith("Adjoint forward mode, " + n)
                                        ? "Adjoint forward (n passes)"
                                        : r.label.startsWith("Hipparchus `Gradient`, " + n)
                                                ? "Hipparchus Gradient"
                                                : r.label.startsWith("central") ? "central differences" : null;
                if (s != null) {
                    pts.get(s).add(new double[] {n, r.micros / obj, r.measured != null ? 1 : 0});
                }
            }
        }
        int w = 720;
        int h = 480;
        int left = 70;
        int right = 220;
        int top = 40;
        int bottom = 60;
        double xmin = 1;
        double xmax = 5;
        double lo = 0;
        double hi = 1;
        for (List<double[]> l : pts.values()) {
            for (double[] p : l) {
                hi = Math.max(hi, Math.ceil(Math.log10(p[1])));
                lo = Math.min(lo, Math.floor(Math.log10(p[1])));
            }
        }
        final double ymin = lo;
        final double ymax = hi;
        double pw = w - left - right;
        double ph = h - top - bottom;
        java.util.function.DoubleUnaryOperator px = v -> left + (Math.log10(v) - xmin) / (xmax - xmin) * pw;
        java.util.function.DoubleUnaryOperator py = v -> top + (ymax - Math.log10(v)) / (ymax - ymin) * ph;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                w,
                h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"22\" font-size=\"14\">Extended Rosenbrock: time of a gradient ÷ time of the objective</text>%n",
                left));
        for (int e = (int) ymin; e <= ymax; e++) {
            double y = py.applyAsDouble(Math.pow(10, e));
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    left,
                    left + pw,
                    y,
                    y));
            sb.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>%n", left - 6, y + 4, e));
        }
        for (int e = (int) xmin; e <= xmax; e++) {
            double x = px.applyAsDouble(Math.pow(10, e));
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x,
                    x,
                    top,
                    top + ph));
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">1e%d</text>%n",
                    x,
                    top + ph + 18,
                    e));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"black\"/>%n",
                left,
                top,
                pw,
                ph));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">n (number of inputs)</text>%n",
                left + pw / 2,
                h - 15));
        sb.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">gradient time ÷ objective time</text>%n",
                top + ph / 2));
        int li = 0;
        for (String[] s : series) {
            List<double[]> l = pts.get(s[0]);
            l.sort((a, b) -> Double.compare(a[0], b[0]));
            StringBuilder path = new StringBuilder();
            for (double[] p : l) {
                path.append(path.length() == 0 ? "M" : " L")
                        .append(String.format(
                                Locale.ROOT, "%.1f %.1f", px.applyAsDouble(p[0]), py.applyAsDouble(p[1])));
            }
            sb.append(String.format(
                    Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, s[1]));
            for (double[] p : l) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" stroke=\"%s\" stroke-width=\"2\" fill=\"%s\"><title>%s n=%.0f: %.3g×%s</title></circle>%n",
                        px.applyAsDouble(p[0]),
                        py.applyAsDouble(p[1]),
                        s[1],
                        p[2] == 1 ? s[1] : "white",
                        s[0],
                        p[0],
                        p[1],
                        p[2] == 1 ? "" : " (extrapolated)"));
            }
            double ly = top + 10 + 22 * li++;
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    left + pw + 12,
                    left + pw + 36,
                    ly,
                    ly,
                    s[1]));
            sb.append(String.format(
                    Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", left + pw + 42, ly + 4, s[0]));
        }
        double ly = top + 10 + 22 * li + 10;
        sb.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"black\"/><text x=\"%.1f\" y=\"%.1f\">measured</text>%n",
                left + pw + 24,
                ly,
                left + pw + 42,
                ly + 4));
        sb.append(String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"white\" stroke=\"black\" stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\">extrapolated</text>%n",
                left + pw + 24,
                ly + 22,
                left + pw + 42,
                ly + 26));
        sb.append("</svg>\n");
        return sb.toString();
    }

    static String join(double[] a) {
        return Arrays.toString(a);
    }
}
