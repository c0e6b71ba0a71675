package dev.adjoint.processor.diagnostics;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Declarative diagnostics checks in the style of Error Prone's {@code CompilationTestHelper}: the
 * expected errors are written into the test source itself, next to the construct that causes
 * them, and the helper checks that the compilation reports exactly those.
 *
 * <h2>Marker scheme</h2>
 *
 * <p>A marker is a trailing comment <em>on the offending line itself</em> (never on the line
 * before):
 *
 * <pre>{@code
 *   Object o = new Object();  // ERROR at `new`: [Adjoint.Expression] object allocation ... parameters
 * }</pre>
 *
 * <ul>
 *   <li>{@code // ERROR: TEXT} expects one error on this line whose message contains TEXT.
 *   <li>A TEXT that starts with an id in brackets ({@code [Adjoint.Statement]}) requires the
 *       message to <em>start</em> with that id; the rest of TEXT is then looked for after it.
 *   <li>TEXT may hold several fragments separated by {@code " ... "}; the message must contain all
 *       of them, in that order. Tests use this to check the stable id, what the construct is and
 *       what to do instead, e.g. {@code [Adjoint.Statement] a loop ... unroll it}.
 *   <li>{@code // ERROR at `ANCHOR`: TEXT} also pins the column: the diagnostic's column
 *       ({@link Diagnostic#getColumnNumber()}, 1-based) must fall inside the first occurrence of
 *       ANCHOR in the code part of the line (the part before the first {@code // ERROR}). Anchor
 *       {@code for} thus means "points at the {@code for} keyword".
 *   <li>Several markers may follow each other on one line ({@code // ERROR: A // ERROR: B}); each
 *       expects its own error.
 *   <li>Method-level errors (on the method element) are reported by javac on the line of the
 *       method's name; errors on a {@code wrt} value on the line of that value.
 * </ul>
 *
 * <h2>What is checked</h2>
 *
 * <p>Every marker is matched by exactly one ERROR diagnostic of the same file and line (and
 * column, if anchored) whose message contains the text; and every ERROR diagnostic, as well as
 * every diagnostic of any kind whose message carries an {@code [Adjoint.} id, is matched by a
 * marker. So an error on the wrong line, a missing error, an extra error, an Adjoint warning, or
 * any error in a generated file (it has no markers) fails the check. A processor exception
 * surfaces from {@link Compiler#compile} and fails the test as well.
 */
public final class MarkedErrors {
    private static final String MARK = "// ERROR";
    private static final Pattern MARKER = Pattern.compile("^// ERROR(?: at `([^`]+)`)?: (.+?)\\s*$");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");

    private MarkedErrors() {}

    /** One expected error. {@code anchorStart} is a 0-based index into the line, or -1. */
    public record Expected(
            JavaFileObject file, String fileName, long line, String anchor, int anchorStart, String text) {
        boolean matches(Diagnostic<? extends JavaFileObject> d) {
            if (d.getKind() != Diagnostic.Kind.ERROR
                    || d.getSource() == null
                    || !d.getSource().toUri().equals(file.toUri())
                    || d.getLineNumber() != line) return false;
            if (anchor != null) {
                long col = d.getColumnNumber();
                if (col < anchorStart + 1 || col > anchorStart + anchor.length()) return false;
            }
            return containsInOrder(d.getMessage(Locale.ROOT), text);
        }

        @Override
        public String toString() {
            return fileName + ":" + line
                    + (anchor == null
                            ? ""
                            : " at `" + anchor + "` (columns " + (anchorStart + 1) + ".."
                                    + (anchorStart + anchor.length()) + ")")
                    + ": " + text;
        }
    }

    /** Compiles {@code sources} (whole compilation units) with a fresh processor and checks the markers. */
    public static Compilation check(String... sources) {
        return check(Compiler.javac().withProcessors(new DifferentiableProcessor()), sources);
    }

    /** Compiles {@code sources} with {@code compiler} (which carries the processor) and checks the markers. */
    public static Compilation check(Compiler compiler, String... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (String s : sources) files.add(JavaFileObjects.forSourceString(qualifiedName(s), s));
        Compilation compilation = compiler.compile(files);
        verify(compilation, files);
        return compilation;
    }

    /** The markers of {@code files}, in file and line order. */
    public static List<Expected> expectations(List<JavaFileObject> files) {
        List<Expected> out = new ArrayList<>();
        for (JavaFileObject f : files) {
            String[] lines = text(f).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                int at = lines[i].indexOf(MARK);
                if (at < 0) continue;
                String code = lines[i].substring(0, at);
                String rest = lines[i].substring(at);
                for (String marker : splitMarkers(rest)) {
                    Matcher m = MARKER.matcher(marker);
                    if (!m.matches())
                        throw new IllegalArgumentException(
                                "malformed marker at " + f.getName() + ":" + (i + 1) + ": " + marker);
                    String anchor = m.group(1);
                    int start = -1;
                    if (anchor != null) {
                        start = code.indexOf(anchor);
                        if (start < 0) {
                            throw new IllegalArgumentException(
                                    "anchor `" + anchor + "` not found in the code of " + f.getName() + ":" + (i + 1));
                        }
                    }
                    out.add(new Expected(f, f.getName(), i + 1, anchor, start, m.group(2)));
                }
            }
        }
        return out;
    }

    /** Asserts that the diagnostics of {@code compilation} are exactly the markers of {@code files}. */
    public static void verify(Compilation compilation, List<JavaFileObject> files) {
        List<Expected> expected = expectations(files);
        List<Expected> missing = new ArrayList<>(expected);
        List<Diagnostic<? extends JavaFileObject>> unexpected = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            boolean adjoint = d.getMessage(Locale.ROOT).contains("[Adjoint.");
            if (d.getKind() != Diagnostic.Kind.ERROR && !adjoint) continue;
            Expected hit = null;
            for (Expected e : missing) {
                if (e.matches(d)) {
                    hit = e;
                    break;
                }
            }
            if (hit != null) missing.remove(hit);
            else unexpected.add(d);
        }
        if (!expected.isEmpty() && compilation.status() == Compilation.Status.SUCCESS) {
            throw new AssertionError("expected errors, but the compilation succeeded\n" + describe(compilation, files));
        }
        if (missing.isEmpty() && unexpected.isEmpty()) return;
        StringBuilder msg = new StringBuilder("diagnostics do not match the // ERROR markers\n");
        if (!missing.isEmpty()) {
            msg.append("--- expected but not reported:\n");
            missing.forEach(e -> msg.append("  ").append(e).append('\n'));
        }
        if (!unexpected.isEmpty()) {
            msg.append("--- reported but not expected:\n");
            unexpected.forEach(d -> msg.append("  ").append(format(d)).append('\n'));
        }
        msg.append(describe(compilation, files));
        throw new AssertionError(msg.toString());
    }

    /** Every diagnostic of the compilation, then the numbered inputs, for failure messages. */
    public static String describe(Compilation compilation, List<JavaFileObject> files) {
        StringBuilder out = new StringBuilder("=== all diagnostics ===\n");
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics())
            out.append("  ").append(format(d)).append('\n');
        for (JavaFileObject f : files) {
            out.append("=== ").append(f.getName()).append(" ===\n");
            String[] lines = text(f).split("\n", -1);
            for (int i = 0; i < lines.length; i++) out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
        }
        if (compilation.status() == Compilation.Status.SUCCESS) {
            out.append("=== generated: ")
                    .append(compilation.generatedSourceFiles().stream()
                            .map(JavaFileObject::getName)
                            .toList())
                    .append('\n');
        }
        return out.toString();
    }

    public static String format(Diagnostic<? extends JavaFileObject> d) {
        return d.getKind() + " "
                + (d.getSource() == null ? "<no source>" : d.getSource().getName()) + ":" + d.getLineNumber() + ":"
                + d.getColumnNumber() + ": " + d.getMessage(Locale.ROOT);
    }

    /** The fully qualified name of the first top-level type declared in {@code source}. */
    public static String qualifiedName(String source) {
        Matcher type = TYPE.matcher(source);
        if (!type.find()) throw new IllegalArgumentException("no type declaration in:\n" + source);
        Matcher pkg = PACKAGE.matcher(source);
        return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
    }

    static boolean containsInOrder(String message, String text) {
        int from = 0;
        if (text.startsWith("[") && text.indexOf(']') > 0) {
            // a leading id such as [Adjoint.Statement] must start the message; the rest follows it
            String id = text.substring(0, text.indexOf(']') + 1);
            if (!message.startsWith(id)) return false;
            from = id.length();
            text = text.substring(id.length()).trim();
            if (text.isEmpty()) return true;
        }
        for (String fragment : text.split(" \\.\\.\\. ")) {
            int at = message.indexOf(fragment, from);
            if (at < 0) return false;
            from = at + fragment.length();
        }
        return true;
    }

    private static List<String> splitMarkers(String comment) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int next = comment.indexOf(MARK, from + MARK.length());
            if (next < 0) {
                out.add(comment.substring(from).trim());
                return out;
            }
            out.add(comment.substring(from, next).trim());
            from = next;
        }
    }

    private static String text(JavaFileObject f) {
        try {
            return f.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
