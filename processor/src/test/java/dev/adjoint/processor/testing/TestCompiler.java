package dev.adjoint.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in strings with the Adjoint processor, in memory, and loads every
 * class the compilation produced (the user's classes and the generated {@code *Grad} classes)
 * into a fresh class loader whose parent is the test's own loader, so that
 * {@code dev.adjoint.runtime.Dual} is the same class for the test and the generated code.
 *
 * <p>A failed compilation throws an {@link AssertionError} carrying every diagnostic and the text
 * of every generated source file.
 */
public final class TestCompiler {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)",
            Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    /** Every test compilation checks the graph after each pass and names the pass that broke it. */
    private static final String VERIFY = "-Aadjoint.verify=true";

    private TestCompiler() {}

    /** Compiles {@code sources} (each a whole compilation unit) with the processor. */
    public static Compiled compile(String... sources) {
        return compile(null, sources);
    }

    /**
     * Compiles {@code sources} with the processor, with {@code library}'s class files (its own
     * classes and those it generated) on the class path, as if the library were a jar. The
     * returned classes are loaded by a loader whose parent is the library's loader.
     */
    public static Compiled compile(Compiled library, String... sources) {
        return compile(library, true, sources);
    }

    /**
     * As {@link #compile(Compiled, String...)}; {@code parameterNames} false compiles without
     * {@code -parameters} (Maven's default), so that the class files hold no parameter names — for
     * a library whose differentiable methods are called from a later compilation. The returned
     * classes then cannot be used with {@link Differentiated}, which needs the names.
     */
    public static Compiled compile(Compiled library, boolean parameterNames, String... sources) {
        return compile(library, parameterNames, optionsOfTheRun(), sources);
    }

    /** -Dadjoint.test.partBytes=N: every test compilation cuts bodies into parts of about N bytes. */
    private static List<String> optionsOfTheRun() {
        String partBytes = System.getProperty("adjoint.test.partBytes");
        return partBytes == null ? List.of() : List.of("-Aadjoint.partBytes=" + partBytes);
    }

    /**
     * Compiles {@code sources} with the processor given exactly {@code processorOptions} (such as
     * {@code -Aadjoint.partBytes=200}), whatever {@code -Dadjoint.test.partBytes} says: for golden
     * files, whose text must not depend on how the suite is run.
     */
    public static Compiled compileWithOptions(List<String> processorOptions, String... sources) {
        return compile(null, true, processorOptions, sources);
    }

    private static Compiled compile(
            Compiled library, boolean parameterNames, List<String> processorOptions, String... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (String source : sources) {
            files.add(JavaFileObjects.forSourceString(qualifiedName(source), source));
        }
        List<String> options =
                new ArrayList<>(parameterNames ? List.of("-parameters", "-Xlint:none") : List.of("-Xlint:none"));
        options.addAll(processorOptions);
        List<String> identifying = List.copyOf(options);
        options.add(VERIFY);
        Compiler compiler =
                Compiler.javac().withProcessors(new DifferentiableProcessor()).withOptions(options);
        List<File> classpath = null;
        if (library != null) {
            classpath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    classpath.add(new File(entry));
                }
            }
            classpath.add(library.classesDirectory().toFile());
            compiler = compiler.withClasspath(classpath);
        }
        Compilation compilation = compiler.compile(files);
        if (compilation.status() != Compilation.Status.SUCCESS) {
            // compile-testing hides generated files of a failed compilation: run the processor again
            // (-proc:only, on disk) to show what it generated.
            throw new AssertionError(
                    "Compilation failed.\n" + describe(compilation, sources, generatedSourcesOnDisk(files, classpath)));
        }
        Map<String, String> generated = new TreeMap<>();
        for (JavaFileObject f : compilation.generatedSourceFiles()) {
            try {
                generated.put(f.getName(), f.getCharContent(true).toString());
            } catch (IOException e) {
                generated.put(f.getName(), "(unreadable: " + e + ")");
            }
        }
        keepGenerated(generated, sources, identifying);
        ClassLoader parent = library != null ? library.classLoader() : TestCompiler.class.getClassLoader();
        return new Compiled(compilation, parent, describe(compilation, sources, generated));
    }

    /**
     * {@code -Dadjoint.test.generatedDir=DIR}: every generated source of every successful test
     * compilation is also written to DIR, under a hash of the compilation's inputs, so that
     * two runs of the suite (before and after a refactoring) can be compared with {@code diff -r}.
     */
    private static void keepGenerated(Map<String, String> generated, String[] sources, List<String> options) {
        String dir = System.getProperty("adjoint.test.generatedDir");
        if (dir == null || dir.isBlank()) return;
        String inputs = Integer.toHexString((String.join("\n//----\n", sources) + options).hashCode());
        for (Map.Entry<String, String> e : generated.entrySet()) {
            String name = e.getKey().replaceAll("^.*SOURCE_OUTPUT/", "").replace('/', '.');
            Path file = Path.of(dir, inputs, name);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * Compiles {@code sources} with the processor and asserts that the compilation fails; returns
     * it so that the test can inspect the diagnostics.
     */
    public static Compilation compileExpectingFailure(String... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (String source : sources) {
            files.add(JavaFileObjects.forSourceString(qualifiedName(source), source));
        }
        Compilation compilation = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters", "-Xlint:none", VERIFY)
                .compile(files);
        if (compilation.status() == Compilation.Status.SUCCESS) {
            Map<String, String> generated = new TreeMap<>();
            for (JavaFileObject f : compilation.generatedSourceFiles()) {
                try {
                    generated.put(f.getName(), f.getCharContent(true).toString());
                } catch (IOException e) {
                    generated.put(f.getName(), "(unreadable: " + e + ")");
                }
            }
            throw new AssertionError("expected the compilation to fail, but it succeeded.\n"
                    + describe(compilation, sources, generated));
        }
        return compilation;
    }

    /** Diagnostics, inputs and (re-generated) outputs of a failed compilation, for messages. */
    public static String describeFailure(Compilation compilation, String... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (String source : sources) {
            files.add(JavaFileObjects.forSourceString(qualifiedName(source), source));
        }
        return describe(compilation, sources, generatedSourcesOnDisk(files, null));
    }

    /** Runs only annotation processing, writing to temporary directories, and returns the generated sources. */
    private static Map<String, String> generatedSourcesOnDisk(List<JavaFileObject> files, List<File> classpath) {
        Map<String, String> out = new TreeMap<>();
        try {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            Path classes = Files.createTempDirectory("adjoint-e2e-failed-classes");
            Path gen = Files.createTempDirectory("adjoint-e2e-failed-sources");
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
                fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
                fm.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(gen));
                if (classpath != null) {
                    fm.setLocation(StandardLocation.CLASS_PATH, classpath);
                }
                JavaCompiler.CompilationTask task = javac.getTask(
                        Writer.nullWriter(), fm, d -> {}, List.of("-proc:only", "-parameters"), null, files);
                task.setProcessors(List.of(new DifferentiableProcessor()));
                task.call();
            }
            try (Stream<Path> walk = Files.walk(gen)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.put(gen.relativize(p).toString(), Files.readString(p));
                }
            }
        } catch (Throwable t) {
            out.put("(could not rerun the processor)", t.toString());
        }
        return out;
    }

    /**
     * Like {@link #compile(String...)}, but compiles each distinct set of sources only once per test
     * JVM; a failure is remembered and rethrown to every caller.
     */
    public static Compiled compileCached(String... sources) {
        return compileCachedWithOptions(optionsOfTheRun(), sources);
    }

    /** As {@link #compileWithOptions}, compiling each distinct set of options and sources once per test JVM. */
    public static Compiled compileCachedWithOptions(List<String> processorOptions, String... sources) {
        String key = processorOptions + "\n//----\n" + String.join("\n//----\n", sources);
        Object result = CACHE.computeIfAbsent(key, k -> {
            try {
                return compile(null, true, processorOptions, sources);
            } catch (Throwable t) {
                return t;
            }
        });
        if (result instanceof Compiled compiled) {
            return compiled;
        }
        Throwable failure = (Throwable) result;
        throw new AssertionError(failure.getMessage(), failure);
    }

    /** The fully qualified name of the first type declared in {@code source}. */
    public static String qualifiedName(String source) {
        String stripped = SourceText.stripCommentsAndStrings(source);
        Matcher publicType = PUBLIC_TYPE.matcher(stripped);
        Matcher type = TYPE.matcher(stripped);
        String name;
        if (publicType.find()) {
            name = publicType.group(1);
        } else if (type.find()) {
            name = type.group(1);
        } else {
            throw new IllegalArgumentException("no type declaration in:\n" + source);
        }
        Matcher pkg = PACKAGE.matcher(stripped);
        return pkg.find() ? pkg.group(1) + "." + name : name;
    }

    private static String describe(Compilation compilation, String[] sources, Map<String, String> generated) {
        StringBuilder out = new StringBuilder();
        out.append("=== Diagnostics ===\n");
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            out.append(d.getKind())
                    .append(' ')
                    .append(
                            d.getSource() == null
                                    ? "<no source>"
                                    : d.getSource().getName())
                    .append(':')
                    .append(d.getLineNumber())
                    .append(':')
                    .append(d.getColumnNumber())
                    .append(": ")
                    .append(d.getMessage(Locale.ROOT))
                    .append('\n');
        }
        out.append("=== Input sources ===\n");
        for (String s : sources) {
            out.append(numbered(s)).append('\n');
        }
        out.append("=== Generated sources ===\n");
        if (generated.isEmpty()) {
            out.append("(none)\n");
        }
        for (Map.Entry<String, String> e : generated.entrySet()) {
            out.append("--- ")
                    .append(e.getKey())
                    .append(" ---\n")
                    .append(numbered(e.getValue()))
                    .append('\n');
        }
        return out.toString();
    }

    static String numbered(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }

    /** The result of a successful compilation, with its classes loaded. */
    public static final class Compiled {
        private final Compilation compilation;
        private final Map<String, byte[]> classBytes = new ConcurrentHashMap<>();
        private final Map<String, String> generatedSources = new ConcurrentHashMap<>();
        private final ClassLoader loader;
        private final String description;
        private Path classesDirectory;

        Compiled(Compilation compilation, ClassLoader parent, String description) {
            this.compilation = compilation;
            this.description = description;
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    try (InputStream in = file.openInputStream()) {
                        classBytes.put(binaryName(file), in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            for (JavaFileObject file : compilation.generatedSourceFiles()) {
                try {
                    generatedSources.put(
                            sourceName(file), file.getCharContent(true).toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            this.loader = new BytesClassLoader(parent, classBytes);
        }

        public Compilation compilation() {
            return compilation;
        }

        public ClassLoader classLoader() {
            return loader;
        }

        /** Diagnostics, inputs and generated sources, for failure messages. */
        public String description() {
            return description;
        }

        /** Binary names ({@code demo.Outer$Inner}) of every class file the compilation wrote. */
        public java.util.Set<String> classNames() {
            return java.util.Collections.unmodifiableSet(classBytes.keySet());
        }

        /** Whether the compilation wrote a class file for {@code binaryName}. */
        public boolean hasClass(String binaryName) {
            return classBytes.containsKey(binaryName);
        }

        /** The bytes of a class file the compilation wrote. */
        public byte[] classFile(String binaryName) {
            byte[] b = classBytes.get(binaryName);
            if (b == null) {
                throw new AssertionError(
                        "no class file " + binaryName + " among " + classBytes.keySet() + "\n" + description);
            }
            return b.clone();
        }

        /** Loads a class the compilation wrote (or any class visible to the test). */
        public Class<?> load(String binaryName) {
            try {
                return Class.forName(binaryName, true, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(
                        "class " + binaryName + " not found; compiled classes: " + classBytes.keySet() + "\n"
                                + description,
                        e);
            }
        }

        /** The text of the generated source file for a top-level class, e.g. {@code demo.ModelsGrad}. */
        public String generatedSource(String qualifiedName) {
            String s = generatedSources.get(qualifiedName);
            if (s == null) {
                throw new AssertionError("no generated source for " + qualifiedName + "; generated: "
                        + generatedSources.keySet() + "\n" + description);
            }
            return s;
        }

        /** Qualified names of all generated source files. */
        public java.util.Set<String> generatedSourceNames() {
            return java.util.Collections.unmodifiableSet(generatedSources.keySet());
        }

        /** A directory holding every class file of this compilation, laid out by package. */
        public synchronized Path classesDirectory() {
            if (classesDirectory == null) {
                try {
                    Path dir = Files.createTempDirectory("adjoint-e2e-classes");
                    dir.toFile().deleteOnExit();
                    for (Map.Entry<String, byte[]> e : classBytes.entrySet()) {
                        Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
                        Files.createDirectories(file.getParent());
                        Files.write(file, e.getValue());
                    }
                    classesDirectory = dir;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return classesDirectory;
        }

        private static String binaryName(JavaFileObject file) {
            return nameIn(file, "CLASS_OUTPUT/", ".class");
        }

        private static String sourceName(JavaFileObject file) {
            return nameIn(file, "SOURCE_OUTPUT/", ".java");
        }

        /** compile-testing names outputs like mem:///CLASS_OUTPUT/demo/Models$Inner.class: demo.Models$Inner. */
        private static String nameIn(JavaFileObject file, String marker, String extension) {
            String path = file.toUri().getPath();
            int at = path.indexOf(marker);
            String rel = at >= 0 ? path.substring(at + marker.length()) : path.replaceFirst("^/+[^/]+/", "");
            if (rel.endsWith(extension)) {
                rel = rel.substring(0, rel.length() - extension.length());
            }
            return rel.replace('/', '.');
        }
    }

    private static final class BytesClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        BytesClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super("adjoint-e2e", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            // Child-first for the classes of this compilation, so that a library compiled earlier
            // never supplies a class this compilation also produced.
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name)) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
