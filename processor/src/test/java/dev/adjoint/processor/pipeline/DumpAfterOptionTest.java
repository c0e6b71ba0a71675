package dev.adjoint.processor.pipeline;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.DifferentiableProcessor;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code -Aadjoint.dumpAfter}: the graph after the passes named, as notes a developer can read and compare. */
class DumpAfterOptionTest {
    private static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Passes {
        @Differentiable
        static double passes(double[] x) {
          double[] a = new double[x.length];
          for (int i = 0; i < a.length; i++) a[i] = x[i] * x[i];
          for (int i = 0; i < a.length; i++) a[i] = 0.5 * a[i] + Math.sin(x[i]);
          double s = 0;
          for (int i = 0; i < a.length; i++) s += a[i] * a[i];
          return s;
        }
      }
      """;

    private static Compilation compile(String option) {
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-Aadjoint.dumpAfter=" + option)
                .compile(JavaFileObjects.forSourceString("demo.Passes", SOURCE));
    }

    private static List<String> notes(Compilation c) {
        return c.notes().stream()
                .map(d -> d.getMessage(Locale.ROOT))
                .filter(m -> m.contains("graph after"))
                .toList();
    }

    private static long loops(String dump) {
        return dump.lines().filter(l -> l.contains(" = loop(")).count();
    }

    @Test
    void theDumpsShowLoopFusionTurningThreeLoopsIntoOne() {
        Compilation c = compile("Pruning, loopfusion");
        assertThat(c).succeeded();
        List<String> dumps = notes(c);
        assertEquals(5, dumps.size(), "the primal's two prunings, fusion, and each mode's pruning: " + dumps);
        String before = dumps.get(0), fused = dumps.get(1);
        assertTrue(before.startsWith("demo.Passes.passes: graph after Pruning (primal):"), before);
        assertTrue(fused.startsWith("demo.Passes.passes: graph after LoopFusion (primal):"), fused);
        assertEquals(3, loops(before), before);
        assertEquals(1, loops(fused), fused);
    }

    @Test
    void theDumpIsTheSameEveryTime() {
        assertEquals(notes(compile("ReverseMode")), notes(compile("ReverseMode")));
    }

    @Test
    void aNameNoPassHasIsReported() {
        Compilation c = compile("Fusion");
        assertThat(c).succeeded();
        List<String> warnings =
                c.warnings().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
        assertTrue(
                warnings.stream().anyMatch(w -> w.contains("no pass is named Fusion") && w.contains("LoopFusion")),
                warnings.toString());
    }

    @Test
    void withoutTheOptionNothingIsPrinted() {
        Compilation c = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Passes", SOURCE));
        assertThat(c).succeeded();
        List<Diagnostic<? extends JavaFileObject>> notes = List.copyOf(c.notes());
        assertTrue(notes.stream().noneMatch(d -> d.getMessage(Locale.ROOT).contains("graph after")), notes.toString());
    }
}
