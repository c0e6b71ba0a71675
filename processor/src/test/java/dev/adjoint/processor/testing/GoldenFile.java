package dev.adjoint.processor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;

/**
 * A reviewed copy of generated text under {@code src/test/resources/golden/}, compared exactly
 * with what the processor emits now (after Clad's golden tests: the expected output is a file a
 * reviewer reads, not a property a test asserts about it).
 *
 * <p>A mismatch fails with the first differing line and the lines around it in both versions. After
 * an intended change to the generator, {@link #UPDATE_COMMAND} rewrites every golden file; then
 * review {@code git diff processor/src/test/resources/golden} like documentation.
 */
public final class GoldenFile {

    /** The system property that makes every comparison rewrite its golden file instead. */
    public static final String UPDATE_PROPERTY = "adjoint.golden.update";

    /**
     * Rewrites every golden file: runs each test tagged {@code golden} (the golden files' own test
     * and the optimisation tests that compare goldens) in update mode.
     */
    public static final String UPDATE_COMMAND = "mvn -o -q -pl processor -am test -Dgroups=golden -D" + UPDATE_PROPERTY
            + "=true" + " -Dsurefire.failIfNoSpecifiedTests=false";

    /** Lines of context shown on each side of the first difference. */
    private static final int CONTEXT = 4;

    private GoldenFile() {}

    /** The directory of the golden files in the source tree (not the copy in target/). */
    public static Path directory() {
        // Maven runs the tests in processor/; an IDE may run them from the repository's root
        for (String candidate : new String[] {"src/test/resources/golden", "processor/src/test/resources/golden"}) {
            Path dir = Path.of(candidate);
            if (Files.isDirectory(dir)) return dir;
        }
        throw new IllegalStateException(
                "no golden directory under " + Path.of("").toAbsolutePath());
    }

    /** Whether this run rewrites golden files rather than comparing with them. */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** Reads a file of the golden directory, e.g. {@code "Branch.java"}. */
    public static String read(String relativePath) {
        try {
            return normalized(Files.readString(directory().resolve(relativePath), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that {@code actual} equals the golden file {@code relativePath} (under the golden
     * directory, e.g. {@code "BranchGrad.java.txt"}); in update mode writes {@code actual} there.
     */
    public static void assertMatches(String relativePath, String actual) {
        requireGoldenTag();
        Path file = directory().resolve(relativePath);
        String generated = normalized(actual);
        try {
            String expected = Files.exists(file) ? normalized(Files.readString(file, StandardCharsets.UTF_8)) : null;
            if (updating()) {
                if (!generated.equals(expected)) {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, generated, StandardCharsets.UTF_8);
                    System.out.println("[golden] rewrote " + file);
                }
                return;
            }
            if (expected == null) {
                throw new AssertionError("no golden file " + file + "; create it with\n  " + UPDATE_COMMAND
                        + "\nthen review it. Generated:\n" + generated);
            }
            if (!generated.equals(expected)) {
                throw new AssertionError("generated text differs from the golden file " + file + "\n"
                        + firstDifference(expected, generated)
                        + "\nIf the change is intended, rewrite every golden file with\n  " + UPDATE_COMMAND
                        + "\nand review `git diff processor/src/test/resources/golden`.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the reverse-mode methods {@code methods} of {@code generatedSource}, each under a
     * heading naming it, equal the golden file {@code relativePath}: an optimisation test's golden
     * holds the methods whose shape the optimisation decides, not the whole class.
     */
    public static void assertMethodsMatch(String relativePath, String generatedSource, String... methods) {
        StringBuilder text = new StringBuilder();
        for (String method : methods) {
            if (text.length() > 0) text.append('\n');
            text.append("// ---- ").append(method).append('\n').append(SourceText.methodTexts(generatedSource, method));
        }
        assertMatches(relativePath, text.toString());
    }

    /**
     * Fails unless the calling test (its method or its class) is tagged {@code golden}: the update
     * command runs only those, and would leave an untagged test's golden file as it was.
     */
    private static void requireGoldenTag() {
        boolean tagged = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.anyMatch(GoldenFile::taggedGolden));
        if (!tagged) {
            throw new AssertionError("a test comparing golden files must carry @Tag(\"golden\") on its method or"
                    + " class, so that\n  " + UPDATE_COMMAND + "\nrewrites its files");
        }
    }

    private static boolean taggedGolden(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        if (taggedGolden(type)) return true;
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(frame.getMethodName()) && taggedGolden(m)) return true;
        }
        return false;
    }

    private static boolean taggedGolden(AnnotatedElement element) {
        for (Tag tag : element.getAnnotationsByType(Tag.class)) {
            if (tag.value().equals("golden")) return true;
        }
        return false;
    }

    /** The first line at which the two texts differ, with {@link #CONTEXT} lines around it in each. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int line = 0;
        while (line < e.length && line < a.length && e[line].equals(a[line])) line++;
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "first difference at line %d (golden %d lines, generated %d)%n",
                line + 1,
                e.length,
                a.length));
        out.append("--- golden\n").append(excerpt(e, line));
        out.append("+++ generated\n").append(excerpt(a, line));
        return out.toString();
    }

    private static String excerpt(String[] lines, int at) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, at - CONTEXT); i <= Math.min(lines.length - 1, at + CONTEXT); i++) {
            out.append(String.format(Locale.ROOT, "%s%4d  %s%n", i == at ? ">" : " ", i + 1, lines[i]));
        }
        if (at >= lines.length) out.append(">      (end of text)\n");
        return out.toString();
    }

    /** Line ends as {@code \n}, so that a checkout with CRLF line ends compares equal. */
    private static String normalized(String text) {
        return text.replace("\r\n", "\n");
    }
}
