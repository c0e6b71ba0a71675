package dev.adjoint.processor.corpus;

import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.processor.corpus.CorpusCompilation.Outcome;
import dev.adjoint.processor.corpus.CorpusCompilation.Result;
import dev.adjoint.processor.corpus.CorpusSources.Library;
import dev.adjoint.processor.testing.GradCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 4: real numeric Java, annotated as it is written. Every library folder of
 * {@code src/test/resources/corpus} is compiled with the processor; each annotated method either
 * differentiates — and then its derivatives are checked in both modes against finite
 * differences at the points of points.tsv — or is rejected, with the diagnostic ids recorded.
 *
 * <p>Fails when: the processor crashes or reports [Adjoint.Internal]; a derivative is wrong; a
 * method has no points, or is not finite at them (checked for rejected methods too, so that their
 * points are ready when they start to differentiate); or a status differs from expected.tsv (a method that
 * differentiated and no longer does is a regression). When the processor learns more and methods
 * start to differentiate, regenerate expected.tsv and the README's summary with
 * {@code mvn -o -q -pl processor -am test -Dtest=CorpusTest -Dsurefire.failIfNoSpecifiedTests=false -Dadjoint.corpus.update=true}
 * (numeric checks still run and still fail the test); it also rewrites diagnostics.txt, every
 * message of every rejected method. Both are written to {@code target/corpus-summary.md} and
 * {@code target/corpus-diagnostics.txt} on every run.
 */
class CorpusTest {

    /** Default relative tolerance of a derivative against its finite difference; points.tsv may set another. */
    private static final double RTOL = GradCheck.FD_RTOL;

    @Test
    void corpusDifferentiatesAsExpected() throws Exception {
        Map<String, CorpusPoints.Entry> points = CorpusPoints.read(RTOL);
        Map<String, String> actual = new TreeMap<>();
        Map<String, List<Outcome>> byLibrary = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        List<Library> libraries = CorpusSources.libraries();
        for (Library library : libraries) byLibrary.put(library.name(), new ArrayList<>());
        Result result = CorpusCompilation.compile(CorpusSources.together(libraries));
        for (Outcome o : result.outcomes().values()) {
            byLibrary.get(o.method().file().library()).add(o);
            actual.put(o.method().key(), CorpusReport.line(o));
            CorpusPoints.Entry entry = points.get(o.method().key());
            if (entry == null) {
                wrong.add(o.method().key() + ": points.tsv gives no points to check it at");
                continue;
            }
            try {
                if (o.differentiates()) {
                    CorpusGradients.check(result.compiled(), o.method(), entry);
                } else {
                    CorpusGradients.checkPoints(result.compiled(), o.method(), entry);
                }
            } catch (AssertionError e) {
                wrong.add(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
        }
        String summary = CorpusReport.summary(byLibrary);
        String diagnostics = CorpusReport.diagnostics(byLibrary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/corpus-summary.md"), summary, StandardCharsets.UTF_8);
        Files.writeString(Path.of("target/corpus-diagnostics.txt"), diagnostics, StandardCharsets.UTF_8);
        System.out.println("Corpus summary (issue 16, point 4):\n" + summary);

        List<String> differences = CorpusReport.differences(CorpusReport.readExpected(), actual);
        if (Boolean.getBoolean("adjoint.corpus.update")) {
            CorpusReport.writeExpected(actual);
            CorpusReport.writeSummaryIntoReadme(summary);
            Files.writeString(CorpusReport.DIAGNOSTICS, diagnostics, StandardCharsets.UTF_8);
            differences = List.of();
        }
        StringBuilder failures = new StringBuilder();
        if (!wrong.isEmpty()) {
            failures.append("Wrong or unchecked derivatives:\n  ")
                    .append(String.join("\n  ", wrong))
                    .append('\n');
        }
        if (!differences.isEmpty()) {
            failures.append("The corpus's statuses differ from ")
                    .append(CorpusReport.EXPECTED)
                    .append(
                            " — a REGRESSION is a bug; otherwise, after checking the change is intended, update the file with\n"
                                    + "  mvn -o -q -pl processor -am test -Dtest=CorpusTest -Dsurefire.failIfNoSpecifiedTests=false"
                                    + " -Dadjoint.corpus.update=true\n  ")
                    .append(String.join("\n  ", differences))
                    .append('\n');
        }
        if (failures.length() > 0) {
            fail(failures.toString());
        }
    }
}
