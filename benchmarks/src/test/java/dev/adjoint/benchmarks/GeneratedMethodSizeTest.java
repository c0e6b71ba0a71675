package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No generated method may exceed HotSpot's 8,000-byte limit for JIT compilation: reads the
 * class files of the generated {@code *Grad} classes of this module.
 */
class GeneratedMethodSizeTest {

  static List<String> tooBig(Class<?> c) throws IOException {
    String res = c.getSimpleName() + ".class";
    try (InputStream in = c.getResourceAsStream(res)) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, Integer> m : ClassFileSizes.codeLengths(in.readAllBytes()).entrySet()) {
        if (m.getValue() > ClassFileSizes.HUGE_METHOD_LIMIT) {
          out.add(c.getSimpleName() + "." + m.getKey() + " = " + m.getValue() + " bytes");
        }
      }
      return out;
    }
  }

  @Test
  void benchmarkObjectives() throws IOException {
    List<String> big = new ArrayList<>();
    for (Class<?> c : List.of(RosenbrockGrad.class, GmmGrad.class, MlpGrad.class)) {
      big.addAll(tooBig(c));
    }
    assertTrue(big.isEmpty(), "methods over " + ClassFileSizes.HUGE_METHOD_LIMIT + " bytes: " + big);
  }
}
