package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.fuzz.Ast.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests of the fuzzer itself: generation is reproducible, generated programs pass the analyzer
 * and cover every control-flow construct, the analyzer rejects programs javac or the value bounds
 * would not allow, and simulated processor bugs (a wrong reverse gradient for every method that
 * calls {@code Math.cosh}, or that has a loop) are detected and shrunk to tiny programs.
 */
class FuzzerSelfTest {

    private static FuzzRunner.Config config(long seed, int count, int shrinks) {
        return new FuzzRunner.Config(seed, count, 40, 3, Feature.excluded(null), shrinks, 60_000, null);
    }

    @Test
    void generationIsReproducible() {
        FuzzRunner a = new FuzzRunner(config(42, 10, 0));
        FuzzRunner b = new FuzzRunner(config(42, 10, 0));
        for (int c = 0; c < 3; c++) {
            List<Method> ha = a.helpers(c);
            assertEquals(ha, b.helpers(c));
            for (int j = 0; j < 10; j++) {
                Method m = a.method(c, j, ha);
                assertEquals(m, b.method(c, j, ha));
                new Program(ha, m).validate(true);
            }
        }
    }

    @Test
    void simulatedBugIsFoundAndShrunk() {
        Checker.simulatedBug = m -> AstPrinter.print(m, true, "").contains("cosh(");
        try {
            // seed 7's programs as they were before RULES took a share of the calls: their shrunk
            // form is known to be small (the test checks the shrinker, not what is generated)
            java.util.Set<String> excluded = Feature.excluded(null);
            excluded.add(Feature.RULES.name());
            excluded.add(Feature.SELECTOR_SWITCH.name()); // likewise, before switches on String and enum fields
            FuzzRunner.Report report =
                    new FuzzRunner(new FuzzRunner.Config(7, 80, 40, 3, excluded, 1, 60_000, null)).run();
            assertFalse(report.found().isEmpty(), "the simulated bug was not found");
            FuzzRunner.Found f = report.found().get(0);
            assertEquals(Checker.Kind.GRADIENT, f.failure().kind());
            assertNotNull(f.shrunk(), "not shrunk");
            Method small = f.shrunk().program().method();
            String text = f.report(7);
            assertTrue(AstPrinter.print(small, true, "").contains("cosh("), text);
            int size = AstWalk.size(small.ret()) + small.body().size();
            assertTrue(size <= 4, "shrunk program is not small:\n" + text);
            assertTrue(f.shrunk().program().helpers().isEmpty(), text);
            System.out.println("[fuzz self-test] " + text);
        } finally {
            Checker.simulatedBug = null;
        }
    }

    @Test
    void controlFlowConstructsAreGenerated() {
        FuzzRunner a = new FuzzRunner(config(11, 40, 0));
        StringBuilder all = new StringBuilder();
        int cf = 0;
        int total = 0;
        int fallback = 0;
        int retLocal = 0;
        // every construct must show up in this sample; it grows with the generator's features
        for (int c = 0; c < 12; c++) {
            List<Method> hs = a.helpers(c);
            for (int j = 0; j < 40; j++) {
                Method m = a.method(c, j, hs);
                new Program(hs, m).validate(true);
                total++;
                cf += AstWalk.hasControlFlow(m.body()) ? 1 : 0;
                fallback += m.body().isEmpty() && m.ret().equals(new Ast.Ref("x")) ? 1 : 0;
                java.util.Set<String> inRet = new java.util.HashSet<>();
                AstWalk.names(m.ret(), inRet);
                java.util.Set<String> locals = new java.util.HashSet<>(AstWalk.names(m));
                m.params().forEach(p -> locals.remove(p.name()));
                retLocal += inRet.stream().anyMatch(n -> locals.contains(n) && n.length() <= 2) ? 1 : 0;
                all.append(AstPrinter.print(m, true, "")).append('\n');
            }
        }
        String text = all.toString();
        for (String construct : List.of(
                "if (",
                "} else {",
                "} else if (",
                "for (int ",
                "for (double ",
                "for (double[] ",
                "while (",
                "do {",
                "} while (",
                "break;",
                "continue;",
                "break outer;",
                "return ",
                "[i] = ",
                "new double[",
                "wrt = ",
                "int[] ",
                "++;",
                "switch (label",
                "switch (pick",
                "[base + ")) {
            assertTrue(text.contains(construct), "never generated: " + construct);
        }
        assertTrue(cf > total / 3 && cf < total * 9 / 10, "control flow in " + cf + " of " + total + " methods");
        assertTrue(fallback < total / 20, "generation gave up on " + fallback + " of " + total + " methods");
        assertTrue(
                retLocal > total / 5,
                "only " + retLocal + " of " + total + " methods return an expression of their locals");
    }

