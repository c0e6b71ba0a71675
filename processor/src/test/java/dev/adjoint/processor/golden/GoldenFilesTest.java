package dev.adjoint.processor.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.TestCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated source of three small methods, compared with reviewed copies in
 * {@code src/test/resources/golden/}. They document what Adjoint emits: when a change to the
 * generator alters them, read the diff like documentation, then refresh the copies with
 * {@code mvn -pl processor -am test -Dtest=GoldenFilesTest -Dadjoint.updateGolden=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GoldenFilesTest {
  private static final Path DIR = Path.of("src/test/resources/golden");

  @ParameterizedTest
  @ValueSource(strings = {"Rosenbrock", "Chain", "Piecewise"})
  void generatedSourceMatchesReviewedCopy(String name) throws IOException {
    String source = Files.readString(DIR.resolve(name + ".java"), StandardCharsets.UTF_8);
    String generated = TestCompiler.compile(source).generatedSource("golden." + name + "Grad");
    Path golden = DIR.resolve(name + "Grad.java.txt");
    if (Boolean.getBoolean("adjoint.updateGolden")) Files.writeString(golden, generated, StandardCharsets.UTF_8);
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated,
        "generated source of " + name + " changed; review it and refresh the golden copy (see class javadoc)");
  }
}
