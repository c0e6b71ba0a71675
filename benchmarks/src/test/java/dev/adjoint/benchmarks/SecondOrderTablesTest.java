package dev.adjoint.benchmarks;

import static dev.adjoint.benchmarks.ReportTest.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 15's cases get their own keys, are taken out of the first-order tables, and are judged. */
class SecondOrderTablesTest {

    @Test
    void casesAreKeyedAndTakenApart() {
        assertEquals(
                "HVP: GMM (a) loops d,k,n=10,25,1000", Report.caseKey("HvpGmmBench", Map.of("size", "10,25,1000")));
        assertEquals("HVP: Rosenbrock n=100000", Report.caseKey("HvpRosenbrockBench", Map.of("n", "100000")));
        assertEquals("Hessian: Rosenbrock n=10", Report.caseKey("HessianRosenbrockBench", Map.of("n", "10")));
        assertEquals("Rosenbrock n=10", Report.caseKey("RosenbrockBench", Map.of("n", "10")));
        Map<String, Map<String, Report.Cell>> cases = new LinkedHashMap<>();
        cases.put("Rosenbrock n=10", Map.of("objective", cell(1)));
        cases.put("HVP: MLP 784-128-10, batch 64", Map.of("objective", cell(1)));
        Map<String, Map<String, Report.Cell>> ours = SecondOrderTables.takeFrom(cases);
        assertEquals(List.of("Rosenbrock n=10"), List.copyOf(cases.keySet()));
        assertEquals(List.of("HVP: MLP 784-128-10, batch 64"), List.copyOf(ours.keySet()));
        assertEquals("", SecondOrderTables.tables(Map.of(), Map.of()));
    }

    @Test
    void targetsJudgeEachRatioAndTablesShowPytorch() {
        Map<String, Map<String, Report.Cell>> cases = new LinkedHashMap<>();
        cases.put("HVP: MLP 784-128-10, batch 64", Map.of("objective", cell(100), "adjointHvp", cell(420)));
        cases.put("HVP: Rosenbrock n=100000", Map.of("handWritten", cell(100), "adjointHvp", cell(160)));
        cases.put(
                "Jacobian: BA cameras,points,observations=20,2000,10000",
                Map.of("objective", cell(50), "handWritten", cell(100), "adjointJacobian", cell(140)));
        Report.Row torch = new Report.Row("PyTorch 1.13, hvp, 1 thread", 800, cell(800), "float64, run.py");
        String md = SecondOrderTables.tables(cases, Map.of("HVP: MLP 784-128-10, batch 64", List.of(torch)));
        assertTrue(md.contains("| HVP: MLP 784-128-10, batch 64 | `mHvp` ÷ objective | ≤ 5.0× | 4.20× ✓ |"), md);
        assertTrue(md.contains("| `mHvp` ÷ hand-written H·v | ≤ 1.5× | 1.60× ✗ |"), md);
        assertTrue(md.contains("| `fJacobian` ÷ hand-written Jacobian | ≤ 1.5× | 1.40× ✓ |"), md);
        assertTrue(md.contains("| PyTorch 1.13, hvp, 1 thread | 800 µs | 800 µs – 800 µs | 8.00× |"), md);
        assertTrue(md.contains("| hand-written Jacobian, every block | 100 µs | 100 µs – 100 µs | 2.00× | 1 |"), md);
    }
}
