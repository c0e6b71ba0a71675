package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report's grouping of the versions, its targets table and the PyTorch figures beside ours. */
class ReportTest {

    @Test
    void versionsGetTheirOwnCaseAndShareThePlainKey() {
        Map<String, Object> size = Map.of("size", "10,25,1000");
        assertEquals("GMM d,k,n=10,25,1000", Report.caseKey("GmmBench", size));
        String textbook = Report.caseKey("GmmTextbookBench", size);
        assertEquals("GMM (b) textbook, scratch vectors d,k,n=10,25,1000", textbook);
        assertEquals("GMM d,k,n=10,25,1000", Report.plainKey(textbook));
        assertEquals(Report.inputs("GMM d,k,n=10,25,1000"), Report.inputs(textbook));
        assertEquals("MLP (c) small helpers 784-128-10, batch 64", Report.caseKey("MlpHelpersBench", Map.of()));
        assertEquals("MLP 784-128-10, batch 64", Report.plainKey(Report.caseKey("MlpLayersBench", Map.of())));
        String lstm = Report.caseKey("LstmBench", Map.of("size", "2,1024,14"));
        assertEquals("LSTM l,c,b=2,1024,14", lstm);
        assertEquals(8 * 14 * 2 + 3 * 14, Report.inputs(lstm));
    }

    static Report.Cell cell(double median) {
        return new Report.Cell(median, median, median, Double.NaN);
    }

    @Test
    void targetsTableJudgesEachRatio() {
        Map<String, Map<String, Report.Cell>> cases = new LinkedHashMap<>();
        Map<String, Report.Cell> c = new LinkedHashMap<>();
        c.put("objective", cell(100));
        c.put("handWritten", cell(200));
        c.put("adjointReverse", cell(240));
        c.put("adjointForwardOnePass", cell(160));
        cases.put("GMM (c) small helpers d,k,n=10,25,1000", c);
        cases.put("Rosenbrock n=10", Map.of("objective", cell(1)));
        String t = StyleTargets.table(cases);
        assertTrue(t.contains("| GMM (c) small helpers d,k,n=10,25,1000 | 1.20× ✗ | 2.40× ✓ | 1.60× ✗ |"), t);
        assertTrue(!t.contains("Rosenbrock"), t);
        assertEquals("", StyleTargets.table(Map.of("Rosenbrock n=10", c)));
    }

    @Test
    void pytorchFiguresSitUnderEveryVersionOfTheirCase(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pytorch.json");
        assertTrue(PytorchFigures.load(file).isEmpty(), "absent file: no figures");
        Files.writeString(file, """
        {"torch": "2.1.0", "cores": 2, "results": [
          {"case": "MLP 784-128-10, batch 64", "what": "gradient", "threads": 1,
           "median_us": 6800.0, "min_us": 6700.0, "max_us": 7000.0, "repeats": 20}]}
        """);
        Map<String, List<Report.Row>> figures = PytorchFigures.load(file);
        List<Report.Row> rows =
                PytorchFigures.rowsFor("MLP (a) layer by layer, double[][] 784-128-10, batch 64", figures);
        assertEquals(1, rows.size());
        assertEquals("PyTorch 2.1.0, gradient, 1 thread", rows.get(0).label());
        Map<String, Report.Cell> ours = Map.of("objective", cell(3400), "handWritten", cell(5440));
        String table = Report.table("MLP 784-128-10, batch 64", ours, rows);
        assertTrue(
                table.contains("| PyTorch 2.1.0, gradient, 1 thread | 6.80 ms | 6.70 ms – 7.00 ms | 2.00× | 1.25× |"),
                table);
    }
}
