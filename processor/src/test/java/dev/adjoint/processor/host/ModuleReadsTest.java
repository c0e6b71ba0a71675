package dev.adjoint.processor.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated class carries {@code @Generated} exactly when the user's module reads
 * {@code java.compiler}: always on the class path, through {@code requires java.se} (which passes
 * it on transitively), and not in a module that requires only Adjoint's (which then compiles with
 * no {@code requires java.compiler}).
 */
class ModuleReadsTest {

    static final String MODEL = """
      package m;

      import dev.adjoint.Differentiable;

      public final class Model {
        @Differentiable
        public static double square(double x) {
          return x * x;
        }
      }
      """;

    @Test
    void aModuleThatDoesNotReadJavaCompilerGetsNoGeneratedAnnotation(@TempDir Path dir) throws IOException {
        String generated = compileModule(dir, "requires static dev.adjoint.annotations; requires dev.adjoint.runtime;");
        assertFalse(generated.contains("@Generated"), generated);
    }

    @Test
    void aModuleThatReadsJavaCompilerThroughJavaSeGetsIt(@TempDir Path dir) throws IOException {
        String generated = compileModule(
                dir, "requires java.se; requires static dev.adjoint.annotations; requires dev.adjoint.runtime;");
        assertTrue(generated.contains("@Generated(\"dev.adjoint.processor.DifferentiableProcessor\")"), generated);
    }

    /** Compiles module {@code m} (strict) with the processor; returns the generated source. */
    private static String compileModule(Path dir, String requires) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("m"));
        Files.writeString(src.resolve("module-info.java"), "module m { " + requires + " }\n");
        Files.writeString(src.resolve("m/Model.java"), MODEL);
        Path out = Files.createDirectories(dir.resolve("out"));
        // the annotations' and the runtime's classes, as the tests see them, form the module path
        String modulePath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("annotations") || e.contains("runtime"))
                .filter(e -> !e.contains("processor"))
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(
                    diagnostics,
                    files,
                    null,
                    List.of(
                            "-Xlint:all",
                            "-Werror",
                            "--module-path",
                            modulePath,
                            "-d",
                            out.toString(),
                            "-s",
                            out.toString()),
                    null,
                    files.getJavaFileObjects(src.resolve("module-info.java"), src.resolve("m/Model.java")));
            task.setProcessors(List.of(new DifferentiableProcessor()));
            assertTrue(task.call(), diagnostics.toString());
        }
        return Files.readString(out.resolve("m/ModelGrad.java"));
    }
}
