package dev.adjoint.processor.corpus;

import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * The corpus on disk: one folder per library under {@code src/test/resources/corpus}, each holding
 * copied Java sources, and in them the methods that carry {@code @dev.adjoint.Differentiable}.
 * The annotated methods are found by parsing the sources with javac (parse only, no processor),
 * which gives each method's name, parameter types and the span of its declaration, so that a
 * diagnostic can be charged to the method it falls in.
 */
final class CorpusSources {

    static final Path ROOT = Path.of("src/test/resources/corpus");
    static final String ANNOTATION = "@dev.adjoint.Differentiable";

    /** One copied source file of a library. */
    record SourceFile(String library, Path path, String text) {}

    /**
     * One annotated method. {@code key} is {@code binaryClassName.name(paramTypes)}, the name used in
     * expected.tsv and points.tsv; {@code annotationStart} is the offset of its annotation in the
     * file's text; {@code startLine}..{@code endLine} the lines of its declaration; {@code constructs}
     * what its declaration and body contain (see {@link CorpusCensus}).
     */
    record CorpusMethod(
            SourceFile file,
            String className,
            String name,
            List<String> paramTypes,
            boolean isStatic,
            int annotationStart,
            long startLine,
            long endLine,
            Set<String> constructs) {
        String key() {
            return className + "." + name + "(" + String.join(",", paramTypes) + ")";
        }
    }

    /** A library folder: its sources and its annotated methods. */
    record Library(String name, List<SourceFile> files, List<CorpusMethod> methods) {}

    private CorpusSources() {}

    /** Every library folder of the corpus, in name order. */
    static List<Library> libraries() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<Library> out = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                out.add(library(dir));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every library of the corpus as one codebase, compiled together: a call from one library into
     * another library of the corpus (Commons Statistics calling {@code Erfc.value}) reaches that
     * library's copy, annotated as the corpus annotates it, as it would for a user who builds and
     * annotates both; calls into libraries outside the corpus still go to their jars.
     */
    static Library together(List<Library> libraries) {
        List<SourceFile> files = new ArrayList<>();
        List<CorpusMethod> methods = new ArrayList<>();
        for (Library l : libraries) {
            files.addAll(l.files());
            methods.addAll(l.methods());
        }
        return new Library("corpus", files, methods);
    }

    private static Library library(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p :
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files.add(new SourceFile(name, p, Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        List<CorpusMethod> methods = new ArrayList<>();
        for (SourceFile f : files) {
            methods.addAll(annotatedMethods(f));
        }
        return new Library(name, files, methods);
    }

    /** The methods of {@code file} that carry the annotation, found by parsing it alone. */
    static List<CorpusMethod> annotatedMethods(SourceFile file) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject source = JavaFileObjects.forSourceString(file.path().toString(), file.text());
        JavacTask task = (JavacTask)
                javac.getTask(Writer.nullWriter(), null, d -> {}, List.of("-proc:none"), null, List.of(source));
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<CorpusMethod> found = new ArrayList<>();
        for (CompilationUnitTree unit : task.parse()) {
            String pkg =
                    unit.getPackageName() == null ? "" : unit.getPackageName().toString() + ".";
            new TreeScanner<Void, Void>() {
                private final Deque<String> classes = new ArrayDeque<>();
                private final Deque<ClassTree> classTrees = new ArrayDeque<>();

                @Override
                public Void visitClass(ClassTree tree, Void unused) {
                    classes.push(
                            classes.isEmpty()
                                    ? pkg + tree.getSimpleName()
                                    : classes.peek() + "$" + tree.getSimpleName());
                    classTrees.push(tree);
                    try {
                        return super.visitClass(tree, unused);
                    } finally {
                        classes.pop();
                        classTrees.pop();
                    }
                }

                @Override
                public Void visitMethod(MethodTree tree, Void unused) {
                    for (AnnotationTree a : tree.getModifiers().getAnnotations()) {
                        if (a.getAnnotationType().toString().equals(ANNOTATION.substring(1))) {
                            List<String> types = tree.getParameters().stream()
                                    .map(VariableTree::getType)
                                    .map(Tree::toString)
                                    .collect(Collectors.toList());
                            long start = positions.getStartPosition(unit, tree);
                            long end = positions.getEndPosition(unit, tree);
                            found.add(new CorpusMethod(
                                    file,
                                    classes.peek(),
                                    tree.getName().toString(),
                                    types,
                                    tree.getModifiers().getFlags().contains(Modifier.STATIC),
                                    (int) positions.getStartPosition(unit, a),
                                    unit.getLineMap().getLineNumber(start),
                                    unit.getLineMap().getLineNumber(end),
                                    CorpusCensus.of(tree, classTrees.peek())));
                        }
                    }
                    return super.visitMethod(tree, unused);
                }
            }.scan(unit, null);
        }
        return found;
    }

    /** {@code text} with the annotation of each of {@code methods} blanked out (offsets and lines kept). */
    static String withoutAnnotations(String text, List<CorpusMethod> methods) {
        StringBuilder out = new StringBuilder(text);
        for (CorpusMethod m : methods) {
            int at = m.annotationStart();
            if (!text.startsWith(ANNOTATION, at)) {
                throw new IllegalStateException("no " + ANNOTATION + " at offset " + at + " of "
                        + m.file().path());
            }
            out.replace(at, at + ANNOTATION.length(), " ".repeat(ANNOTATION.length()));
        }
        return out.toString();
    }
}