    @Test
    void analyzerFollowsControlFlow() {
        Analyzer an = new Analyzer(true);
        Ast.Param x = new Ast.Param(Ast.T.DOUBLE, "x");
        Ast.Expr a = new Ast.Ref("a");
        // a = a * a * 3 five times overflows the analyzer's magnitude bound: rejected
        Ast.Stmt grow = new Ast.For(
                null,
                "i",
                lit(0),
                "<",
                lit(5),
                1,
                0,
                null,
                List.of(new Ast.Assign(
                        "a",
                        "=",
                        new Ast.Binary("*", new Ast.Binary("*", a, a), new Ast.Lit(Ast.T.DOUBLE, "3.0", 3)))));
        Method bad = new Method("g", List.of(x), List.of(new Ast.Decl("double", "a", new Ast.Ref("x")), grow), a);
        assertThrows(Analyzer.Invalid.class, () -> an.method(bad));
        // the same loop with a = tanh(a * 3) is accepted, and a stays in [-2, 2]
        Ast.Stmt squash = new Ast.For(
                null,
                "i",
                lit(0),
                "<",
                lit(5),
                1,
                0,
                null,
                List.of(new Ast.Assign(
                        "a", "=", new Ast.Call("Math", "tanh", List.of(new Ast.Binary("*", a, lit(3)))))));
        Method good = new Method("g", List.of(x), List.of(new Ast.Decl("double", "a", new Ast.Ref("x")), squash), a);
        Analyzer.Info r = an.method(good);
        assertTrue(r.lo() >= -2 && r.hi() <= 2, r.toString());
        // a statement after break is unreachable (javac rejects it); break outside a loop too
        Method unreachable = new Method(
                "g",
                List.of(x),
                List.of(new Ast.For(
                        null,
                        "i",
                        lit(0),
                        "<",
                        lit(2),
                        1,
                        0,
                        null,
                        List.of(new Ast.Jump("break", null), new Ast.Assign("x", "=", lit(1))))),
                new Ast.Ref("x"));
        assertThrows(Analyzer.Invalid.class, () -> an.method(unreachable));
        Method outside = new Method(
                "g",
                List.of(x),
                List.of(new Ast.If(
                        new Ast.Binary("<", new Ast.Ref("x"), lit(0)),
                        List.of(new Ast.Jump("break", null)),
                        List.of())),
                new Ast.Ref("x"));
        assertThrows(Analyzer.Invalid.class, () -> an.method(outside));
        // a value joined over a branch (conditions do not narrow): if (x < 0) a = 10 * x; gives a in [-20, 20]
        Method branch = new Method(
                "g",
                List.of(x),
                List.of(
                        new Ast.Decl("double", "a", new Ast.Ref("x")),
                        new Ast.If(
                                new Ast.Binary("<", new Ast.Ref("x"), lit(0)),
                                List.of(new Ast.Assign("a", "=", new Ast.Binary("*", lit(10), new Ast.Ref("x")))),
                                List.of())),
                a);
        Analyzer.Info b = an.method(branch);
        assertEquals(-20.0, b.lo());
        assertEquals(20.0, b.hi());
    }

    private static Ast.Lit lit(int v) {
        return new Ast.Lit(Ast.T.INT, Integer.toString(v), v);
    }

    @Test
    void simulatedLoopBugIsShrunkToASmallLoop() {
        Checker.simulatedBug = m -> AstPrinter.print(m, true, "").contains("for (");
        try {
            FuzzRunner.Report report = new FuzzRunner(config(5, 80, 1)).run();
            assertFalse(report.found().isEmpty(), "the simulated bug was not found");
            FuzzRunner.Found f = report.found().get(0);
            assertNotNull(f.shrunk(), "not shrunk");
            Method small = f.shrunk().program().method();
            String text = f.report(5);
            assertTrue(AstPrinter.print(small, true, "").contains("for ("), text);
            int size = AstWalk.size(small.ret()) + AstWalk.countStmts(small.body());
            assertTrue(size <= 5, "shrunk program is not small:\n" + text);
            System.out.println("[fuzz self-test] " + text);
        } finally {
            Checker.simulatedBug = null;
        }
    }

    @Test
    void excludeParsesFeaturesAndFunctions() {
        Set<String> ex = Feature.excluded("ARRAYS, fma,conditional");
        assertTrue(ex.containsAll(Set.of("ARRAYS", "fma", "CONDITIONAL")), ex.toString());
    }
}
