package dev.adjoint.processor.corpus;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import dev.adjoint.processor.corpus.CorpusSources.CorpusMethod;
import dev.adjoint.processor.corpus.CorpusSources.Library;
import dev.adjoint.processor.corpus.CorpusSources.SourceFile;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles one library of the corpus with the processor and finds out, for every annotated
 * method, whether it differentiates or which diagnostics reject it.
 *
 * <p>A rejected method makes the whole compilation fail, so the library is compiled in rounds: each
 * round charges every error to the annotated method whose declaration holds it, then blanks the
 * annotations of the rejected methods and compiles again. A later round rejects the callers of a
 * method that lost its annotation (their call is now opaque), so the rounds end with a
 * compilation that succeeds, whose generated classes are loaded for the numeric checks.
 */
final class CorpusCompilation {

    private static final Pattern ID = Pattern.compile("\\[Adjoint\\.(\\w+)\\]");
    private static final int MAX_ROUNDS = 10;

    /** What the processor did with one method: no ids when it differentiates. */
    record Outcome(CorpusMethod method, TreeSet<String> ids, List<String> messages, int round) {
        boolean differentiates() {
            return ids.isEmpty();
        }
    }

    /** The outcome of every annotated method, and the classes of the last, successful round. */
    record Result(Library library, Map<String, Outcome> outcomes, TestCompiler.Compiled compiled) {}

    private CorpusCompilation() {}

    static Result compile(Library library) {
        return compile(library, List.of());
    }

    /** As {@link #compile(Library)}, with sources of our own compiled alongside (a rules file). */
    static Result compile(Library library, List<String> extraSources) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<CorpusMethod> rejected = new ArrayList<>();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            List<String> sources = new ArrayList<>();
            Map<String, SourceFile> byUri = new LinkedHashMap<>();
            List<JavaFileObject> objects = new ArrayList<>();
            for (SourceFile f : library.files()) {
                String text = CorpusSources.withoutAnnotations(
                        f.text(), rejected.stream().filter(m -> m.file() == f).toList());
                sources.add(text);
                JavaFileObject object = JavaFileObjects.forSourceString(qualifiedName(f), text);
                objects.add(object);
                byUri.put(object.toUri().toString(), f);
            }
            for (String extra : extraSources) {
                sources.add(extra);
                objects.add(JavaFileObjects.forSourceString(TestCompiler.qualifiedName(extra), extra));
            }
            Compilation compilation = Compiler.javac()
                    .withProcessors(new DifferentiableProcessor())
                    .withOptions("-parameters", "-Xlint:none")
                    .compile(objects);
            Map<CorpusMethod, List<String>> errors = chargeErrors(library, compilation, byUri);
            if (compilation.status() == Compilation.Status.SUCCESS) {
                if (!errors.isEmpty()) {
                    throw new AssertionError("errors in a successful compilation: " + errors);
                }
                for (CorpusMethod m : library.methods()) {
                    outcomes.putIfAbsent(m.key(), new Outcome(m, new TreeSet<>(), List.of(), round));
                }
                return new Result(library, outcomes, TestCompiler.compile(sources.toArray(new String[0])));
            }
            if (errors.isEmpty()) {
                throw new AssertionError(
                        library.name() + ": the compilation failed without an error charged to a method:\n"
                                + compilation.diagnostics());
            }
            for (Map.Entry<CorpusMethod, List<String>> e : errors.entrySet()) {
                TreeSet<String> ids = new TreeSet<>();
                for (String message : e.getValue()) {
                    Matcher id = ID.matcher(message);
                    id.find();
                    ids.add(id.group(1));
                }
                outcomes.put(e.getKey().key(), new Outcome(e.getKey(), ids, e.getValue(), round));
                rejected.add(e.getKey());
            }
        }
        throw new AssertionError(library.name() + ": still failing after " + MAX_ROUNDS + " rounds");
    }

    /**
     * Every error of the compilation, charged to the annotated method whose declaration holds its
     * line. An error outside every annotated method (in generated code, say), with no source (a
     * processor that threw) or without an [Adjoint.*] id (javac's own) is a failure of the corpus or
     * of the processor, not an outcome, and fails the test here; so does an [Adjoint.Internal] error.
     */
    private static Map<CorpusMethod, List<String>> chargeErrors(
            Library library, Compilation compilation, Map<String, SourceFile> byUri) {
        Map<CorpusMethod, List<String>> charged = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
            String message = d.getMessage(Locale.ROOT);
            if (message.contains("[Adjoint.Internal]")) {
                throw new AssertionError(
                        "the processor failed (Adjoint.Internal) in " + library.name() + ": " + message);
            }
            SourceFile file = d.getSource() == null
                    ? null
                    : byUri.get(d.getSource().toUri().toString());
            CorpusMethod owner = null;
            if (file != null) {
                for (CorpusMethod m : library.methods()) {
                    if (m.file() == file && m.startLine() <= d.getLineNumber() && d.getLineNumber() <= m.endLine()) {
                        owner = m;
                    }
                }
            }
            if (owner == null || !ID.matcher(message).find()) {
                throw new AssertionError("an error that is not the processor's verdict on an annotated method of "
                        + library.name() + (file == null ? "" : " (" + file.path() + ":" + d.getLineNumber() + ")")
                        + ": " + message);
            }
            charged.computeIfAbsent(owner, k -> new ArrayList<>())
                    .add(file.path().getFileName() + ":" + d.getLineNumber() + ": " + message);
        }
        return charged;
    }

    /** The name compile-testing gives the file: its package and the file's name. */
    private static String qualifiedName(SourceFile f) {
        Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(f.text());
        String simple = f.path().getFileName().toString().replaceFirst("\\.java$", "");
        return pkg.find() ? pkg.group(1) + "." + simple : simple;
    }
}
