package dev.adjoint.processor.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.corpus.CorpusCompilation.Outcome;
import dev.adjoint.processor.corpus.CorpusCompilation.Result;
import dev.adjoint.processor.corpus.CorpusSources.Library;
import dev.adjoint.processor.testing.GradCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The corpus's second figure, clearly apart from the headline "as written": Commons Statistics
 * compiled with a file of {@code @DerivativeOf} rules written by us
 * ({@code src/test/resources/corpus-rules/CommonsNumbersRules.java}) for the Commons Numbers
 * functions its distributions call from the jar. The verbatim sources are not touched. Every
 * method that differentiates is checked against finite differences in both modes, as in
 * {@link CorpusTest}.
 */
class CorpusWithRulesTest {
    static final Path RULES = Path.of("src/test/resources/corpus-rules/CommonsNumbersRules.java");

    /** How many of the 38 Commons Statistics methods differentiate with the rules file (26 as written). */
    static final int WITH_RULES = 36;

    /**
     * How many of them differentiate when Commons Statistics is compiled on its own, against the
     * Commons Numbers jar, without rules: {@link CorpusTest} compiles the corpus as one codebase,
     * where its calls reach the Commons Numbers copies; this is the figure without them.
     */
    static final int ALONE = 26;

    private static Library statistics() {
        return CorpusSources.libraries().stream()
                .filter(l -> l.name().startsWith("commons-statistics"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void commonsStatisticsAloneAgainstTheJar() {
        Result result = CorpusCompilation.compile(statistics());
        long differentiating = result.outcomes().values().stream()
                .filter(Outcome::differentiates)
                .count();
        assertEquals(ALONE, differentiating, "Commons Statistics compiled alone against the Commons Numbers jar");
    }

    @Test
    void commonsStatisticsWithARulesFile() throws Exception {
        Library statistics = statistics();
        String rules = Files.readString(RULES, StandardCharsets.UTF_8);
        Result result = CorpusCompilation.compile(statistics, List.of(rules));
        Map<String, CorpusPoints.Entry> points = CorpusPoints.read(GradCheck.FD_RTOL);
        List<String> wrong = new ArrayList<>();
        TreeSet<String> differentiating = new TreeSet<>();
        TreeSet<String> rejected = new TreeSet<>();
        for (Outcome o : result.outcomes().values()) {
            if (!o.differentiates()) {
                rejected.add(o.method().key() + " " + o.ids());
                continue;
            }
            differentiating.add(o.method().key());
            try {
                CorpusGradients.check(
                        result.compiled(), o.method(), points.get(o.method().key()));
            } catch (AssertionError e) {
                wrong.add(e.getMessage());
            }
        }
        String report = "With " + RULES.getFileName() + ": " + differentiating.size() + " of "
                + result.outcomes().size() + " Commons Statistics methods differentiate; still rejected:\n  "
                + String.join("\n  ", rejected) + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/corpus-with-rules.txt"), report, StandardCharsets.UTF_8);
        assertTrue(wrong.isEmpty(), "wrong derivatives with the rules file:\n" + String.join("\n", wrong));
        assertEquals(WITH_RULES, differentiating.size(), report);
    }
}
