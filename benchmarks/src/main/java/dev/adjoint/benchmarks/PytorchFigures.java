package dev.adjoint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PyTorch's times for the same objectives, written by {@code benchmarks/pytorch/run.py} into
 * {@code results/pytorch.json}, read so that {@link Report} can put them beside ours. The file:
 *
 * <pre>
 * {"torch": "2.x", "cores": 2, "results": [
 *   {"case": "GMM d,k,n=10,25,1000", "what": "objective" | "gradient", "threads": 1,
 *    "median_us": ..., "min_us": ..., "max_us": ..., "cpu_median_us": ..., "repeats": ...}, ...]}
 * </pre>
 *
 * <p>{@code case} is spelled as {@link Report}'s case keys; a case of ours written in several
 * versions ({@code "GMM (b) textbook d,k,n=10,25,1000"}) gets the figures of its plain key.
 */
final class PytorchFigures {
    private PytorchFigures() {}

    /** PyTorch's rows for each case key, in file order; empty when the file is absent. */
    @SuppressWarnings("unchecked")
    static Map<String, List<Report.Row>> load(Path file) throws IOException {
        Map<String, List<Report.Row>> byCase = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return byCase;
        }
        Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(file));
        String version = String.valueOf(root.getOrDefault("torch", "?"));
        for (Object o : (List<Object>) root.get("results")) {
            Map<String, Object> r = (Map<String, Object>) o;
            int threads = ((Double) r.get("threads")).intValue();
            String label = String.format(
                    Locale.ROOT,
                    "PyTorch %s, %s, %d thread%s",
                    version,
                    r.get("what"),
                    threads,
                    threads == 1 ? "" : "s");
            Report.Cell cell = new Report.Cell(
                    (Double) r.get("median_us"), (Double) r.get("min_us"), (Double) r.get("max_us"), Double.NaN);
            // the process's CPU time per call, when run.py recorded it: the steadier figure on a shared machine
            Object cpu = r.get("cpu_median_us");
            String note = cpu == null ? "float64, run.py" : "float64, run.py; CPU time " + Report.time((Double) cpu);
            byCase.computeIfAbsent((String) r.get("case"), k -> new ArrayList<>())
                    .add(new Report.Row(label, cell.median(), cell, note));
        }
        return byCase;
    }

    /** The rows for one of our cases: those of its key with the version label taken out. */
    static List<Report.Row> rowsFor(String key, Map<String, List<Report.Row>> figures) {
        return figures.getOrDefault(Report.plainKey(key), List.of());
    }
}
