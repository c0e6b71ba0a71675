package dev.adjoint.processor.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import dev.adjoint.processor.diagnostics.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The repository's documents stand on their own: every relative link of its Markdown files (the
 * README, BENCHMARKS.md, docs/, …) leads to a file (and heading) of the repository, no link leaves
 * it for a sibling folder, and every example of docs/DIAGNOSTICS.md gives the id it illustrates
 * while its fix compiles cleanly.
 */
class DocumentsTest {
    /** {@code [text](target)} and {@code ![alt](target)}; a target ends at a space or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("(?m)^## `\\[Adjoint\\.(\\w+)\\]`");
    /** An id in a string literal of the processor's sources: {@code "[Adjoint.Graphs] …"}. */
    private static final Pattern PRINTED_ID = Pattern.compile("\"\\[Adjoint\\.(\\w+)\\]");

    private static final Pattern CLASS = Pattern.compile("(?m)^(?:final |public |abstract )*class (\\w+)");

    /** Ids whose example cannot be one source file; the test named in each section shows them. */
    /** Ids with no example to compile: too large to show, about the build itself, thrown at run time (SeedLength), or needing two builds (CalleeOrder, RuleOrder). */
    private static final Set<String> WITHOUT_EXAMPLE = Set.of(
            "CalleeNames",
            "TooLarge",
            "NeedsJavac",
            "Graphs",
            "Options",
            "Internal",
            "SeedLength",
            "CalleeOrder",
            "RuleOrder");

    static final Path ROOT = findRoot();

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !(Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("processor")))) {
            dir = dir.getParent();
        }
        if (dir == null)
            throw new IllegalStateException(
                    "no repository root above " + Path.of("").toAbsolutePath());
        return dir;
    }

    /** Every Markdown file of the repository, build output ({@code target/}) and hidden folders left out. */
    private static List<Path> documents() {
        List<Path> docs = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName().toString();
                    boolean skip = !dir.equals(ROOT) && (name.equals("target") || name.startsWith("."));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.toString().endsWith(".md")) docs.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!docs.contains(ROOT.resolve("README.md")) || !docs.contains(ROOT.resolve("docs/API.md"))) {
            throw new IllegalStateException("README.md and docs/API.md not among " + docs);
        }
        docs.sort(null);
        return docs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRelativeLinkLeadsToAFileOrHeadingInTheRepository() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            String text = FENCE.matcher(read(doc)).replaceAll(""); // links inside code are not links
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) continue; // an outside address, named as such (https:, mailto:)
                checked++;
                String where = ROOT.relativize(doc) + ": " + target;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                if (!file.startsWith(ROOT)) {
                    broken.add(where + " (leaves the repository)");
                } else if (!Files.exists(file)) {
                    broken.add(where + " (no such file)");
                } else if (hash >= 0
                        && file.toString().endsWith(".md")
                        && !anchors(read(file)).contains(target.substring(hash + 1))) {
                    broken.add(where + " (no such heading in " + ROOT.relativize(file) + ")");
                }
            }
        }
        assertTrue(checked > 20, "found only " + checked + " links: is the pattern right?");
        assertEquals(List.of(), broken);
    }

    @Test
    void noDocumentNamesFilesOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path doc : documents()) {
            String text = read(doc);
            for (String outside : List.of("../shared", "DESIGN.md", "the seeds")) {
                if (text.contains(outside)) found.add(ROOT.relativize(doc) + " names " + outside);
            }
        }
        assertEquals(List.of(), found);
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        String text = FENCE.matcher(markdown).replaceAll("");
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) continue;
            String title = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(java.util.Locale.ROOT);
            anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    @Test
    void anchorsFollowGitHub() {
        assertEquals(
                Set.of("adjointnotstatic", "the-two-commands", "instance-methods--not-implemented"),
                anchors("## `[Adjoint.NotStatic]`\n## The two commands\n### Instance methods — not implemented\n"));
    }

    /** Each {@code ## `[Adjoint.Id]`} section of DIAGNOSTICS.md and its Java blocks, in order. */
    private static Map<String, List<String>> diagnosticSections() {
        String text = read(ROOT.resolve("docs/DIAGNOSTICS.md"));
        Map<String, List<String>> sections = new LinkedHashMap<>();
        Matcher s = SECTION.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (s.find()) {
            starts.add(new int[] {s.start()});
            ids.add(s.group(1));
        }
        for (int i = 0; i < ids.size(); i++) {
            int end = i + 1 < ids.size() ? starts.get(i + 1)[0] : text.length();
            String body = text.substring(starts.get(i)[0], end);
            List<String> blocks = new ArrayList<>();
            Matcher f = FENCE.matcher(body);
            while (f.find()) if (f.group(1).equals("java")) blocks.add(f.group(2));
            sections.put(ids.get(i), blocks);
        }
        return sections;
    }

    /**
     * Every id the processor can print has a section: those of {@link Message}, and those its sources
     * print directly (warnings such as {@code "[Adjoint.Graphs] could not write …"}).
     */
    @Test
    void everyIdHasASection() {
        Set<String> ids = Stream.of(Message.values())
                .map(m -> m.format(0, 0, 0, 0, 0, 0, 0, 0).replaceFirst("^\\[Adjoint\\.(\\w+)\\].*", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> sources = Files.walk(ROOT.resolve("processor/src/main/java"))) {
            for (Path source :
                    sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher literal = PRINTED_ID.matcher(read(source));
                while (literal.find()) ids.add(literal.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(ids.contains("Graphs") && ids.contains("NotStatic"), "ids found: " + ids);
        Set<String> missing = new TreeSet<>(ids);
        missing.removeAll(diagnosticSections().keySet());
        assertEquals(Set.of(), missing, "ids without a section in docs/DIAGNOSTICS.md");
    }

    @Test
    void everyExampleGivesItsIdAndEveryFixCompiles() {
        List<String> wrong = new ArrayList<>();
        for (var section : diagnosticSections().entrySet()) {
            String id = section.getKey();
            List<String> blocks = section.getValue();
            if (blocks.isEmpty()) {
                if (!WITHOUT_EXAMPLE.contains(id)) wrong.add(id + ": no example");
                continue;
            }
            if (blocks.size() != 2) {
                wrong.add(id + ": " + blocks.size() + " Java blocks, expected the example and its fix");
                continue;
            }
            List<String> example = messages(compile(blocks.get(0)), Diagnostic.Kind.ERROR);
            if (example.stream().noneMatch(e -> e.startsWith("[Adjoint." + id + "]"))) {
                wrong.add(id + ": the example gives " + example);
            }
            List<String> fix = messages(compile(blocks.get(1)), Diagnostic.Kind.ERROR);
            if (!fix.isEmpty()) wrong.add(id + ": the fix gives " + fix);
        }
        assertEquals(List.of(), wrong);
    }

    /** A whole file as written, or class members wrapped in {@code demo.Example}. */
    private static Compilation compile(String block) {
        String source = block.startsWith("package ")
                ? block
                : "package demo;\n\nimport dev.adjoint.Differentiable;\n\nfinal class Example {\n" + block + "}\n";
        Matcher c = CLASS.matcher(source);
        String name = c.find() ? c.group(1) : "Example";
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("demo." + name, source));
    }

    private static List<String> messages(Compilation c, Diagnostic.Kind kind) {
        return c.diagnostics().stream()
                .filter(d -> d.getKind() == kind)
                .map(d -> d.getMessage(null))
                .toList();
    }
}
