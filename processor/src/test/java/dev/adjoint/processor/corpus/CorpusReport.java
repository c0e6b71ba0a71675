package dev.adjoint.processor.corpus;

import dev.adjoint.processor.corpus.CorpusCompilation.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus's bookkeeping: the status line of each method (as in expected.tsv), the comparison
 * with the committed expectations, and the summary table (share that differentiates, what blocks
 * the rest).
 */
final class CorpusReport {

    static final Path EXPECTED = CorpusSources.ROOT.resolve("expected.tsv");
    static final Path README = CorpusSources.ROOT.resolve("README.md");
    static final Path DIAGNOSTICS = CorpusSources.ROOT.resolve("diagnostics.txt");
    static final String SUMMARY_START = "<!-- summary: written by CorpusTest with -Dadjoint.corpus.update=true -->";
    static final String SUMMARY_END = "<!-- end of summary -->";

    static final String DIFFERENTIATES = "differentiates";
    /** Rejected for a construct of its own. */
    static final String REJECTED = "rejected";
    /** Rejected only because a method it calls is rejected (its annotation then removed). */
    static final String REJECTED_CALLEE = "rejected-callee";

    private CorpusReport() {}

    /** {@code status<TAB>ids} of one outcome. */
    static String line(Outcome o) {
        String status = o.differentiates() ? DIFFERENTIATES : o.round() == 1 ? REJECTED : REJECTED_CALLEE;
        return status + "\t" + (o.ids().isEmpty() ? "-" : String.join(",", o.ids()));
    }

