package dev.adjoint.processor.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.Differentiable;
import dev.adjoint.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/API.md marks each addition of 2026-12 as implemented or not; this test probes the code for
 * each, so the document cannot fall behind: an addition that lands fails here until its heading
 * (and the sentence saying none is implemented) is brought up to date.
 */
class ApiDocumentTest {
    private static final String NOT_YET = " — not implemented";
    private static final String NONE_YET = "Today none is implemented";

    /** Each addition's heading (without its mark), and how to tell from the code whether it landed. */
    private static final Map<String, BooleanSupplier> ADDITIONS = Map.of(
            "Vector-valued methods: Jacobians",
            () -> compiles("@Differentiable static double[] f(double x) { return new double[] {x}; }"),
            "Second order: Hessian-vector products and Hessians",
            () -> Stream.of(Differentiable.class.getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals("order")),
            "Custom derivatives: `@DerivativeOf`",
            () -> exists("dev.adjoint.DerivativeOf"),
            "Instance methods",
            () -> compiles("@Differentiable double f(double x) { return x * x; }"),
            "Checkpointed time loops: `@Checkpointed`",
            () -> exists("dev.adjoint.Checkpointed"));

    @Test
    void eachAdditionIsMarkedAsTheCodeStands() {
        String api = read();
        List<String> wrong = new ArrayList<>();
        boolean anyImplemented = false;
        for (var addition : ADDITIONS.entrySet()) {
            boolean implemented = addition.getValue().getAsBoolean();
            anyImplemented |= implemented;
            String heading = "### " + addition.getKey();
            List<String> lines = api.lines().filter(l -> l.startsWith(heading)).toList();
            if (lines.size() != 1) {
                wrong.add("no single heading \"" + heading + "\" in docs/API.md: " + lines);
            } else if (implemented == lines.get(0).endsWith(NOT_YET)) {
                wrong.add(lines.get(0) + (implemented ? ": it is implemented now" : ": it is not implemented yet"));
            }
        }
        if (anyImplemented && api.contains(NONE_YET)) wrong.add("docs/API.md says \"" + NONE_YET + "\"");
        if (!anyImplemented && !api.contains(NONE_YET)) wrong.add("docs/API.md should say \"" + NONE_YET + "\"");
        assertEquals(List.of(), wrong);
    }

    @Test
    void theProbesCanTellBothWays() {
        assertEquals(true, compiles("@Differentiable static double f(double x) { return x * x; }"));
        assertEquals(true, exists("dev.adjoint.Differentiable"));
    }

    private static boolean compiles(String member) {
        String source = "package demo;\nimport dev.adjoint.Differentiable;\nfinal class Probe {\n" + member + "\n}\n";
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Probe", source));
        return c.status() == Compilation.Status.SUCCESS;
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String read() {
        try {
            return Files.readString(DocumentsTest.ROOT.resolve("docs/API.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
