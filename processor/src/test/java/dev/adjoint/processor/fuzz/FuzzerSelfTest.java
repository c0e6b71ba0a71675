package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.fuzz.Ast.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests of the fuzzer itself: generation is reproducible, generated programs pass the analyzer,
 * and a simulated processor bug (a wrong reverse gradient for every method that calls
 * {@code Math.cosh}) is detected and shrunk to a tiny program.
 */
class FuzzerSelfTest {

  private static FuzzRunner.Config config(long seed, int count, int shrinks) {
    return new FuzzRunner.Config(seed, count, 40, 3, Feature.excluded(null), shrinks, 60_000, null);
  }

  @Test
  void generationIsReproducible() {
    FuzzRunner a = new FuzzRunner(config(42, 10, 0));
    FuzzRunner b = new FuzzRunner(config(42, 10, 0));
    for (int c = 0; c < 3; c++) {
      List<Method> ha = a.helpers(c);
      assertEquals(ha, b.helpers(c));
      for (int j = 0; j < 10; j++) {
        Method m = a.method(c, j, ha);
        assertEquals(m, b.method(c, j, ha));
        new Program(ha, m).validate(true);
      }
    }
  }

  @Test
  void simulatedBugIsFoundAndShrunk() {
    Checker.simulatedBug = m -> Ast.print(m, true, "").contains("cosh(");
    try {
      FuzzRunner.Report report = new FuzzRunner(config(7, 80, 1)).run();
      assertFalse(report.found().isEmpty(), "the simulated bug was not found");
      FuzzRunner.Found f = report.found().get(0);
      assertEquals(Checker.Kind.GRADIENT, f.failure().kind());
      assertNotNull(f.shrunk(), "not shrunk");
      Method small = f.shrunk().program().method();
      String text = f.report(7);
      assertTrue(Ast.print(small, true, "").contains("cosh("), text);
      int size = Ast.size(small.ret()) + small.body().size();
      assertTrue(size <= 4, "shrunk program is not small:\n" + text);
      assertTrue(f.shrunk().program().helpers().isEmpty(), text);
      System.out.println("[fuzz self-test] " + text);
    } finally {
      Checker.simulatedBug = null;
    }
  }

  @Test
  void excludeParsesFeaturesAndFunctions() {
    Set<String> ex = Feature.excluded("ARRAYS, fma,conditional");
    assertTrue(ex.containsAll(Set.of("ARRAYS", "fma", "CONDITIONAL")), ex.toString());
  }
}