    static Map<String, String> readExpected() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String l : Files.readAllLines(EXPECTED, StandardCharsets.UTF_8)) {
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                int tab = l.indexOf('\t');
                out.put(l.substring(0, tab), l.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void writeExpected(Map<String, String> actual) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# method\tstatus\tdiagnostic ids — checked by CorpusTest; regenerate with\n");
        out.append(
                "# mvn -o -q -pl processor -am test -Dtest=CorpusTest -Dsurefire.failIfNoSpecifiedTests=false -Dadjoint.corpus.update=true\n");
        actual.forEach((k, v) -> out.append(k).append('\t').append(v).append('\n'));
        Files.writeString(EXPECTED, out.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Differences between the committed expectations and this run, one per line; a method that
     * differentiated and no longer does is marked as a regression.
     */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : actual.entrySet()) {
            String was = expected.get(e.getKey());
            if (was == null) {
                out.add("new method " + e.getKey() + ": " + e.getValue());
            } else if (!was.equals(e.getValue())) {
                boolean regression =
                        was.startsWith(DIFFERENTIATES) && !e.getValue().startsWith(DIFFERENTIATES);
                out.add((regression ? "REGRESSION " : "changed ") + e.getKey() + ": expected " + was + ", now "
                        + e.getValue());
            }
        }
        for (String k : expected.keySet()) {
            if (!actual.containsKey(k)) {
                out.add("gone from the corpus: " + k);
            }
        }
        return out;
    }

    /** The summary table in Markdown. */
    static String summary(Map<String, List<Outcome>> byLibrary) {
        StringBuilder out = new StringBuilder();
        out.append("| library | methods | differentiate as written | share |\n| --- | ---: | ---: | ---: |\n");
        int total = 0;
        int ok = 0;
        Map<String, int[]> blockers = new TreeMap<>();
        for (Map.Entry<String, List<Outcome>> e : byLibrary.entrySet()) {
            int n = e.getValue().size();
            int d = (int) e.getValue().stream().filter(Outcome::differentiates).count();
            out.append(row(e.getKey(), n, d));
            total += n;
            ok += d;
            for (Outcome o : e.getValue()) {
                for (String id : o.ids()) {
                    blockers.computeIfAbsent(id, k -> new int[2])[o.round() == 1 ? 0 : 1]++;
                }
            }
        }
        out.append(row("**all**", total, ok));
        out.append(
                "\n| blocker (diagnostic id) | methods rejected for their own code | methods rejected through a rejected callee |\n"
                        + "| --- | ---: | ---: |\n");
        blockers.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(b -> out.append("| ")
                        .append(b.getKey())
                        .append(" | ")
                        .append(b.getValue()[0])
                        .append(" | ")
                        .append(b.getValue()[1])
                        .append(" |\n"));
        Map<String, int[]> details = new TreeMap<>();
        for (List<Outcome> outcomes : byLibrary.values()) {
            for (Outcome o : outcomes) {
                new TreeSet<>(o.messages().stream().map(CorpusReport::detail).toList())
                        .forEach(d -> details.computeIfAbsent(d, k -> new int[2])[o.round() == 1 ? 0 : 1]++);
            }
        }
        out.append(
                "\n| blocker in detail (from the messages) | own code | through a callee |\n| --- | ---: | ---: |\n");
        details.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(b -> out.append("| ")
                        .append(b.getKey())
                        .append(" | ")
                        .append(b.getValue()[0])
                        .append(" | ")
                        .append(b.getValue()[1])
                        .append(" |\n"));
        Map<String, Integer> census = new TreeMap<>();
        int plain = 0;
        for (List<Outcome> outcomes : byLibrary.values()) {
            for (Outcome o : outcomes) {
                o.method().constructs().forEach(c -> census.merge(c, 1, Integer::sum));
                plain += o.method().constructs().isEmpty() ? 1 : 0;
            }
        }
        out.append(
                "\n| construct in the declaration or body (read from the source, whatever the processor reports) | methods |\n"
                        + "| --- | ---: |\n");
        census.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .forEach(c -> out.append("| ")
                        .append(c.getKey())
                        .append(" | ")
                        .append(c.getValue())
                        .append(" |\n"));
        out.append("| none of these | ").append(plain).append(" |\n");
        out.append(
                "\nA method may show several ids. \"Through a rejected callee\": the method's own code is accepted, but it "
                        + "calls a corpus method that is rejected, so the call is opaque once that method's annotation is removed.\n");
        return out.toString();
    }

    /** Every message of every rejected method, by method, with the line of the file it points at. */
    static String diagnostics(Map<String, List<Outcome>> byLibrary) {
        StringBuilder out = new StringBuilder(
                "# The processor's messages for each rejected corpus method (written by CorpusTest)\n");
        for (List<Outcome> outcomes : byLibrary.values()) {
            for (Outcome o : outcomes) {
                if (o.differentiates()) {
                    continue;
                }
                out.append('\n')
                        .append(o.method().key())
                        .append("  [")
                        .append(line(o).replace('\t', ' '))
                        .append("]\n");
                for (String m : o.messages()) {
                    out.append("  ").append(m.replace("\n", "\n  ")).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static final Pattern OPAQUE = Pattern.compile("\\[Adjoint\\.OpaqueCall\\] (\\w+)\\.(\\w+) receives");
    private static final Pattern UNSUPPORTED =
            Pattern.compile("\\[Adjoint\\.(Statement|Expression)\\] (.{1,60}?) is not supported");
    private static final Pattern ID = Pattern.compile("\\[Adjoint\\.(\\w+)\\]( (field|method))?");

    /**
     * A finer name for what a message blames: which kind of call is opaque (FastMath, a
     * {@code Double} predicate or bit function, another method of the library), which construct is
     * unsupported, whether a private field or a private method is out of reach.
     */
    static String detail(String message) {
        Matcher opaque = OPAQUE.matcher(message);
        if (opaque.find()) {
            String owner = opaque.group(1);
            return "OpaqueCall: "
                    + (owner.equals("FastMath")
                            ? "FastMath.*"
                            : owner.equals("Double")
                                    ? "Double." + opaque.group(2)
                                    : "a library method that is not @Differentiable");
        }
        Matcher unsupported = UNSUPPORTED.matcher(message);
        if (unsupported.find()) {
            return unsupported.group(1) + ": " + unsupported.group(2);
        }
        Matcher id = ID.matcher(message);
        if (id.find()) {
            return id.group(1).equals("Private") && id.group(3) != null
                    ? "Private: a private " + id.group(3)
                    : id.group(1);
        }
        return "(no id)";
    }

    private static String row(String name, int n, int d) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f %% |%n", name, n, d, n == 0 ? 0.0 : 100.0 * d / n);
    }

    /** Replaces the summary between its markers in the corpus README. */
    static void writeSummaryIntoReadme(String summary) throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int start = text.indexOf(SUMMARY_START);
        int end = text.indexOf(SUMMARY_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(README + " has no summary markers");
        }
        Files.writeString(
                README,
                text.substring(0, start + SUMMARY_START.length()) + "\n\n" + summary + "\n" + text.substring(end),
                StandardCharsets.UTF_8);
    }
}
